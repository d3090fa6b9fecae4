import type { InjectOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { authorize } from '../../src/platform/access/authorize.js';
import { apiScopes } from '../../src/platform/access/roles.js';
import { testEngines } from '../helpers/database.js';
import { startTestApp, type TestApp } from '../helpers/app.js';
import {
  allowedAccount,
  fillPath,
  inventoryRoutes,
  insertPersonAsOwner,
  isApiUrl,
  isUnsafe,
  issueToken,
  newSession,
  policyIsPublic,
  SAME_ORIGIN,
  TEST_HOST,
} from '../helpers/matrix.js';

interface Forgery {
  cookie: string;
  /** The token to send, if any: in the form body for pages, in `x-csrf-token` for the API. */
  token?: string;
  headers?: Record<string, string>;
  /** Override the body's content type (API: a "simple" content type a cross-site form can send). */
  contentType?: string;
}

/** A state-changing request with a minimal body, carrying exactly the credentials given. */
function request(method: string, url: string, f: Forgery): InjectOptions {
  const headers: Record<string, string> = { host: TEST_HOST, cookie: f.cookie, ...f.headers };
  if (isApiUrl(url)) {
    headers['content-type'] = f.contentType ?? 'application/json';
    if (f.token) headers['x-csrf-token'] = f.token;
    return { method: method as InjectOptions['method'], url, headers, payload: '{}' };
  }
  headers['content-type'] = f.contentType ?? 'application/x-www-form-urlencoded';
  return {
    method: method as InjectOptions['method'],
    url,
    headers,
    payload: f.token ? new URLSearchParams({ _csrf: f.token }).toString() : '',
  };
}

/**
 * The CSRF matrix on every state-changing route in the inventory: no token, another session's token,
 * a foreign Origin, Sec-Fetch-Site: cross-site, and (API) a simple content type are all refused;
 * the genuine same-origin request is not.
 */
describe.each(testEngines())('CSRF on every state-changing route (%s)', (engine) => {
  let t: TestApp;
  let personId: string;

  beforeAll(async () => {
    t = await startTestApp(engine);
    personId = await insertPersonAsOwner(t.database.db, t.org.orgId, 'Csrf', 'Fixture');
  }, 180_000);
  afterAll(async () => t?.close());

  it('refuses every forgery and lets the genuine request through', async () => {
    const { db } = t.database;
    const routes = inventoryRoutes(t.app).filter((r) => isUnsafe(r.method));
    expect(routes.map((r) => `${r.method} ${r.url}`)).toContain('POST /sign-in');
    const problems: string[] = [];
    const tokenOnly: string[] = [];
    let cases = 0;
    for (const route of routes) {
      const url = fillPath(route.url, personId);
      const label = `${route.method} ${route.url}`;
      let userId: string | null = null;
      if (!policyIsPublic(route.policy)) {
        const account = allowedAccount(route.policy, t.org.orgId, t.org.userIds);
        if (!account) {
          tokenOnly.push(label); // no member of staff may use it: bearer tokens only, which carry no ambient credentials
          continue;
        }
        userId = t.org.userIds[account.username]!;
      }
      // A fresh session per case, so a route that signs out cannot spoil the next case.
      const check = async (name: string, make: () => Promise<Forgery>, refused: (status: number) => boolean) => {
        cases += 1;
        const response = await t.app.inject(request(route.method, url, await make()));
        if (!refused(response.statusCode)) problems.push(`${label}, ${name}: ${response.statusCode}`);
      };
      const is403 = (s: number) => s === 403;
      const session = () => newSession(db, userId);
      await check('no token', async () => ({ cookie: (await session()).cookie }), is403);
      await check(
        'another session’s token',
        async () => ({ cookie: (await session()).cookie, token: (await session()).csrf }),
        is403,
      );
      await check(
        'foreign Origin',
        async () => {
          const s = await session();
          return { cookie: s.cookie, token: s.csrf, headers: { origin: 'https://evil.example' } };
        },
        is403,
      );
      await check(
        'Origin: null',
        async () => {
          const s = await session();
          return { cookie: s.cookie, token: s.csrf, headers: { origin: 'null' } };
        },
        is403,
      );
      await check(
        'Sec-Fetch-Site: cross-site',
        async () => {
          const s = await session();
          return { cookie: s.cookie, token: s.csrf, headers: { 'sec-fetch-site': 'cross-site' } };
        },
        is403,
      );
      if (isApiUrl(url)) {
        await check(
          'text/plain JSON body',
          async () => {
            const s = await session();
            return { cookie: s.cookie, token: s.csrf, contentType: 'text/plain' };
          },
          (s) => s === 403 || s === 415,
        );
      }
      await check(
        'genuine same-origin request',
        async () => {
          const s = await session();
          return { cookie: s.cookie, token: s.csrf, headers: { origin: SAME_ORIGIN, 'sec-fetch-site': 'same-origin' } };
        },
        (s) => s !== 403 && s !== 415 && s !== 401,
      );
    }
    console.log(
      `[csrf-matrix/${engine}] ${cases} cases on ${routes.length - tokenOnly.length} state-changing routes` +
        (tokenOnly.length ? `; token-only (no session, no CSRF): ${tokenOnly.join(', ')}` : ''),
    );
    expect(problems).toEqual([]);
    expect(cases).toBeGreaterThanOrEqual((routes.length - tokenOnly.length) * 6);
  }, 300_000);

  it('needs no CSRF token from a partner system using a bearer token (no ambient credentials)', async () => {
    const apiWrites = inventoryRoutes(t.app).filter((r) => isUnsafe(r.method) && isApiUrl(r.url));
    if (apiWrites.length === 0) return; // no API writes registered yet: nothing to check
    const problems: string[] = [];
    for (const route of apiWrites) {
      const scope = apiScopes.find(
        (s) =>
          authorize(
            { kind: 'api_token', tokenId: 'x', orgId: t.org.orgId, scopes: [s], displayName: 'x' },
            route.policy,
          ) === 'allow',
      );
      if (!scope) continue;
      const { token } = await issueToken(t.database.db, t.org.orgId, [scope]);
      const response = await t.app.inject({
        method: route.method as InjectOptions['method'],
        url: fillPath(route.url, personId),
        headers: { host: TEST_HOST, authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        payload: '{}',
      });
      if ([401, 403, 415].includes(response.statusCode))
        problems.push(`${route.method} ${route.url}: ${response.statusCode}`);
    }
    expect(problems).toEqual([]);
  }, 120_000);
});
