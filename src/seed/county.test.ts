import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPGlite, type Database } from '../platform/db/database.js';
import { migrateToLatest } from '../platform/db/migrate.js';
import { isDefinedValue, type ListId } from '../platform/cld/index.js';
import { isValidNhsNumber } from '../platform/identifiers/nhs-number.js';
import { demoCouncil, seedOrganisation } from './organisation.js';
import { seedCounty, type CountyOptions } from './county.js';
import { NEXT_STEP_DAYS } from './generate/events.js';
import { addDays } from './generate/dates.js';

const asOf = '2026-06-30';

// One embedded database for the suite (opening PGlite is the slow part): each county is seeded into
// its own organisation, since council ids and NHS numbers are unique per organisation.
let database: Database;
let councils = 0;
beforeAll(async () => {
  database = await openPGlite();
  await migrateToLatest(database.db);
}, 180_000);
afterAll(async () => {
  await database.close();
});

async function seeded(opts: Omit<CountyOptions, 'asOf'>): Promise<string> {
  councils += 1;
  const council = { ...demoCouncil, name: `Test council ${councils}`, ods_code: `TEST${councils}` };
  const org = await seedOrganisation(database.db, { accounts: [], council });
  await seedCounty(database.db, org, { ...opts, asOf });
  return org.orgId;
}

const peopleOf = (orgId: string) =>
  database.db
    .selectFrom('person')
    .select(['council_person_id', 'given_name', 'family_name', 'nhs_number', 'date_of_birth', 'postcode'])
    .where('org_id', '=', orgId)
    .orderBy('council_person_id')
    .execute();

describe('seedCounty', () => {
  let first: string;
  let second: string;
  beforeAll(async () => {
    first = await seeded({ scale: 'small', seed: 7, count: 300 });
    second = await seeded({ scale: 'small', seed: 7, count: 300 });
  }, 120_000);

  it('gives the same people for the same seed, and different people for another seed', async () => {
    const a = await peopleOf(first);
    expect(a.length).toBe(311);
    expect(await peopleOf(second)).toEqual(a);
    const other = await seeded({ scale: 'small', seed: 8, count: 300 });
    expect((await peopleOf(other)).map((p) => p.family_name)).not.toEqual(a.map((p) => p.family_name));
  });

  it('gives every person a valid, unique NHS number (or none), and council ids below the app sequence', async () => {
    const people = await peopleOf(first);
    const numbers = people.map((p) => p.nhs_number).filter((n): n is string => n !== null);
    expect(numbers.length).toBeGreaterThan(people.length * 0.9);
    for (const n of numbers) expect(isValidNhsNumber(n), n).toBe(true);
    expect(new Set(numbers).size).toBe(numbers.length);
    for (const p of people) expect(Number(p.council_person_id.slice(1))).toBeLessThan(100_001);
  });

  it('records only current values of each column’s list (CLD, or local where CLD publishes none)', async () => {
    const checks: [table: 'person' | 'person_event' | 'relationship', column: string, list: ListId][] = [
      ['person', 'gender', 'gender'],
      ['person', 'ethnicity', 'ethnicity'],
      ['person', 'accommodation_status', 'accommodationStatus'],
      ['person', 'employment_status', 'employmentStatus'],
      ['person', 'primary_support_reason', 'primarySupportReason'],
      ['person', 'client_type', 'clientType'],
      ['person', 'first_language', 'language'],
      ['person_event', 'event_type', 'eventType'],
      ['person_event', 'client_type', 'clientType'],
      ['person_event', 'event_outcome', 'eventOutcome'],
      ['person_event', 'route_of_access', 'routeOfAccess'],
      ['person_event', 'assessment_type', 'assessmentType'],
      ['person_event', 'eligible_needs_identified', 'eligibleNeedsIdentified'],
      ['person_event', 'method_of_assessment', 'methodOfAssessment'],
      ['person_event', 'service_type', 'serviceType'],
      ['person_event', 'service_component', 'serviceComponent'],
      ['person_event', 'delivery_mechanism', 'deliveryMechanism'],
      ['person_event', 'review_reason', 'reviewReason'],
      ['person_event', 'review_outcomes_achieved', 'reviewOutcomesAchieved'],
      ['person_event', 'method_of_review', 'methodOfReview'],
      ['person_event', 'cost_frequency', 'costFrequencyUnitType'],
      ['relationship', 'relationship_type', 'relationshipType'],
    ];
    for (const [table, column, list] of checks) {
      const rows = (await database.db
        .selectFrom(table)
        // eslint-disable-next-line @typescript-eslint/no-explicit-any -- column names vary per check; kysely cannot type a dynamic column
        .select(`${column} as value` as any)
        .where('org_id', '=', first)
        .distinct()
        .execute()) as { value: string | null }[];
      const values = rows.map((r) => r.value).filter((v): v is string => v !== null);
      expect(values.length, `${table}.${column} has values`).toBeGreaterThan(0);
      for (const value of values) expect(isDefinedValue(list, value), `${table}.${column} = ${value}`).toBe(true);
    }
  });

  it('builds histories that read in order: mostly older people, events within their lives, a couple of dozen events at most each', async () => {
    const people = await database.db
      .selectFrom('person')
      .select(['id', 'date_of_birth', 'date_of_death'])
      .where('org_id', '=', first)
      .execute();
    const older = people.filter((p) => p.date_of_birth <= '1961-06-30').length;
    expect(older / people.length).toBeGreaterThan(0.55);
    const bad = await database.db
      .selectFrom('person_event as e')
      .innerJoin('person as p', 'p.id', 'e.person_id')
      .select('e.id')
      .where((eb) =>
        eb.or([
          eb('e.start_date', '>', asOf),
          eb('e.start_date', '<', eb.ref('p.date_of_birth')),
          eb('e.start_date', '>', eb.ref('p.date_of_death')),
        ]),
      )
      .execute();
    expect(bad).toEqual([]);
    const counts = await database.db
      .selectFrom('person_event')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('org_id', '=', first)
      .executeTakeFirstOrThrow();
    expect(Number(counts.n) / people.length).toBeGreaterThan(5);
  });
});

