import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DB } from './../platform/db/schema.js';
import type { PlanContent } from '../modules/contingency-plans/index.js';
import type { SeededOrganisation } from './organisation.js';
import type { Tier1SeedOptions } from './tier1.js';
import { addDays, todayIso } from './generate/dates.js';

/** A helper named by the contact name of one of the person's relationships (the seed links them). */
interface HelperSeed {
  contact: string;
  does: string;
}
interface SupportSeed {
  what: string;
  providedBy: string;
  service?: string;
}
interface PlanSeed {
  nhs: string;
  agreedDaysAgo: number;
  reviewInDays: number;
  situations: [situation: string, whatShouldHappen: string][];
  wants: string;
  doesNotWant: string;
  increasesDistress: string;
  reducesDistress: string;
  helpers: HelperSeed[];
  /** A service by its name and number, or a member of the person's network (their number is the network's). */
  callList: ([name: string, phone: string, when: string | null] | { contact: string; when: string })[];
  support: SupportSeed[];
  agreedWithPerson: boolean;
  agreedWithOthers: string;
  /** Earlier wording, saved as version 1 so the history has something to show. */
  earlier?: Partial<Pick<PlanContent, 'doesNotWant' | 'wants'>>;
}

const DUTY = ['Fenland North duty team', '01632 960 100', 'First, any time in office hours'] as const;
const OUT_OF_HOURS = ['Fenshire out-of-hours social care', '01632 960 999', 'Evenings, nights and weekends'] as const;

const plans: PlanSeed[] = [
  {
    // S1 step 2: agreed with Harold, Edna and Carol before anything went wrong.
    nhs: '9990000026',
    agreedDaysAgo: 21,
    reviewInDays: 160,
    situations: [
      [
        'If Harold is admitted to hospital',
        'Edna stays at home. Carol comes that day and stays for the first nights; Pat and Dave next door sit with Edna until she arrives. Home support visits morning and evening from the next day, by the same two carers where possible. The crisis team calls Carol within four hours.',
      ],
      [
        'If Harold is unwell at home and cannot help Edna',
        'Short visits morning and evening to help Edna wash, dress and take her tablets, so Harold can rest. Carol phones every evening.',
      ],
    ],
    wants:
      'Edna wants to stay in her own home, with her own things around her, and to keep seeing Harold if he is in hospital (Carol drives her in).',
    doesNotWant:
      'No respite bed unless Carol cannot stay and home support cannot start within a day, and then only in a home Edna has visited.',
    increasesDistress:
      'New faces arriving without warning; the television loud in the evening; being rushed in the morning; being asked where Harold is again and again.',
    reducesDistress:
      'Her radio on Radio 2; tea in her own cup; looking at the photo album; the same carers each time, who introduce themselves at the door; a calm explanation that Harold is being looked after.',
    helpers: [
      {
        contact: 'Carol Jones',
        does: 'Comes that day and stays for the first nights; keeps the key list and Edna’s medicines chart; drives Edna to visit Harold.',
      },
      {
        contact: 'Pat and Dave Webb',
        does: 'Sit with Edna until Carol arrives; pop in each morning; have a spare key.',
      },
    ],
    callList: [
      { contact: 'Carol Jones', when: 'First, at any time' },
      [...DUTY],
      [...OUT_OF_HOURS],
      ['Riverside Medical Practice', '01632 960 200', 'About Edna’s medicines'],
    ],
    support: [
      { what: 'Home support twice a day, starting the day after an admission', providedBy: 'Nene Valley Care Ltd' },
      {
        what: 'Emergency cover so Carol can go home for a night',
        providedBy: 'Fenshire Carers’ Trust',
        service: 'Emergency Carer Cover%',
      },
      {
        what: 'Keep going to the memory café on Thursdays',
        providedBy: 'Fenshire Memory Matters',
        service: '%Memory Café%',
      },
    ],
    agreedWithPerson: true,
    agreedWithOthers: 'Harold Jones (husband), Carol Jones (daughter)',
    earlier: { doesNotWant: 'No respite bed.' },
  },
  {
    nhs: '9990000093',
    agreedDaysAgo: 45,
    reviewInDays: 135,
    situations: [
      [
        'If Leonard cannot carry on caring',
        'Short-term home support for Lilian’s personal care, morning and bedtime, while Leonard rests; a carer’s assessment for Leonard within two weeks.',
      ],
      [
        'If Lilian falls',
        'Leonard presses the pendant alarm; the response service comes. If she is not hurt, a falls review from the community team within a week.',
      ],
    ],
    wants: 'Lilian wants Leonard to stay her main help, with someone to take the heavy work off him.',
    doesNotWant: 'Lilian does not want to go into a care home, even for a short stay, unless Leonard is in hospital.',
    increasesDistress: 'Being hoisted by people she does not know; cold bathrooms.',
    reducesDistress: 'Leonard being in the room; warm towels; being told what is happening before it happens.',
    helpers: [{ contact: 'Leonard Lambert', does: 'Stays her main help; tells the team when he is too tired.' }],
    callList: [[...DUTY], [...OUT_OF_HOURS]],
    support: [{ what: 'Pendant alarm with a response service', providedBy: 'Fenshire Lifeline' }],
    agreedWithPerson: true,
    agreedWithOthers: 'Leonard Lambert (husband)',
  },
  {
    nhs: '9990000115',
    agreedDaysAgo: 70,
    reviewInDays: 110,
    situations: [
      [
        'If Maurice is admitted to hospital',
        'Marion’s friend from the memory café stays the first evening; sitting service in the evenings; home support in the morning.',
      ],
    ],
    wants: 'Marion wants to keep her routine: breakfast at eight, the garden in the afternoon.',
    doesNotWant: 'No move away from home without Maurice being asked.',
    increasesDistress: 'Changes of routine; being left alone after dark.',
    reducesDistress: 'The garden; music from the 1960s; a familiar voice on the phone.',
    helpers: [{ contact: 'Maurice Marsh', does: 'Tells the team as soon as he knows he is going into hospital.' }],
    callList: [[...DUTY], [...OUT_OF_HOURS]],
    support: [
      { what: 'Evening sitting service', providedBy: 'Fenshire Carers’ Trust', service: 'Carers’ Sitting Service%' },
    ],
    agreedWithPerson: true,
    agreedWithOthers: 'Maurice Marsh (husband)',
  },
  {
    nhs: '9990000077',
    agreedDaysAgo: 100,
    reviewInDays: 80,
    situations: [
      [
        'If Sheila is ill or away',
        'The agency’s regular personal assistant covers extra hours; Sheila’s sister phones Joan each day.',
      ],
    ],
    wants: 'Joan wants to choose who helps her, and to be asked, even when it takes longer.',
    doesNotWant: 'Joan does not want people she has not met coming into her bedroom.',
    increasesDistress: 'Paperwork; people talking about her in front of her.',
    reducesDistress: 'Being spoken to directly; her cat; a cup of tea before anything is discussed.',
    helpers: [{ contact: 'Sheila Parr', does: 'Manages the direct payment and arranges cover with the agency.' }],
    callList: [[...OUT_OF_HOURS]],
    support: [
      {
        what: 'Extra personal assistant hours from the agency',
        providedBy: 'The agency that employs Joan’s personal assistant',
      },
    ],
    agreedWithPerson: true,
    agreedWithOthers: 'Sheila Parr (friend, holds enduring power of attorney)',
  },
];

