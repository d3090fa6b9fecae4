import type { PlanEdit, PlanItem } from '../modules/planning/index.js';

/**
 * The demo county's draft support plans, as the scenario people would write them: George's (S4)
 * from his histories, his carers' appreciations and what is working and not working, with his dog
 * and his home adaptations; Mrs N's (S2) with three quotes for her gardening and car cleaning, none
 * chosen yet, so S2 can be played from there. No budget amounts: those come from the allocation (Mrs
 * N's agreed £213.00 a week, allocations.ts, is sized against these prices: the £40 quote is over it).
 */
type ProfileEdit = Extract<PlanEdit, { kind: 'profile' }>;
export type ProfileSeed = [key: ProfileEdit['key'], entry: NonNullable<ProfileEdit['entry']>];
export type ItemSeed = Omit<PlanItem, 'id' | 'directoryServiceId' | 'quotes' | 'units'> & {
  key: string;
  units?: number;
  quotes?: PlanItem['quotes'];
};
/** An outcome in the person's words, and the keys of the items that serve it. */
export type OutcomeSeed = [words: string, itemKeys: string[]];

export interface PlanSeed {
  key: string;
  nhs: string;
  profile: ProfileSeed[];
  items: ItemSeed[];
  outcomes: OutcomeSeed[];
}

const george: PlanSeed = {
  key: 'george',
  nhs: '9990000050',
  profile: [
    [
      'history',
      {
        writtenBy: 'person',
        fields: {
          text:
            'I drove lorries for forty years, all over Europe, and I always had a dog in the cab. ' +
            'Since the wheelchair I could not get to my bed, so I slept in the chair. I have not seen my family for years.',
        },
      },
    ],
    [
      'appreciations',
      {
        writtenBy: 'staff',
        fields: {
          text:
            '“George is the funniest man on my round: he always has a joke ready when I come in.” (Dawn, his carer)\n' +
            '“He never gives up, even on the bad days.” (Mo, district nurse)\n' +
            '“He knows every dog in the street by name.” (Liz, his social worker)',
        },
      },
    ],
    [
      'important',
      {
        writtenBy: 'person',
        fields: {
          to: 'Staying in my own bungalow. Having a dog again. A laugh with whoever comes.',
          for: 'Sleeping in his bed, not the wheelchair; a clean, safe home; clean clothes to get dressed in.',
        },
      },
    ],
    [
      'working',
      {
        writtenBy: 'staff',
        fields: {
          personWorking: 'Choosing when help comes, week by week, instead of visits at set times.',
          personNotWorking: 'I cannot get through the bedroom door in the chair.',
          familyWorking: 'George has no contact with his family; nothing recorded.',
          familyNotWorking: 'No contact with his family.',
          staffWorking: 'He is calmer when the same two carers come.',
          staffNotWorking: 'Carers could not go in safely while the home was unclean; he was at risk of eviction.',
        },
      },
    ],
    [
      'days',
      {
        writtenBy: 'person',
        fields: {
          good: 'A walk out with the dog, a chat over the fence, a night in my own bed.',
          bad: 'Visits at times I did not choose; being stuck indoors.',
        },
      },
    ],
  ],
  items: [
    {
      key: 'support',
      what: 'Help with personal care and keeping the house, hours varied week to week as George chooses',
      giver: 'other',
      giverName: 'Fenshire Home Support (bought by the council for George)',
      when: 'Most days; George decides each week',
      frequency: 'weekly',
      amountPence: 2240,
      units: 10,
      funding: 'personal_budget',
    },
    {
      key: 'adaptations',
      what: 'Home adaptations: a wider bedroom door and a ramp to the back garden',
      giver: 'other',
      giverName: 'Fenshire Home Improvement Agency',
      when: 'Before the end of March',
      frequency: 'one_off',
      amountPence: 185_000,
      funding: 'personal_budget',
    },
    {
      key: 'dog',
      what: 'Walks George’s dog every morning',
      giver: 'neighbour',
      giverName: 'Ray next door',
      when: 'Mornings, before Ray goes to work',
      frequency: 'weekly',
      amountPence: 0,
      funding: 'unpaid',
    },
  ],
  outcomes: [
    ['I want to sleep in my own bed again', ['adaptations', 'support']],
    ['I want a dog of my own, and to get out with him', ['dog', 'adaptations']],
  ],
};

const mrsN: PlanSeed = {
  key: 'mrsN',
  nhs: '9990000034',
  profile: [
    [
      'important',
      {
        writtenBy: 'person',
        fields: {
          to: 'Running my own home my way, and choosing who comes in. My garden, and my car kept clean for my grandson to drive me.',
          for: 'Help to wash and dress in the mornings, and her feet looked after.',
        },
      },
    ],
  ],
  items: [
    {
      key: 'care',
      what: 'Help to wash and dress in the mornings, paying only for the hours used',
      giver: 'other',
      giverName: 'A small local home care agency',
      when: 'Every morning',
      frequency: 'weekly',
      amountPence: 1980,
      units: 7,
      funding: 'personal_budget',
    },
    {
      key: 'garden',
      what: 'Gardening and cleaning the car',
      giver: 'other',
      giverName: 'Whichever quote Mrs N chooses',
      when: 'Every other Saturday',
      frequency: 'fortnightly',
      // No price until she chooses a quote: the chosen quote's price becomes the item's.
      amountPence: 0,
      funding: 'personal_budget',
      quotes: [
        { supplier: 'Village Odd Jobs', amountPence: 800, chosen: false },
        { supplier: 'Greenway Gardens', amountPence: 2500, chosen: false },
        { supplier: 'Sparkle Car and Garden Care', amountPence: 4000, chosen: false },
      ],
    },
    {
      key: 'shopping',
      what: 'Shopping trips with her grandson as her personal assistant, at student rates',
      giver: 'personal_assistant',
      giverName: 'Her grandson',
      when: 'Thursday afternoons',
      frequency: 'weekly',
      amountPence: 950,
      units: 3,
      funding: 'personal_budget',
    },
    {
      key: 'household',
      what: 'Household jobs: changing the beds, the heavier cleaning and the washing',
      giver: 'personal_assistant',
      giverName: 'A personal assistant she employs',
      when: 'Tuesday mornings',
      frequency: 'weekly',
      amountPence: 1150,
      units: 2,
      funding: 'personal_budget',
    },
    {
      key: 'chiropody',
      what: 'Chiropody at home',
      giver: 'other',
      giverName: 'A local chiropodist',
      when: 'First Monday of the month',
      frequency: 'monthly',
      amountPence: 3200,
      funding: 'personal_budget',
    },
  ],
  outcomes: [['I want to stay in charge of my own home and my own money', ['care', 'garden', 'shopping', 'household']]],
};

export const PLAN_SEEDS: readonly PlanSeed[] = [george, mrsN];
