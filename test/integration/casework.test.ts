import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testEngines } from '../helpers/database.js';
import { makeAgent, signIn, startTestApp, type Agent, type TestApp } from '../helpers/app.js';
import { createPersonThroughPages, validNhsNumber } from '../helpers/people.js';
import { insertCrisisEpisode } from '../helpers/crisis.js';
import { newSession } from '../helpers/matrix.js';

/** Casework (issue 13 §4): caseloads, team queues, allocation and transfer with history, stale changes. */
describe.each(testEngines())('casework (%s)', (engine) => {
  let t: TestApp;
  let sam: Agent, priya: Agent, frank: Agent, cara: Agent;
  let samId: string, joId: string, caraId: string, fenland: string, cathedral: string;
  let ruthId: string, percyId: string, edwinId: string;
  let requestId: string, planId: string, episodeId: string;

  const work = (id: string) => `/casework/work/${id}`;
  const history = (workId: string) =>
    t.database.db
      .selectFrom('work_allocation_history')
      .selectAll()
      .where('work_id', '=', workId)
      .orderBy('created_at')
      .execute();
  const allocation = (workId: string) =>
    t.database.db.selectFrom('work_allocation').selectAll().where('work_id', '=', workId).executeTakeFirst();
  const audits = (action: string) =>
    t.database.db
      .selectFrom('audit_event')
      .select(['person_id', 'person_ids', 'actor_id'])
      .where('action', '=', action)
      .orderBy('id')
      .execute();

  /** A caseworker with no password (signed in by a session made straight in the database). */
  async function addWorker(name: string, role: 'practitioner' | 'team_manager', teamId: string) {
    const row = await t.database.db
      .insertInto('staff_user')
      .values({
        org_id: t.org.orgId,
        username: name.toLowerCase().replace(' ', '.'),
        display_name: name,
        role,
        team_id: teamId,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return row.id;
  }

  beforeAll(async () => {
    t = await startTestApp(engine);
    [sam, priya, frank] = await Promise.all([
      signIn(t.app, 'sam.practitioner'),
      signIn(t.app, 'priya.manager'),
      signIn(t.app, 'frank.finance'),
    ]);
    samId = t.org.userIds['sam.practitioner']!;
    fenland = t.org.patchIds['Fenland North']!;
    cathedral = t.org.patchIds['Cathedral City']!;
    joId = await addWorker('Jo Bennett', 'practitioner', fenland);
    caraId = await addWorker('Cara Doyle', 'practitioner', cathedral);
    const s = await newSession(t.database.db, caraId);
    cara = makeAgent(t.app, s.cookie, s.csrf);

    ruthId = await createPersonThroughPages(sam, 'Ruth', 'Caseworth', validNhsNumber(704000001));
    percyId = await createPersonThroughPages(sam, 'Percy', 'Caseworth', validNhsNumber(704000101));
    edwinId = await createPersonThroughPages(sam, 'Edwin', 'Caseworth', validNhsNumber(704000201));
    await t.database.db
      .updateTable('person')
      .set({ patch_id: fenland })
      .where('family_name', '=', 'Caseworth')
      .execute();
    const db = t.database.db;
    requestId = (
      await db
        .insertInto('assessment_request')
        .values({
          org_id: t.org.orgId,
          person_id: ruthId,
          patch_id: fenland,
          kind: 'care_needs',
          came_from: 'practitioner',
          reason: 'Struggling <b>at home</b>',
          received_on: '2026-01-05',
        })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
    planId = (
      await db
        .insertInto('support_plan')
        .values({ org_id: t.org.orgId, person_id: percyId, status: 'agreed' })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
    episodeId = (await insertCrisisEpisode(db, t.org, edwinId, { patch_id: fenland, lead_worker_id: samId })).id;
  }, 120_000);

  afterAll(async () => t?.close());

  it('puts work with no allocation in its team’s queue, and a crisis episode on its lead worker’s caseload', async () => {
    const mine = await sam.get('/caseload');
    expect(mine.statusCode).toBe(200);
    const [held, queue] = mine.body.split('waiting to be allocated');
    expect(held).toContain('Edwin Caseworth');
    expect(held).toContain('Crisis episode');
    expect(held).not.toContain('Ruth Caseworth');
    expect(queue).toContain('Ruth Caseworth');
    expect(queue).toContain('Request for an assessment');
    expect(queue).toContain('Percy Caseworth');
    expect(queue).toContain('Support plan awaiting approval');
    // One listing entry naming everyone shown.
    const [entry] = await audits('caseload.list');
    expect(entry?.actor_id).toBe(samId);
    expect([...(entry?.person_ids ?? [])].sort()).toEqual([ruthId, percyId, edwinId].sort());

    const team = await priya.get(`/teams/${fenland}/caseload`);
    expect(team.statusCode).toBe(200);
    expect(team.body).toContain('Sam Okafor');
    expect(team.body).toMatch(/Sam Okafor<\/a><\/td>\s*<td[^>]*>1<\/td>\s*<td[^>]*>1<\/td>/);
    expect(team.body).toContain('Ruth Caseworth');
  });

  it('lets a manager allocate, transfer and return work, keeping the history', async () => {
    const page = await priya.get(work(requestId));
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Jo Bennett');
    expect(page.body).not.toContain('Cara Doyle'); // another team's worker is not offered

    const allocated = await priya.post(work(requestId), { workerId: samId, version: '0', heldBy: '' });
    expect(allocated.statusCode).toBe(303);
    expect(await allocation(requestId)).toMatchObject({ worker_id: samId, team_id: fenland, version: 1 });
    expect((await sam.get('/caseload')).body.split('waiting to be allocated')[0]).toContain('Ruth Caseworth');

    const moved = await priya.post(work(requestId), {
      workerId: joId,
      version: '1',
      heldBy: samId,
      note: 'Jo knows <the family>',
    });
    expect(moved.statusCode).toBe(303);
    const returned = await priya.post(work(requestId), { workerId: 'queue', version: '2', heldBy: joId });
    expect(returned.statusCode).toBe(303);
    expect(await allocation(requestId)).toMatchObject({ worker_id: null, version: 3 });

    const rows = await history(requestId);
    expect(rows.map((r) => [r.action, r.from_worker_id, r.to_worker_id])).toEqual([
      ['allocate', null, samId],
      ['transfer', samId, joId],
      ['return', joId, null],
    ]);
    expect(rows[1]?.note).toBe('Jo knows <the family>');
    const shown = await priya.get(work(requestId));
    expect(shown.body).toContain('Jo knows &lt;the family&gt;');
    expect(shown.body).toContain('Transferred');
    for (const action of ['work-allocation.allocate', 'work-allocation.transfer', 'work-allocation.return'])
      expect((await audits(action)).map((a) => a.person_id)).toEqual([ruthId]);
  });

  it('refuses a change made on a stale page with 409, saying who holds it now, and changes nothing', async () => {
    await priya.post(work(planId), { workerId: joId, version: '0', heldBy: '' });
    const stale = await priya.post(work(planId), { workerId: samId, version: '0', heldBy: '' });
    expect(stale.statusCode).toBe(409);
    expect(stale.body).toContain('Someone else changed who holds this work');
    expect(stale.body).toContain('now Jo Bennett');
    expect(await allocation(planId)).toMatchObject({ worker_id: joId, version: 1 });
    expect(await history(planId)).toHaveLength(1);
  });

  it('answers bad input with GOV.UK errors and saves nothing', async () => {
    const before = await history(requestId);
    const cases: [Record<string, string>, string][] = [
      [{ version: '3' }, 'Choose who should hold this work'],
      [{ workerId: 'not-an-id', version: '3' }, 'Choose a worker from the list'],
      [{ workerId: caraId, version: '3' }, 'Choose a worker from this team'],
      [{ workerId: 'queue', version: '3' }, 'This work is already in the queue'],
      [{ workerId: samId, version: '3', note: 'x'.repeat(1001) }, 'The reason must be 1000 characters or fewer'],
    ];
    for (const [form, message] of cases) {
      const res = await priya.post(work(requestId), form);
      expect(res.statusCode, message).toBe(422);
      expect(res.body).toContain('govuk-error-summary');
      expect(res.body).toContain(message);
    }
    expect(await history(requestId)).toEqual(before);
    expect(await allocation(requestId)).toMatchObject({ worker_id: null, version: 3 });
  });

  it('allocates a crisis episode by changing its lead worker (one source of truth), with history', async () => {
    const before = await t.database.db
      .selectFrom('crisis_episode')
      .select('version')
      .where('id', '=', episodeId)
      .executeTakeFirstOrThrow();
    const res = await priya.post(work(episodeId), { workerId: joId, version: String(before.version), heldBy: samId });
    expect(res.statusCode).toBe(303);
    const after = await t.database.db
      .selectFrom('crisis_episode')
      .select(['lead_worker_id', 'version'])
      .where('id', '=', episodeId)
      .executeTakeFirstOrThrow();
    expect(after).toEqual({ lead_worker_id: joId, version: before.version + 1 });
    expect(await allocation(episodeId)).toBeUndefined();
    expect((await history(episodeId)).map((h) => h.action)).toEqual(['transfer']);
    const stale = await priya.post(work(episodeId), {
      workerId: samId,
      version: String(before.version),
      heldBy: samId,
    });
    expect(stale.statusCode).toBe(409);
    expect((await sam.get('/caseload')).body.split('waiting to be allocated')[0]).not.toContain('Edwin Caseworth');
  });

  it('keeps the history when the crisis pages change the lead worker at triage', async () => {
    const { version } = await t.database.db
      .selectFrom('crisis_episode')
      .select('version')
      .where('id', '=', episodeId)
      .executeTakeFirstOrThrow();
    const res = await priya.post(`/crisis/episodes/${episodeId}/triage`, {
      version: String(version),
      urgencyKey: 'within_4_hours',
      patchId: fenland,
      leadWorkerId: samId,
    });
    expect(res.statusCode).toBe(303);
    const rows = await history(episodeId);
    expect(rows.map((h) => [h.action, h.from_worker_id, h.to_worker_id, h.note])).toEqual([
      ['transfer', samId, joId, null],
      ['transfer', joId, samId, 'Set at triage'],
    ]);
    // Jo gives it back through casework, so the counts below are as before.
    const again = await t.database.db
      .selectFrom('crisis_episode')
      .select('version')
      .where('id', '=', episodeId)
      .executeTakeFirstOrThrow();
    await priya.post(work(episodeId), { workerId: joId, version: String(again.version), heldBy: samId });
  });

  it('counts each worker’s people and pieces of work on the team page', async () => {
    await priya.post(work(requestId), { workerId: joId, version: '3', heldBy: '' });
    const team = await priya.get(`/teams/${fenland}/caseload`);
    // Jo holds Ruth's request, Percy's plan and Edwin's episode: three people, three pieces.
    expect(team.body).toMatch(/Jo Bennett<\/a><\/td>\s*<td[^>]*>3<\/td>\s*<td[^>]*>3<\/td>/);
    expect(team.body).toMatch(/Sam Okafor<\/a><\/td>\s*<td[^>]*>0<\/td>\s*<td[^>]*>0<\/td>/);
    expect(team.body).toContain('Nothing is waiting in Fenland North’s unallocated queue');
    const jos = await priya.get(`/teams/${fenland}/caseload?worker=${joId}`);
    const [, held] = jos.body.split('Work held by Jo Bennett');
    for (const name of ['Ruth', 'Percy', 'Edwin']) expect(held).toContain(`${name} Caseworth`);
    const [entry] = (await audits('team-caseload.list')).slice(-1);
    expect([...(entry?.person_ids ?? [])].sort()).toEqual([ruthId, percyId, edwinId].sort());
  });

  it('shows the allocated worker on the person’s record', async () => {
    const record = await sam.get(`/people/${ruthId}`);
    expect(record.statusCode).toBe(200);
    expect(record.body).toContain('id="allocated-worker"');
    expect(record.body).toContain('Jo Bennett');
  });

  it('lets only team managers allocate, and practitioners see only their own team', async () => {
    const refused = await sam.post(work(requestId), { workerId: samId, version: '4', heldBy: joId });
    expect(refused.statusCode).toBe(403);
    expect((await sam.get(work(requestId))).body).not.toContain('Save who holds it');
    expect((await sam.get(`/teams/${fenland}/caseload`)).statusCode).toBe(200);
    expect((await sam.get(`/teams/${cathedral}/caseload`)).statusCode).toBe(403);
    expect((await cara.get(`/teams/${cathedral}/caseload`)).statusCode).toBe(200);
    expect((await priya.get(`/teams/${cathedral}/caseload`)).statusCode).toBe(200);
    expect((await frank.get('/caseload')).statusCode).toBe(403);
    expect((await priya.get(work('00000000-0000-4000-8000-000000000000'))).statusCode).toBe(404);
    expect((await priya.get(`/teams/00000000-0000-4000-8000-000000000000/caseload`)).statusCode).toBe(404);
  });
});
