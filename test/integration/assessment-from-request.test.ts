import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testEngines } from '../helpers/database.js';
import { signIn, startTestApp, type Agent, type TestApp } from '../helpers/app.js';
import { createPersonThroughPages, validNhsNumber } from '../helpers/people.js';
import { todayInLondon } from '../../src/platform/dates.js';

/**
 * Starting an assessment from the request it answers (issue 13 §1): the assessment names the request,
 * the request is closed "Assessment started" in the same transaction, each page links to the other,
 * and a carer's request starts a carer's assessment.
 */
describe.each(testEngines())('starting an assessment from a request (%s)', (engine) => {
  let t: TestApp;
  let sam: Agent, bea: Agent;
  const today = todayInLondon();
  const parts = (prefix: string, date = today) => ({
    [`${prefix}-day`]: String(date.day),
    [`${prefix}-month`]: String(date.month),
    [`${prefix}-year`]: String(date.year),
  });

  const requestsOf = (personId: string) =>
    t.database.db
      .selectFrom('assessment_request')
      .select(['id', 'status', 'closed_reason', 'closed_on', 'kind'])
      .where('person_id', '=', personId)
      .execute();
  const assessmentsOf = (personId: string) =>
    t.database.db
      .selectFrom('assessment')
      .select(['id', 'kind', 'request_id', 'started_on'])
      .where('person_id', '=', personId)
      .execute();

  async function ask(personId: string, kind: 'care_needs' | 'carer') {
    const res = await sam.post(`/people/${personId}/assessment-requests/new`, {
      kind,
      ...parts('receivedOn', today.subtract({ days: 3 })),
      routeOfAccess: 'Community / Other route',
      reason: 'Finding it hard to manage at home',
    });
    expect(res.statusCode, res.body.slice(0, 1500)).toBe(303);
    return (await requestsOf(personId))[0]!.id;
  }

  beforeAll(async () => {
    t = await startTestApp(engine);
    [sam, bea] = await Promise.all([signIn(t.app, 'sam.practitioner'), signIn(t.app, 'bea.broker')]);
  });

  afterAll(async () => {
    await t?.close();
  });

  it('starts the assessment from the request page, closing the request in the same transaction', async () => {
    const personId = await createPersonThroughPages(sam, 'Rita', 'Fromrequest', validNhsNumber(705000001));
    const requestId = await ask(personId, 'care_needs');
    const requestPage = await sam.get(`/people/${personId}/assessment-requests/${requestId}`);
    const startHref = `/people/${personId}/assessments/new?request=${requestId}`;
    expect(requestPage.body).toContain(`href="${startHref}"`);
    expect((await sam.get('/assessments')).body).toContain(`href="${startHref}"`);

    const form = await sam.get(startHref);
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain('This assessment answers the');
    expect(form.body).toContain(`name="requestId" value="${requestId}"`);

    // Bad input: a GOV.UK error, and neither an assessment nor a closed request.
    const bad = await sam.post(`/people/${personId}/assessments/new`, { requestId, kind: 'adult' });
    expect(bad.statusCode).toBe(422);
    expect(bad.body).toContain('There is a problem');
    expect(bad.body).toContain('Select how the assessment is being done');
    expect(await assessmentsOf(personId)).toEqual([]);
    expect((await requestsOf(personId))[0]!.status).toBe('waiting');

    const started = await sam.post(`/people/${personId}/assessments/new`, {
      requestId,
      kind: 'adult',
      method: 'face_to_face',
      ...parts('startedOn'),
    });
    expect(started.statusCode).toBe(303);
    const [assessment] = await assessmentsOf(personId);
    expect(assessment).toMatchObject({ kind: 'adult', request_id: requestId, started_on: today.toString() });
    expect(await requestsOf(personId)).toEqual([
      {
        id: requestId,
        status: 'closed',
        closed_reason: 'Assessment started',
        closed_on: today.toString(),
        kind: 'care_needs',
      },
    ]);
    expect(started.headers.location).toBe(`/people/${personId}/assessments/${assessment!.id}`);

    const closedPage = await sam.get(`/people/${personId}/assessment-requests/${requestId}`);
    expect(closedPage.body).toContain('Closed: Assessment started');
    expect(closedPage.body).toContain(`href="/people/${personId}/assessments/${assessment!.id}"`);
    expect(closedPage.body).not.toContain(`href="${startHref}"`);
    const assessmentPage = await sam.get(`/people/${personId}/assessments/${assessment!.id}`);
    expect(assessmentPage.body).toContain(`href="/people/${personId}/assessment-requests/${requestId}"`);
    expect((await sam.get('/assessments')).body).not.toContain(`href="${startHref}"`);

    // Started again from the same request: refused, nothing more written.
    const again = await sam.post(`/people/${personId}/assessments/new`, {
      requestId,
      kind: 'adult',
      method: 'phone',
      ...parts('startedOn'),
    });
    expect(again.statusCode).toBe(409);
    expect(await assessmentsOf(personId)).toHaveLength(1);
  });

  it('starts a carer’s assessment from a carer’s request, and refuses another kind', async () => {
    const personId = await createPersonThroughPages(sam, 'Colin', 'Fromrequest', validNhsNumber(705000002));
    const requestId = await ask(personId, 'carer');
    const form = await sam.get(`/people/${personId}/assessments/new?request=${requestId}`);
    expect(form.body).toContain('name="kind" value="carer"');
    const wrong = await sam.post(`/people/${personId}/assessments/new`, {
      requestId,
      kind: 'adult',
      method: 'phone',
      ...parts('startedOn'),
    });
    expect(wrong.statusCode).toBe(422);
    expect(wrong.body).toContain('This request is for their own needs as someone who cares');
    expect(await assessmentsOf(personId)).toEqual([]);
    const started = await sam.post(`/people/${personId}/assessments/new`, {
      requestId,
      kind: 'carer',
      method: 'phone',
      ...parts('startedOn'),
    });
    expect(started.statusCode).toBe(303);
    expect(await assessmentsOf(personId)).toMatchObject([{ kind: 'carer', request_id: requestId }]);
  });

  it('answers 404 for a request that is not the person’s or not an id, and 403 to roles that may not assess', async () => {
    const a = await createPersonThroughPages(sam, 'Anna', 'Fromrequest', validNhsNumber(705000003));
    const b = await createPersonThroughPages(sam, 'Bert', 'Fromrequest', validNhsNumber(705000004));
    const requestId = await ask(a, 'care_needs');
    expect((await sam.get(`/people/${b}/assessments/new?request=${requestId}`)).statusCode).toBe(404);
    expect((await sam.get(`/people/${a}/assessments/new?request=not-an-id`)).statusCode).toBe(404);
    const posted = await sam.post(`/people/${b}/assessments/new`, {
      requestId,
      kind: 'adult',
      method: 'phone',
      ...parts('startedOn'),
    });
    expect(posted.statusCode).toBe(404);
    expect(await assessmentsOf(b)).toEqual([]);
    expect((await bea.get(`/people/${a}/assessments/new?request=${requestId}`)).statusCode).toBe(403);
    expect((await requestsOf(a))[0]!.status).toBe('waiting');
  });
});
