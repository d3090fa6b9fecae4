import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPGlite, type Database } from '../platform/db/database.js';
import { migrateToLatest } from '../platform/db/migrate.js';
import { isDefinedValue, type ListId } from '../platform/cld/index.js';
import { isValidNhsNumber } from '../platform/identifiers/nhs-number.js';
import { demoCouncil, seedOrganisation } from './organisation.js';
import { seedCounty, type CountyOptions } from './county.js';

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

  it('records only current CLD values in every coded column', async () => {
    const checks: [table: 'person' | 'person_event' | 'relationship', column: string, list: ListId][] = [
      ['person', 'gender', 'gender'],
      ['person', 'ethnicity', 'ethnicity'],
      ['person', 'accommodation_status', 'accommodationStatus'],
      ['person', 'employment_status', 'employmentStatus'],
      ['person', 'primary_support_reason', 'primarySupportReason'],
      ['person', 'client_type', 'clientType'],
      ['person', 'first_language', 'language'],
      ['person_event', 'event_type', 'eventType'],
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
