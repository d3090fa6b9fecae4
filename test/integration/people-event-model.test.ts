import { createHash, randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testEngines } from '../helpers/database.js';
import { signIn, startTestApp, type Agent, type TestApp } from '../helpers/app.js';
import { createPersonThroughPages, validNhsNumber } from '../helpers/people.js';
import { eventInputSchema } from '../../src/modules/people/schema.js';
import { eventRules } from '../../src/modules/people/event-rules.js';

type Json = Record<string, unknown>;

/** A complete event of each type: the base every rule case breaks one field of. */
const complete: Record<string, Json> = {
  Request: { eventType: 'Request', startDate: '2025-01-10', routeOfAccess: 'Community / Other route' },
  Assessment: { eventType: 'Assessment', startDate: '2025-01-10', assessmentType: 'Short term assessment' },
  Service: {
    eventType: 'Service',
    startDate: '2025-01-10',
    serviceType: 'Long term support: Community',
    serviceComponent: 'Home support or domiciliary care',
    deliveryMechanism: 'Direct payment',
    unitCostPence: 2500,
    costFrequency: 'Hourly',
    plannedUnitsPerWeek: 10.5,
  },
  Review: { eventType: 'Review', startDate: '2025-01-10', reviewReason: 'Planned' },
};

/** Each case breaks one rule: zod must refuse it on `path`, and the database by `constraint`. */
const broken: { name: string; event: Json; path: string; constraint: string }[] = [
  {
    name: 'a request without a route of access',
    event: { ...complete.Request, routeOfAccess: null },
    path: 'routeOfAccess',
    constraint: 'person_event_request_route',
  },
  {
    name: 'an assessment without its type',
    event: { ...complete.Assessment, assessmentType: null },
    path: 'assessmentType',
    constraint: 'person_event_assessment_type',
  },
  {
    name: 'a service without its type',
    event: { ...complete.Service, serviceType: null },
    path: 'serviceType',
    constraint: 'person_event_service_coding',
  },
  {
    name: 'a service without its component',
    event: { ...complete.Service, serviceComponent: null },
    path: 'serviceComponent',
    constraint: 'person_event_service_coding',
  },
  {
    name: 'a service without a delivery mechanism',
    event: { ...complete.Service, deliveryMechanism: null },
    path: 'deliveryMechanism',
    constraint: 'person_event_service_mechanism',
  },
  ...(['unitCostPence', 'costFrequency', 'plannedUnitsPerWeek'] as const).map((path) => ({
    name: `a long-term direct payment without ${path} (rule C)`,
    event: { ...complete.Service, [path]: null },
    path,
    constraint: 'person_event_service_costs',
  })),
  {
    name: 'carer respite through a managed budget without costs (rule C)',
    event: {
      ...complete.Service,
      serviceType: 'Short term support: Other short term',
      serviceComponent: 'Unpaid carer respite',
      deliveryMechanism: 'CASSR managed personal budget',
      unitCostPence: null,
    },
    path: 'unitCostPence',
    constraint: 'person_event_service_costs',
  },
  {
    name: 'a service user’s event linked to another person',
    event: { ...complete.Request, linkedPersonIds: ['LINKED'] },
    path: 'linkedPersonIds',
    constraint: 'person_event_linked_people',
  },
  {
    name: 'caring hours on a service user’s event',
    event: { ...complete.Request, hoursCaringPerWeek: 35 },
    path: 'adultsCaredFor',
    constraint: 'person_event_caring',
  },
  {
    name: 'a provider on a request',
    event: { ...complete.Request, providerCqcLocationId: '1-123456789' },
    path: 'providerCqcLocationId',
    constraint: 'person_event_provider',
  },
];

/** Events the rules allow, including the cases rule C leaves alone. */
const allowed: { name: string; event: Json }[] = [
  ...Object.entries(complete).map(([type, event]) => ({ name: `a complete ${type}`, event })),
  {
    name: 'council-commissioned long-term support without costs',
    event: {
      ...complete.Service,
      deliveryMechanism: 'CASSR commissioned support',
      unitCostPence: null,
      costFrequency: null,
      plannedUnitsPerWeek: null,
    },
  },
  {
    name: 'short-term equipment through a direct payment without costs',
    event: {
      ...complete.Service,
      serviceType: 'Short term support: Other short term',
      serviceComponent: 'Equipment',
      unitCostPence: null,
      costFrequency: null,
      plannedUnitsPerWeek: null,
    },
  },
  {
    name: 'a carer’s request linked to the person they care for, with caring hours',
    event: {
      ...complete.Request,
      clientType: 'Unpaid carer',
      linkedPersonIds: ['LINKED'],
      adultsCaredFor: 1,
      hoursCaringPerWeek: 50,
    },
  },
];

