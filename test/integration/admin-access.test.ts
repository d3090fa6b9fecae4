import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testEngines } from '../helpers/database.js';
import { signIn, startTestApp, type Agent, type TestApp } from '../helpers/app.js';
import { demoAccounts } from '../../src/seed/organisation.js';
import { policies } from '../../src/platform/access/policies.js';

/**
 * Every administration route, found from the app's own route inventory (so a new route cannot be
 * missed), against every demo role: refused with 403 unless the route's policy names the role;
 * and every form post refused without the CSRF token.
 */
describe.each(testEngines())('admin: access and CSRF (%s)', (engine) => {
  let t: TestApp;
  const agents = new Map<string, Agent>();

  beforeAll(async () => {
    t = await startTestApp(engine);
    for (const a of demoAccounts) agents.set(a.username, await signIn(t.app, a.username));
  });
  afterAll(async () => t?.close());

  const adminRoutes = () =>
    t.app.routeInventory.filter((r) => r.url.startsWith('/admin') && (r.method === 'GET' || r.method === 'POST'));
  const concrete = (url: string, id: string) => url.replace(':id', id);

  it('finds all the administration routes', () => {
    const urls = adminRoutes().map((r) => `${r.method} ${r.url}`);
    for (const expected of [
      'GET /admin/users',
      'POST /admin/users/new',
      'POST /admin/users/:id',
      'POST /admin/users/:id/disable',
      'POST /admin/users/:id/enable',
      'GET /admin/api-tokens',
      'POST /admin/api-tokens/new',
      'POST /admin/api-tokens/:id/revoke',
      'GET /admin/patches',
      'POST /admin/patches/:id',
    ])
      expect(urls).toContain(expected);
  });

  it('refuses every role its policy does not name with 403', async () => {
    let refusals = 0;
    for (const route of adminRoutes()) {
      const allowed = (policies[route.policy] as { roles?: readonly string[] }).roles ?? [];
      for (const account of demoAccounts.filter((a) => !allowed.includes(a.role))) {
        const agent = agents.get(account.username)!;
        // A real id of the right kind, so a 404 could not stand in for the refusal.
        const id = route.url.startsWith('/admin/patches')
          ? t.org.patchIds['Cathedral City']!
          : t.org.userIds['sam.practitioner']!;
        const url = concrete(route.url, id);
        const res =
          route.method === 'GET'
            ? await agent.get(url)
            : await agent.post(url, {
                version: '1',
                displayName: 'X',
                role: 'administrator',
                name: 'X',
                scopes: 'people:read',
              });
        expect(res.statusCode, `${account.username} ${route.method} ${url}`).toBe(403);
        refusals += 1;
      }
    }
    expect(refusals).toBeGreaterThanOrEqual(80);
    const sam = await t.database.db
      .selectFrom('staff_user')
      .select(['role', 'disabled_at'])
      .where('username', '=', 'sam.practitioner')
      .executeTakeFirstOrThrow();
    expect(sam).toEqual({ role: 'practitioner', disabled_at: null });
    expect(await t.database.db.selectFrom('api_token').select('id').execute()).toEqual([]);
  });

  it('sends someone not signed in to the sign-in page', async () => {
    for (const route of adminRoutes().filter((r) => r.method === 'GET')) {
      const res = await t.app.inject({ method: 'GET', url: concrete(route.url, randomUUID()) });
      expect(res.statusCode, route.url).toBe(303);
      expect(res.headers.location).toMatch(/^\/sign-in/);
    }
  });

  it('refuses every administration form posted without a CSRF token, or with another session’s', async () => {
    const ada = agents.get('ada.admin')!;
    const other = agents.get('priya.manager')!;
    const posts = adminRoutes().filter((r) => r.method === 'POST');
    expect(posts.length).toBeGreaterThanOrEqual(7);
    for (const route of posts) {
      const id = route.url.startsWith('/admin/patches')
        ? t.org.patchIds['Cathedral City']!
        : t.org.userIds['frank.finance']!;
      const url = concrete(route.url, id);
      for (const csrf of ['', other.csrf]) {
        const res = await ada.post(url, {
          _csrf: csrf,
          version: '1',
          username: 'csrf.victim',
          displayName: 'X',
          role: 'practitioner',
          signInMethod: 'sso',
          name: 'X',
          scopes: 'people:read',
        });
        expect(res.statusCode, `${url} with ${csrf ? 'another session’s token' : 'no token'}`).toBe(403);
      }
    }
    expect(
      await t.database.db.selectFrom('staff_user').select('id').where('username', '=', 'csrf.victim').execute(),
    ).toEqual([]);
    expect(await t.database.db.selectFrom('api_token').select('id').execute()).toEqual([]);
    expect(await t.database.db.selectFrom('patch_feature').select('feature').execute()).toEqual([]);
  });

  it('lets the administrator use every administration page', async () => {
    const ada = agents.get('ada.admin')!;
    for (const url of [
      '/admin/users',
      '/admin/users/new',
      `/admin/users/${t.org.userIds['sam.practitioner']}`,
      '/admin/api-tokens',
      '/admin/api-tokens/new',
      '/admin/patches',
    ]) {
      const res = await ada.get(url);
      expect(res.statusCode, url).toBe(200);
      expect(res.body).toContain('name="_csrf"');
    }
  });
});
