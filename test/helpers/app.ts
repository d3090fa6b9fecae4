import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { createApp } from '../../src/app.js';
import { testConfig, type AppConfig } from '../../src/platform/config.js';
import type { Engine } from '../../src/platform/db/database.js';
import { seedOrganisation, demoAccounts, type SeededOrganisation } from '../../src/seed/organisation.js';
import { openTestDatabase, type TestDatabase } from './database.js';

export interface TestApp {
  app: FastifyInstance;
  database: TestDatabase;
  org: SeededOrganisation;
  close(): Promise<void>;
}

/** A real app on a fresh database with the demo council and one account per role (see demoAccounts). */
export async function startTestApp(engine: Engine, overrides: Partial<AppConfig> = {}): Promise<TestApp> {
  const database = await openTestDatabase(engine);
  const org = await seedOrganisation(database.db);
  const app = await createApp({ config: testConfig({ cookieSecure: false, ...overrides }), database });
  await app.ready();
  return {
    app,
    database,
    org,
    async close() {
      await app.close();
      await database.dispose();
    },
  };
}

export interface Agent {
  cookie: string;
  csrf: string;
  /** GET with the session cookie. */
  get(url: string, headers?: Record<string, string>): Promise<LightMyRequestResponse>;
  /** POST a form with the session cookie and CSRF token (override `_csrf` to test refusal). */
  post(url: string, form?: Record<string, string>, headers?: Record<string, string>): Promise<LightMyRequestResponse>;
  /** JSON API call with the session cookie and the x-csrf-token header. */
  api(
    method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE',
    url: string,
    body?: unknown,
  ): Promise<LightMyRequestResponse>;
}

export function passwordFor(username: string): string {
  const account = demoAccounts.find((a) => a.username === username);
  if (!account) throw new Error(`No demo account ${username}`);
  return account.password;
}

/** Cookie header value from a response's Set-Cookie. */
export function sessionCookie(response: LightMyRequestResponse): string | undefined {
  const cookie = response.cookies.find((c) => c.name === 'tl_session');
  return cookie ? `tl_session=${cookie.value}` : undefined;
}

export function csrfFrom(html: string): string {
  const match = /name="_csrf" value="([^"]+)"/.exec(html);
  if (!match?.[1]) throw new Error('No CSRF token on the page');
  return match[1];
}

/** Sign in through the real sign-in page and return an agent carrying the session. */
export async function signIn(app: FastifyInstance, username: string, password = passwordFor(username)): Promise<Agent> {
  const page = await app.inject({ method: 'GET', url: '/sign-in' });
  const anonCookie = sessionCookie(page);
  if (!anonCookie) throw new Error('sign-in page set no cookie');
  const response = await app.inject({
    method: 'POST',
    url: '/sign-in',
    headers: { cookie: anonCookie },
    payload: { username, password, _csrf: csrfFrom(page.body), returnTo: '/' },
  });
  const cookie = sessionCookie(response);
  if (response.statusCode !== 303 || !cookie) throw new Error(`sign-in failed for ${username}: ${response.statusCode}`);
  const home = await app.inject({ method: 'GET', url: '/', headers: { cookie } });
  return makeAgent(app, cookie, csrfFrom(home.body));
}

export function makeAgent(app: FastifyInstance, cookie: string, csrf: string): Agent {
  return {
    cookie,
    csrf,
    get: (url, headers = {}) => app.inject({ method: 'GET', url, headers: { cookie, ...headers } }),
    post: (url, form = {}, headers = {}) =>
      app.inject({ method: 'POST', url, headers: { cookie, ...headers }, payload: { _csrf: csrf, ...form } }),
    api: (method, url, body) =>
      app.inject({
        method,
        url,
        headers: {
          cookie,
          'x-csrf-token': csrf,
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        ...(body === undefined ? {} : { payload: JSON.stringify(body) }),
      }),
  };
}
