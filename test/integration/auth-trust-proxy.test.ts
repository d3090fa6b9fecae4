import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/app.js';
import { testConfig, type AppConfig } from '../../src/platform/config.js';
import { MAX_ADDRESS_FAILURES, throttleKeys } from '../../src/platform/auth/throttle.js';
import { testEngines } from '../helpers/database.js';
import { csrfFrom, passwordFor, sessionCookie, startTestApp, type TestApp } from '../helpers/app.js';

/**
 * Regression (issue 10): in production every sender's X-Forwarded-For was believed, so a client that
 * forged a new one for each attempt was never held by the per-address sign-in limits. Only the
 * proxies named by TRUST_PROXY are believed now; unset, the socket's address is the client's.
 */
describe.each(testEngines())('X-Forwarded-For and the sign-in address limits (%s)', (engine) => {
  let t: TestApp;
  const apps: FastifyInstance[] = [];

  beforeAll(async () => {
    t = await startTestApp(engine);
  }, 180_000);
  afterAll(async () => {
    for (const app of apps) await app.close();
    await t?.close();
  });

  /** An app as configured in production, on the suite's database. */
  async function productionApp(overrides: Partial<AppConfig>): Promise<FastifyInstance> {
    const config = testConfig({ env: 'production', cookieSecure: false, ...overrides });
    const app = await createApp({ config, database: t.database });
    await app.ready();
    apps.push(app);
    return app;
  }

  async function attempt(app: FastifyInstance, from: string, forwardedFor: string, username: string, password: string) {
    const headers = { 'x-forwarded-for': forwardedFor };
    const page = await app.inject({ method: 'GET', url: '/sign-in', remoteAddress: from, headers });
    return app.inject({
      method: 'POST',
      url: '/sign-in',
      remoteAddress: from,
      headers: { ...headers, cookie: sessionCookie(page)! },
      payload: { username, password, returnTo: '/', _csrf: csrfFrom(page.body) },
    });
  }

  async function failuresCountedAgainst(address: string): Promise<number> {
    const row = await t.database.db
      .selectFrom('sign_in_throttle')
      .select('failures')
      .where('key', '=', throttleKeys('', address).address)
      .executeTakeFirst();
    return row?.failures ?? 0;
  }

  it('with no TRUST_PROXY, forged addresses from one client all count against that client', async () => {
    const app = await productionApp({ trustProxy: false });
    const client = '192.0.2.10';
    for (let i = 0; i < MAX_ADDRESS_FAILURES; i++) {
      const res = await attempt(app, client, `198.51.100.${i + 1}`, `nobody.${i}`, 'wrong');
      expect(res.statusCode).toBe(422);
    }
    expect(await failuresCountedAgainst(client)).toBe(MAX_ADDRESS_FAILURES);
    expect(await failuresCountedAgainst('198.51.100.1')).toBe(0);
    // The next attempt, even with the right password and yet another forged address, is refused.
    const next = await attempt(app, client, '198.51.100.200', 'sam.practitioner', passwordFor('sam.practitioner'));
    expect(next.statusCode).not.toBe(303);
    expect(sessionCookie(next)).toBeUndefined();
  });

  it('with TRUST_PROXY=1, the address the proxy appended is the client, not what the client wrote before it', async () => {
    const app = await productionApp({ trustProxy: 1 });
    const proxy = '192.0.2.20';
    const res = await attempt(app, proxy, '198.51.100.77, 203.0.113.9', 'nobody.forwarded', 'wrong');
    expect(res.statusCode).toBe(422);
    expect(await failuresCountedAgainst('203.0.113.9')).toBe(1);
    expect(await failuresCountedAgainst('198.51.100.77')).toBe(0);
    expect(await failuresCountedAgainst(proxy)).toBe(0);
  });

  it('with TRUST_PROXY naming the proxy, only that proxy is believed', async () => {
    const app = await productionApp({ trustProxy: ['192.0.2.30'] });
    await attempt(app, '192.0.2.30', '203.0.113.30', 'nobody.listed', 'wrong');
    await attempt(app, '192.0.2.31', '203.0.113.31', 'nobody.unlisted', 'wrong');
    expect(await failuresCountedAgainst('203.0.113.30')).toBe(1);
    expect(await failuresCountedAgainst('192.0.2.31')).toBe(1);
    expect(await failuresCountedAgainst('203.0.113.31')).toBe(0);
  });
});
