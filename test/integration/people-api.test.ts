import { createHash, randomBytes } from 'node:crypto';
import { Ajv } from 'ajv';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testEngines } from '../helpers/database.js';
import { signIn, startTestApp, type Agent, type TestApp } from '../helpers/app.js';
import {
  eventInputSchema,
  personInputSchema,
  personUpdateSchema,
  recordedInErrorSchema,
  relationshipInputSchema,
} from '../../src/modules/people/schema.js';
import { apiSearchSchema } from '../../src/modules/people/api-schemas.js';

type Json = Record<string, unknown>;

describe.each(testEngines())('people JSON API (%s)', (engine) => {
  let t: TestApp;
  let token: string;
  let sam: Agent;
  let doc: Json & { paths: Record<string, Record<string, Json>>; components: { schemas: Record<string, Json> } };
  // ajv 8's default class is draft-07; the generated schemas use nothing draft-07 lacks. Formats
  // are not checked here (the ORUK conformance suite checks formats with ajv-formats).
  const ajv = new Ajv({ allErrors: true, strict: false, validateFormats: false });

  const call = (method: 'GET' | 'POST' | 'PUT', url: string, body?: unknown, headers: Record<string, string> = {}) =>
    t.app.inject({
      method,
      url,
      headers: {
        authorization: `Bearer ${token}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...headers,
      },
      ...(body === undefined ? {} : { payload: JSON.stringify(body) }),
    });

  /** Does the value match the documented component schema? (Returns ajv's errors, or null.) */
  function check(name: string, value: unknown) {
    expect(doc.components.schemas[name], `component ${name}`).toBeDefined();
    const validate = ajv.compile({ allOf: [{ $ref: `#/components/schemas/${name}` }], components: doc.components });
    return validate(value) ? null : validate.errors;
  }
  function expectDocumented(res: LightMyRequestResponse, name: string) {
    expect(check(name, res.json())).toBeNull();
  }
  function fieldsOf(res: LightMyRequestResponse): string[] {
    expect(res.statusCode).toBe(422);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expectDocumented(res, 'ValidationProblem');
    return (res.json().errors as { field: string }[]).map((e) => e.field);
  }
  async function auditCount(personId?: string): Promise<number> {
    let q = t.database.db.selectFrom('audit_event').select((eb) => eb.fn.countAll<number>().as('n'));
    if (personId) q = q.where('person_id', '=', personId);
    return Number((await q.executeTakeFirstOrThrow()).n);
  }

  beforeAll(async () => {
    t = await startTestApp(engine);
    token = `tl_${randomBytes(24).toString('hex')}`;
    await t.database.db
      .insertInto('api_token')
      .values({
        org_id: t.org.orgId,
        name: 'Full partner',
        token_hash: createHash('sha256').update(token).digest('hex'),
        scopes: ['people:read', 'people:write', 'events:write'],
        created_by: null,
      })
      .execute();
    sam = await signIn(t.app, 'sam.practitioner');
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/openapi.json' });
    expect(res.statusCode).toBe(200);
    doc = res.json();
  }, 180_000); // a fresh database and demo council: slow when the machine is busy
  afterAll(async () => t?.close());

  const edna = {
    givenName: 'Edna',
    familyName: 'Jones',
    dateOfBirth: '1944-09-02',
    nhsNumber: '943 476 5919',
    postcode: 'pe158aa',
    gender: 'Female',
  };

  it('creates, reads, updates (with versions), records events and relationships, auditing each person shown once', async () => {
    const created = await call('POST', '/api/v1/people', edna);
    expect(created.statusCode).toBe(201);
    expectDocumented(created, 'Person');
    const person = created.json();
    expect(created.headers.location).toBe(`/api/v1/people/${person.id}`);
    expect(created.headers.etag).toBe('"1"');
    expect(person).toMatchObject({
      givenName: 'Edna',
      nhsNumber: '9434765919',
      dateOfBirth: '1944-09-02',
      version: 1,
      address: { postcode: 'PE15 8AA' },
    });
    expect(await auditCount(person.id)).toBe(1);

    const got = await call('GET', created.headers.location as string);
    expect(got.statusCode).toBe(200);
    expect(got.json()).toEqual(person);
    expect(await auditCount(person.id)).toBe(2);

    const changed = await call('PUT', `/api/v1/people/${person.id}`, { ...edna, preferredName: 'Ed', version: 1 });
    expect(changed.statusCode).toBe(200);
    expectDocumented(changed, 'Person');
    expect(changed.json()).toMatchObject({ preferredName: 'Ed', version: 2 });

    const stale = await call('PUT', `/api/v1/people/${person.id}`, { ...edna, town: 'Wisbech', version: 1 });
    expect(stale.statusCode).toBe(409);
    expect(stale.headers['content-type']).toContain('application/problem+json');
    expectDocumented(stale, 'ConflictProblem');
    expect(stale.json().changes).toEqual(
      expect.arrayContaining([
        { field: 'Preferred name', yours: '', theirs: 'Ed' },
        { field: 'Town or city', yours: 'Wisbech', theirs: '' },
      ]),
    );
    expect((await call('GET', `/api/v1/people/${person.id}`)).json().address.town).toBeNull();

    const ifMatch = await call(
      'PUT',
      `/api/v1/people/${person.id}`,
      { ...edna, preferredName: 'Eddie' },
      { 'if-match': '"2"' },
    );
    expect(ifMatch.statusCode).toBe(200);
    expect(ifMatch.json()).toMatchObject({ preferredName: 'Eddie', version: 3 });
    expect(ifMatch.headers.etag).toBe('"3"');
    expect((await call('PUT', `/api/v1/people/${person.id}`, edna, { 'if-match': '"2"' })).statusCode).toBe(409);
    // create, view, update, conflict, view, update, conflict: one entry each.
    expect(await auditCount(person.id)).toBe(7);

    const older = await call('POST', `/api/v1/people/${person.id}/events`, {
      eventType: 'Request',
      startDate: '2025-01-10',
      routeOfAccess: 'Community / Other route',
    });
    const newer = await call('POST', `/api/v1/people/${person.id}/events`, {
      eventType: 'Service',
      startDate: '2025-03-01',
      serviceType: 'Short term support: Other short term',
      serviceComponent: 'Equipment',
      deliveryMechanism: 'CASSR commissioned support',
      unitCostPence: 12_550,
    });
    expect([older.statusCode, newer.statusCode]).toEqual([201, 201]);
    expectDocumented(newer, 'PersonEvent');
    expect(newer.json()).toMatchObject({ eventType: 'Service', unitCostPence: 12_550, sourceModule: 'people' });
    const timeline = await call('GET', `/api/v1/people/${person.id}/events`);
    expectDocumented(timeline, 'PersonEventList');
    expect(timeline.json().items.map((e: Json) => e.startDate)).toEqual(['2025-03-01', '2025-01-10']);

    const other = (
      await call('POST', '/api/v1/people', { givenName: 'Albert', familyName: 'Jones', dateOfBirth: '1942-01-01' })
    ).json();
    const son = await call('POST', `/api/v1/people/${person.id}/relationships`, {
      contactName: 'Mark Jones',
      relationshipType: 'son',
      isKeyContact: true,
      contactEmail: 'mark@example.com',
    });
    const spouse = await call('POST', `/api/v1/people/${person.id}/relationships`, {
      relatedPersonId: other.id,
      relationshipType: 'spouse-or-partner',
      otherProvidesCare: true,
    });
    expect([son.statusCode, spouse.statusCode]).toEqual([201, 201]);
    expectDocumented(spouse, 'Relationship');
    const network = await call('GET', `/api/v1/people/${person.id}/relationships`);
    expectDocumented(network, 'RelationshipList');
    expect(network.json().items).toEqual([
      expect.objectContaining({ contactName: 'Mark Jones', isKeyContact: true }),
      expect.objectContaining({ relatedPersonId: other.id, otherProvidesCare: true }),
    ]);
    // + 2 events, 1 timeline view, 2 relationships, 1 network view.
    expect(await auditCount(person.id)).toBe(13);
  });

  it('searches with the words in the body, auditing the page once, naming every person returned in order', async () => {
    const before = await auditCount();
    const res = await call('POST', '/api/v1/people/search', { q: 'Jones' });
    expect(res.statusCode).toBe(200);
    expectDocumented(res, 'PersonSearchResult');
    const body = res.json();
    expect(body).toMatchObject({ page: 1, pageSize: 20, total: 2 });
    expect(body.items.map((p: Json) => p.givenName).sort()).toEqual(['Albert', 'Edna']);
    const rows = await t.database.db
      .selectFrom('audit_event')
      .select(['action', 'person_id', 'person_ids'])
      .orderBy('id')
      .offset(before)
      .execute();
    expect(rows).toEqual([
      { action: 'person.search-result', person_id: null, person_ids: body.items.map((p: Json) => p.id) },
    ]);
    expect((await call('POST', '/api/v1/people/search', { q: 'Edna Jnoes' })).json().items[0].givenName).toBe('Edna');
    expect(fieldsOf(await call('POST', '/api/v1/people/search', { page: 2 }))).toEqual(['q']);
  });

  it('names the fields that fail validation, and saves nothing', async () => {
    const before = await auditCount();
    const fields = fieldsOf(
      await call('POST', '/api/v1/people', { givenName: '', dateOfBirth: '1990-02-31', gender: 'Nonsense' }),
    );
    expect(fields).toEqual(expect.arrayContaining(['givenName', 'familyName', 'dateOfBirth', 'gender']));
    expect(fieldsOf(await call('POST', '/api/v1/people', { ...edna, givenName: 'Another' }))).toEqual(['nhsNumber']);
    const id = (await call('POST', '/api/v1/people/search', { q: '9434765919' })).json().items[0].id;
    expect(
      fieldsOf(
        await call('POST', `/api/v1/people/${id}/events`, {
          eventType: 'Party',
          startDate: '2025-01-01',
          unitCostPence: 12.5,
        }),
      ),
    ).toEqual(['eventType', 'unitCostPence']);
    expect(fieldsOf(await call('POST', `/api/v1/people/${id}/relationships`, { relationshipType: 'son' }))).toEqual([
      'contactName',
    ]);
    expect(fieldsOf(await call('PUT', `/api/v1/people/${id}`, { ...edna }))).toEqual(['version']);
    expect(fieldsOf(await call('PUT', `/api/v1/people/${id}`, { ...edna }, { 'if-match': 'three' }))).toEqual([
      'version',
    ]);
    expect(fieldsOf(await call('PUT', `/api/v1/people/${id}`, { ...edna, version: 2 }, { 'if-match': '"5"' }))).toEqual(
      ['version'],
    );
    expect(await auditCount()).toBe(before + 1); // only the search above showed anyone
  });

  it('answers malformed JSON with 400, non-JSON writes with 415 and odd ids with 404, all as problems', async () => {
    const bad = await t.app.inject({
      method: 'POST',
      url: '/api/v1/people',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      payload: '{"givenName": ',
    });
    expect(bad.statusCode).toBe(400);
    expectDocumented(bad, 'Problem');
    for (const [type, payload] of [
      ['text/plain', '{"q":"Jones"}'],
      ['application/x-www-form-urlencoded', 'q=Jones'],
    ] as const) {
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/v1/people/search',
        headers: { authorization: `Bearer ${token}`, 'content-type': type },
        payload,
      });
      expect(res.statusCode, type).toBe(415);
      expect(res.headers['content-type']).toContain('application/problem+json');
    }
    expect((await call('GET', '/api/v1/people/not-a-uuid')).statusCode).toBe(404);
  });

  it('works for a signed-in member of staff with the CSRF header, and refuses without it or without JSON', async () => {
    expect((await sam.api('POST', '/api/v1/people/search', { q: 'Edna' })).json().total).toBe(1);
    const noCsrf = await t.app.inject({
      method: 'POST',
      url: '/api/v1/people/search',
      headers: { cookie: sam.cookie, 'content-type': 'application/json' },
      payload: '{"q":"Edna"}',
    });
    expect(noCsrf.statusCode).toBe(403);
    expect(noCsrf.headers['content-type']).toContain('application/problem+json');
    const text = await t.app.inject({
      method: 'POST',
      url: '/api/v1/people/search',
      headers: { cookie: sam.cookie, 'x-csrf-token': sam.csrf, 'content-type': 'text/plain' },
      payload: '{"q":"Edna"}',
    });
    expect(text.statusCode).toBe(415);
    const paul = await signIn(t.app, 'paul.provider');
    expect((await paul.api('POST', '/api/v1/people/search', { q: 'Edna' })).statusCode).toBe(403);
  });

  it('documents every /api/v1 route the app has, with security and problem responses', async () => {
    expect(doc.openapi).toBe('3.1.0');
    const registered = t.app.routeInventory
      .filter((r) => r.url.startsWith('/api/v1/') && r.method !== 'HEAD')
      .map((r) => `${r.method.toLowerCase()} ${r.url.replace(/:(\w+)/g, '{$1}')}`);
    const documented = Object.entries(doc.paths).flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m} ${path}`));
    expect(registered.length).toBeGreaterThanOrEqual(9);
    expect(documented.sort()).toEqual([...new Set(registered)].sort());
    expect(doc.components).toMatchObject({ securitySchemes: { bearerAuth: { type: 'http', scheme: 'bearer' } } });
    for (const [key, op] of Object.entries(doc.paths).flatMap(([p, ops]) =>
      Object.entries(ops).map(([m, o]) => [`${m} ${p}`, o] as const),
    )) {
      if (key === 'get /api/v1/openapi.json') continue;
      const responses = op.responses as Record<string, { content?: Json }>;
      expect(responses['401']?.content, key).toHaveProperty(['application/problem+json']);
      expect(op.security, key).toEqual(expect.arrayContaining([{ bearerAuth: expect.any(Array) }]));
    }
  });

  // A valid and an invalid body for each documented request schema: the generated JSON Schema and
  // the zod schema that validates the request must agree on both.
  const examples: Record<string, { zod: { safeParse(v: unknown): { success: boolean } }; valid: Json; invalid: Json }> =
    {
      PersonSearch: { zod: apiSearchSchema, valid: { q: 'Jones', page: 2 }, invalid: { page: 2 } },
      PersonInput: {
        zod: personInputSchema,
        valid: {
          givenName: 'Ann',
          familyName: 'Lee',
          dateOfBirth: '1980-05-06',
          gender: 'Female',
          preferredName: null,
        },
        invalid: { givenName: 'Ann', familyName: 'Lee', dateOfBirth: '1980-05-06', gender: 'Nonsense' },
      },
      PersonUpdate: {
        zod: personUpdateSchema,
        valid: { givenName: 'Ann', familyName: 'Lee', dateOfBirth: '1980-05-06', version: 2 },
        invalid: { givenName: 'Ann', familyName: 'Lee', dateOfBirth: '1980-05-06' },
      },
      RelationshipInput: {
        zod: relationshipInputSchema,
        valid: { contactName: 'Bob', relationshipType: 'son' },
        invalid: { contactName: 'Bob', relationshipType: 'son', carerLabel: 'maybe' },
      },
      PersonEventInput: {
        zod: eventInputSchema,
        valid: {
          eventType: 'Assessment',
          startDate: '2025-02-01',
          assessmentType: 'Long term assessment',
          unitCostPence: 1000,
        },
        invalid: { eventType: 'Assessment', startDate: '2025-02-01', unitCostPence: 10.5 },
      },
      RecordedInErrorInput: { zod: recordedInErrorSchema, valid: { reason: 'Wrong person' }, invalid: {} },
    };

  it('has request schemas that accept a valid body and reject an invalid one, as the server does', () => {
    // The people API's bodies; other modules' API tests check their own.
    const bodies = Object.entries(doc.paths)
      .filter(([path]) => path.startsWith('/api/v1/people'))
      .flatMap(([, ops]) => Object.values(ops))
      .map(
        (op) =>
          (op.requestBody as { content: Record<string, { schema: { $ref: string } }> } | undefined)?.content[
            'application/json'
          ]?.schema.$ref,
      )
      .filter((ref): ref is string => Boolean(ref))
      .map((ref) => ref.split('/').pop()!);
    expect(new Set(bodies)).toEqual(new Set(Object.keys(examples)));
    for (const [name, { zod, valid, invalid }] of Object.entries(examples)) {
      expect(check(name, valid), `${name} valid`).toBeNull();
      expect(zod.safeParse(valid).success, `${name} valid (zod)`).toBe(true);
      expect(check(name, invalid), `${name} invalid`).not.toBeNull();
      expect(zod.safeParse(invalid).success, `${name} invalid (zod)`).toBe(false);
    }
  });
});
