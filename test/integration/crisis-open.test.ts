import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testEngines } from '../helpers/database.js';
import { signIn, startTestApp, type Agent, type TestApp } from '../helpers/app.js';
import { createPersonThroughPages, validNhsNumber } from '../helpers/people.js';
import { insertCrisisEpisode } from '../helpers/crisis.js';
import { seedOrganisation } from '../../src/seed/organisation.js';
import { londonParts } from '../../src/modules/crisis/schema.js';
import { withOrg } from '../../src/platform/db/scope.js';
import { openEpisode } from '../../src/modules/crisis/service.js';
import { insertPersonAsOwner, userActor } from '../helpers/matrix.js';

/** The referral form filled in for a person, referred `minutesAgo` minutes ago (London clock). */
function referralForm(t: TestApp, overrides: Record<string, string> = {}, minutesAgo = 30): Record<string, string> {
  const at = londonParts(new Date(Date.now() - minutesAgo * 60_000));
  const [year, month, day] = at.date.split('-');
  return {
    referredBy: 'Carol Jones (daughter)',
    referralReason: 'Harold was admitted to hospital overnight; Edna is alone at home',
    'referredAt-day': String(Number(day)),
    'referredAt-month': String(Number(month)),
    'referredAt-year': year!,
    referredAtTime: at.time,
    urgencyKey: 'within_4_hours',
    patchId: t.org.patchIds['Fenland North']!,
    leadWorkerId: t.org.userIds['sam.practitioner']!,
    routeOfAccess: 'Community / Other route',
    ...overrides,
  };
}

