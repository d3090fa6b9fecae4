import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signIn, startTestApp, type Agent, type TestApp } from '../helpers/app.js';
import { createPersonThroughPages, validNhsNumber } from '../helpers/people.js';
import { conversationForm } from '../helpers/conversations.js';
import { insertCrisisEpisode } from '../helpers/crisis.js';
import { insertPersonAsOwner, issueToken, userActor } from '../helpers/matrix.js';
import { testEngines } from '../helpers/database.js';
import { PeopleService } from '../../src/modules/people/service.js';
import { relationshipInputSchema } from '../../src/modules/people/schema.js';
import { seedOrganisation } from '../../src/seed/organisation.js';
import { todayInLondon } from '../../src/platform/dates.js';
import { withOrg } from '../../src/platform/db/scope.js';
import { openAssessmentRequest } from '../../src/modules/assessment/index.js';

const day = (offset: number) => todayInLondon().add({ days: offset }).toString();
function dateParts(id: string, date: string): Record<string, string> {
  const [y, m, d] = date.split('-').map((p) => String(Number(p)));
  return { [`${id}-day`]: d!, [`${id}-month`]: m!, [`${id}-year`]: y! };
}
const errorsOn = (body: string) => [...body.matchAll(/<a href="#([\w-]+)">/g)].map((m) => m[1]);
const PROGRESS = 'Progress to assessment, review or reassessment';

/**
 * Issue 13 §1: the ways in to a tier 3 assessment (the staff page, a carer's own request, the partner
 * API, a conversation's outcome and a crisis step-up), the CLD Request events each writes (or does
 * not, when its source already wrote one), and the worklist of requests waiting.
 */
