import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testEngines } from '../helpers/database.js';
import { signIn, startTestApp, type Agent, type TestApp } from '../helpers/app.js';
import { seedCounty } from '../../src/seed/county.js';
import { seedTier1 } from '../../src/seed/tier1.js';
import { seedCrisis } from '../../src/seed/crisis.js';
import { seedAssessmentRequests } from '../../src/seed/assessment-requests.js';
import { seedCasework } from '../../src/seed/casework.js';
import { seedSupportPlans } from '../../src/seed/support-plans.js';

/** The demo county's allocations: every demo worker has a caseload, every team a queue, one transfer. */
describe.each(testEngines())('demo casework (%s)', (engine) => {
  let t: TestApp;
  let sam: Agent, priya: Agent;

  beforeAll(async () => {
    t = await startTestApp(engine);
    // The demo's default scale: enough waiting requests for every patch to have a queue.
    await seedCounty(t.database.db, t.org, { scale: 'small', seed: 1 });
    await seedTier1(t.database.db, t.org, { scale: 'small', seed: 1 });
    await seedCrisis(t.database.db, t.org);
    await seedAssessmentRequests(t.database.db, t.org);
    await seedSupportPlans(t.database.db, t.org);
    await seedCasework(t.database.db, t.org);
    [sam, priya] = await Promise.all([signIn(t.app, 'sam.practitioner'), signIn(t.app, 'priya.manager')]);
  }, 240_000);
  afterAll(async () => t?.close());

  it('gives Sam Mr and Mrs Jones’s requests, one transferred from Priya with the reason', async () => {
    const page = await sam.get('/caseload');
    expect(page.statusCode).toBe(200);
    const [mine] = page.body.split('waiting to be allocated');
    expect(mine).toContain('Edna Jones');
    expect(mine).toContain('Harold Jones');
    // The draft plans Sam began with George and Mrs N are on Sam's worklist.
    expect(mine).toContain('Support plan being written');
    const transfers = await t.database.db
      .selectFrom('work_allocation_history')
      .selectAll()
      .where('action', '=', 'transfer')
      .where('kind', '=', 'assessment-request')
      .execute();
    expect(transfers).toHaveLength(1);
    expect(transfers[0]).toMatchObject({
      from_worker_id: t.org.userIds['priya.manager'],
      to_worker_id: t.org.userIds['sam.practitioner'],
    });
    const history = await sam.get(`/casework/work/${transfers[0]!.work_id}`);
    expect(history.body).toContain('Sam knows the family');
  });

  it('gives every patch worker a caseload and leaves work in every team’s queue', async () => {
    const workers = await t.database.db
      .selectFrom('staff_user')
      .select(['id', 'display_name', 'team_id'])
      .where('role', 'in', ['practitioner', 'team_manager'])
      .execute();
    const held = await t.database.db.selectFrom('work_allocation').select(['worker_id', 'team_id']).execute();
    const episodes = await t.database.db
      .selectFrom('crisis_episode')
      .select('lead_worker_id')
      .where('status', '=', 'open')
      .execute();
    for (const w of workers) {
      const count = [...held.map((h) => h.worker_id), ...episodes.map((e) => e.lead_worker_id)].filter(
        (id) => id === w.id,
      );
      expect(count.length, w.display_name).toBeGreaterThan(0);
    }
    for (const [name, teamId] of Object.entries(t.org.patchIds)) {
      const team = await priya.get(`/teams/${teamId}/caseload`);
      expect(team.statusCode, name).toBe(200);
      expect(team.body, name).toContain('unallocated</caption>');
    }
  });
});