/** The zod input's camelCase fields as person_event columns. */
function toColumns(event: Json, personId: string, orgId: string, linkedId: string): Json {
  const snake = (k: string) => k.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
  const row: Json = { org_id: orgId, person_id: personId };
  for (const [key, value] of Object.entries(event)) {
    const column =
      key === 'unitCostPence' ? 'unit_cost_pence' : key === 'costFrequency' ? 'cost_frequency' : snake(key);
    row[column] = key === 'linkedPersonIds' ? (value as string[]).map(() => linkedId) : value;
  }
  return row;
}

describe('the event rules', () => {
  it('cover every CHECK constraint case in one list (each rule names its constraint)', () => {
    expect(new Set(broken.map((c) => c.constraint))).toEqual(new Set(eventRules.map((r) => r.constraint)));
  });
});

describe.each(testEngines())('the CLD event model (%s)', (engine) => {
  let t: TestApp;
  let sam: Agent;
  let token: string;
  let ednaId: string;
  let haroldId: string;

  const api = (method: 'GET' | 'POST', url: string, body?: unknown) =>
    t.app.inject({
      method,
      url,
      headers: {
        authorization: `Bearer ${token}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined ? {} : { payload: JSON.stringify(body) }),
    });
  const withLinks = (event: Json) => (event.linkedPersonIds ? { ...event, linkedPersonIds: [ednaId] } : event);

  beforeAll(async () => {
    t = await startTestApp(engine);
    token = `tl_${randomBytes(24).toString('hex')}`;
    await t.database.db
      .insertInto('api_token')
      .values({
        org_id: t.org.orgId,
        name: 'Events partner',
        token_hash: createHash('sha256').update(token).digest('hex'),
        scopes: ['people:read', 'people:write', 'events:write'],
        created_by: null,
      })
      .execute();
    sam = await signIn(t.app, 'sam.practitioner');
    ednaId = await createPersonThroughPages(sam, 'Edna', 'Jones', validNhsNumber(419000001));
    haroldId = await createPersonThroughPages(sam, 'Harold', 'Jones', validNhsNumber(419000101));
  }, 180_000);
  afterAll(async () => t?.close());

  it.each(broken)('refuses $name in zod and in the database', async ({ event, path, constraint }) => {
    const parsed = eventInputSchema.safeParse(withLinks(event));
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues.map((i) => i.path.join('.'))).toContain(path);
    const insert = t.database.db
      .insertInto('person_event')
      .values(toColumns(event, haroldId, t.org.orgId, ednaId) as never)
      .execute();
    await expect(insert).rejects.toThrow(constraint);
  });

  it.each(allowed)('accepts $name in zod and in the database', async ({ event }) => {
    expect(eventInputSchema.safeParse(withLinks(event)).error?.issues ?? []).toEqual([]);
    await t.database.db
      .insertInto('person_event')
      .values(toColumns(event, haroldId, t.org.orgId, ednaId) as never)
      .execute();
  });

  it('gives every event a client type, service user by default, and exports the new fields losslessly', async () => {
    const res = await api('POST', `/api/v1/people/${ednaId}/events`, {
      ...complete.Service,
      plannedUnitsPerWeek: 10.25,
      clientFundingStatus: 'Joint client and social care funded',
      hasUnpaidCarer: 'Yes',
      providerCqcLocationId: '1-101234567',
    });
    expect(res.statusCode).toBe(201);
    const listed = (await api('GET', `/api/v1/people/${ednaId}/events`)).json().items[0];
    expect(listed).toMatchObject({
      clientType: 'Service user',
      linkedPersonIds: [],
      plannedUnitsPerWeek: 10.25,
      unitCostPence: 2500,
      costFrequency: 'Hourly',
      clientFundingStatus: 'Joint client and social care funded',
      hasUnpaidCarer: 'Yes',
      providerCqcLocationId: '1-101234567',
      recordedInError: null,
    });
    const refused = await api('POST', `/api/v1/people/${ednaId}/events`, {
      ...complete.Service,
      deliveryMechanism: null,
    });
    expect(refused.statusCode).toBe(422);
  });

  it('records a carer’s request linked to the person cared for, without calling them a carer on a page', async () => {
    const res = await api('POST', `/api/v1/people/${haroldId}/events`, {
      ...complete.Request,
      clientType: 'Unpaid carer',
      linkedPersonIds: [ednaId],
      adultsCaredFor: 1,
      hoursCaringPerWeek: 50,
      summary: 'Asked how to keep going at home',
    });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ clientType: 'Unpaid carer', linkedPersonIds: [ednaId], hoursCaringPerWeek: 50 });
    // Harold has not accepted the label: neither his timeline nor his record calls him a carer.
    const timeline = await sam.get(`/people/${haroldId}/timeline`);
    expect(timeline.body).toContain('Asked how to keep going at home');
    for (const url of ['/timeline', '', '/details', '/network'].map((tab) => `/people/${haroldId}${tab}`)) {
      const page = await sam.get(url);
      expect(page.statusCode).toBe(200);
      expect(page.body).not.toMatch(/carer/i);
    }
    // Links only to another person of the council, never the carer themself or a stranger.
    for (const linked of [[haroldId], ['00000000-0000-4000-8000-000000000001']]) {
      const bad = await api('POST', `/api/v1/people/${haroldId}/events`, {
        ...complete.Request,
        clientType: 'Unpaid carer',
        linkedPersonIds: linked,
      });
      expect(bad.statusCode).toBe(422);
    }
  });

  it('stores the person-level CLD fields', async () => {
    const person = (await api('GET', `/api/v1/people/${ednaId}`)).json();
    const { id: _, version, updatedAt: __, restricted: ___, ...fields } = person;
    const res = await t.app.inject({
      method: 'PUT',
      url: `/api/v1/people/${ednaId}`,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'if-match': `"${version}"` },
      payload: JSON.stringify({
        ...fields,
        ...fields.address,
        addressLine1: fields.address.line1,
        firstLanguage: fields.communication.firstLanguage,
        gpPracticeCode: 'a81001',
        dementia: 'Yes',
        visualImpairment: 'Partial sight/sight impaired',
      }),
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ gpPracticeCode: 'A81001', dementia: 'Yes', hearingImpairment: null });
  });

  it('marks an event recorded in error: kept, struck through with the reason, never counted', async () => {
    const before = await sam.get(`/people/${haroldId}/timeline`);
    const count = Number(/newest first \((\d+) events?\)/.exec(before.body)?.[1]);
    expect(count).toBeGreaterThan(0);
    const event = await t.database.db
      .selectFrom('person_event')
      .select('id')
      .where('person_id', '=', haroldId)
      .where('event_type', '=', 'Review')
      .executeTakeFirstOrThrow();
    const form = await sam.get(`/people/${haroldId}/events/${event.id}/in-error`);
    expect(form.statusCode).toBe(200);
    expect((await sam.post(`/people/${haroldId}/events/${event.id}/in-error`, { reason: '' })).statusCode).toBe(422);
    const marked = await sam.post(`/people/${haroldId}/events/${event.id}/in-error`, { reason: 'Wrong person' });
    expect(marked.statusCode).toBe(303);

    const row = await t.database.db
      .selectFrom('person_event')
      .selectAll()
      .where('id', '=', event.id)
      .executeTakeFirstOrThrow();
    expect(row.recorded_in_error_reason).toBe('Wrong person');
    expect(row.recorded_in_error_at).not.toBeNull();
    const timeline = await sam.get(`/people/${haroldId}/timeline`);
    expect(timeline.body).toContain('Recorded in error');
    expect(timeline.body).toContain('Wrong person');
    expect(timeline.body).toContain('<del>');
    const after = await sam.get(`/people/${haroldId}/timeline`);
    expect(Number(/newest first \((\d+) events?\)/.exec(after.body)?.[1])).toBe(count - 1);
    // Once only; and the audit says who did it.
    expect((await sam.post(`/people/${haroldId}/events/${event.id}/in-error`, { reason: 'Again' })).statusCode).toBe(
      404,
    );
    const audit = await t.database.db
      .selectFrom('audit_event')
      .select('action')
      .where('resource_id', '=', event.id)
      .execute();
    expect(audit.map((a) => a.action)).toContain('event.recorded-in-error');
    const listed = (await api('GET', `/api/v1/people/${haroldId}/events`)).json().items;
    expect(listed.find((e: Json) => e.id === event.id).recordedInError).toMatchObject({ reason: 'Wrong person' });
  });
});