interface ChainEvent {
  id: string;
  person_id: string;
  event_type: string;
  start_date: string;
  end_date: string | null;
  event_outcome: string | null;
  service_type: string | null;
  last_day: string;
}

/** What must follow an outcome that is a next step, for SALT to find it as the sequel (cld.md §4.9, §5.1). */
const nextStepFor: Record<string, (e: ChainEvent) => boolean> = {
  'Progress to reablement/ST-Max': (e) => e.event_type === 'Service' && e.service_type === 'Short term support: ST-Max',
  'Progress to assessment, review or reassessment': (e) => e.event_type === 'Assessment' || e.event_type === 'Review',
  'Progress to support planning or services': (e) => e.event_type === 'Service',
};

/**
 * Every event whose outcome is a next step must be followed by that step starting within
 * NEXT_STEP_DAYS of its end (SALT's chain tolerance is three days), unless the history stops first
 * (death, or the day the county was generated). Returns the events that break their chain.
 */
function brokenChains(events: ChainEvent[]): string[] {
  const byPerson = new Map<string, ChainEvent[]>();
  for (const e of events) byPerson.set(e.person_id, [...(byPerson.get(e.person_id) ?? []), e]);
  const broken: string[] = [];
  for (const e of events) {
    const isNext = e.event_outcome ? nextStepFor[e.event_outcome] : undefined;
    if (!isNext || e.end_date === null) continue;
    const by = addDays(e.end_date, NEXT_STEP_DAYS);
    if (by > e.last_day) continue;
    const followed = byPerson
      .get(e.person_id)!
      .some((n) => n.id !== e.id && n.start_date >= e.end_date! && n.start_date <= by && isNext(n));
    if (!followed) broken.push(`${e.event_type} ${e.start_date}–${e.end_date} (${e.event_outcome}) of ${e.person_id}`);
  }
  return broken;
}

describe('the generated chronology (small county)', () => {
  let orgId: string;
  beforeAll(async () => {
    orgId = await seeded({ scale: 'small', seed: 11, count: 400 });
  }, 120_000);

  it('follows every next-step outcome with that step within three days, so no chain breaks (§4.7, §4.9)', async () => {
    const events = await database.db
      .selectFrom('person_event as e')
      .innerJoin('person as p', 'p.id', 'e.person_id')
      .select([
        'e.id',
        'e.person_id',
        'e.event_type',
        'e.start_date',
        'e.end_date',
        'e.event_outcome',
        'e.service_type',
      ])
      .select((eb) => eb.fn.coalesce('p.date_of_death', eb.val(asOf)).as('last_day'))
      .where('e.org_id', '=', orgId)
      .execute();
    const withNextStep = events.filter((e) => e.event_outcome !== null && e.event_outcome in nextStepFor);
    expect(withNextStep.length).toBeGreaterThan(500);
    expect(brokenChains(events as ChainEvent[])).toEqual([]);
  });

  it('gives financial assessments no outcome, and long-term support its costs where rule C asks', async () => {
    const financial = await database.db
      .selectFrom('person_event')
      .select('event_outcome')
      .where('org_id', '=', orgId)
      .where('assessment_type', '=', 'Financial assessment')
      .execute();
    expect(financial.length).toBeGreaterThan(0);
    expect(financial.every((e) => e.event_outcome === null)).toBe(true);
    const directPayments = await database.db
      .selectFrom('person_event')
      .select(['unit_cost_pence', 'cost_frequency', 'planned_units_per_week'])
      .where('org_id', '=', orgId)
      .where('delivery_mechanism', '=', 'Direct payment')
      .execute();
    expect(directPayments.length).toBeGreaterThan(0);
    for (const e of directPayments) expect(Object.values(e)).not.toContain(null);
  });

  it('records carers’ events as carers’, linked to the person they care for', async () => {
    const carers = await database.db
      .selectFrom('person_event')
      .select(['person_id', 'linked_person_ids'])
      .where('org_id', '=', orgId)
      .where('client_type', '=', 'Unpaid carer')
      .execute();
    expect(carers.length).toBeGreaterThan(0);
    for (const e of carers) {
      expect(e.linked_person_ids.length).toBeGreaterThan(0);
      expect(e.linked_person_ids).not.toContain(e.person_id);
    }
  });
});

