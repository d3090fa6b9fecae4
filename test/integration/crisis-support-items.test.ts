import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testEngines } from '../helpers/database.js';
import { signIn, startTestApp, type Agent, type TestApp } from '../helpers/app.js';
import { createPersonThroughPages, validNhsNumber } from '../helpers/people.js';
import { insertCrisisEpisode } from '../helpers/crisis.js';
import { todayInLondon } from '../../src/platform/dates.js';
import type { CrisisEpisodeRow } from '../../src/modules/crisis/index.js';

const day = (offset: number) => todayInLondon().add({ days: offset }).toString();
function dateParts(id: string, date: string): Record<string, string> {
  const [y, m, d] = date.split('-').map((p) => String(Number(p)));
  return { [`${id}-day`]: d!, [`${id}-month`]: m!, [`${id}-year`]: y! };
}
const errorsOn = (body: string) => [...body.matchAll(/<a href="#([\w-]+)">/g)].map((m) => m[1]);

/**
 * Support put in during a crisis: ended, corrected, cancelled when it never started, and never a
 * reason the episode cannot close (issue 11).
 */
describe.each(testEngines())('crisis support items: end, change, close (%s)', (engine) => {
  let t: TestApp;
  let sam: Agent;
  let ednaId: string;

  const db = () => t.database.db;
  const base = (id: string) => `/crisis/episodes/${id}`;
  const episode = (id: string) =>
    db().selectFrom('crisis_episode').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  const servicesOf = (id: string) =>
    db().selectFrom('crisis_service').selectAll().where('episode_id', '=', id).orderBy('created_at').execute();
  const eventOf = (serviceId: string) =>
    db()
      .selectFrom('person_event')
      .selectAll()
      .where('source_module', '=', 'crisis-service')
      .where('source_id', '=', serviceId)
      .executeTakeFirst();
  const lastAudit = (personId: string) =>
    db()
      .selectFrom('audit_event')
      .select(['action', 'resource_id'])
      .where('person_id', '=', personId)
      .orderBy('id', 'desc')
      .executeTakeFirst();

  /** An open episode that started ten days ago, with the CLD request event the opening writes. */
  async function openEpisode(overrides: Parameters<typeof insertCrisisEpisode>[3] = {}): Promise<CrisisEpisodeRow> {
    const e = await insertCrisisEpisode(db(), t.org, ednaId, { starts_on: day(-10), ends_on: day(32), ...overrides });
    return e;
  }
  async function putIn(e: CrisisEpisodeRow, version: number, startsOn: string, extra: Record<string, string> = {}) {
    const res = await sam.post(`${base(e.id)}/services/new`, {
      version: String(version),
      kind: 'home_support',
      description: 'Home support from the day after an admission',
      provider: 'Fenshire Home Care',
      ...dateParts('startsOn', startsOn),
      ...extra,
    });
    expect(res.statusCode, res.body).toBe(303);
    return (await servicesOf(e.id)).at(-1)!;
  }
  const stepDown = (version: number, overrides: Record<string, string> = {}) => ({
    version: String(version),
    route: 'step_down',
    planReviewed: 'yes',
    whatFollowed: 'no_further_support',
    ...dateParts('closedOn', day(0)),
    ...overrides,
  });

  beforeAll(async () => {
    t = await startTestApp(engine);
    sam = await signIn(t.app, 'sam.practitioner');
    ednaId = await createPersonThroughPages(sam, 'Edna', 'Supportworth', validNhsNumber(949_100_000));
  }, 180_000);
  afterAll(async () => t?.close());

  describe('closing with support that has not started', () => {
    it('cancels support starting after the closing date (no CLD Service event), ends the rest: never a 500', async () => {
      const e = await openEpisode();
      const tomorrow = await putIn(e, 1, day(1));
      const running = await putIn(e, 2, day(-3));
      expect(await eventOf(tomorrow.id)).toBeDefined();
      const res = await sam.post(`${base(e.id)}/close`, stepDown(3));
      expect(res.statusCode, res.body).toBe(303);
      expect(await episode(e.id)).toMatchObject({ status: 'closed', closed_on: day(0) });
      const [cancelled, ended] = await servicesOf(e.id);
      expect(cancelled).toMatchObject({ id: tomorrow.id, status: 'cancelled', ends_on: null, cancelled_on: day(0) });
      expect(cancelled!.cld_event_id).toBeNull();
      expect(await eventOf(tomorrow.id)).toMatchObject({
        recorded_in_error_reason: 'The support was cancelled before it started: it was never delivered',
      });
      expect((await eventOf(tomorrow.id))!.recorded_in_error_at).not.toBeNull();
      expect(ended).toMatchObject({ id: running.id, status: 'active', ends_on: day(0) });
      expect(await eventOf(running.id)).toMatchObject({
        end_date: day(0),
        event_outcome: 'NFA: Support ended as planned',
      });
      const page = (await sam.get(base(e.id))).body;
      expect(page).toContain('Cancelled: it had not started when the episode closed');
    });
  });
  describe('ending and correcting support', () => {
    it('ends support on a date: the item and its CLD event, a new version, audited; mistakes listed, nothing saved', async () => {
      const e = await openEpisode();
      const item = await putIn(e, 1, day(-5));
      const page = (await sam.get(base(e.id))).body;
      expect(page).toContain(`${base(e.id)}/services/${item.id}/end`);
      expect(page).toContain('no end date yet');
      expect(page).not.toContain('not set');
      const url = `${base(e.id)}/services/${item.id}/end`;
      expect((await sam.get(url)).statusCode).toBe(200);
      const empty = await sam.post(url, { version: '2' });
      expect(empty.statusCode).toBe(422);
      expect(errorsOn(empty.body)).toEqual(['ending']);
      const early = await sam.post(url, { version: '2', ending: 'ended', ...dateParts('endsOn', day(-6)) });
      expect(early.statusCode).toBe(422);
      expect(early.body).toContain('If it never started, select “It did not go ahead”');
      expect((await servicesOf(e.id))[0]).toMatchObject({ ends_on: null, version: 1 });
      const ok = await sam.post(url, { version: '2', ending: 'ended', ...dateParts('endsOn', day(-1)) });
      expect(ok.statusCode, ok.body).toBe(303);
      expect((await servicesOf(e.id))[0]).toMatchObject({
        ends_on: day(-1),
        version: 2,
        status: 'active',
        updated_by: t.org.userIds['sam.practitioner'],
      });
      expect(await eventOf(item.id)).toMatchObject({ end_date: day(-1) });
      expect(await lastAudit(ednaId)).toMatchObject({ action: 'crisis-episode.service-end', resource_id: e.id });
      expect((await episode(e.id)).version).toBe(3);
      const stale = await sam.post(url, { version: '2', ending: 'ended', ...dateParts('endsOn', day(0)) });
      expect(stale.statusCode).toBe(409);
      expect(stale.body).toContain('Sam Okafor ended support');
      expect((await servicesOf(e.id))[0]!.ends_on).toBe(day(-1));
    });

    it('cancels support that did not go ahead: kept as cancelled, its CLD Service event marked recorded in error (never deleted), no more changes', async () => {
      const e = await openEpisode();
      const item = await putIn(e, 1, day(2));
      const res = await sam.post(`${base(e.id)}/services/${item.id}/end`, { version: '2', ending: 'cancelled' });
      expect(res.statusCode, res.body).toBe(303);
      expect((await servicesOf(e.id))[0]).toMatchObject({ status: 'cancelled', cancelled_on: day(0), ends_on: null });
      expect(await eventOf(item.id)).toMatchObject({
        recorded_in_error_reason: 'The support was cancelled before it started: it was never delivered',
      });
      expect((await eventOf(item.id))!.recorded_in_error_at).not.toBeNull();
      expect(await lastAudit(ednaId)).toMatchObject({ action: 'crisis-episode.service-cancel' });
      const page = (await sam.get(base(e.id))).body;
      expect(page).not.toContain(`${base(e.id)}/services/${item.id}/change`);
      const again = await sam.post(`${base(e.id)}/services/${item.id}/change`, {
        version: '3',
        description: 'x',
        provider: 'y',
        ...dateParts('startsOn', day(0)),
      });
      expect(again.statusCode).toBe(409);
      expect(again.body).toContain('This support was cancelled on');
    });

    it('corrects what the support is, who provides it and its dates, with its CLD event; refuses bad dates', async () => {
      const e = await openEpisode();
      const item = await putIn(e, 1, day(-5));
      const url = `${base(e.id)}/services/${item.id}/change`;
      const form = await sam.get(url);
      expect(form.statusCode).toBe(200);
      expect(form.body).toContain('value="Fenshire Home Care"');
      const bad = await sam.post(url, {
        version: '2',
        description: '',
        provider: 'Fenshire Home Care',
        ...dateParts('startsOn', day(-11)),
        ...dateParts('endsOn', day(-12)),
      });
      expect(bad.statusCode).toBe(422);
      expect(errorsOn(bad.body)).toEqual(['description', 'startsOn', 'endsOn']);
      const ok = await sam.post(url, {
        version: '2',
        description: 'Evening visits',
        provider: 'Fenland Carers',
        ...dateParts('startsOn', day(-4)),
        ...dateParts('endsOn', day(3)),
      });
      expect(ok.statusCode, ok.body).toBe(303);
      expect((await servicesOf(e.id))[0]).toMatchObject({
        description: 'Evening visits',
        provider: 'Fenland Carers',
        starts_on: day(-4),
        ends_on: day(3),
        version: 2,
      });
      expect(await eventOf(item.id)).toMatchObject({
        start_date: day(-4),
        end_date: day(3),
        summary: 'Crisis support: Evening visits (Fenland Carers)',
      });
      expect(await lastAudit(ednaId)).toMatchObject({ action: 'crisis-episode.service-change' });
      expect((await sam.get(`${base(e.id)}/services/00000000-0000-4000-8000-000000000000/end`)).statusCode).toBe(404);
    });
  });
  describe('the contingency plan’s planned support', () => {
    it('once put in, shows "Put in on <date>" with a link to it instead of "Put this in", and refuses a second copy', async () => {
      const e = await openEpisode();
      const prefill = { support: [{ what: 'Evening sitting', providedBy: 'Good Neighbours' }] };
      await db()
        .updateTable('crisis_episode')
        .set({ prefill: JSON.stringify(prefill) })
        .where('id', '=', e.id)
        .execute();
      expect((await sam.get(base(e.id))).body).toContain(`${base(e.id)}/services/new?from=0`);
      const form = await sam.get(`${base(e.id)}/services/new?from=0`);
      expect(form.body).toContain('name="from" value="0"');
      const item = await putIn(e, 1, day(0), { from: '0', description: 'Evening sitting' });
      expect(item.planned_index).toBe(0);
      const page = (await sam.get(base(e.id))).body;
      expect(page).not.toContain(`${base(e.id)}/services/new?from=0`);
      expect(page).toContain(`href="#service-${item.id}">Put in on`);
      expect(page).toContain(`id="service-${item.id}"`);
      const second = await sam.post(`${base(e.id)}/services/new`, {
        version: '2',
        from: '0',
        kind: 'home_support',
        description: 'Evening sitting',
        provider: 'Good Neighbours',
        ...dateParts('startsOn', day(0)),
      });
      expect(second.statusCode).toBe(409);
      expect(second.body).toContain('“Evening sitting” from the contingency plan was put in on');
      expect(await servicesOf(e.id)).toHaveLength(1);
      // Cancelled, it did not go ahead: the plan's support can be put in again.
      await sam.post(`${base(e.id)}/services/${item.id}/end`, { version: '2', ending: 'cancelled' });
      expect((await sam.get(base(e.id))).body).toContain(`${base(e.id)}/services/new?from=0`);
    });
  });
});
