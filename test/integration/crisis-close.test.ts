import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testEngines } from '../helpers/database.js';
import { signIn, startTestApp, type Agent, type TestApp } from '../helpers/app.js';
import { createPersonThroughPages, validNhsNumber } from '../helpers/people.js';
import { insertCrisisEpisode } from '../helpers/crisis.js';
import { insertServices } from '../helpers/conversations.js';
import { insertPersonAsOwner } from '../helpers/matrix.js';
import { seedOrganisation } from '../../src/seed/organisation.js';
import { todayInLondon } from '../../src/platform/dates.js';
import { closingOutcomes, whatFollowedOptions, type CrisisEpisodeRow } from '../../src/modules/crisis/index.js';

const day = (offset: number) => todayInLondon().add({ days: offset }).toString();
function dateParts(id: string, date: string): Record<string, string> {
  const [y, m, d] = date.split('-').map((p) => String(Number(p)));
  return { [`${id}-day`]: d!, [`${id}-month`]: m!, [`${id}-year`]: y! };
}
const errorsOn = (body: string) => [...body.matchAll(/<a href="#([\w-]+)">/g)].map((m) => m[1]);

describe.each(testEngines())('crisis workspace: time limit and ending the episode (%s)', (engine) => {
  let t: TestApp;
  let sam: Agent, priya: Agent;
  let ednaId: string;
  let services: Record<string, string>;

  const db = () => t.database.db;
  const base = (id: string) => `/crisis/episodes/${id}`;
  const episode = (id: string) =>
    db().selectFrom('crisis_episode').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  const lastAudit = (personId: string) =>
    db()
      .selectFrom('audit_event')
      .select(['action', 'actor_id', 'resource_id'])
      .where('person_id', '=', personId)
      .orderBy('id', 'desc')
      .executeTakeFirst();
  const eventBySource = (module: string, id: string) =>
    db()
      .selectFrom('person_event')
      .selectAll()
      .where('source_module', '=', module)
      .where('source_id', '=', id)
      .executeTakeFirstOrThrow();

  /** An open episode that started ten days ago, with the CLD request event the opening writes. */
  async function openEpisode(overrides: Parameters<typeof insertCrisisEpisode>[3] = {}): Promise<CrisisEpisodeRow> {
    const e = await insertCrisisEpisode(db(), t.org, ednaId, { starts_on: day(-10), ends_on: day(32), ...overrides });
    return e;
  }
  async function addService(e: CrisisEpisodeRow, version: number, kind: string, endsOn: string | null) {
    const res = await sam.post(`${base(e.id)}/services/new`, {
      version: String(version),
      kind,
      description: `${kind} support`,
      provider: 'Fenshire',
      ...dateParts('startsOn', day(-5)),
      ...(endsOn ? dateParts('endsOn', endsOn) : {}),
    });
    expect(res.statusCode).toBe(303);
  }
  /** A form posted as a browser does, urlencoded, where ticked checkboxes repeat their name. */
  const postForm = (agent: Agent, url: string, form: Record<string, string | string[]>) => {
    const body = new URLSearchParams({ _csrf: agent.csrf });
    for (const [k, v] of Object.entries(form)) for (const one of [v].flat()) body.append(k, one);
    return t.app.inject({
      method: 'POST',
      url,
      headers: { cookie: agent.cookie, 'content-type': 'application/x-www-form-urlencoded' },
      payload: body.toString(),
    });
  };
  const closeForm = (overrides: Record<string, string> = {}) => ({
    version: '1',
    route: 'other',
    whatFollowed: 'no_further_support',
    ...dateParts('closedOn', day(0)),
    ...overrides,
  });

  beforeAll(async () => {
    t = await startTestApp(engine);
    [sam, priya] = await Promise.all([signIn(t.app, 'sam.practitioner'), signIn(t.app, 'priya.manager')]);
    ednaId = await createPersonThroughPages(sam, 'Edna', 'Closeworth', validNhsNumber(948_100_000));
    services = await insertServices(db(), t.org.orgId, [
      { name: 'Fenland Timebank' },
      { name: 'Memory cafe' },
      { name: 'Gone club', withdrawn: true },
    ]);
  }, 180_000);
  afterAll(async () => t?.close());

  describe('who can see an episode', () => {
    const pages = ['plan', 'services/new', 'check-ins/new', 'close'];

    it('audits one view for each form page, by the person shown', async () => {
      const e = await openEpisode();
      for (const path of pages) {
        const before = await db()
          .selectFrom('audit_event')
          .select((eb) => eb.fn.max('id').as('max'))
          .executeTakeFirstOrThrow();
        expect((await sam.get(`${base(e.id)}/${path}`)).statusCode, path).toBe(200);
        const rows = await db()
          .selectFrom('audit_event')
          .select(['action', 'person_id', 'actor_id'])
          .where('id', '>', Number(before.max))
          .execute();
        expect(rows, path).toEqual([
          { action: 'crisis-episode.view', person_id: ednaId, actor_id: t.org.userIds['sam.practitioner'] },
        ]);
      }
    });

    it('answers "not found" for a restricted person’s episode or another council’s, and changes nothing', async () => {
      const hiddenId = await createPersonThroughPages(sam, 'Hester', 'Closehidden', validNhsNumber(948_200_000));
      await db().updateTable('person').set({ restricted: true }).where('id', '=', hiddenId).execute();
      const hidden = await insertCrisisEpisode(db(), t.org, hiddenId, { starts_on: day(-10), ends_on: day(32) });
      const other = await seedOrganisation(db(), {
        council: { name: 'Close Elsewhere Council', kind: 'council', ods_code: 'CLX0001' },
        accounts: [],
      });
      const foreign = await insertCrisisEpisode(
        db(),
        other,
        await insertPersonAsOwner(db(), other.orgId, 'Foreign', 'Closeforeign'),
        { lead_worker_id: null },
      );
      for (const e of [hidden, foreign]) {
        for (const path of pages) expect((await sam.get(`${base(e.id)}/${path}`)).statusCode, path).toBe(404);
        expect((await sam.post(`${base(e.id)}/close`, closeForm())).statusCode).toBe(404);
        expect(
          (await priya.post(`${base(e.id)}/extend`, { version: '1', reason: 'x', ...dateParts('newEndsOn', day(60)) }))
            .statusCode,
        ).toBe(404);
        expect((await episode(e.id)).version).toBe(1);
      }
      expect((await sam.get(`${base('not-an-id')}/plan`)).statusCode).toBe(404);
    });
  });

  describe('the time limit', () => {
    it('shows days left, "ending soon" and "past its limit"; practitioners are told to ask their manager', async () => {
      const running = await openEpisode();
      const page = (await sam.get(base(running.id))).body;
      expect(page).toContain('32 days left');
      expect(page).toContain('ask your manager');
      expect(page).not.toContain(`${base(running.id)}/extend`);
      expect((await priya.get(base(running.id))).body).toContain(`${base(running.id)}/extend`);
      const soon = await openEpisode({ ends_on: day(3) });
      expect((await sam.get(base(soon.id))).body).toMatch(/Ending soon<\/strong> 3 days left/);
      const past = await openEpisode({ starts_on: day(-50), ends_on: day(-2) });
      expect((await sam.get(base(past.id))).body).toMatch(/Past its limit<\/strong> 2 days over/);
    });

    it('lets only a manager extend it, to a later date with a reason', async () => {
      const e = await openEpisode();
      expect((await sam.get(`${base(e.id)}/extend`)).statusCode).toBe(403);
      expect(
        (await sam.post(`${base(e.id)}/extend`, { version: '1', reason: 'x', ...dateParts('newEndsOn', day(60)) }))
          .statusCode,
      ).toBe(403);
      const form = await priya.get(`${base(e.id)}/extend`);
      expect(form.statusCode).toBe(200);
      const empty = await priya.post(`${base(e.id)}/extend`, { version: '1' });
      expect(empty.statusCode).toBe(422);
      expect(errorsOn(empty.body)).toEqual(['newEndsOn', 'reason']);
      const earlier = await priya.post(`${base(e.id)}/extend`, {
        version: '1',
        reason: 'More time',
        ...dateParts('newEndsOn', day(32)),
      });
      expect(earlier.body).toContain('The new end date must be after the current one');
      expect(await db().selectFrom('crisis_extension').select('id').where('episode_id', '=', e.id).execute()).toEqual(
        [],
      );
      const ok = await priya.post(`${base(e.id)}/extend`, {
        version: '1',
        reason: 'Reablement needs two more weeks',
        ...dateParts('newEndsOn', day(46)),
      });
      expect(ok.statusCode).toBe(303);
      expect(await episode(e.id)).toMatchObject({
        ends_on: day(46),
        version: 2,
        updated_by: t.org.userIds['priya.manager'],
      });
      expect(
        await db()
          .selectFrom('crisis_extension')
          .select(['previous_ends_on', 'new_ends_on', 'reason', 'decided_by'])
          .where('episode_id', '=', e.id)
          .execute(),
      ).toEqual([
        {
          previous_ends_on: day(32),
          new_ends_on: day(46),
          reason: 'Reablement needs two more weeks',
          decided_by: t.org.userIds['priya.manager'],
        },
      ]);
      expect(await lastAudit(ednaId)).toMatchObject({ action: 'crisis-episode.extend', resource_id: e.id });
      expect((await sam.get(base(e.id))).body).toContain('Reablement needs two more weeks');
      const stale = await priya.post(`${base(e.id)}/extend`, {
        version: '1',
        reason: 'Again',
        ...dateParts('newEndsOn', day(60)),
      });
      expect(stale.statusCode).toBe(409);
      expect(stale.body).toContain('Priya Shah extended the time limit');
      expect((await episode(e.id)).ends_on).toBe(day(46));
    });
  });

  describe('closing', () => {
    it('refuses a closure without what followed, or with other mistakes, saving nothing', async () => {
      const e = await openEpisode();
      const empty = await sam.post(`${base(e.id)}/close`, { version: '1' });
      expect(empty.statusCode).toBe(422);
      expect(errorsOn(empty.body)).toEqual(['route', 'whatFollowed', 'closedOn']);
      expect(empty.body).toContain('Select what followed the episode');
      const stepDown = await postForm(sam, `${base(e.id)}/close`, {
        ...closeForm({ route: 'step_down', whatFollowed: '', ...dateParts('closedOn', day(1)) }),
        connections: ['not a service', services['Gone club']!],
      });
      expect(errorsOn(stepDown.body)).toEqual(['whatFollowed', 'closedOn', 'connections-0', 'planReviewed']);
      expect(stepDown.body).toContain('must be today or in the past');
      const stepUp = await sam.post(
        `${base(e.id)}/close`,
        closeForm({ route: 'step_up', ...dateParts('closedOn', day(-11)) }),
      );
      expect(errorsOn(stepUp.body)).toEqual(['closedOn', 'stepUpReason']);
      const withdrawn = await postForm(sam, `${base(e.id)}/close`, {
        ...closeForm({ route: 'step_down', planReviewed: 'yes' }),
        connections: [services['Gone club']!],
      });
      expect(errorsOn(withdrawn.body)).toEqual(['connections']);
      expect(withdrawn.body).toContain('A community directory service you picked has been withdrawn or removed');
      expect(await episode(e.id)).toMatchObject({ status: 'open', version: 1, what_followed: null });
      expect((await eventBySource('crisis', e.id)).event_outcome).toBeNull();
    });

    it('refuses a stale closure, saying what changed', async () => {
      const e = await openEpisode();
      await addService(e, 1, 'equipment', null);
      const stale = await sam.post(`${base(e.id)}/close`, closeForm());
      expect(stale.statusCode).toBe(409);
      expect(stale.body).toContain('Sam Okafor added support');
      expect((await episode(e.id)).status).toBe('open');
    });

    it('steps down: connections, plan reviewed, the outcome on the request and every open service, in one go', async () => {
      const e = await openEpisode();
      await addService(e, 1, 'reablement', null);
      await addService(e, 2, 'equipment', day(-2));
      const form = await sam.get(`${base(e.id)}/close`);
      expect(form.statusCode).toBe(200);
      expect(form.body).toContain(`/people/${ednaId}/contingency-plans`);
      const res = await postForm(sam, `${base(e.id)}/close`, {
        ...closeForm({
          version: '3',
          route: 'step_down',
          planReviewed: 'yes',
          connectionNote: 'Edna will go to the timebank on Tuesdays',
          whatFollowed: 'no_further_support',
          ...dateParts('closedOn', day(-1)),
        }),
        connections: [services['Fenland Timebank']!, services['Memory cafe']!],
      });
      expect(res.statusCode).toBe(303);
      expect(await episode(e.id)).toMatchObject({
        status: 'closed',
        closed_on: day(-1),
        closed_by: t.org.userIds['sam.practitioner'],
        close_route: 'step_down',
        what_followed: 'no_further_support',
        event_outcome: 'NFA: Support ended as planned',
        plan_reviewed: true,
        step_up_reason: null,
        version: 4,
      });
      const connections = await db()
        .selectFrom('crisis_connection')
        .select(['directory_service_id', 'note'])
        .where('episode_id', '=', e.id)
        .orderBy('directory_service_id')
        .execute();
      expect(connections.map((c) => c.directory_service_id).sort()).toEqual(
        [services['Fenland Timebank'], services['Memory cafe']].sort(),
      );
      expect(connections.every((c) => c.note === 'Edna will go to the timebank on Tuesdays')).toBe(true);
      // The request ended when the response was decided: reablement put in (starting day -5, so
      // decided then), not at the close; the closing outcome is the services'.
      expect(await eventBySource('crisis', e.id)).toMatchObject({
        event_outcome: 'Progress to reablement/ST-Max',
        end_date: day(-5),
      });
      const rows = await db()
        .selectFrom('crisis_service')
        .select(['id', 'kind', 'ends_on', 'outcome'])
        .where('episode_id', '=', e.id)
        .orderBy('kind')
        .execute();
      expect(rows.map((r) => [r.kind, r.ends_on, r.outcome])).toEqual([
        ['equipment', day(-2), 'NFA: Support ended as planned'],
        ['reablement', day(-1), 'NFA: Support ended as planned'],
      ]);
      for (const row of rows)
        expect(await eventBySource('crisis-service', row.id)).toMatchObject({
          end_date: row.ends_on,
          event_outcome: 'NFA: Support ended as planned',
        });
      expect(await lastAudit(ednaId)).toMatchObject({ action: 'crisis-episode.close', resource_id: e.id });
      const page = (await sam.get(base(e.id))).body;
      expect(page).toContain('Fenland Timebank');
      expect(page).toContain('No further support needed');
      expect(page).not.toContain('Record a check-in');
      expect(
        (
          await sam.post(`${base(e.id)}/check-ins/new`, {
            version: '4',
            ...dateParts('heldOn', day(0)),
            how: 'phone',
            isWorking: 'a',
            coping: 'b',
            needsToChange: 'c',
          })
        ).statusCode,
      ).toBe(409);
    });

    it('finds directory services by name without JavaScript, keeping what was typed, and picks them', async () => {
      const e = await openEpisode();
      const form = await sam.get(`${base(e.id)}/close`);
      expect(form.body).not.toContain('Paste the address');
      expect(form.body).toContain('name="_search"');
      const typed = {
        ...closeForm({ route: 'step_down', connectionNote: 'Tuesdays at the hall', closeNote: 'Going well' }),
        find: 'timebank',
      };
      const search = await postForm(sam, `${base(e.id)}/close`, { ...typed, _search: '1' });
      expect(search.statusCode).toBe(200);
      expect(search.body).toContain(`value="${services['Fenland Timebank']}"`);
      expect(search.body).not.toContain(`value="${services['Memory cafe']}"`);
      expect(search.body).not.toContain(`value="${services['Gone club']}"`);
      expect(search.body).toContain('Tuesdays at the hall');
      expect(search.body).toContain('Going well');
      expect((await episode(e.id)).status).toBe('open');
      // A second search keeps the one already ticked, and offers the new matches.
      const again = await postForm(sam, `${base(e.id)}/close`, {
        ...typed,
        find: 'memory',
        connections: [services['Fenland Timebank']!],
        _search: '1',
      });
      expect(again.body).toMatch(new RegExp(`value="${services['Fenland Timebank']}" checked`));
      expect(again.body).toContain(`value="${services['Memory cafe']}"`);
      const none = await postForm(sam, `${base(e.id)}/close`, { ...typed, find: 'zzzqqq', _search: '1' });
      expect(none.body).toContain('No open community directory service matches “zzzqqq”');
      const closed = await postForm(sam, `${base(e.id)}/close`, {
        ...typed,
        planReviewed: 'no',
        connections: [services['Fenland Timebank']!, services['Memory cafe']!],
      });
      expect(closed.statusCode, closed.body).toBe(303);
      const connections = await db()
        .selectFrom('crisis_connection')
        .select('directory_service_id')
        .where('episode_id', '=', e.id)
        .execute();
      expect(connections.map((c) => c.directory_service_id).sort()).toEqual(
        [services['Fenland Timebank'], services['Memory cafe']].sort(),
      );
    });

    it('steps up with the reason, saying a tier 3 assessment is to follow', async () => {
      const e = await openEpisode();
      const res = await sam.post(
        `${base(e.id)}/close`,
        closeForm({
          route: 'step_up',
          stepUpReason: 'Needs are long-term: Harold will not come home',
          whatFollowed: 'long_term',
        }),
      );
      expect(res.statusCode).toBe(303);
      expect(await episode(e.id)).toMatchObject({
        close_route: 'step_up',
        step_up_reason: 'Needs are long-term: Harold will not come home',
        event_outcome: 'Progress to assessment, review or reassessment',
        plan_reviewed: null,
      });
      const page = (await sam.get(base(e.id))).body;
      expect(page).toContain('referred for a tier 3 assessment');
      expect(page).toContain('The crisis episode has been closed and referred for a tier 3 assessment');
    });

    it('reports every way of closing with its CLD outcomes: on the request when no support went in, and on the episode', async () => {
      const assessment = 'Progress to assessment, review or reassessment';
      const planning = 'Progress to support planning or services';
      const same = (o: string) => [o, o, o];
      // [what followed]: request outcome for step_down, step_up, other; then the services' outcome for each.
      const expected: Record<string, [string[], string[]]> = {
        no_further_support: [
          ['NFA: Information and advice or signposting', assessment, 'NFA: No services offered for other reason'],
          ['NFA: Support ended as planned', assessment, 'NFA: Support ended as planned'],
        ],
        ongoing_low_level: [
          [planning, assessment, planning],
          [planning, assessment, planning],
        ],
        other_short_term: [
          [planning, assessment, planning],
          [planning, assessment, planning],
        ],
        long_term: [
          [planning, assessment, planning],
          [planning, assessment, planning],
        ],
        admitted_to_hospital: [same('Admitted to hospital'), same('Admitted to hospital')],
        deceased: [same('NFA: Deceased'), same('NFA: Deceased')],
        support_declined: [same('NFA: Support declined'), same('NFA: Support declined')],
        moved_away: [
          same('NFA: Responsibility moved to another local authority'),
          same('NFA: Responsibility moved to another local authority'),
        ],
      };
      expect(whatFollowedOptions.map((o) => o.key).sort()).toEqual(Object.keys(expected).sort());
      const routes = ['step_down', 'step_up', 'other'] as const;
      for (const [whatFollowed, [request, service]] of Object.entries(expected))
        routes.forEach((route, i) => {
          expect(closingOutcomes(route, whatFollowed), `${route} × ${whatFollowed}`).toEqual({
            request: request[i],
            service: service[i],
          });
        });
      // Through the pages, one episode per route: the request (no support put in) and the episode.
      for (const [route, whatFollowed] of [
        ['step_down', 'no_further_support'],
        ['step_up', 'long_term'],
        ['other', 'no_further_support'],
        ['other', 'moved_away'],
      ] as const) {
        const e = await openEpisode();
        const extra: Record<string, string> =
          route === 'step_down'
            ? { planReviewed: 'yes' }
            : route === 'step_up'
              ? { stepUpReason: 'Needs a Care Act assessment' }
              : {};
        const res = await sam.post(`${base(e.id)}/close`, closeForm({ route, whatFollowed, ...extra }));
        expect(res.statusCode, `${route} × ${whatFollowed}`).toBe(303);
        const outcomes = closingOutcomes(route, whatFollowed);
        expect((await episode(e.id)).event_outcome).toBe(outcomes.service);
        expect(await eventBySource('crisis', e.id)).toMatchObject({
          event_outcome: outcomes.request,
          end_date: day(0),
        });
      }
    });
  });
});
