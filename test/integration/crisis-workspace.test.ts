import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { testEngines } from '../helpers/database.js';
import { signIn, startTestApp, type Agent, type TestApp } from '../helpers/app.js';
import { createPersonThroughPages, validNhsNumber } from '../helpers/people.js';
import { insertCrisisEpisode } from '../helpers/crisis.js';
import { addContact, insertServices } from '../helpers/conversations.js';
import { todayInLondon } from '../../src/platform/dates.js';
import { nextCheckInDue } from '../../src/modules/crisis/index.js';

const today = () => todayInLondon();
const day = (offset: number) => today().add({ days: offset }).toString();
/** A GOV.UK date input's three boxes for a 'YYYY-MM-DD' date. */
function dateParts(id: string, date: string): Record<string, string> {
  const [y, m, d] = date.split('-').map((p) => String(Number(p)));
  return { [`${id}-day`]: d!, [`${id}-month`]: m!, [`${id}-year`]: y! };
}
const errorsOn = (body: string) => [...body.matchAll(/<a href="#([\w-]+)">/g)].map((m) => m[1]);

describe.each(testEngines())('crisis workspace: plan, actions, support and check-ins (%s)', (engine) => {
  let t: TestApp;
  let sam: Agent, priya: Agent, bea: Agent;
  let ednaId: string;
  let carolId: string;
  let services: Record<string, string>;

  const db = () => t.database.db;
  const base = (id: string) => `/crisis/episodes/${id}`;
  const episode = (id: string) =>
    db().selectFrom('crisis_episode').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  const servicesOf = (id: string) =>
    db().selectFrom('crisis_service').selectAll().where('episode_id', '=', id).orderBy('created_at').execute();
  const lastAudit = (personId: string) =>
    db()
      .selectFrom('audit_event')
      .select(['action', 'actor_id', 'resource_id'])
      .where('person_id', '=', personId)
      .orderBy('id', 'desc')
      .executeTakeFirst();
  /** An open episode that started ten days ago, with six weeks' limit. */
  const openEpisode = (overrides: Parameters<typeof insertCrisisEpisode>[3] = {}) =>
    insertCrisisEpisode(db(), t.org, ednaId, { starts_on: day(-10), ends_on: day(32), ...overrides });

  beforeAll(async () => {
    t = await startTestApp(engine);
    [sam, priya, bea] = await Promise.all([
      signIn(t.app, 'sam.practitioner'),
      signIn(t.app, 'priya.manager'),
      signIn(t.app, 'bea.broker'),
    ]);
    ednaId = await createPersonThroughPages(sam, 'Edna', 'Workspaceworth', validNhsNumber(947_100_000));
    carolId = await addContact(sam, db(), ednaId, 'Carol Workspaceworth', 'daughter');
    services = await insertServices(db(), t.org.orgId, [
      { name: 'Fenland Good Neighbours' },
      { name: 'Closed lunch club', withdrawn: true },
    ]);
  }, 180_000);
  afterAll(async () => t?.close());

  describe('the short-term plan', () => {
    it('saves what they want, goals, new actions and the schedule; bumps the version; audits last', async () => {
      const e = await openEpisode();
      const form = await sam.get(`${base(e.id)}/plan`);
      expect(form.statusCode).toBe(200);
      expect(form.body).toContain('What Edna wants to get through this');
      const res = await sam.post(`${base(e.id)}/plan`, {
        version: '1',
        wants: 'To stay at home until Harold is back',
        'goals-0': 'Edna safe at home overnight',
        'goals-1': '',
        'goals-2': 'Carol gets some sleep',
        'actions-0-description': 'Arrange a key safe',
        'actions-0-who': 'Sam',
        ...dateParts('actions-0-dueOn', day(2)),
        checkInDailyDays: '5',
        checkInEveryDays: '3',
      });
      expect(res.statusCode).toBe(303);
      expect(res.headers.location).toBe(base(e.id));
      const saved = await episode(e.id);
      expect(saved).toMatchObject({
        wants: 'To stay at home until Harold is back',
        goals: ['Edna safe at home overnight', 'Carol gets some sleep'],
        check_in_daily_days: 5,
        check_in_every_days: 3,
        version: 2,
        updated_by: t.org.userIds['sam.practitioner'],
      });
      const actions = await db().selectFrom('crisis_action').selectAll().where('episode_id', '=', e.id).execute();
      expect(actions).toEqual([
        expect.objectContaining({ description: 'Arrange a key safe', who: 'Sam', due_on: day(2), done_on: null }),
      ]);
      expect(await lastAudit(ednaId)).toMatchObject({
        action: 'crisis-episode.plan-update',
        actor_id: t.org.userIds['sam.practitioner'],
        resource_id: e.id,
      });
    });

    it('adds a goal or action row without saving', async () => {
      const e = await openEpisode();
      const res = await sam.post(`${base(e.id)}/plan`, {
        version: '1',
        'goals-0': 'One',
        _add: 'goals',
        checkInDailyDays: '3',
        checkInEveryDays: '7',
      });
      expect(res.statusCode).toBe(200);
      expect(res.body).toContain('name="goals-1"');
      const actions = await sam.post(`${base(e.id)}/plan`, {
        version: '1',
        _add: 'actions',
        checkInDailyDays: '3',
        checkInEveryDays: '7',
      });
      expect(actions.body).toContain('name="actions-1-description"');
      expect((await episode(e.id)).version).toBe(1);
    });

    it('explains each mistake and saves nothing', async () => {
      const e = await openEpisode();
      const res = await sam.post(`${base(e.id)}/plan`, {
        version: '1',
        'actions-0-description': 'Arrange a key safe',
        'actions-1-who': 'Carol',
        ...dateParts('actions-2-dueOn', '2026-02-31'),
        'actions-3-description': 'Too early',
        'actions-3-who': 'Sam',
        ...dateParts('actions-3-dueOn', day(-20)),
        checkInDailyDays: 'x',
        checkInEveryDays: '0',
      });
      expect(res.statusCode).toBe(422);
      expect(errorsOn(res.body)).toEqual([
        'actions-0-who',
        'actions-1-description',
        'actions-2-dueOn',
        'actions-2-description',
        'actions-3-dueOn',
        'checkInDailyDays',
        'checkInEveryDays',
      ]);
      expect(res.body).toContain('Enter who will do it');
      expect(res.body).toContain('must be a real date');
      expect(res.body).toContain('on or after the start of the episode');
      expect(res.body).toContain('Arrange a key safe');
      expect((await episode(e.id)).version).toBe(1);
      expect(await db().selectFrom('crisis_action').select('id').where('episode_id', '=', e.id).execute()).toEqual([]);
    });

    it('refuses a stale plan, saying who changed what, and shows the plan as saved now', async () => {
      const e = await openEpisode();
      expect(
        (
          await priya.post(`${base(e.id)}/plan`, {
            version: '1',
            wants: 'Priya’s words',
            checkInDailyDays: '3',
            checkInEveryDays: '7',
          })
        ).statusCode,
      ).toBe(303);
      const stale = await sam.post(`${base(e.id)}/plan`, {
        version: '1',
        wants: 'Sam’s words',
        checkInDailyDays: '3',
        checkInEveryDays: '7',
      });
      expect(stale.statusCode).toBe(409);
      expect(stale.body).toContain('Priya Shah changed the short-term plan');
      expect(stale.body).toContain('Your changes have not been saved');
      expect(stale.body).toContain('Priya’s words');
      expect(stale.body).toContain('name="version" value="2"');
      expect(await episode(e.id)).toMatchObject({ wants: 'Priya’s words', version: 2 });
    });

    it('marks an action done once, with the version the page was opened on', async () => {
      const e = await openEpisode();
      const [action] = await db()
        .insertInto('crisis_action')
        .values({ org_id: t.org.orgId, episode_id: e.id, description: 'Call the GP', who: 'Sam' })
        .returning('id')
        .execute();
      const done = await sam.post(`${base(e.id)}/actions/${action!.id}/done`, { version: '1' });
      expect(done.statusCode).toBe(303);
      expect(
        await db().selectFrom('crisis_action').select('done_on').where('id', '=', action!.id).executeTakeFirst(),
      ).toEqual({ done_on: today().toString() });
      expect((await episode(e.id)).version).toBe(2);
      expect((await lastAudit(ednaId))!.action).toBe('crisis-episode.action-done');
      const stale = await sam.post(`${base(e.id)}/actions/${action!.id}/done`, { version: '1' });
      expect(stale.statusCode).toBe(409);
      expect(stale.body).toContain('marked an action done');
      const again = await sam.post(`${base(e.id)}/actions/${action!.id}/done`, { version: '2' });
      expect(again.statusCode).toBe(409);
      expect(again.body).toContain('already marked done');
      expect((await sam.post(`${base(e.id)}/actions/${crypto.randomUUID()}/done`, { version: '2' })).statusCode).toBe(
        404,
      );
    });
  });

  describe('support put in', () => {
    const serviceForm = (overrides: Record<string, string> = {}) => ({
      version: '1',
      kind: 'reablement',
      description: 'Reablement visits morning and evening',
      provider: 'Fenshire Reablement Team',
      ...dateParts('startsOn', day(-1)),
      ...dateParts('endsOn', day(20)),
      ...overrides,
    });

    it('adds reablement as ST-Max with its CLD Service event, in one transaction', async () => {
      const e = await openEpisode();
      const res = await sam.post(`${base(e.id)}/services/new`, serviceForm());
      expect(res.statusCode).toBe(303);
      const [service] = await servicesOf(e.id);
      expect(service).toMatchObject({
        kind: 'reablement',
        provider: 'Fenshire Reablement Team',
        starts_on: day(-1),
        ends_on: day(20),
        service_type: 'Short term support: ST-Max',
        service_component: 'Reablement',
        long_term: false,
      });
      const event = await db()
        .selectFrom('person_event')
        .selectAll()
        .where('id', '=', service!.cld_event_id!)
        .executeTakeFirstOrThrow();
      expect(event).toMatchObject({
        event_type: 'Service',
        start_date: day(-1),
        end_date: day(20),
        service_type: 'Short term support: ST-Max',
        service_component: 'Reablement',
        source_module: 'crisis-service',
        source_id: service!.id,
        person_id: ednaId,
      });
      expect((await episode(e.id)).version).toBe(2);
      expect((await lastAudit(ednaId))!.action).toBe('crisis-episode.service-add');
    });

    it('reports each kind as CLD asks: equipment as ongoing low level, community help not at all', async () => {
      const e = await openEpisode();
      const expected: Record<string, [string | null, string | null]> = {
        equipment: ['Short term support: Ongoing low level', 'Equipment'],
        home_support: ['Short term support: Other short term', 'Home support or domiciliary care'],
        // Edna cares for nobody on our records: cover for her is emergency support to her.
        carers_cover: ['Short term support: Other short term', 'Emergency support'],
        rehabilitation: ['Short term support: Other short term', 'Other short term support'],
        community_help: [null, null],
      };
      let version = 1;
      for (const kind of Object.keys(expected)) {
        expect(
          (await sam.post(`${base(e.id)}/services/new`, serviceForm({ kind, version: String(version) }))).statusCode,
        ).toBe(303);
        version += 1;
      }
      const rows = await servicesOf(e.id);
      expect(rows.map((r) => [r.kind, r.service_type, r.service_component])).toEqual(
        Object.entries(expected).map(([k, [type, component]]) => [k, type, component]),
      );
      const events = await db()
        .selectFrom('person_event')
        .select(['source_id', 'service_type', 'service_component', 'delivery_mechanism'])
        .where('source_module', '=', 'crisis-service')
        .where(
          'source_id',
          'in',
          rows.map((r) => r.id),
        )
        .execute();
      expect(events.map((ev) => rows.find((r) => r.id === ev.source_id)!.kind).sort()).toEqual([
        'carers_cover',
        'equipment',
        'home_support',
        'rehabilitation',
      ]);
      expect(events.every((ev) => ev.delivery_mechanism === 'CASSR commissioned support')).toBe(true);
      expect(rows.find((r) => r.kind === 'community_help')!.cld_event_id).toBeNull();
      const page = await sam.get(base(e.id));
      expect(page.body).toContain('Not reported as a service: help from family, friends or the community');
    });

    it('links a directory service or someone from their network as the provider', async () => {
      const e = await openEpisode();
      const link = await sam.post(
        `${base(e.id)}/services/new`,
        serviceForm({
          kind: 'community_help',
          provider: '',
          directoryServiceId: `https://example.test/information/services/${services['Fenland Good Neighbours']}`,
        }),
      );
      expect(link.statusCode).toBe(303);
      const helper = await sam.post(
        `${base(e.id)}/services/new`,
        serviceForm({ kind: 'carers_cover', provider: '', relationshipId: carolId, version: '2' }),
      );
      expect(helper.statusCode).toBe(303);
      const rows = await servicesOf(e.id);
      expect(rows.map((r) => [r.provider, r.directory_service_id, r.relationship_id])).toEqual([
        ['Fenland Good Neighbours', services['Fenland Good Neighbours'], null],
        ['Carol Workspaceworth', null, carolId],
      ]);
      const withdrawn = await sam.post(
        `${base(e.id)}/services/new`,
        serviceForm({ directoryServiceId: services['Closed lunch club']!, version: '3' }),
      );
      expect(withdrawn.statusCode).toBe(422);
      expect(errorsOn(withdrawn.body)).toEqual(['directoryServiceId']);
    });

    it('explains each mistake and saves nothing', async () => {
      const e = await openEpisode();
      const empty = await sam.post(`${base(e.id)}/services/new`, { version: '1' });
      expect(empty.statusCode).toBe(422);
      expect(errorsOn(empty.body)).toEqual(['kind', 'description', 'startsOn', 'provider']);
      const dates = await sam.post(
        `${base(e.id)}/services/new`,
        serviceForm({ ...dateParts('startsOn', day(-20)), ...dateParts('endsOn', day(-30)) }),
      );
      expect(errorsOn(dates.body)).toEqual(['startsOn', 'endsOn']);
      expect(dates.body).toContain('Start date must be on or after the start of the episode');
      expect(dates.body).toContain('End date must be on or after the start date');
      expect(await servicesOf(e.id)).toEqual([]);
      expect((await episode(e.id)).version).toBe(1);
    });

    it('refuses long-term support for a practitioner, stating the rule; a manager needs a reason', async () => {
      const e = await openEpisode();
      const form = await sam.get(`${base(e.id)}/services/new`);
      expect(form.body).toContain('No long-term arrangements in a crisis — a manager must agree, with a reason.');
      expect(form.body).not.toContain('name="overrideReason"');
      const practitioner = await sam.post(
        `${base(e.id)}/services/new`,
        serviceForm({ kind: 'long_term', longTermType: 'Long term support: Community', overrideReason: 'I think so' }),
      );
      expect(practitioner.statusCode).toBe(422);
      expect(practitioner.body).toContain('a manager must agree, with a reason. Ask your manager');
      const noReason = await priya.post(
        `${base(e.id)}/services/new`,
        serviceForm({ kind: 'long_term', longTermType: 'Long term support: Community' }),
      );
      expect(noReason.statusCode).toBe(422);
      expect(errorsOn(noReason.body)).toEqual(['overrideReason']);
      expect(await servicesOf(e.id)).toEqual([]);
      const agreed = await priya.post(
        `${base(e.id)}/services/new`,
        serviceForm({
          kind: 'long_term',
          longTermType: 'Long term support: Community',
          overrideReason: 'Harold will not come home; Edna needs care at home for good',
          provider: 'Fenshire Home Care',
        }),
      );
      expect(agreed.statusCode).toBe(303);
      const [service] = await servicesOf(e.id);
      expect(service).toMatchObject({
        long_term: true,
        service_type: 'Long term support: Community',
        override_reason: 'Harold will not come home; Edna needs care at home for good',
        override_by: t.org.userIds['priya.manager'],
      });
      expect(service!.override_at).toBeInstanceOf(Date);
      const event = await db()
        .selectFrom('person_event')
        .select('service_type')
        .where('id', '=', service!.cld_event_id!)
        .executeTakeFirstOrThrow();
      // While the crisis lasts it is short-term support; it becomes long-term after the close.
      expect(event.service_type).toBe('Short term support: Other short term');
      const page = await sam.get(base(e.id));
      expect(page.body).toContain('from the day after it closes, Long-term support: community');
      expect(page.body).toContain('Long-term: manager override');
    });

    it('leaves no service row if the CLD event cannot be written', async () => {
      const e = await openEpisode();
      await sql`alter table person_event add constraint crisis_service_fail_test check (false) not valid`.execute(db());
      try {
        const res = await sam.post(`${base(e.id)}/services/new`, serviceForm());
        expect(res.statusCode).toBe(500);
      } finally {
        await sql`alter table person_event drop constraint crisis_service_fail_test`.execute(db());
      }
      expect(await servicesOf(e.id)).toEqual([]);
      expect((await episode(e.id)).version).toBe(1);
    });

    it('offers the contingency plan’s pre-planned support, pre-filling the form', async () => {
      const prefill = {
        support: [
          {
            what: 'Good Neighbours sitting with Edna in the evening',
            providedBy: 'Fenland Good Neighbours',
            directoryServiceId: services['Fenland Good Neighbours'],
            directoryServiceName: 'Fenland Good Neighbours',
          },
        ],
      };
      const e = await openEpisode();
      await db()
        .updateTable('crisis_episode')
        .set({ prefill: JSON.stringify(prefill) })
        .where('id', '=', e.id)
        .execute();
      const page = await sam.get(base(e.id));
      expect(page.body).toContain(`${base(e.id)}/services/new?from=0`);
      const form = await sam.get(`${base(e.id)}/services/new?from=0`);
      expect(form.statusCode).toBe(200);
      expect(form.body).toContain('From the contingency plan: Good Neighbours sitting with Edna in the evening');
      expect(form.body).toContain(`value="${services['Fenland Good Neighbours']}"`);
      expect(form.body).toContain('value="Fenland Good Neighbours"');
    });
  });

  describe('check-ins', () => {
    const checkInForm = (overrides: Record<string, string> = {}) => ({
      version: '1',
      ...dateParts('heldOn', day(-1)),
      how: 'visit',
      isWorking: 'Yes, the visits are on time',
      coping: 'Edna is tired but managing',
      needsToChange: 'Nothing for now',
      ...overrides,
    });

    it('records a check-in and moves the next one due by the schedule; lists them newest first', async () => {
      const e = await openEpisode({ next_check_in_due: day(-9) });
      expect((await sam.get(base(e.id))).body).toMatch(/Next due[^<]*<strong class="govuk-tag govuk-tag--red">Overdue/);
      const first = await sam.post(
        `${base(e.id)}/check-ins/new`,
        checkInForm({ ...dateParts('heldOn', day(-2)), coping: 'Older check-in' }),
      );
      expect(first.statusCode).toBe(303);
      expect(
        await sam.post(`${base(e.id)}/check-ins/new`, checkInForm({ version: '2', coping: 'Newer check-in' })),
      ).toHaveProperty('statusCode', 303);
      const saved = await episode(e.id);
      expect(saved.next_check_in_due).toBe(nextCheckInDue(day(-10), day(32), day(-1), 3, 7));
      expect(saved.version).toBe(3);
      expect((await lastAudit(ednaId))!.action).toBe('crisis-episode.check-in');
      const page = (await sam.get(base(e.id))).body;
      expect(page.indexOf('Newer check-in')).toBeLessThan(page.indexOf('Older check-in'));
      expect(page).toContain('Daily for the first 3 days, then every 7 days');
    });

    it('explains each mistake and saves nothing', async () => {
      const e = await openEpisode();
      const empty = await sam.post(`${base(e.id)}/check-ins/new`, { version: '1' });
      expect(empty.statusCode).toBe(422);
      expect(errorsOn(empty.body)).toEqual(['heldOn', 'how', 'isWorking', 'coping', 'needsToChange']);
      const future = await sam.post(`${base(e.id)}/check-ins/new`, checkInForm(dateParts('heldOn', day(1))));
      expect(future.body).toContain('must be today or in the past');
      const early = await sam.post(`${base(e.id)}/check-ins/new`, checkInForm(dateParts('heldOn', day(-11))));
      expect(early.body).toContain('must be on or after the start of the episode');
      expect(await db().selectFrom('crisis_check_in').select('id').where('episode_id', '=', e.id).execute()).toEqual(
        [],
      );
    });

    it('refuses a check-in against a stale version, saying what changed', async () => {
      const e = await openEpisode();
      expect((await priya.post(`${base(e.id)}/check-ins/new`, checkInForm())).statusCode).toBe(303);
      const stale = await sam.post(`${base(e.id)}/check-ins/new`, checkInForm({ coping: 'Sam’s stale check-in' }));
      expect(stale.statusCode).toBe(409);
      expect(stale.body).toContain('Priya Shah recorded a check-in');
      expect(
        await db().selectFrom('crisis_check_in').select('coping').where('episode_id', '=', e.id).execute(),
      ).toEqual([{ coping: 'Edna is tired but managing' }]);
    });
  });

  describe('a closed episode and who may write', () => {
    it('refuses every write on a closed episode with a clear message, saving nothing', async () => {
      const e = await openEpisode({
        status: 'closed',
        closed_on: day(-1),
        close_route: 'other',
        what_followed: 'no_further_support',
        event_outcome: 'NFA: Support ended as planned',
      });
      const posts: [string, Record<string, string>][] = [
        ['plan', { wants: 'x', checkInDailyDays: '3', checkInEveryDays: '7' }],
        ['services/new', { kind: 'reablement', description: 'x', provider: 'y', ...dateParts('startsOn', day(-1)) }],
        [
          'check-ins/new',
          { ...dateParts('heldOn', day(-1)), how: 'phone', isWorking: 'a', coping: 'b', needsToChange: 'c' },
        ],
        ['close', { route: 'other', whatFollowed: 'deceased', ...dateParts('closedOn', day(-1)) }],
      ];
      for (const [path, form] of posts) {
        const res = await sam.post(`${base(e.id)}/${path}`, { version: '1', ...form });
        expect(res.statusCode, path).toBe(409);
        expect(res.body, path).toContain('This crisis episode was closed on');
        expect((await sam.get(`${base(e.id)}/${path}`)).body, path).toContain('It cannot be changed');
      }
      const extend = await priya.post(`${base(e.id)}/extend`, {
        version: '1',
        reason: 'x',
        ...dateParts('newEndsOn', day(60)),
      });
      expect(extend.statusCode).toBe(409);
      expect(await episode(e.id)).toMatchObject({ version: 1, wants: '', what_followed: 'no_further_support' });
      expect(await servicesOf(e.id)).toEqual([]);
    });

    it('lets a broker read the episode but not write to it', async () => {
      const e = await openEpisode();
      expect(
        (
          await bea.post(`${base(e.id)}/plan`, {
            version: '1',
            wants: 'x',
            checkInDailyDays: '3',
            checkInEveryDays: '7',
          })
        ).statusCode,
      ).toBe(403);
      const page = await bea.get(base(e.id));
      expect(page.statusCode).toBe(200);
      expect(page.body).not.toContain('Put support in');
      expect((await episode(e.id)).version).toBe(1);
    });
  });
});