describe.each(testEngines())('assessment requests (%s)', (engine) => {
  let t: TestApp;
  let sam: Agent;
  let priya: Agent;
  const ids: Record<string, string> = {};
  const nhs = (n: number) => validNhsNumber(951_000_000 + n * 1000);

  const db = () => t.database.db;
  const requestsOf = (personId: string) =>
    db().selectFrom('assessment_request').selectAll().where('person_id', '=', personId).execute();
  const requestEventsOf = (personId: string) =>
    db()
      .selectFrom('person_event')
      .selectAll()
      .where('person_id', '=', personId)
      .where('event_type', '=', 'Request')
      .orderBy('created_at')
      .execute();
  const auditsOf = (personId: string, action: string) =>
    db()
      .selectFrom('audit_event')
      .select(['action', 'resource_id', 'actor_id'])
      .where('person_id', '=', personId)
      .where('action', '=', action)
      .execute();
  const api = (token: string, body: unknown) =>
    t.app.inject({
      method: 'POST',
      url: '/api/v1/assessment-requests',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      payload: JSON.stringify(body),
    });
  const askForm = (overrides: Record<string, string> = {}) => ({
    kind: 'care_needs',
    ...dateParts('receivedOn', day(-2)),
    routeOfAccess: 'Discharge from Hospital',
    reason: 'Back home from hospital; struggling to wash and dress',
    ...overrides,
  });

  beforeAll(async () => {
    t = await startTestApp(engine);
    [sam, priya] = await Promise.all([signIn(t.app, 'sam.practitioner'), signIn(t.app, 'priya.manager')]);
    for (const [i, [given, family]] of [
      ['Margaret', 'Okafor'],
      ['Harold', 'Carewell'],
      ['Edna', 'Carewell'],
      ['Conor', 'Talker'],
      ['Nora', 'Nfa'],
      ['Stan', 'Stepup'],
      ['Pat', 'Partner'],
    ].entries())
      ids[given!] = await createPersonThroughPages(sam, given!, family!, nhs(i + 1));
    // Harold cares for Edna (he does not call himself a carer: the label is not asked).
    await new PeopleService(db()).addRelationship(
      { actor: userActor('practitioner', t.org.userIds['sam.practitioner']!, t.org.orgId) },
      ids.Harold!,
      relationshipInputSchema.parse({
        relatedPersonId: ids.Edna,
        relationshipType: 'spouse-or-partner',
        otherReceivesCare: true,
        carerLabel: 'not_asked',
      }),
    );
  }, 180_000);
  afterAll(async () => t?.close());

  describe('asked for from the person record', () => {
    it('offers the form from the record, and refuses bad answers with GOV.UK messages, saving nothing', async () => {
      const record = await sam.get(`/people/${ids.Margaret}/record/assessments`);
      expect(record.body).toContain(`href="/people/${ids.Margaret}/assessment-requests/new"`);
      const form = await sam.get(`/people/${ids.Margaret}/assessment-requests/new`);
      expect(form.statusCode).toBe(200);
      expect(form.body).toContain('Ask for an assessment');

      const empty = await sam.post(`/people/${ids.Margaret}/assessment-requests/new`, {});
      expect(empty.statusCode).toBe(422);
      expect(errorsOn(empty.body)).toEqual(['kind', 'receivedOn-day', 'routeOfAccess', 'reason']);
      expect(empty.body).toContain('Select what the assessment is for');
      expect(empty.body).toContain('Enter why they need an assessment');

      const future = await sam.post(
        `/people/${ids.Margaret}/assessment-requests/new`,
        askForm({ ...dateParts('receivedOn', day(3)), routeOfAccess: 'Somewhere' }),
      );
      expect(future.statusCode).toBe(422);
      expect(errorsOn(future.body)).toEqual(['receivedOn-day', 'routeOfAccess']);
      expect(future.body).toContain('Select how they came to us from the list');
      expect(await requestsOf(ids.Margaret!)).toEqual([]);
      expect(await requestEventsOf(ids.Margaret!)).toEqual([]);
    });

    it('opens a request for the person’s care needs with its own CLD Request event, audited', async () => {
      const res = await sam.post(`/people/${ids.Margaret}/assessment-requests/new`, askForm());
      expect(res.statusCode).toBe(303);
      const [request] = await requestsOf(ids.Margaret!);
      expect(request).toMatchObject({
        kind: 'care_needs',
        came_from: 'practitioner',
        status: 'waiting',
        received_on: day(-2),
        source_module: null,
      });
      expect(res.headers.location).toBe(`/people/${ids.Margaret}/assessment-requests/${request!.id}`);
      const events = await requestEventsOf(ids.Margaret!);
      expect(events).toHaveLength(1);
      expect(events[0]).toMatchObject({
        id: request!.cld_request_event_id,
        source_module: 'assessment-request',
        source_id: request!.id,
        client_type: 'Service user',
        start_date: day(-2),
        end_date: day(-2),
        route_of_access: 'Discharge from Hospital',
        event_outcome: PROGRESS,
      });
      expect(await auditsOf(ids.Margaret!, 'assessment-request.open')).toEqual([
        expect.objectContaining({ resource_id: request!.id, actor_id: t.org.userIds['sam.practitioner'] }),
      ]);
      const page = await sam.get(res.headers.location as string);
      expect(page.statusCode).toBe(200);
      expect(page.body).toContain('Asked by a practitioner');
      expect(page.body).toContain('Back home from hospital; struggling to wash and dress');
      expect(await auditsOf(ids.Margaret!, 'assessment-request.view')).toHaveLength(1);
      expect((await sam.get(`/people/${ids.Margaret}/record/assessments`)).body).toContain(
        `Assessment requested on ${todayInLondon().add({ days: -2 }).toLocaleString('en-GB', { day: 'numeric', month: 'long', year: 'numeric' })}`,
      );
    });

    it('opens a carer’s own request as an unpaid carer’s, linked to the person cared for, without calling him a carer', async () => {
      const form = await sam.get(`/people/${ids.Harold}/assessment-requests/new`);
      expect(form.body).toContain('own needs as someone who cares for Edna Carewell');
      const res = await sam.post(
        `/people/${ids.Harold}/assessment-requests/new`,
        askForm({ kind: 'carer', routeOfAccess: 'Community / Other route', reason: 'Exhausted; nights are hard' }),
      );
      expect(res.statusCode).toBe(303);
      const [request] = await requestsOf(ids.Harold!);
      expect(request).toMatchObject({ kind: 'carer', came_from: 'carer_asked' });
      const [event] = await requestEventsOf(ids.Harold!);
      expect(event).toMatchObject({
        client_type: 'Unpaid carer',
        linked_person_ids: [ids.Edna],
        route_of_access: 'Community / Other route',
        event_outcome: PROGRESS,
      });
      const page = (await sam.get(res.headers.location as string)).body;
      expect(page).toContain('Their own needs as someone who cares');
      expect(page).not.toMatch(/\bcarer\b/i);
    });

    it('answers 404 for another council’s person, and a finance officer may not ask', async () => {
      const other = await seedOrganisation(db(), {
        council: { name: 'Elsewhere Council', kind: 'council', ods_code: 'AREQ001' },
        accounts: [],
      });
      const foreign = await insertPersonAsOwner(db(), other.orgId, 'Foreign', 'Person');
      expect((await sam.get(`/people/${foreign}/assessment-requests/new`)).statusCode).toBe(404);
      expect((await sam.post(`/people/${foreign}/assessment-requests/new`, askForm())).statusCode).toBe(404);
      expect(await requestsOf(foreign)).toEqual([]);
      const frank = await signIn(t.app, 'frank.finance');
      expect((await frank.get(`/people/${ids.Margaret}/assessment-requests/new`)).statusCode).toBe(403);
    });
  });

  describe('opened by a conversation and by a crisis step-up', () => {
    it('a conversation ending “progress to assessment” opens one request, its Request event the conversation’s own', async () => {
      const res = await sam.post(
        `/people/${ids.Conor}/conversations/new`,
        conversationForm(day(-5), { outcome: PROGRESS, outcomeNotes: 'Needs help with meals' }),
      );
      expect(res.statusCode).toBe(303);
      const conversation = await db()
        .selectFrom('conversation')
        .select('id')
        .where('person_id', '=', ids.Conor!)
        .executeTakeFirstOrThrow();
      const [request] = await requestsOf(ids.Conor!);
      expect(request).toMatchObject({
        came_from: 'conversation',
        source_module: 'conversations',
        source_id: conversation.id,
        received_on: day(-5),
        reason: 'Needs help with meals',
      });
      const events = await requestEventsOf(ids.Conor!);
      expect(events).toHaveLength(1);
      expect(events[0]).toMatchObject({ id: request!.cld_request_event_id, source_module: 'conversations' });

      const page = (await sam.get(`/people/${ids.Conor}/conversations/${conversation.id}`)).body;
      const link = `/assessment-requests/from/conversations/${conversation.id}`;
      expect(page).toContain(`href="${link}"`);
      expect(page).toContain('Assessment requested on');
      const followed = await sam.get(link);
      expect(followed.statusCode).toBe(303);
      expect(followed.headers.location).toBe(`/people/${ids.Conor}/assessment-requests/${request!.id}`);
      const requestPage = (await sam.get(followed.headers.location as string)).body;
      expect(requestPage).toContain(`href="/people/${ids.Conor}/conversations/${conversation.id}"`);
    });

    it('opens at most one request per source, however often it is called', async () => {
      const conversation = await db()
        .selectFrom('conversation')
        .select(['id', 'held_on'])
        .where('person_id', '=', ids.Conor!)
        .executeTakeFirstOrThrow();
      const ctx = { actor: userActor('practitioner', t.org.userIds['sam.practitioner']!, t.org.orgId), requestId: 'x' };
      const again = await withOrg(db(), t.org.orgId, (tx) =>
        openAssessmentRequest(tx, ctx, {
          personId: ids.Conor!,
          patchId: null,
          kind: 'care_needs',
          cameFrom: 'conversation',
          source: { module: 'conversations', id: conversation.id },
          reason: 'Again',
          receivedOn: conversation.held_on,
        }),
      );
      expect(again.created).toBe(false);
      expect(again.request.reason).toBe('Needs help with meals');
      expect(await requestsOf(ids.Conor!)).toHaveLength(1);
      expect(await auditsOf(ids.Conor!, 'assessment-request.open')).toHaveLength(1);
    });

    it('a conversation ending otherwise opens none', async () => {
      const res = await sam.post(`/people/${ids.Nora}/conversations/new`, conversationForm(day(-1)));
      expect(res.statusCode).toBe(303);
      expect(await requestsOf(ids.Nora!)).toEqual([]);
    });

    it('closing an episode as “step up” opens one request, without a second Request event', async () => {
      const episode = await insertCrisisEpisode(db(), t.org, ids.Stan!, { starts_on: day(-10), ends_on: day(32) });
      const before = await requestEventsOf(ids.Stan!);
      expect(before).toHaveLength(1);
      const res = await sam.post(`/crisis/episodes/${episode.id}/close`, {
        version: '1',
        route: 'step_up',
        whatFollowed: 'long_term',
        stepUpReason: 'Needs are long-term: Stan will not manage at home alone',
        ...dateParts('closedOn', day(-1)),
      });
      expect(res.statusCode).toBe(303);
      const [request] = await requestsOf(ids.Stan!);
      expect(request).toMatchObject({
        came_from: 'crisis_step_up',
        source_module: 'crisis',
        source_id: episode.id,
        received_on: day(-1),
        reason: 'Needs are long-term: Stan will not manage at home alone',
        cld_request_event_id: before[0]!.id,
      });
      expect((await requestEventsOf(ids.Stan!)).map((e) => e.id)).toEqual(before.map((e) => e.id));
      const page = (await sam.get(`/crisis/episodes/${episode.id}`)).body;
      expect(page).toContain(`href="/assessment-requests/from/crisis/${episode.id}"`);
      const requestPage = (await sam.get(`/people/${ids.Stan}/assessment-requests/${request!.id}`)).body;
      expect(requestPage).toContain(`href="/crisis/episodes/${episode.id}"`);
      expect(requestPage).toContain('Crisis episode stepped up');
    });
  });

  describe('asked for by a partner', () => {
    const body = (externalId: string, overrides: Record<string, unknown> = {}) => ({
      external_id: externalId,
      nhs_number: nhs(7),
      reason: 'Discharged after a fall; lives alone',
      received_on: day(-3),
      source_organisation: 'Fenshire Hospitals NHS Trust',
      ...overrides,
    });

    it('opens one request per reference, with a Request event on the default route', async () => {
      const { token } = await issueToken(db(), t.org.orgId, ['assessment-requests:write']);
      const first = await api(token, body('FH-1'));
      expect(first.statusCode).toBe(201);
      expect(first.json()).toMatchObject({ external_id: 'FH-1', status: 'waiting', received_on: day(-3) });
      const again = await api(token, body('FH-1', { reason: 'Sent twice' }));
      expect(again.statusCode).toBe(200);
      expect(again.json().id).toBe(first.json().id);
      const requests = await requestsOf(ids.Pat!);
      expect(requests).toHaveLength(1);
      expect(requests[0]).toMatchObject({
        came_from: 'partner',
        referred_by: 'Fenshire Hospitals NHS Trust',
        source_module: 'partner',
        source_id: 'FH-1',
      });
      const events = await requestEventsOf(ids.Pat!);
      expect(events).toHaveLength(1);
      expect(events[0]).toMatchObject({
        route_of_access: 'Community / Other route',
        event_outcome: PROGRESS,
        client_type: 'Service user',
        start_date: day(-3),
      });
      expect(await auditsOf(ids.Pat!, 'assessment-request.open')).toHaveLength(1);
    });

    it('refuses bad input, an unknown NHS number and another council’s person with 422, saving nothing', async () => {
      const { token } = await issueToken(db(), t.org.orgId, ['assessment-requests:write']);
      const bad = await api(token, body('FH-2', { nhs_number: '123', received_on: day(5), route_of_access: 'Nope' }));
      expect(bad.statusCode).toBe(422);
      expect(bad.headers['content-type']).toContain('application/problem+json');
      const fields = bad.json().errors.map((e: { field: string }) => e.field);
      expect(fields).toEqual(expect.arrayContaining(['nhs_number', 'received_on', 'route_of_access']));
      const unknown = await api(token, body('FH-3', { nhs_number: validNhsNumber(951_900_000) }));
      expect(unknown.statusCode).toBe(422);
      const other = await seedOrganisation(db(), {
        council: { name: 'Other API Council', kind: 'council', ods_code: 'AREQ002' },
        accounts: [],
      });
      const foreign = await insertPersonAsOwner(db(), other.orgId, 'Far', 'Away');
      await db()
        .updateTable('person')
        .set({ nhs_number: validNhsNumber(951_800_000) })
        .where('id', '=', foreign)
        .execute();
      const elsewhere = await api(token, body('FH-4', { nhs_number: validNhsNumber(951_800_000) }));
      expect(elsewhere.statusCode).toBe(422);
      const saved = await db()
        .selectFrom('assessment_request')
        .select('id')
        .where('source_id', 'in', ['FH-2', 'FH-3', 'FH-4'])
        .execute();
      expect(saved).toEqual([]);
    });

    it('shows what a partner sent as text, never as markup', async () => {
      const { token } = await issueToken(db(), t.org.orgId, ['assessment-requests:write']);
      const res = await api(
        token,
        body('<i>FH-9</i>', { source_organisation: '<b>Trust</b>', reason: '<script>x</script>' }),
      );
      expect(res.statusCode).toBe(201);
      const page = (await sam.get(`/people/${ids.Pat}/assessment-requests/${res.json().id}`)).body;
      expect(page).toContain('&lt;b&gt;Trust&lt;/b&gt;');
      expect(page).toContain('&lt;i&gt;FH-9&lt;/i&gt;');
      expect(page).toContain('&lt;script&gt;x&lt;/script&gt;');
      expect(page).not.toContain('<b>Trust</b>');
      // Closed, it leaves the worklist (whose counts below are of the requests still waiting).
      await db()
        .updateTable('assessment_request')
        .set({ status: 'closed', closed_reason: 'Sent in error', closed_on: day(0) })
        .where('id', '=', res.json().id)
        .execute();
    });

    it('is documented in the OpenAPI document, with 200 for a repeat and the scope it needs', async () => {
      const doc = (await t.app.inject({ method: 'GET', url: '/api/v1/openapi.json' })).json();
      const operation = doc.paths['/api/v1/assessment-requests'].post;
      expect(Object.keys(operation.responses)).toEqual(expect.arrayContaining(['200', '201', '403', '422']));
      expect(JSON.stringify(operation)).toContain('assessment-requests:write');
    });

    it('refuses a token without the scope', async () => {
      const { token } = await issueToken(db(), t.org.orgId, ['partner-events:write', 'register:write']);
      const res = await api(token, body('FH-5'));
      expect(res.statusCode).toBe(403);
      expect(
        await db().selectFrom('assessment_request').select('id').where('source_id', '=', 'FH-5').execute(),
      ).toEqual([]);
    });
  });

  describe('the worklist', () => {
    const position = (page: string, name: string) => page.indexOf(name);

    it('lists every waiting request, the longest wait first, with how it came and why', async () => {
      const res = await priya.get('/assessments');
      expect(res.statusCode).toBe(200);
      const page = res.body;
      expect(page).toContain('Requests waiting for an assessment');
      expect(page).toContain('5 requests waiting');
      const order = ['Conor Talker', 'Pat Partner', 'Margaret Okafor', 'Harold Carewell', 'Stan Stepup'].map((n) =>
        position(page, n),
      );
      expect(order.every((p) => p > 0)).toBe(true);
      expect([...order].sort((a, b) => a - b)).toEqual(order);
      expect(page).toContain('5 days');
      expect(page).toContain('Asked by a partner');
      expect(page).toContain('Needs help with meals');
      expect(page).not.toContain('Nora Nfa');
    });

    it('filters by patch', async () => {
      const [north, south] = Object.values(t.org.patchIds);
      await db()
        .updateTable('assessment_request')
        .set({ patch_id: north! })
        .where('person_id', '=', ids.Conor!)
        .execute();
      const inNorth = (await priya.get(`/assessments?patch=${north}`)).body;
      expect(inNorth).toContain('1 request waiting');
      expect(inNorth).toContain('Conor Talker');
      expect(inNorth).not.toContain('Margaret Okafor');
      const inSouth = (await priya.get(`/assessments?patch=${south}`)).body;
      expect(inSouth).not.toContain('Conor Talker');
      const unknown = await priya.get('/assessments?patch=not-a-patch');
      expect(unknown.statusCode).toBe(200);
      expect(unknown.body).toContain('5 requests waiting');
    });

    it('leaves out a restricted record the viewer may not open, and audits the page as one listing', async () => {
      await db().updateTable('person').set({ restricted: true }).where('id', '=', ids.Stan!).execute();
      const page = (await sam.get('/assessments')).body;
      expect(page).not.toContain('Stan Stepup');
      expect(page).toContain('4 requests waiting');
      const entry = await db()
        .selectFrom('audit_event')
        .select(['action', 'person_ids', 'actor_id'])
        .where('action', '=', 'assessment-waiting.list')
        .orderBy('id', 'desc')
        .executeTakeFirstOrThrow();
      expect(entry.actor_id).toBe(t.org.userIds['sam.practitioner']);
      expect([...(entry.person_ids ?? [])].sort()).toEqual([ids.Conor, ids.Pat, ids.Margaret, ids.Harold].sort());
      await db().updateTable('person').set({ restricted: false }).where('id', '=', ids.Stan!).execute();
    });

    it('shows fifty a page with GOV.UK pagination, auditing only the people on the page shown', async () => {
      const patch = Object.values(t.org.patchIds).at(-1)!;
      for (let i = 0; i < 55; i += 1) {
        const personId = await insertPersonAsOwner(db(), t.org.orgId, `Queue${String(i).padStart(2, '0')}`, 'Waiter');
        await db()
          .insertInto('assessment_request')
          .values({
            org_id: t.org.orgId,
            person_id: personId,
            patch_id: patch,
            kind: 'care_needs',
            came_from: 'practitioner',
            source_module: null,
            source_id: null,
            referred_by: null,
            reason: 'Queued',
            received_on: day(-100 + i),
            cld_request_event_id: null,
            created_by: null,
            closed_reason: null,
            closed_on: null,
          })
          .execute();
      }
      const first = (await priya.get(`/assessments?patch=${patch}`)).body;
      expect(first).toContain('55 requests waiting');
      expect(first).toContain('Showing 1 to 50 of 55');
      expect(first).toContain('Queue00 Waiter');
      expect(first).toContain('Queue49 Waiter');
      expect(first).not.toContain('Queue50 Waiter');
      expect(first).toContain(`href="/assessments?patch=${patch}&amp;page=2"`);
      const second = (await priya.get(`/assessments?patch=${patch}&page=2`)).body;
      expect(second).toContain('Showing 51 to 55 of 55');
      expect(second).toContain('Queue54 Waiter');
      expect(second).not.toContain('Queue49 Waiter');
      const entry = await db()
        .selectFrom('audit_event')
        .select('person_ids')
        .where('action', '=', 'assessment-waiting.list')
        .orderBy('id', 'desc')
        .executeTakeFirstOrThrow();
      expect(entry.person_ids).toHaveLength(5);
    });

    it('is for caseworkers: a finance officer is refused', async () => {
      const frank = await signIn(t.app, 'frank.finance');
      expect((await frank.get('/assessments')).statusCode).toBe(403);
    });
  });
});
