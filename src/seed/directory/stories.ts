import { sql, type Kysely } from 'kysely';
import type { DB } from '../../platform/db/schema.js';
import { stableUuid } from '../generate/random.js';

/**
 * "Images of possibility": short, anonymised accounts of how people used support or a budget,
 * rewritten in plain English from the case studies in the source documents (the Transforming Lives
 * case study and the personal budgets guide for older people). Names are initials and places are
 * left out. Tags describe the situation; kinds link each story to the directory's service kinds so
 * the public pages can show it beside related services. Bodies are paragraphs split by blank lines.
 */
export interface DemoStory {
  slug: string;
  title: string;
  summary: string;
  body: string[];
  tags: string[];
  kinds: string[];
}

export const demoStories: readonly DemoStory[] = [
  {
    slug: 'a-gardener-paid-by-a-small-payment',
    title: 'A gardener, paid for by a small payment',
    summary: 'Mr M cares for his wife, who has dementia. Help with the garden gave him back something he loves.',
    body: [
      'Mrs M is 81 and has Alzheimer’s disease. She becomes very anxious when her husband is out of sight, so Mr M rarely gets a break.',
      'When a social worker visited, she asked Mr M what mattered to him. He said his garden: he had always loved it, but it was becoming overgrown and that worried him.',
      'The council offered a small direct payment, without the need for a separate bank account. It pays a self-employed gardener for two hours a week. Mr M says it has made a big difference, and it was easy to arrange.',
    ],
    tags: ['carer', 'dementia', 'direct payment', 'older people'],
    kinds: ['direct-payment-support', 'carers-groups', 'dementia-support'],
  },
  {
    slug: 'planning-her-own-support',
    title: 'Planning her own support',
    summary: 'Mrs N, a retired music teacher who uses a wheelchair, planned how to spend her personal budget herself.',
    body: [
      'Mrs N is in her late sixties and lives with her husband in an adapted bungalow. She has arthritis and glaucoma and uses an electric wheelchair. Her husband has had two strokes.',
      'With a personal budget, she worked out what would make life better: carrying on with help to wash and dress, help with the garden and housework, shopping trips, and keeping her car in good order. She shopped around – quotes for cleaning the car ranged from £40 to £8.',
      'Help with planning was there if she wanted it, but she chose to do it herself, and to run her helpers’ payroll too. “It gave me a real sense of purpose,” she says. “Before, it felt as if people were doing me a favour. Now we work together.”',
    ],
    tags: ['personal budget', 'physical disability', 'support planning', 'older people'],
    kinds: ['independent-brokerage', 'direct-payment-support', 'payroll-managed-accounts'],
  },
  {
    slug: 'a-carers-break-with-peace-of-mind',
    title: 'A carer’s break, with peace of mind',
    summary:
      'Mrs L had not left her husband alone for years. Planned breaks mean she can shop, rest and see family again.',
    body: [
      'Mr L has serious memory problems after heart surgery and sometimes collapses without warning. His wife had cared for him for many years and had become afraid to leave him, even to go to the shops.',
      'When he was in hospital, the doctor noticed how much strain she was under. A social worker suggested a personal budget, and helped with everything, including the money.',
      'Now a carers’ charity sits with Mr L for four hours a week, and every other week a local agency cares for him for a whole day while Mrs L goes out to lunch with her daughter or visits her sister. Spare hours are saved for longer breaks. “It was just so worrying to leave him,” she says. Now she can go shopping with peace of mind.',
    ],
    tags: ['carer', 'short break', 'memory problems', 'personal budget'],
    kinds: ['short-breaks', 'carers-groups', 'home-care-agencies'],
  },
  {
    slug: 'an-hour-for-an-hour',
    title: 'An hour for an hour',
    summary:
      'Mr J cares for his wife, who has dementia. Through the timebank he gets help with the garden and teaches French in return.',
    body: [
      'Mr and Mrs J are in their eighties. Mrs J has dementia and Mr J does almost everything for her, though he does not think of himself as a carer. His own breathing is getting worse.',
      'A social care worker met them early, before anything went wrong. She talked with them, and their daughter, about what they would want to happen if Mr J became ill, and put them in touch with other couples living with dementia.',
      'Mr J joined a local carers’ group and the timebank. A neighbour from the timebank now helps with the garden he was struggling with, and Mr J, a retired teacher, pays his hours back by giving basic French lessons.',
    ],
    tags: ['carer', 'dementia', 'timebank', 'planning ahead', 'older people'],
    kinds: ['timebanks', 'carers-groups', 'dementia-support'],
  },
  {
    slug: 'helpers-who-speak-her-language',
    title: 'Helpers who speak her language',
    summary:
      'Mrs N, 97, speaks Gujarati. A direct payment pays for personal assistants who share her language and culture.',
    body: [
      'Mrs N is 97 and has short-term memory loss. She speaks Gujarati and is a strict vegetarian. Care from an agency had not worked: the carers could not talk with her and did not understand her way of life.',
      'With a direct payment on a payment card, she now employs personal assistants who speak Gujarati. They go shopping with her and help her cook fresh vegetables. Three times a week she goes to a day centre for Asian elders, where she meets friends and joins in festivals.',
      'Her granddaughter checks the card’s balance online. Mrs N knows she can hand the money back to the council to manage if she ever wants to.',
    ],
    tags: ['direct payment', 'personal assistant', 'language', 'culture', 'memory problems', 'older people'],
    kinds: ['personal-assistant-finders', 'day-opportunities', 'direct-payment-support'],
  },
  {
    slug: 'our-son-became-our-personal-assistant',
    title: 'Our son became our personal assistant',
    summary: 'Mr and Mrs B chose to employ their son with their direct payment, and ate well again.',
    body: [
      'Mr B had a stroke during an operation after a fall. He and his wife had been helping each other with support from their family, but they felt they were becoming a burden.',
      'After talking it over as a family, they used a direct payment to employ their son as their personal assistant, with their daughter-in-law helping with personal care.',
      'They had both lost weight, so together they started buying fresh fruit, vegetables, meat and fish. Mrs B is cooking again and passing on family recipes to her son. Instead of respite care apart, they used their budget for a supported holiday together.',
    ],
    tags: ['direct payment', 'personal assistant', 'family', 'stroke', 'older people'],
    kinds: ['personal-assistant-finders', 'direct-payment-support', 'short-breaks'],
  },
  {
    slug: 'back-to-the-temple',
    title: 'Back to the temple',
    summary:
      'A couple in a small village felt cut off. A direct payment paid for the travel that took them back to their community.',
    body: [
      'Mr and Mrs J live in a small village. As they needed more help, they felt more and more isolated: their children work long hours, and the services that suited their culture were in towns far away.',
      'They used a direct payment to arrange travel to their nearest temple. A support worker from an agency goes with them, and they combine the trip with shopping and other things they enjoy.',
    ],
    tags: ['isolation', 'transport', 'culture', 'direct payment', 'older people'],
    kinds: ['transport', 'day-opportunities', 'community-activities'],
  },
  {
    slug: 'market-day-again',
    title: 'Market day again',
    summary:
      'Mrs P, 90, borrowed a wheelchair and pays an agency worker to take her out, so she can choose her own fruit and vegetables.',
    body: [
      'Mrs P is 90, lives alone and is hard of hearing. Since a stroke she finds it hard to walk far. Her son lives a long way away.',
      'She used her direct payment to borrow a wheelchair so she can get to the shops, especially on market days, when she loves to browse and choose her own fruit and vegetables.',
      'She also pays an agency for a support worker to take her out. She did not want to be an employer, so the agency sends her a monthly bill instead.',
    ],
    tags: ['stroke', 'mobility', 'equipment', 'direct payment', 'living alone', 'older people'],
    kinds: ['equipment-assistive-technology', 'home-care-agencies', 'transport'],
  },
  {
    slug: 'someone-who-has-been-there',
    title: 'Someone who has been there',
    summary:
      'F cared for his wife and used a personal budget. Now, as a volunteer support broker, he helps other older people plan theirs.',
    body: [
      'F looked after his wife, who had a personal budget, so he knows what it is like. Now retired, he volunteers as a support broker, helping other older people plan how to use their budgets.',
      '“As a senior citizen working with a senior citizen, there is an unsaid trust,” he says. “My time is unlimited, so I can work at the person’s pace.”',
      'People he has helped say it has made them feel more secure and more confident to get out and meet people.',
    ],
    tags: ['peer support', 'support planning', 'carer', 'volunteering', 'older people'],
    kinds: ['independent-brokerage', 'peer-support'],
  },
  {
    slug: 'someone-she-already-knew',
    title: 'Someone she already knew',
    summary: 'Mrs J chose a direct payment and employed C, a friend from church, as her personal assistant.',
    body: [
      'Mrs J has rheumatoid arthritis and finds washing and cooking hard. She was offered care from the council’s home care service, or a direct payment for ten hours a week.',
      'She chose the direct payment and asked C, whom she knew from church, to be her personal assistant. They plan C’s visits together around Mrs J’s week, and enjoy cooking together. “It has worked out wonderfully,” she says.',
      'An adviser from the local direct payment support service helped her set it all up. She talks to the same person each time, and knows help is there if she needs it.',
    ],
    tags: ['direct payment', 'personal assistant', 'arthritis', 'older people'],
    kinds: ['direct-payment-support', 'personal-assistant-finders'],
  },
  {
    slug: 'their-choices-without-the-paperwork',
    title: 'Their choices, without the paperwork',
    summary:
      'A couple wanted to decide how their budget was spent but not to handle it. A local charity manages the money for them.',
    body: [
      'Mr and Mrs J want to decide for themselves how their personal budget is spent, but life is hard enough without paperwork.',
      'So their budget is held by a local charity, which pays the bills and makes day-to-day changes whenever the couple ask.',
      'Their plan includes equipment that makes moving around easier, and a sensor that alerts Mr J if his wife gets up in the night, so he can sleep better.',
    ],
    tags: ['managed account', 'personal budget', 'dementia', 'carer', 'technology'],
    kinds: ['payroll-managed-accounts', 'equipment-assistive-technology', 'dementia-support'],
  },
];

/** Store the stories for an organisation, linked to its service kind terms. Idempotent by slug. */
export async function seedStories(
  db: Kysely<DB>,
  orgId: string,
  seed: number,
  kinds: Map<string, string>,
): Promise<number> {
  for (const story of demoStories) {
    const termIds = story.kinds.map((code) => {
      const termId = kinds.get(code);
      if (!termId) throw new Error(`Story ${story.slug}: no service kind ${code}`);
      return termId;
    });
    await db
      .insertInto('directory_story')
      .values({
        id: stableUuid(seed, `${orgId}:directory:story:${story.slug}`),
        org_id: orgId,
        slug: story.slug,
        title: story.title,
        summary: story.summary,
        body: story.body.join('\n\n'),
        tags: story.tags,
        taxonomy_term_ids: sql<string[]>`${termIds}::uuid[]`,
        published: true,
      })
      .onConflict((oc) => oc.columns(['org_id', 'slug']).doNothing())
      .execute();
  }
  return demoStories.length;
}