/** A stable uuid from text, so a seeded situation keeps the same key on every run with the same seed. */
function stableUuid(text: string): string {
  const h = createHash('sha256').update(text).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/**
 * Contingency plans for the scenario people (S1's Jones plan first), written as the database owner.
 * People missing from a smaller county are skipped; everything else is fixed text and dates
 * counted from today, so the same seed gives the same plans.
 */
export async function seedContingencyPlans(
  db: Kysely<DB>,
  org: SeededOrganisation,
  opts: Tier1SeedOptions,
): Promise<void> {
  const today = todayIso();
  const author = org.userIds['sam.practitioner'] ?? null;
  for (const seed of plans) {
    const person = await db
      .selectFrom('person')
      .select('id')
      .where('org_id', '=', org.orgId)
      .where('nhs_number', '=', seed.nhs)
      .executeTakeFirst();
    if (!person) continue;
    const network = await db
      .selectFrom('relationship as r')
      .leftJoin('person as p', 'p.id', 'r.related_person_id')
      .select(['r.id', 'r.contact_name', 'r.contact_phone', 'p.given_name', 'p.family_name'])
      .where('r.person_id', '=', person.id)
      .execute();
    const member = (name: string) => {
      const rel = network.find((r) => (r.contact_name ?? `${r.given_name} ${r.family_name}`) === name);
      if (!rel) throw new Error(`The seeded plan names ${name}, who is not in the person's network`);
      return { relationshipId: rel.id, name, phone: rel.contact_phone };
    };
    const helpers = seed.helpers.map((h) => ({ ...member(h.contact), does: h.does }));
    const callList = seed.callList.map((c) => {
      if (Array.isArray(c)) return { relationshipId: null, name: c[0], phone: c[1], when: c[2] };
      const m = member(c.contact);
      return { ...m, phone: m.phone ?? '', when: c.when };
    });
    const support = [];
    for (const s of seed.support) {
      const service = s.service
        ? await db
            .selectFrom('directory_service')
            .select(['id', 'name'])
            .where('org_id', '=', org.orgId)
            .where('name', 'like', s.service)
            .where('tl_withdrawn_at', 'is', null)
            .orderBy('name')
            .executeTakeFirst()
        : undefined;
      support.push({
        what: s.what,
        providedBy: s.providedBy,
        directoryServiceId: service?.id ?? null,
        directoryServiceName: service?.name ?? null,
      });
    }
    const agreedOn = addDays(today, -seed.agreedDaysAgo);
    const content: PlanContent = {
      situations: seed.situations.map(([situation, whatShouldHappen]) => ({
        key: stableUuid(`${opts.seed}:${seed.nhs}:${situation}`),
        situation,
        whatShouldHappen,
      })),
      wants: seed.wants,
      doesNotWant: seed.doesNotWant,
      increasesDistress: seed.increasesDistress,
      reducesDistress: seed.reducesDistress,
      helpers,
      callList,
      support,
      agreedWithPerson: seed.agreedWithPerson,
      agreedWithOthers: seed.agreedWithOthers,
      agreedOn,
      reviewDate: addDays(today, seed.reviewInDays),
    };
    const versions = seed.earlier
      ? [{ ...content, ...seed.earlier, agreedOn: addDays(agreedOn, -7) }, content]
      : [content];
    const plan = await db
      .insertInto('contingency_plan')
      .values({
        org_id: org.orgId,
        person_id: person.id,
        current_version: versions.length,
        created_by: author,
        updated_by: author,
        updated_at: new Date(),
      })
      .returning(['id'])
      .executeTakeFirstOrThrow();
    await db
      .insertInto('contingency_plan_version')
      .values(
        versions.map((v, i) => ({
          org_id: org.orgId,
          plan_id: plan.id,
          person_id: person.id,
          version: i + 1,
          content: JSON.stringify(v),
          agreed_on: v.agreedOn,
          review_date: v.reviewDate,
          created_by: author,
        })),
      )
      .execute();
  }
}