describe.each(testEngines())('crisis: opening an episode (%s)', (engine) => {
  let t: TestApp;
  let sam: Agent, priya: Agent, frank: Agent, paul: Agent;
  let ednaId: string, arthurId: string, hiddenId: string, foreignId: string, foreignEpisodeId: string;
  let episodeId: string;

  const db = () => t.database.db;
  const episodesOf = (personId: string) =>
    db().selectFrom('crisis_episode').selectAll().where('person_id', '=', personId).execute();
  const eventsOf = (personId: string) =>
    db().selectFrom('person_event').selectAll().where('person_id', '=', personId).execute();
  const audits = (personId: string, action: string) =>
    db()
      .selectFrom('audit_event')
      .select(['action', 'actor_id', 'resource_id'])
      .where('person_id', '=', personId)
      .where('action', '=', action)
      .execute();
  const errorsOn = (body: string) => [...body.matchAll(/<a href="#([\w-]+)">/g)].map((m) => m[1]);

  beforeAll(async () => {
    t = await startTestApp(engine);
    [sam, priya, frank, paul] = await Promise.all([
      signIn(t.app, 'sam.practitioner'),
      signIn(t.app, 'priya.manager'),
      signIn(t.app, 'frank.finance'),
      signIn(t.app, 'paul.provider'),
    ]);
    ednaId = await createPersonThroughPages(sam, 'Edna', 'Crisisworth', validNhsNumber(946_100_000));
    arthurId = await createPersonThroughPages(sam, 'Arthur', 'Crisisworth', validNhsNumber(946_200_000));
    hiddenId = await createPersonThroughPages(sam, 'Hester', 'Crisishidden', validNhsNumber(946_300_000));
    await db().updateTable('person').set({ restricted: true }).where('id', '=', hiddenId).execute();
    const other = await seedOrganisation(db(), {
      council: { name: 'Crisis Elsewhere Council', kind: 'council', ods_code: 'CRX0001' },
      accounts: [],
    });
    foreignId = await insertPersonAsOwner(db(), other.orgId, 'Foreign', 'Crisisforeign');
    foreignEpisodeId = (await insertCrisisEpisode(db(), other, foreignId, { lead_worker_id: null })).id;
  }, 180_000);
  afterAll(async () => t?.close());

  it('offers the referral form with the actor’s patch, the actor as lead worker and now as the time of referral', async () => {
    const page = await sam.get(`/people/${ednaId}/crisis/new`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Crisis referral');
    expect(page.body).toMatch(new RegExp(`value="${t.org.patchIds['Fenland North']}" selected`));
    expect(page.body).toMatch(new RegExp(`value="${t.org.userIds['sam.practitioner']}" selected`));
    expect(page.body).toContain('Within 4 hours');
    expect(page.body).toContain('Community or other route');
    expect(await audits(ednaId, 'crisis-episode.referral-form')).toHaveLength(1);
  });

  it('refuses each bad answer with a GOV.UK error and saves nothing', async () => {
    const empty = await sam.post(`/people/${ednaId}/crisis/new`, {});
    expect(empty.statusCode).toBe(422);
    expect(errorsOn(empty.body)).toEqual(
      expect.arrayContaining([
        'referredBy',
        'referralReason',
        'urgencyKey',
        'patchId',
        'routeOfAccess',
        'referredAt-day',
        'referredAtTime',
      ]),
    );
    expect(empty.body).toContain('Enter who referred them');
    const cases: [Record<string, string>, string, string][] = [
      [{ referredBy: ' ' }, 'referredBy', 'Enter who referred them'],
      [{ referralReason: '' }, 'referralReason', 'Enter what the crisis is'],
      [{ urgencyKey: 'whenever' }, 'urgencyKey', 'Select how urgent it is'],
      [{ patchId: crypto.randomUUID() }, 'patchId', 'Select a patch team from the list'],
      [{ leadWorkerId: crypto.randomUUID() }, 'leadWorkerId', 'Select a lead worker from the list'],
      [{ leadWorkerId: t.org.userIds['frank.finance']! }, 'leadWorkerId', 'Select a lead worker from the list'],
      [{ routeOfAccess: 'By pigeon' }, 'routeOfAccess', 'Select the route of access from the list'],
      [{ 'referredAt-day': '31', 'referredAt-month': '2' }, 'referredAt-day', 'must be a real date'],
      [{ referredAtTime: '' }, 'referredAtTime', 'Enter the time of the referral'],
      [{ referredAtTime: '25:99' }, 'referredAtTime', 'like 14:30'],
    ];
    for (const [overrides, field, message] of cases) {
      const res = await sam.post(`/people/${ednaId}/crisis/new`, referralForm(t, overrides));
      expect(res.statusCode, field).toBe(422);
      expect(errorsOn(res.body), field).toContain(field);
      expect(res.body, field).toContain(message);
    }
    const future = await sam.post(`/people/${ednaId}/crisis/new`, referralForm(t, {}, -180));
    expect(future.statusCode).toBe(422);
    expect(future.body).toContain('must be now or in the past');
    // An invalid lead worker is found inside the opening transaction: no episode, no CLD event, no audit.
    expect(await episodesOf(ednaId)).toEqual([]);
    expect(await eventsOf(ednaId)).toEqual([]);
    expect(await audits(ednaId, 'crisis-episode.open')).toEqual([]);
  });

  it('writes everything of an opening in the caller’s transaction: when a later step fails, nothing stays', async () => {
    const actor = userActor('practitioner', t.org.userIds['sam.practitioner']!, t.org.orgId);
    const attempt = withOrg(db(), t.org.orgId, async (tx) => {
      const { opened } = await openEpisode(tx, actor, {
        personId: arthurId,
        source: 'referral',
        sourceId: null,
        referredBy: 'Test',
        referralReason: 'Test',
        referredAt: new Date(),
        urgencyKey: 'same_day',
        patchId: null,
        leadWorkerId: null,
        routeOfAccess: 'Community / Other route',
        actions: [{ description: 'Ring Carol', who: 'Sam' }],
      });
      expect(opened).toBe(true);
      throw new Error('a later step of the hand-off failed');
    });
    await expect(attempt).rejects.toThrow('a later step');
    expect(await episodesOf(arthurId)).toEqual([]);
    expect(await eventsOf(arthurId)).toEqual([]);
    expect(await db().selectFrom('crisis_action').select('id').execute()).toEqual([]);
    expect(await audits(arthurId, 'crisis-episode.open')).toEqual([]);
  });

  it('opens the episode, its clocks and the CLD request in one go, and sends staff to the episode page', async () => {
    const res = await sam.post(`/people/${ednaId}/crisis/new`, referralForm(t, {}, 30));
    expect(res.statusCode).toBe(303);
    const [episode] = await episodesOf(ednaId);
    expect(episode).toBeDefined();
    episodeId = episode!.id;
    expect(res.headers.location).toBe(`/crisis/episodes/${episodeId}`);
    const startsOn = londonParts(episode!.referred_at).date;
    expect(episode).toMatchObject({
      source: 'referral',
      source_id: null,
      status: 'open',
      urgency_key: 'within_4_hours',
      urgency_label: 'Within 4 hours',
      response_minutes: 240,
      patch_id: t.org.patchIds['Fenland North'],
      lead_worker_id: t.org.userIds['sam.practitioner'],
      referred_by: 'Carol Jones (daughter)',
      starts_on: startsOn,
    });
    expect(episode!.response_due_at.getTime() - episode!.referred_at.getTime()).toBe(240 * 60_000);
    expect(Math.abs(Date.now() - 30 * 60_000 - episode!.referred_at.getTime())).toBeLessThan(120_000);
    const start = new Date(`${startsOn}T00:00:00Z`).getTime();
    expect(new Date(`${episode!.ends_on}T00:00:00Z`).getTime() - start).toBe(42 * 86_400_000);
    expect(new Date(`${episode!.next_check_in_due}T00:00:00Z`).getTime() - start).toBe(86_400_000);
    const events = await eventsOf(ednaId);
    expect(events).toEqual([
      expect.objectContaining({
        id: episode!.cld_request_event_id,
        event_type: 'Request',
        route_of_access: 'Community / Other route',
        event_outcome: null,
        start_date: startsOn,
        source_module: 'crisis',
        source_id: episodeId,
      }),
    ]);
    expect(await audits(ednaId, 'crisis-episode.open')).toEqual([
      expect.objectContaining({ resource_id: episodeId, actor_id: t.org.userIds['sam.practitioner'] }),
    ]);

    const page = await sam.get(`/crisis/episodes/${episodeId}`);
    expect(page.statusCode).toBe(200);
    for (const text of [
      'Waiting for first contact',
      'Within 4 hours',
      'Fenland North',
      'Sam Okafor',
      'Record first contact',
      '42 days left',
      'Carol Jones (daughter)',
    ]) {
      expect(page.body).toContain(text);
    }
    expect(await audits(ednaId, 'crisis-episode.view')).toHaveLength(1);
    const timeline = await sam.get(`/people/${ednaId}/timeline`);
    expect(timeline.body).toContain('Crisis episode opened (referral)');
    // Linked twice: from the episode opened and from the CLD request it wrote.
    expect(timeline.body.split(`href="/crisis/episodes/${episodeId}"`).length - 1).toBe(2);
  });

  it('keeps one open episode per person: the form links to it and a second referral is refused', async () => {
    const form = await priya.get(`/people/${ednaId}/crisis/new`);
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain('already has an open crisis episode');
    expect(form.body).toContain(`href="/crisis/episodes/${episodeId}"`);
    const again = await priya.post(`/people/${ednaId}/crisis/new`, referralForm(t));
    expect(again.statusCode).toBe(409);
    expect(again.body).toContain(`href="/crisis/episodes/${episodeId}"`);
    expect(await episodesOf(ednaId)).toHaveLength(1);
    expect(await eventsOf(ednaId)).toHaveLength(1);
    // The record lists the open episode, and offers no second referral while it is open.
    const record = await priya.get(`/people/${ednaId}/record/crisis`);
    expect(record.body).toContain('Crisis episodes');
    expect(record.body).toContain(`href="/crisis/episodes/${episodeId}"`);
    expect(record.body).toContain('Open since');
    expect(record.body).not.toContain(`href="/people/${ednaId}/crisis/new"`);
  });

  it('shows crisis episodes on the record to those who may see them, and the referral link to those who may refer', async () => {
    const ada = await createPersonThroughPages(sam, 'Ada', 'Recordworth', validNhsNumber(946_500_000));
    const samSees = await sam.get(`/people/${ada}/record/crisis`);
    expect(samSees.body).toContain('No crisis episodes.');
    expect(samSees.body).toContain(`href="/people/${ada}/crisis/new"`);
    const frank = await signIn(t.app, 'frank.finance');
    const frankSees = await frank.get(`/people/${ada}/record/crisis`);
    expect(frankSees.body).toContain('Crisis episodes');
    expect(frankSees.body).not.toContain(`href="/people/${ada}/crisis/new"`);
  });

  it('opens one episode when two referrals for the same person arrive at once', async () => {
    const olive = await createPersonThroughPages(sam, 'Olive', 'Crisisworth', validNhsNumber(946_400_000));
    const [a, b] = await Promise.all([
      sam.post(`/people/${olive}/crisis/new`, referralForm(t)),
      priya.post(`/people/${olive}/crisis/new`, referralForm(t)),
    ]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([303, 409]);
    expect(await episodesOf(olive)).toHaveLength(1);
    expect(await eventsOf(olive)).toHaveLength(1);
  });

  it('shows the response clock as waiting, overdue (red), met or breached', async () => {
    const hour = 3600_000;
    const now = Date.now();
    const cases = [
      [{ referred_at: new Date(now - 10 * hour) }, 'First contact overdue', 'govuk-tag--red'],
      [
        { referred_at: new Date(now - 10 * hour), first_contact_at: new Date(now - 9 * hour) },
        'First contact in time',
        'govuk-tag--green',
      ],
      [
        { referred_at: new Date(now - 10 * hour), first_contact_at: new Date(now - 1 * hour) },
        'First contact late',
        'govuk-tag--orange',
      ],
      [{ referred_at: new Date(now - 1 * hour) }, 'Waiting for first contact', 'govuk-tag--yellow'],
    ] as const;
    for (const [overrides, text, tag] of cases) {
      const episode = await insertCrisisEpisode(db(), t.org, arthurId, {
        ...overrides,
        status: 'closed',
        closed_on: '2026-01-01',
        close_route: 'other',
        what_followed: 'x',
        event_outcome: 'NFA: Other',
      });
      const page = await sam.get(`/crisis/episodes/${episode.id}`);
      expect(page.statusCode, text).toBe(200);
      expect(page.body, text).toMatch(new RegExp(`${tag}[^>]*>\\s*${text}`));
    }
  });

  it('triages: a new urgency moves the due time from the referral; a stale version is refused and nothing changes', async () => {
    const form = await priya.get(`/crisis/episodes/${episodeId}/triage`);
    expect(form.statusCode).toBe(200);
    const before = (await episodesOf(ednaId))[0]!;
    const stale = await priya.post(`/crisis/episodes/${episodeId}/triage`, {
      version: String(before.version + 5),
      urgencyKey: 'within_24_hours',
      patchId: t.org.patchIds['Fenland North']!,
      leadWorkerId: t.org.userIds['priya.manager']!,
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.body).toContain('Someone else changed this crisis episode');
    expect((await episodesOf(ednaId))[0]).toMatchObject({ version: before.version, urgency_key: 'within_4_hours' });
    const missing = await priya.post(`/crisis/episodes/${episodeId}/triage`, { version: String(before.version) });
    expect(missing.statusCode).toBe(422);
    expect(errorsOn(missing.body)).toEqual(expect.arrayContaining(['urgencyKey', 'patchId', 'leadWorkerId']));
    const saved = await priya.post(`/crisis/episodes/${episodeId}/triage`, {
      version: String(before.version),
      urgencyKey: 'within_24_hours',
      patchId: t.org.patchIds['Fenland North']!,
      leadWorkerId: t.org.userIds['priya.manager']!,
    });
    expect(saved.statusCode).toBe(303);
    const after = (await episodesOf(ednaId))[0]!;
    expect(after).toMatchObject({
      version: before.version + 1,
      urgency_key: 'within_24_hours',
      response_minutes: 1440,
      lead_worker_id: t.org.userIds['priya.manager'],
    });
    expect(after.response_due_at.getTime()).toBe(before.referred_at.getTime() + 1440 * 60_000);
    expect(await audits(ednaId, 'crisis-episode.triage')).toHaveLength(1);
  });

  it('records first contact once, not before the referral nor in the future, refusing a stale version', async () => {
    const episode = (await episodesOf(ednaId))[0]!;
    const at = (minutesAgo: number) => {
      const p = londonParts(new Date(Date.now() - minutesAgo * 60_000));
      const [year, month, day] = p.date.split('-');
      return { 'at-day': day!, 'at-month': month!, 'at-year': year!, atTime: p.time };
    };
    const form = { version: String(episode.version), how: 'visit', note: 'Visited Edna at home with Carol', ...at(5) };
    const url = `/crisis/episodes/${episodeId}/first-contact`;
    expect((await sam.get(url)).statusCode).toBe(200);
    const bad = await sam.post(url, { version: String(episode.version) });
    expect(bad.statusCode).toBe(422);
    expect(errorsOn(bad.body)).toEqual(expect.arrayContaining(['how', 'note', 'at-day']));
    const early = await sam.post(url, { ...form, ...at(24 * 60) });
    expect(early.statusCode).toBe(422);
    expect(early.body).toContain('must be after the referral');
    const future = await sam.post(url, { ...form, ...at(-120) });
    expect(future.statusCode).toBe(422);
    expect(future.body).toContain('must be now or in the past');
    const stale = await sam.post(url, { ...form, version: String(episode.version - 1) });
    expect(stale.statusCode).toBe(409);
    expect(stale.body).toContain('Someone else changed this crisis episode');
    expect((await episodesOf(ednaId))[0]!.first_contact_at).toBeNull();
    const ok = await sam.post(url, form);
    expect(ok.statusCode).toBe(303);
    const saved = (await episodesOf(ednaId))[0]!;
    expect(saved).toMatchObject({
      first_contact_by: t.org.userIds['sam.practitioner'],
      first_contact_note: 'Visit: Visited Edna at home with Carol',
    });
    const twice = await sam.post(url, { ...form, version: String(saved.version) });
    expect(twice.statusCode).toBe(409);
    expect(twice.body).toContain('already been recorded');
    const page = await sam.get(`/crisis/episodes/${episodeId}`);
    expect(page.body).toContain('First contact in time');
    expect(page.body).toContain('Visited Edna at home with Carol');
    expect((await sam.get(`/people/${ednaId}/timeline`)).body).toContain('Crisis episode: first contact');
    expect(await audits(ednaId, 'crisis-episode.first-contact')).toHaveLength(1);
  });

  it('lets a finance officer read but not write, refuses a provider, and hides what the actor may not see', async () => {
    expect((await frank.get(`/crisis/episodes/${episodeId}`)).statusCode).toBe(200);
    expect((await frank.get(`/crisis/episodes/${episodeId}`)).body).not.toContain('/triage"');
    for (const url of [
      `/people/${ednaId}/crisis/new`,
      `/crisis/episodes/${episodeId}/triage`,
      `/crisis/episodes/${episodeId}/first-contact`,
    ]) {
      expect((await frank.get(url)).statusCode, url).toBe(403);
      expect((await frank.post(url, {})).statusCode, url).toBe(403);
    }
    expect((await paul.get(`/crisis/episodes/${episodeId}`)).statusCode).toBe(403);
    const hidden = await insertCrisisEpisode(db(), t.org, hiddenId);
    for (const url of [
      `/crisis/episodes/${hidden.id}`,
      `/crisis/episodes/${hidden.id}/triage`,
      `/people/${hiddenId}/crisis/new`,
      `/people/${foreignId}/crisis/new`,
      `/crisis/episodes/${foreignEpisodeId}`,
      `/crisis/episodes/${foreignEpisodeId}/first-contact`,
      `/crisis/episodes/${crypto.randomUUID()}`,
      '/crisis/episodes/not-an-id',
    ]) {
      expect((await sam.get(url)).statusCode, url).toBe(404);
    }
    for (const url of [
      `/crisis/episodes/${hidden.id}/triage`,
      `/crisis/episodes/${foreignEpisodeId}/first-contact`,
      `/people/${hiddenId}/crisis/new`,
    ]) {
      expect((await sam.post(url, {})).statusCode, url).toBe(404);
    }
    expect(await audits(hiddenId, 'crisis-episode.view')).toEqual([]);
  });
});
