import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signIn, startTestApp, type Agent, type TestApp } from '../helpers/app.js';
import { createPersonThroughPages, validNhsNumber } from '../helpers/people.js';
import { conversationForm } from '../helpers/conversations.js';
import { insertCrisisEpisode } from '../helpers/crisis.js';
import { todayInLondon } from '../../src/platform/dates.js';
import { testEngines } from '../helpers/database.js';

const day = (offset: number) => todayInLondon().add({ days: offset }).toString();

/**
 * Until tier 3 lands, a conversation that ends "progress to assessment" and a crisis episode closed as
 * "step up" must not lead nowhere: both put the person on the queue a manager can see, and say so.
 */
describe.each(testEngines())('waiting for an assessment (%s)', (engine) => {
  let t: TestApp;
  let sam: Agent;
  let priya: Agent;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    t = await startTestApp(engine);
    sam = await signIn(t.app, 'sam.practitioner');
    priya = await signIn(t.app, 'priya.manager');
    ids.Margaret = await createPersonThroughPages(sam, 'Margaret', 'Okafor', validNhsNumber(900_100_000));
    ids.Harold = await createPersonThroughPages(sam, 'Harold', 'Baines', validNhsNumber(900_200_000));
    ids.Hidden = await createPersonThroughPages(sam, 'Hidden', 'Person', validNhsNumber(900_300_000));
    ids.Nobody = await createPersonThroughPages(sam, 'Nobody', 'Waiting', validNhsNumber(900_400_000));
    const progress = 'Progress to assessment, review or reassessment';
    for (const [who, outcome] of [
      ['Margaret', progress],
      ['Nobody', 'NFA: Information and advice or signposting'],
      ['Hidden', progress],
    ] as const) {
      const res = await sam.post(
        `/people/${ids[who]}/conversations/new`,
        conversationForm(day(-3), { outcome, outcomeNotes: `${who} needs help with washing` }),
      );
      expect(res.statusCode).toBe(303);
    }
    await insertCrisisEpisode(t.database.db, t.org, ids.Harold!, {
      status: 'closed',
      starts_on: day(-20),
      ends_on: day(22),
      closed_on: day(-9),
      closed_at: new Date(),
      close_route: 'step_up',
      step_up_reason: 'Needs are long-term: Harold will not come home',
      what_followed: 'long_term',
      event_outcome: 'Progress to support planning or services',
    });
    await t.database.db.updateTable('person').set({ restricted: true }).where('id', '=', ids.Hidden!).execute();
  });
  afterAll(async () => t.close());

  it('lists everyone waiting, longest wait first, with where it came from and why', async () => {
    const res = await priya.get('/assessments');
    expect(res.statusCode).toBe(200);
    const page = res.body;
    expect(page).toContain('Tier 3 assessments are not recorded in Transforming Lives yet');
    expect(page).toContain('2 people waiting');
    const harold = page.indexOf('Harold Baines');
    const margaret = page.indexOf('Margaret Okafor');
    expect(harold).toBeGreaterThan(0);
    expect(margaret).toBeGreaterThan(harold); // stepped up nine days ago, before Margaret's conversation
    expect(page).toContain('Crisis episode stepped up');
    expect(page).toContain('Needs are long-term: Harold will not come home');
    expect(page).toContain('Margaret needs help with washing');
    expect(page).not.toContain('Nobody Waiting');
  });

  it('leaves out a restricted record the viewer may not open, and audits the view as one listing', async () => {
    const page = (await sam.get('/assessments')).body;
    expect(page).not.toContain('Hidden Person');
    const entry = await t.database.db
      .selectFrom('audit_event')
      .select(['action', 'person_ids'])
      .where('action', '=', 'assessment-waiting.list')
      .orderBy('at', 'desc')
      .executeTakeFirstOrThrow();
    expect([...(entry.person_ids ?? [])].sort()).toEqual([ids.Harold, ids.Margaret].sort());
  });

  it('is for caseworkers: a finance officer is refused', async () => {
    const frank = await signIn(t.app, 'frank.finance');
    expect((await frank.get('/assessments')).statusCode).toBe(403);
  });

  it('says so on the conversation and on the episode, linking to the list', async () => {
    const conversations = (await sam.get(`/people/${ids.Margaret}/conversations`)).body;
    const href = /href="(\/people\/[^"]+\/conversations\/[0-9a-f-]{36})"/.exec(conversations)?.[1];
    expect(href).toBeDefined();
    const conversation = (await sam.get(href!)).body;
    expect(conversation).toContain('Tier 3 assessments are not recorded in Transforming Lives yet');
    expect(conversation).toContain('href="/assessments"');
    const episode = await t.database.db
      .selectFrom('crisis_episode')
      .select('id')
      .where('person_id', '=', ids.Harold!)
      .executeTakeFirstOrThrow();
    const episodePage = (await sam.get(`/crisis/episodes/${episode.id}`)).body;
    expect(episodePage).toContain('href="/assessments"');
  });

  it('filters by patch, and an unknown patch shows every patch', async () => {
    const unknown = await priya.get('/assessments?patch=not-a-patch');
    expect(unknown.statusCode).toBe(200);
    expect(unknown.body).toContain('All patches');
  });
});
