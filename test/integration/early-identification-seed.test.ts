import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testEngines, openTestDatabase, type TestDatabase } from '../helpers/database.js';
import { demoCouncil, seedOrganisation } from '../../src/seed/organisation.js';
import { seedCounty } from '../../src/seed/county.js';
import { seedEarlyIdentification } from '../../src/seed/early-identification.js';

describe.each(testEngines())('early identification: demo register (%s)', (engine) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await openTestDatabase(engine);
  }, 180_000);
  afterAll(async () => database?.dispose());

  async function seeded(n: number) {
    const org = await seedOrganisation(database.db, {
      accounts: [],
      council: { ...demoCouncil, name: `Seed test ${n}`, ods_code: `EIS${n}` },
    });
    await seedCounty(database.db, org, { scale: 'tiny', seed: 5, count: 90, asOf: '2026-06-30' });
    await seedEarlyIdentification(database.db, org, { scale: 'tiny', seed: 5 });
    const entries = await database.db
      .selectFrom('register_entry as e')
      .innerJoin('person as p', 'p.id', 'e.person_id')
      .select(['p.council_person_id', 'p.nhs_number', 'e.reason', 'e.patch_id', 'e.id'])
      .where('e.org_id', '=', org.orgId)
      .orderBy('p.council_person_id')
      .execute();
    return { org, entries };
  }

  it('puts a dozen or more people from every patch on the register, with Mrs Jones’s S1 trigger, two alerts and a held event, the same each time', async () => {
    const { org, entries } = await seeded(1);
    expect(entries.length).toBeGreaterThanOrEqual(12);
    expect(new Set(entries.map((e) => e.patch_id))).toEqual(new Set(Object.values(org.patchIds)));

    const edna = entries.find((e) => e.nhs_number === '9990000026')!;
    const harold = await database.db
      .selectFrom('person')
      .select('id')
      .where('org_id', '=', org.orgId)
      .where('nhs_number', '=', '9990000018')
      .executeTakeFirstOrThrow();
    const triggers = await database.db
      .selectFrom('register_trigger')
      .select(['event_type', 'description', 'related_person_id'])
      .where('entry_id', '=', edna.id)
      .orderBy('position')
      .execute();
    expect(triggers[0]).toEqual({
      event_type: 'admission',
      description: 'If Harold Jones is admitted to hospital',
      related_person_id: harold.id,
    });
    expect(entries.some((e) => e.nhs_number === '9990000018')).toBe(true);

    const alerts = await database.db
      .selectFrom('register_alert')
      .select(['person_id', 'status'])
      .where('org_id', '=', org.orgId)
      .execute();
    expect(alerts).toHaveLength(2);
    const held = await database.db
      .selectFrom('partner_event')
      .select(['nhs_number'])
      .where('org_id', '=', org.orgId)
      .where('person_id', 'is', null)
      .execute();
    expect(held).toHaveLength(1);

    const again = await seeded(2);
    const strip = (rows: typeof entries) => rows.map((e) => [e.council_person_id, e.reason]);
    expect(strip(again.entries)).toEqual(strip(entries));
  }, 120_000);
});
