import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testEngines } from '../helpers/database.js';
import { signIn, startTestApp, type Agent, type TestApp } from '../helpers/app.js';
import { seedOrganisation } from '../../src/seed/organisation.js';
import { isFeatureEnabled } from '../../src/platform/features.js';

const CHART = 'people.communication-chart';
const MAP = 'people.network-map';

describe.each(testEngines())('admin: per-patch switches (%s)', (engine) => {
  let t: TestApp;
  let ada: Agent;
  let north: string;
  let city: string;
  let villages: string;

  beforeAll(async () => {
    t = await startTestApp(engine);
    ada = await signIn(t.app, 'ada.admin');
    north = t.org.patchIds['Fenland North']!;
    city = t.org.patchIds['Cathedral City']!;
    villages = t.org.patchIds['Southern Villages']!;
  });
  afterAll(async () => t?.close());

  const enabled = (patchId: string, key: string) => isFeatureEnabled(t.database.db, t.org.orgId, patchId, key);
  const save = (agent: Agent, patchId: string, features: string[]) =>
    agent.post(`/admin/patches/${patchId}`, { features } as unknown as Record<string, string>);

  it('lists every patch with every registered switch at its default', async () => {
    const res = await ada.get('/admin/patches');
    expect(res.statusCode).toBe(200);
    for (const name of ['Fenland North', 'Cathedral City', 'Southern Villages']) expect(res.body).toContain(name);
    expect(res.body).toContain('Communication charts');
    expect(res.body).toContain('Network map');
    expect(res.body).toMatch(
      new RegExp(`id="features-${north}" name="features" type="checkbox" value="${CHART}" checked`),
    );
    expect(res.body).not.toMatch(new RegExp(`name="features" type="checkbox" value="${MAP}" checked`));
    expect([await enabled(north, CHART), await enabled(north, MAP)]).toEqual([true, false]);
  });

  it('a switch saved for one patch changes that patch only, and isFeatureEnabled reflects it', async () => {
    expect((await save(ada, villages, [CHART, MAP])).statusCode).toBe(303);
    expect(await enabled(villages, MAP)).toBe(true);
    expect(await enabled(north, MAP)).toBe(false);
    expect(await enabled(city, MAP)).toBe(false);

    // Unticking a default-on switch turns it off in that patch alone.
    expect((await save(ada, city, [])).statusCode).toBe(303);
    expect(await enabled(city, CHART)).toBe(false);
    expect(await enabled(villages, CHART)).toBe(true);
    expect(await enabled(north, CHART)).toBe(true);

    const rows = await t.database.db.selectFrom('patch_feature').selectAll().orderBy('feature').execute();
    expect(rows.map((r) => [r.team_id, r.feature, r.enabled, r.updated_by])).toEqual([
      [city, CHART, false, t.org.userIds['ada.admin']],
      [villages, MAP, true, t.org.userIds['ada.admin']],
    ]);
    const audit = await t.database.db
      .selectFrom('audit_event')
      .select(['action', 'resource_id'])
      .where('resource_type', '=', 'patch_feature')
      .orderBy('id')
      .execute();
    expect(audit).toEqual([
      { action: 'patch_feature.enable', resource_id: `${villages}:${MAP}` },
      { action: 'patch_feature.disable', resource_id: `${city}:${CHART}` },
    ]);

    // Switching it back on updates the saved row (an upsert), and the page shows it.
    expect((await save(ada, city, [CHART])).statusCode).toBe(303);
    expect(await enabled(city, CHART)).toBe(true);
    expect(
      await t.database.db.selectFrom('patch_feature').select('team_id').where('team_id', '=', city).execute(),
    ).toHaveLength(1);
  });

  it('refuses an unknown switch with the error summary, changing nothing', async () => {
    const res = await save(ada, north, [MAP, 'made.up']);
    expect(res.statusCode).toBe(422);
    expect(res.body).toContain('govuk-error-summary');
    expect(res.body).toContain(`href="#features-${north}"`);
    expect(await enabled(north, MAP)).toBe(false);
  });

  it('lets a team manager change their own patch but not another', async () => {
    const priya = await signIn(t.app, 'priya.manager'); // team: Fenland North
    const page = await priya.get('/admin/patches');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain(`action="/admin/patches/${north}"`);
    expect(page.body).not.toContain(`action="/admin/patches/${city}"`);
    expect((await save(priya, north, [CHART, MAP])).statusCode).toBe(303);
    expect(await enabled(north, MAP)).toBe(true);
    expect((await save(priya, city, [])).statusCode).toBe(403);
    expect(await enabled(city, CHART)).toBe(true);
  });

  it('answers 404 for a patch in another organisation', async () => {
    const other = await seedOrganisation(t.database.db, {
      council: { name: 'Elsewhere Borough Council', kind: 'council', ods_code: 'OTHER01' },
      accounts: [],
    });
    const theirs = Object.values(other.patchIds)[0]!;
    expect((await ada.get('/admin/patches')).body).not.toContain(theirs);
    expect((await save(ada, theirs, [MAP])).statusCode).toBe(404);
    expect(await isFeatureEnabled(t.database.db, other.orgId, theirs, MAP)).toBe(false);
  });
});
