import { createHash, randomBytes } from 'node:crypto';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testEngines } from '../helpers/database.js';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { seedOrganisation } from '../../src/seed/organisation.js';
import type { ApiScope } from '../../src/platform/access/roles.js';

/** Partner API tokens in use: who gets in, what their scopes allow, and which organisation they see. */
describe.each(testEngines())('API tokens (%s)', (engine) => {
  let t: TestApp;
  let otherOrgId: string;
  let personId: string;
  const allScopes: ApiScope[] = ['people:read', 'people:write', 'events:write'];

  /** Issue a token the way the admin pages will: only its SHA-256 is stored. */
  async function issueToken(
    orgId: string,
    scopes: ApiScope[],
    name = 'Test partner',
  ): Promise<{ token: string; id: string }> {
    const token = `tl_${randomBytes(24).toString('hex')}`;
    const row = await t.database.db
      .insertInto('api_token')
      .values({
        org_id: orgId,
        name,
        token_hash: createHash('sha256').update(token).digest('hex'),
        scopes,
        created_by: null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return { token, id: row.id };
  }

  const call = (method: 'GET' | 'POST' | 'PUT', url: string, token?: string, body?: unknown) =>
    t.app.inject({
      method,
      url,
      headers: {
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined ? {} : { payload: JSON.stringify(body) }),
    });

  function expectProblem(res: LightMyRequestResponse, status: number) {
    expect(res.statusCode).toBe(status);
    expect(res.headers['content-type']).toContain('application/problem+json');
    const problem = res.json();
    expect(problem).toMatchObject({ type: 'about:blank', status });
    expect(typeof problem.title).toBe('string');
    expect(typeof problem.detail).toBe('string');
    return problem as Record<string, unknown>;
  }

  beforeAll(async () => {
    t = await startTestApp(engine);
    const other = await seedOrganisation(t.database.db, {
      council: { name: 'Marshton Borough Council', kind: 'council', ods_code: 'DEMO002' },
      accounts: [], // staff are not needed: only its partner token is used
    });
    otherOrgId = other.orgId;
    const writer = await issueToken(t.org.orgId, allScopes);
    const created = await call('POST', '/api/v1/people', writer.token, {
      givenName: 'Walter',
      familyName: 'Tokenby',
      dateOfBirth: '1950-03-04',
    });
    expect(created.statusCode).toBe(201);
    personId = created.json().id;
  }, 180_000); // a fresh database and demo council: slow when the machine is busy
  afterAll(async () => t?.close());

  it('refuses a call with no token with a 401 problem', async () => {
    const problem = expectProblem(await call('GET', `/api/v1/people/${personId}`), 401);
    expect(problem.instance).toEqual(expect.any(String));
  });

  it('refuses an unknown token, and a header that is not a bearer token', async () => {
    expectProblem(await call('GET', `/api/v1/people/${personId}`, 'tl_not-a-real-token'), 401);
    const basic = await t.app.inject({
      method: 'GET',
      url: `/api/v1/people/${personId}`,
      headers: { authorization: 'Basic dXNlcjpwYXNz' },
    });
    expectProblem(basic, 401);
  });

  it('accepts a token until it is revoked, then refuses it', async () => {
    const { token, id } = await issueToken(t.org.orgId, ['people:read']);
    expect((await call('GET', `/api/v1/people/${personId}`, token)).statusCode).toBe(200);
    await t.database.db.updateTable('api_token').set({ revoked_at: new Date() }).where('id', '=', id).execute();
    expectProblem(await call('GET', `/api/v1/people/${personId}`, token), 401);
  });

  it('records when a token was last used', async () => {
    const { token, id } = await issueToken(t.org.orgId, ['people:read']);
    const before = await t.database.db
      .selectFrom('api_token')
      .select('last_used_at')
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(before.last_used_at).toBeNull();
    await call('GET', `/api/v1/people/${personId}`, token);
    const after = await t.database.db
      .selectFrom('api_token')
      .select('last_used_at')
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(after.last_used_at).not.toBeNull();
  });

  it('lets a read-only token read and search, but not write (403)', async () => {
    const { token } = await issueToken(t.org.orgId, ['people:read']);
    expect((await call('GET', `/api/v1/people/${personId}`, token)).statusCode).toBe(200);
    expect((await call('POST', '/api/v1/people/search', token, { q: 'Tokenby' })).json().total).toBe(1);
    expectProblem(
      await call('POST', '/api/v1/people', token, { givenName: 'No', familyName: 'Way', dateOfBirth: '1960-01-01' }),
      403,
    );
    expectProblem(
      await call('PUT', `/api/v1/people/${personId}`, token, {
        givenName: 'No',
        familyName: 'Way',
        dateOfBirth: '1960-01-01',
        version: 1,
      }),
      403,
    );
    expectProblem(
      await call('POST', `/api/v1/people/${personId}/events`, token, {
        eventType: 'Request',
        startDate: '2025-01-01',
        routeOfAccess: 'Community / Other route',
      }),
      403,
    );
    expectProblem(
      await call('POST', `/api/v1/people/${personId}/relationships`, token, {
        contactName: 'Bob',
        relationshipType: 'son',
      }),
      403,
    );
    const count = await t.database.db
      .selectFrom('person')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('family_name', '=', 'Way')
      .executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(0);
  });

  it('lets an events-only token record events but not read the record', async () => {
    const { token } = await issueToken(t.org.orgId, ['events:write']);
    expect(
      (
        await call('POST', `/api/v1/people/${personId}/events`, token, {
          eventType: 'Request',
          startDate: '2025-01-01',
          routeOfAccess: 'Community / Other route',
        })
      ).statusCode,
    ).toBe(201);
    expectProblem(await call('GET', `/api/v1/people/${personId}`, token), 403);
    expectProblem(await call('GET', `/api/v1/people/${personId}/events`, token), 403);
  });

  it('never shows another organisation’s person: the same 404 as a record that does not exist', async () => {
    const { token } = await issueToken(otherOrgId, allScopes, 'Other council partner');
    const foreign = expectProblem(await call('GET', `/api/v1/people/${personId}`, token), 404);
    const missing = expectProblem(await call('GET', '/api/v1/people/00000000-0000-4000-8000-000000000000', token), 404);
    const { instance: _a, ...foreignRest } = foreign;
    const { instance: _b, ...missingRest } = missing;
    expect(foreignRest).toEqual(missingRest);
    expectProblem(await call('GET', `/api/v1/people/${personId}/events`, token), 404);
    expectProblem(await call('GET', `/api/v1/people/${personId}/relationships`, token), 404);
    expectProblem(
      await call('PUT', `/api/v1/people/${personId}`, token, {
        givenName: 'Hijack',
        familyName: 'Tokenby',
        dateOfBirth: '1950-03-04',
        version: 1,
      }),
      404,
    );
    expectProblem(
      await call('POST', `/api/v1/people/${personId}/events`, token, {
        eventType: 'Request',
        startDate: '2025-01-01',
        routeOfAccess: 'Community / Other route',
      }),
      404,
    );
    expect((await call('POST', '/api/v1/people/search', token, { q: 'Walter Tokenby' })).json()).toMatchObject({
      items: [],
      total: 0,
    });
    const person = await t.database.db
      .selectFrom('person')
      .select(['given_name', 'version'])
      .where('id', '=', personId)
      .executeTakeFirstOrThrow();
    expect(person.given_name).toBe('Walter');
    const events = await t.database.db
      .selectFrom('person_event')
      .select('org_id')
      .where('person_id', '=', personId)
      .execute();
    expect(events.every((e) => e.org_id === t.org.orgId)).toBe(true);
  });

  it('never shows a partner a restricted record (404, as if it did not exist)', async () => {
    const writer = await issueToken(t.org.orgId, allScopes);
    const created = await call('POST', '/api/v1/people', writer.token, {
      givenName: 'Rita',
      familyName: 'Restricted',
      dateOfBirth: '1970-07-07',
    });
    const id = created.json().id as string;
    expect((await call('GET', `/api/v1/people/${id}`, writer.token)).statusCode).toBe(200);
    await t.database.db.updateTable('person').set({ restricted: true }).where('id', '=', id).execute();
    expectProblem(await call('GET', `/api/v1/people/${id}`, writer.token), 404);
    expect((await call('POST', '/api/v1/people/search', writer.token, { q: 'Rita Restricted' })).json().total).toBe(0);
  });

  it('records the token, not a person, as the actor in the audit log', async () => {
    const { token, id } = await issueToken(t.org.orgId, ['people:read']);
    await call('GET', `/api/v1/people/${personId}`, token);
    const rows = await t.database.db
      .selectFrom('audit_event')
      .select(['actor_kind', 'action', 'person_id'])
      .where('actor_id', '=', id)
      .execute();
    expect(rows).toEqual([{ actor_kind: 'api_token', action: 'person.view', person_id: personId }]);
  });
});