describe('seedCounty at tiny scale', () => {
  let orgId: string;
  beforeAll(async () => {
    orgId = await seeded({ scale: 'tiny', seed: 1 });
  }, 60_000);

  it('is the scenario people only, with Mr Jones providing care for Mrs Jones but declining the word carer', async () => {
    const people = await database.db
      .selectFrom('person')
      .select(['id', 'given_name', 'family_name'])
      .where('org_id', '=', orgId)
      .execute();
    expect(people).toHaveLength(11);
    const harold = people.find((p) => p.given_name === 'Harold' && p.family_name === 'Jones');
    const edna = people.find((p) => p.given_name === 'Edna' && p.family_name === 'Jones');
    expect(harold && edna).toBeTruthy();
    const onEdnasRecord = await database.db
      .selectFrom('relationship')
      .selectAll()
      .where('person_id', '=', edna!.id)
      .where('related_person_id', '=', harold!.id)
      .executeTakeFirstOrThrow();
    expect(onEdnasRecord).toMatchObject({
      relationship_type: 'spouse-or-partner',
      other_provides_care: true,
      carer_label: 'declined',
    });
    const ednasEvents = await database.db
      .selectFrom('person_event')
      .select('event_type')
      .where('person_id', '=', edna!.id)
      .orderBy('start_date')
      .execute();
    expect(ednasEvents.map((e) => e.event_type)).toEqual([
      'Request',
      'Assessment',
      'Request',
      'Service',
      'Assessment',
      'Service',
      'Service',
      'Review',
    ]);
  });

  it('tells the scenario stories in their events: carers linked, Mrs N switching part of her budget with no gap', async () => {
    const person = async (given: string, family: string) =>
      (
        await database.db
          .selectFrom('person')
          .select('id')
          .where('org_id', '=', orgId)
          .where('given_name', '=', given)
          .where('family_name', '=', family)
          .executeTakeFirstOrThrow()
      ).id;
    const events = (id: string) =>
      database.db
        .selectFrom('person_event')
        .selectAll()
        .where('person_id', '=', id)
        .orderBy('start_date')
        .orderBy('service_component')
        .execute();
    const chain = await database.db
      .selectFrom('person_event as e')
      .innerJoin('person as p', 'p.id', 'e.person_id')
      .select([
        'e.id',
        'e.person_id',
        'e.event_type',
        'e.start_date',
        'e.end_date',
        'e.event_outcome',
        'e.service_type',
      ])
      .select((eb) => eb.fn.coalesce('p.date_of_death', eb.val(asOf)).as('last_day'))
      .where('e.org_id', '=', orgId)
      .execute();
    expect(brokenChains(chain as ChainEvent[])).toEqual([]);

    const mrM = await person('Maurice', 'Marsh');
    const mrsM = await person('Marion', 'Marsh');
    for (const e of await events(mrM))
      expect(e).toMatchObject({ client_type: 'Unpaid carer', linked_person_ids: [mrsM] });
    for (const e of await events(mrsM)) expect(e).toMatchObject({ client_type: 'Service user', linked_person_ids: [] });

    const services = (await events(await person('Nirmala', 'Nair'))).filter((e) => e.event_type === 'Service');
    const ended = services.find((e) => e.end_date !== null)!;
    const switched = services.filter((e) => e.start_date === addDays(ended.end_date!, 1));
    expect(switched.map((e) => e.delivery_mechanism).sort()).toEqual([
      'CASSR managed personal budget',
      'Direct payment',
    ]);
    expect(services.filter((e) => e.end_date === null && e.service_component === 'Direct payment')).toHaveLength(1);
  });

  it('records Mrs N\u2019s first language as Gujarati and that she needs an interpreter', async () => {
    const mrsN = await database.db
      .selectFrom('person')
      .select(['first_language', 'interpreter_needed'])
      .where('org_id', '=', orgId)
      .where('family_name', '=', 'Nair')
      .executeTakeFirstOrThrow();
    expect(mrsN).toEqual({ first_language: 'gu', interpreter_needed: true });
  });
});
