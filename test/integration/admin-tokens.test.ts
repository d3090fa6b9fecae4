import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testEngines } from '../helpers/database.js';
import { signIn, startTestApp, type Agent, type TestApp } from '../helpers/app.js';
import { seedOrganisation } from '../../src/seed/organisation.js';

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

describe.each(testEngines())('admin: partner API tokens (%s)', (engine) => {
  let t: TestApp;
  let ada: Agent;

  beforeAll(async () => {
    t = await startTestApp(engine);
    ada = await signIn(t.app, 'ada.admin');
  });
  afterAll(async () => t?.close());

  /** A partner call that needs the people:read scope; the search words go in the body. */
  const partnerSearch = (token: string) =>
    t.app.inject({
      method: 'POST',
      url: '/api/v1/people/search',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      payload: JSON.stringify({ q: 'Jones' }),
    });

  async function issue(name: string, scopes: string[]): Promise<string> {
    const res = await ada.post('/admin/api-tokens/new', { name, scopes } as unknown as Record<string, string>);
    expect(res.statusCode).toBe(200);
    expect(res.headers['cache-control']).toContain('no-store');
    const match = /id="token" type="text" value="(tl_[A-Za-z0-9_-]{43})"/.exec(res.body);
    if (!match?.[1]) throw new Error('No token on the confirmation page');
    return match[1];
  }

  it('refuses a token with no name or no scopes, with the GOV.UK error summary', async () => {
    const res = await ada.post('/admin/api-tokens/new', { name: '' });
    expect(res.statusCode).toBe(422);
    expect(res.body).toContain('govuk-error-summary');
    expect(res.body).toContain('href="#name"');
    expect(res.body).toContain('href="#scopes"');
    expect(res.body).toContain('Select at least one thing the token may do');
    expect(res.body).toContain('id="scopes"');
    const bogus = await ada.post('/admin/api-tokens/new', {
      name: 'Bogus',
      scopes: ['admin:everything'],
    } as unknown as Record<string, string>);
    expect(bogus.statusCode).toBe(422);
    expect(bogus.body).toContain('href="#scopes"');
    expect(await t.database.db.selectFrom('api_token').select('id').execute()).toEqual([]);
  });

  it('issues a token shown once, storing only its sha256 hash, for the admin’s organisation', async () => {
    const token = await issue('Hospital discharge system', ['people:read', 'events:write']);
    const rows = await t.database.db.selectFrom('api_token').selectAll().execute();
    expect(rows).toHaveLength(1);
    expect(rows[0]!.token_hash).toBe(sha256(token));
    expect(rows[0]!.org_id).toBe(t.org.orgId);
    expect(rows[0]!.scopes).toEqual(['people:read', 'events:write']);
    expect(JSON.stringify(rows)).not.toContain(token.slice(3));
    const list = await ada.get('/admin/api-tokens');
    expect(list.body).toContain('Hospital discharge system');
    expect(list.body).toContain('events:write');
    expect(list.body).not.toContain(token);
    const audit = await t.database.db
      .selectFrom('audit_event')
      .select(['action', 'resource_type'])
      .where('resource_id', '=', rows[0]!.id)
      .execute();
    expect(audit).toEqual([{ action: 'api_token.issue', resource_type: 'api_token' }]);
  });

  it('a revoked token is refused with 401 by the API', async () => {
    const token = await issue('Short-lived partner', ['people:read']);
    expect((await partnerSearch(token)).statusCode).toBe(200);
    const row = await t.database.db
      .selectFrom('api_token')
      .select(['id', 'last_used_at'])
      .where('token_hash', '=', sha256(token))
      .executeTakeFirstOrThrow();
    expect(row.last_used_at).not.toBeNull();

    const revoked = await ada.post(`/admin/api-tokens/${row.id}/revoke`);
    expect(revoked.statusCode).toBe(303);
    const after = await partnerSearch(token);
    expect(after.statusCode).toBe(401);
    expect(after.headers['content-type']).toContain('application/problem+json');
    const list = await ada.get('/admin/api-tokens');
    expect(list.body).toMatch(/Short-lived partner[\s\S]*Revoked/);
  });

  it('cannot revoke another organisation’s token (404), and it keeps working', async () => {
    const other = await seedOrganisation(t.database.db, {
      council: { name: 'Elsewhere Borough Council', kind: 'council', ods_code: 'OTHER01' },
      accounts: [],
    });
    const otherToken = 'tl_other-organisation-token-for-this-test-only';
    const row = await t.database.db
      .insertInto('api_token')
      .values({
        org_id: other.orgId,
        name: 'Elsewhere partner',
        token_hash: sha256(otherToken),
        scopes: ['people:read'],
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    expect((await ada.get('/admin/api-tokens')).body).not.toContain('Elsewhere partner');
    expect((await ada.post(`/admin/api-tokens/${row.id}/revoke`)).statusCode).toBe(404);
    const still = await t.database.db
      .selectFrom('api_token')
      .select('revoked_at')
      .where('id', '=', row.id)
      .executeTakeFirstOrThrow();
    expect(still.revoked_at).toBeNull();
    expect((await partnerSearch(otherToken)).statusCode).toBe(200);
  });
});
