import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testEngines } from '../helpers/database.js';
import { signIn, startTestApp, type Agent, type TestApp } from '../helpers/app.js';
import { createPersonThroughPages, validNhsNumber } from '../helpers/people.js';
import { insertCrisisEpisode } from '../helpers/crisis.js';
import { todayInLondon } from '../../src/platform/dates.js';

const day = (offset: number) => todayInLondon().add({ days: offset }).toString();
function dateParts(id: string, date: string): Record<string, string> {
  const [y, m, d] = date.split('-').map((p) => String(Number(p)));
  return { [`${id}-day`]: d!, [`${id}-month`]: m!, [`${id}-year`]: y! };
}
const errorsOn = (body: string) => [...body.matchAll(/<a href="#([\w-]+)">/g)].map((m) => m[1]);

/**
 * A short-term assessment where one happens in a crisis: its CLD Assessment event ("Short term
 * assessment", no eligibility decision), shown in the workspace and linked from the timeline;
 * GOV.UK errors, stale and closed refusals, nothing half-saved.
 */
describe.each(testEngines())('crisis short-term assessment (%s)', (engine) => {
  let t: TestApp;
  let sam: Agent;
  let ednaId: string;
  const db = () => t.database.db;
  const base = (id: string) => `/crisis/episodes/${id}/assessments/new`;
  const good = (version: string) => ({
    version,
    ...dateParts('startedOn', day(-2)),
    ...dateParts('completedOn', day(-1)),
    method: 'Face to face',
    strengths: 'Edna knows her routines; Carol stays nights; the neighbours pop in',
    needs: 'Help to wash and dress in the morning while Harold is in hospital',
    outcome: 'Progress to reablement/ST-Max',
  });
  const assessmentsOf = (episodeId: string) =>
    db().selectFrom('crisis_assessment').selectAll().where('episode_id', '=', episodeId).execute();

  beforeAll(async () => {
    t = await startTestApp(engine);
    sam = await signIn(t.app, 'sam.practitioner');
    ednaId = await createPersonThroughPages(sam, 'Edna', 'Assessworth', validNhsNumber(948_100_000));
  }, 180_000);
  afterAll(async () => t?.close());

  it('records the assessment with its CLD event, shows it in the workspace and links the timeline to the episode', async () => {
    const e = await insertCrisisEpisode(db(), t.org, ednaId, { starts_on: day(-5), ends_on: day(37) });
    const form = await sam.get(base(e.id));
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain('Face to face');
    const res = await sam.post(base(e.id), good('1'));
    expect(res.statusCode, res.body).toBe(303);
    expect(res.headers.location).toBe(`/crisis/episodes/${e.id}`);
    const [saved] = await assessmentsOf(e.id);
    expect(saved).toMatchObject({
      started_on: day(-2),
      completed_on: day(-1),
      method: 'Face to face',
      outcome: 'Progress to reablement/ST-Max',
      person_id: ednaId,
    });
    const event = await db()
      .selectFrom('person_event')
      .selectAll()
      .where('id', '=', saved!.cld_event_id!)
      .executeTakeFirstOrThrow();
    expect(event).toMatchObject({
      event_type: 'Assessment',
      assessment_type: 'Short term assessment',
      method_of_assessment: 'Face to face',
      eligible_needs_identified: null,
      start_date: day(-2),
      end_date: day(-1),
      event_outcome: 'Progress to reablement/ST-Max',
      source_module: 'crisis-assessment',
      source_id: saved!.id,
    });
    expect(
      (await db().selectFrom('crisis_episode').select('version').where('id', '=', e.id).executeTakeFirstOrThrow())
        .version,
    ).toBe(2);
    const audit = await db()
      .selectFrom('audit_event')
      .select(['action', 'person_id'])
      .where('resource_id', '=', e.id)
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    expect(audit).toEqual({ action: 'crisis-episode.assessment', person_id: ednaId });

    const page = await sam.get(`/crisis/episodes/${e.id}`);
    expect(page.body).toContain('Help to wash and dress in the morning');
    const timeline = await sam.get(`/people/${ednaId}/timeline`);
    expect(timeline.body).toContain(`href="/crisis/assessments/${saved!.id}"`);
    const link = await sam.get(`/crisis/assessments/${saved!.id}`);
    expect(link.statusCode).toBe(303);
    expect(link.headers.location).toBe(`/crisis/episodes/${e.id}`);
    expect((await sam.get('/crisis/assessments/00000000-0000-4000-8000-000000000000')).statusCode).toBe(404);
  });

  it('explains each mistake and saves nothing', async () => {
    const e = await insertCrisisEpisode(db(), t.org, ednaId, { starts_on: day(-5), ends_on: day(37) });
    const empty = await sam.post(base(e.id), { version: '1' });
    expect(empty.statusCode).toBe(422);
    expect(errorsOn(empty.body)).toEqual(
      expect.arrayContaining(['startedOn', 'completedOn', 'method', 'strengths', 'needs', 'outcome']),
    );
    const before = await sam.post(base(e.id), { ...good('1'), ...dateParts('startedOn', day(-9)) });
    expect(before.statusCode).toBe(422);
    expect(before.body).toContain('must be on or after the start of the episode');
    const backwards = await sam.post(base(e.id), {
      ...good('1'),
      ...dateParts('startedOn', day(-1)),
      ...dateParts('completedOn', day(-2)),
    });
    expect(backwards.statusCode).toBe(422);
    expect(backwards.body).toContain('must be on or after the date it started');
    // A retired Release 1 outcome is not offered, so it is refused.
    const retired = await sam.post(base(e.id), { ...good('1'), outcome: 'Provision of service' });
    expect(retired.statusCode).toBe(422);
    expect(await assessmentsOf(e.id)).toEqual([]);
  });

  it('refuses a stale form and a closed episode, saving nothing', async () => {
    const e = await insertCrisisEpisode(db(), t.org, ednaId, { starts_on: day(-5), ends_on: day(37), version: 3 });
    const stale = await sam.post(base(e.id), good('2'));
    expect(stale.statusCode).toBe(409);
    await db()
      .updateTable('crisis_episode')
      .set({
        status: 'closed',
        closed_on: day(0),
        close_route: 'other',
        what_followed: 'support_declined',
        event_outcome: 'NFA: Support declined',
      })
      .where('id', '=', e.id)
      .execute();
    const closed = await sam.post(base(e.id), good('3'));
    expect(closed.statusCode).toBe(409);
    expect(closed.body).toContain('was closed');
    expect(await assessmentsOf(e.id)).toEqual([]);
  });
});
