import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testEngines } from '../helpers/database.js';
import { signIn, startTestApp, type Agent, type TestApp } from '../helpers/app.js';
import { seedScenarioPeople } from '../../src/seed/scenario-people.js';
import { seedDirectory } from '../../src/seed/directory/index.js';
import { seedContingencyPlans } from '../../src/seed/contingency-plans.js';

/** The demo plans: S1 step 2's Jones plan as the pages show it, usable by the app, the same every run. */
describe.each(testEngines())('contingency plan seed (%s)', (engine) => {
  let t: TestApp;
  let sam: Agent;
  let ednaId: string;

  const contents = () =>
    t.database.db
      .selectFrom('contingency_plan_version as v')
      .innerJoin('person as p', 'p.id', 'v.person_id')
      .select(['p.nhs_number', 'v.version', 'v.content', 'v.agreed_on', 'v.review_date'])
      .orderBy('p.nhs_number')
      .orderBy('v.version')
      .execute();

  beforeAll(async () => {
    t = await startTestApp(engine);
    const ids = await seedScenarioPeople(t.database.db, t.org);
    ednaId = ids.mrsJones!;
    await seedDirectory(t.database.db, t.org, { scale: 'tiny', seed: 1, count: 60 });
    await seedContingencyPlans(t.database.db, t.org, { scale: 'tiny', seed: 1 });
    sam = await signIn(t.app, 'sam.practitioner');
  }, 180_000);
  afterAll(async () => t?.close());

  it('seeds the Jones plan agreed with Harold, Edna and Carol, with an earlier version', async () => {
    const page = await sam.get(`/people/${ednaId}/contingency-plans`);
    expect(page.statusCode).toBe(200);
    for (const text of [
      'If Harold is admitted to hospital',
      'No respite bed unless Carol cannot stay',
      'Pat and Dave Webb',
      'Carol Jones',
      'What makes it worse',
      'Radio 2',
      'Edna, Harold Jones (husband), Carol Jones (daughter)',
      'Nene Valley Care Ltd',
      '/contingency-plans/versions/1',
    ]) {
      expect(page.body).toContain(text);
    }
    const rows = await contents();
    expect(rows.filter((r) => r.nhs_number === '9990000026').map((r) => r.version)).toEqual([1, 2]);
    expect(new Set(rows.map((r) => r.nhs_number)).size).toBeGreaterThanOrEqual(4);
    // Helpers are linked to the person's network, with the phone number held there.
    const jones = rows.find((r) => r.nhs_number === '9990000026' && r.version === 2)!.content as {
      helpers: { relationshipId: string | null; phone: string | null }[];
    };
    expect(jones.helpers.every((h) => h.relationshipId && h.phone)).toBe(true);
  });

  it('agrees with the Joneses’ networks: one number for Carol, Edna shown once on Harold’s record (issue 11)', async () => {
    const carol = await t.database.db
      .selectFrom('relationship')
      .select(['id', 'person_id', 'contact_phone'])
      .where('contact_name', '=', 'Carol Jones')
      .execute();
    expect(carol).toHaveLength(2);
    expect(new Set(carol.map((c) => c.contact_phone)).size).toBe(1);
    const ednasCarol = carol.find((c) => c.person_id === ednaId)!;
    const [jones] = (await contents()).filter((r) => r.nhs_number === '9990000026').slice(-1);
    const { callList } = jones!.content as { callList: { relationshipId: string | null; phone: string }[] };
    expect(callList[0]).toMatchObject({ relationshipId: ednasCarol.id, phone: ednasCarol.contact_phone });
    const page = await sam.get(`/people/${ednaId}/contingency-plans`);
    expect(page.body).toContain(ednasCarol.contact_phone!);
    const harold = await t.database.db
      .selectFrom('person')
      .select('id')
      .where('given_name', '=', 'Harold')
      .where('family_name', '=', 'Jones')
      .executeTakeFirstOrThrow();
    const record = await sam.get(`/people/${harold.id}/network`);
    expect(record.body.split(`href="/people/${ednaId}">Edna Jones</a>`)).toHaveLength(2);
  });

  it('can be activated through the page like any plan', async () => {
    const form = await sam.get(`/people/${ednaId}/contingency-plans/activate`);
    const key = /value="([0-9a-f-]{36})"/.exec(form.body.slice(form.body.indexOf('situationKey')))?.[1];
    expect(key).toBeTruthy();
    const res = await sam.post(`/people/${ednaId}/contingency-plans/activate`, {
      situationKey: key!,
      note: 'Harold admitted to Fenshire General overnight',
    });
    expect(res.statusCode).toBe(303);
  });

  it('writes the same plans again for the same seed', async () => {
    const first = await contents();
    await t.database.db.deleteFrom('contingency_plan_activation').execute();
    await t.database.db.deleteFrom('contingency_plan_version').execute();
    await t.database.db.deleteFrom('contingency_plan').execute();
    await seedContingencyPlans(t.database.db, t.org, { scale: 'tiny', seed: 1 });
    expect(await contents()).toEqual(first);
  });
});
