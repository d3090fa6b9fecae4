import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testEngines } from '../helpers/database.js';
import { signIn, startTestApp, type Agent, type TestApp } from '../helpers/app.js';
import { createPersonThroughPages, validNhsNumber } from '../helpers/people.js';
import { storeDemoRasVersions } from '../../src/seed/allocations.js';
import { rasVersion2025, rasVersion2026, type RasVersion } from '../../src/modules/allocation/index.js';

/** Issue 13 §2: administrators draft, test and publish RAS versions, and set the delegated limits. */
describe.each(testEngines())('allocation versions and limits (%s)', (engine) => {
  let t: TestApp;
  let sam: Agent, ada: Agent;
  let versionIds: Record<string, string>;

  /** Every question of `v` answered with its `level`-th answer (or its last). */
  function answersBody(v: RasVersion, level: number): Record<string, string> {
    const body: Record<string, string> = { version: '0' };
    for (const q of v.domains.flatMap((d) => d.questions))
      body[`q-${q.key}`] = q.answers[Math.min(level, q.answers.length - 1)]!.key;
    return body;
  }

  /** A person with a completed assessment on `completedOn`, their budget worked out through the pages. */
  async function costedPerson(given: string, n: number, completedOn: string, v: RasVersion) {
    const id = await createPersonThroughPages(sam, given, 'Versionby', validNhsNumber(723000001 + n * 100));
    await t.database.db
      .insertInto('assessment')
      .values({
        org_id: t.org.orgId,
        person_id: id,
        kind: 'adult',
        status: 'completed',
        method: 'face_to_face',
        started_on: completedOn,
        completed_on: completedOn,
        eligible: true,
      })
      .execute();
    expect((await sam.post(`/people/${id}/budget/answers`, answersBody(v, 1))).statusCode).toBe(303);
  }

  beforeAll(async () => {
    t = await startTestApp(engine);
    [sam, ada] = await Promise.all([signIn(t.app, 'sam.practitioner'), signIn(t.app, 'ada.admin')]);
    versionIds = await storeDemoRasVersions(t.database.db, t.org.orgId, null);
    await costedPerson('Rita', 1, '2026-05-01', rasVersion2026);
    await costedPerson('Olive', 2, '2025-10-01', rasVersion2025);
  }, 120_000);
  afterAll(async () => t?.close());

  it('lets administrators draft, test and publish a version; a published one cannot change; past budgets keep theirs', async () => {
    expect((await sam.get('/allocation/ras-versions')).statusCode).toBe(403);
    const list = await ada.get('/allocation/ras-versions');
    expect(list.statusCode).toBe(200);
    expect(list.body).toContain('Fenshire RAS 2025');
    expect(list.body).toContain('Fenshire RAS 2027 (draft)');

    const made = await ada.post('/allocation/ras-versions', { basedOn: versionIds['ras-2026']! });
    expect(made.statusCode).toBe(303);
    const draftPath = made.headers.location as string;
    const draft = await ada.get(draftPath);
    expect(draft.statusCode).toBe(200);
    expect(draft.body).toMatch(/name="band-0-price"[^>]*value="7.30"/);

    const before = await t.database.db.selectFrom('budget_allocation').selectAll().orderBy('id').execute();
    const form = Object.fromEntries(
      [...draft.body.matchAll(/<input[^>]*name="([^"]+)"[^>]*value="([^"]*)"/g)].map((m) => [m[1]!, m[2]!]),
    );
    const bad = await ada.post(draftPath, { ...form, 'band-0-price': 'lots', ceiling: '' });
    expect(bad.statusCode).toBe(422);
    expect(bad.body).toContain('The amount for price band 1 must be an amount in pounds');
    expect(bad.body).toContain('Enter the most weekly budget');

    const saved = await ada.post(draftPath, { ...form, 'band-0-price': '9.00', label: 'Fenshire RAS 2026b' });
    expect(saved.statusCode).toBe(303);

    const tested = await ada.get(`${draftPath}/test`);
    expect(tested.statusCode).toBe(200);
    expect(tested.body).toContain('What would Fenshire RAS 2026b give these people?');
    expect(tested.body).toMatch(/\+£[\d,]+\.\d\d/);
    expect(tested.body).toContain('Total a week');
    // Olive's 2025 answers never included the 2026 question about the night: counted, and shown.
    expect(tested.body).toContain('Questions not asked before');
    expect(tested.body).toContain('Fenshire RAS 2025');

    const published = await ada.post(`${draftPath}/publish`, { version: '2' });
    expect(published.statusCode).toBe(303);
    const again = await ada.post(draftPath, { ...form, version: '3', label: 'Changed after publishing' });
    expect(again.statusCode).toBe(409);
    expect(again.body).toContain('can no longer change');
    const id = draftPath.split('/').pop()!;
    await expect(sql`update ras_version set label = 'sneaky' where id = ${id}`.execute(t.database.db)).rejects.toThrow(
      /cannot be changed/,
    );

    const after = await t.database.db.selectFrom('budget_allocation').selectAll().orderBy('id').execute();
    expect(after).toEqual(before);
  });

  it('lets administrators set the delegated limits, refusing bad amounts', async () => {
    expect((await sam.get('/allocation/approval-limits')).statusCode).toBe(403);
    const bad = await ada.post('/allocation/approval-limits', { 'limit-practitioner': '-5', 'limit-team_manager': '' });
    expect(bad.statusCode).toBe(422);
    expect(bad.body).toContain('must be £0 or more');
    const ok = await ada.post('/allocation/approval-limits', {
      'limit-practitioner': '300',
      'limit-team_manager': '1000',
    });
    expect(ok.statusCode).toBe(303);
    const rows = await t.database.db.selectFrom('budget_approval_limit').select(['role', 'max_weekly_pence']).execute();
    expect(rows.map((r) => [r.role, Number(r.max_weekly_pence)]).sort()).toEqual([
      ['practitioner', 30_000],
      ['team_manager', 100_000],
    ]);
  });
});
