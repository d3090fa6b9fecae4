import Fastify, { type FastifyInstance } from 'fastify';
import { DummyDriver, Kysely, PostgresAdapter, PostgresIntrospector, PostgresQueryCompiler } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isPolicyName, policies } from '../../src/platform/access/policies.js';
import { apiScopes, roles } from '../../src/platform/access/roles.js';
import { registerPipeline } from '../../src/platform/http/pipeline.js';
import { createApp } from '../../src/app.js';
import { testConfig } from '../../src/platform/config.js';
import type { DB } from '../../src/platform/db/schema.js';
import { testEngines } from '../helpers/database.js';
import { startTestApp, type TestApp } from '../helpers/app.js';

/** Registering a route and getting the app ready: the error, if start-up refuses it. */
async function registrationError(
  app: FastifyInstance,
  add: (app: FastifyInstance) => void,
): Promise<Error | undefined> {
  try {
    add(app);
    await app.ready();
    return undefined;
  } catch (error) {
    return error as Error;
  } finally {
    await app.close().catch(() => undefined);
  }
}

function barePipelineApp(): FastifyInstance {
  const app = Fastify({ logger: false });
  registerPipeline(app);
  return app;
}

describe('the policy table', () => {
  const entries = Object.entries(policies) as [
    string,
    { public?: true; anyUser?: true; roles?: readonly string[]; scopes?: readonly string[]; description: string },
  ][];

  it('names only roles and token scopes that exist', () => {
    for (const [name, policy] of entries) {
      for (const role of policy.roles ?? []) expect(roles, `policy ${name}`).toContain(role);
      for (const scope of policy.scopes ?? []) expect(apiScopes, `policy ${name}`).toContain(scope);
    }
  });

  it('gives every policy a description and someone who may use it', () => {
    for (const [name, policy] of entries) {
      expect(policy.description.trim(), `policy ${name}`).not.toBe('');
      const usable = Boolean(policy.public || policy.anyUser || policy.roles?.length || policy.scopes?.length);
      expect(usable, `policy ${name} lets nobody in`).toBe(true);
    }
  });

  it('never mixes "anyone" with a role list (a public route with roles would be a misunderstanding)', () => {
    for (const [name, policy] of entries) {
      if (policy.public || policy.anyUser) expect(policy.roles ?? [], `policy ${name}`).toEqual([]);
    }
  });

  it('recognises exactly its own names', () => {
    for (const [name] of entries) expect(isPolicyName(name)).toBe(true);
    for (const bad of ['', 'toString', '__proto__', 'constructor', 'people.READ', undefined, null, 42])
      expect(isPolicyName(bad)).toBe(false);
  });
});

describe('a route without a policy', () => {
  it('cannot be registered on the pipeline', async () => {
    const error = await registrationError(barePipelineApp(), (app) => app.get('/no-policy', async () => 'hello'));
    expect(error?.message).toMatch(/has no access policy/);
  });

  it('cannot be registered with a policy name that does not exist', async () => {
    const error = await registrationError(barePipelineApp(), (app) =>
      app.post('/made-up', { config: { policy: 'people.everything' as never } }, async () => 'hello'),
    );
    expect(error?.message).toMatch(/has no access policy/);
  });

  it('is accepted, and listed in the inventory, once it declares a real policy', async () => {
    const app = barePipelineApp();
    const error = await registrationError(app, (a) =>
      a.get('/with-policy', { config: { policy: 'signedIn' } }, async () => 'hello'),
    );
    expect(error).toBeUndefined();
    expect(app.routeInventory).toContainEqual({ method: 'GET', url: '/with-policy', policy: 'signedIn' });
  });

  it('stops createApp from starting', async () => {
    // Building the app touches no data, so a database that cannot run queries is enough here.
    const db = new Kysely<DB>({
      dialect: {
        createAdapter: () => new PostgresAdapter(),
        createDriver: () => new DummyDriver(),
        createIntrospector: (k) => new PostgresIntrospector(k),
        createQueryCompiler: () => new PostgresQueryCompiler(),
      },
    });
    const app = await createApp({
      config: testConfig({ cookieSecure: false }),
      database: { db, engine: 'pglite', close: async () => undefined },
    });
    const error = await registrationError(app, (a) => a.get('/forgot-my-policy', async () => 'personal data'));
    expect(error?.message).toMatch(/GET \/forgot-my-policy has no access policy/);
  });
});

describe.each(testEngines())('every registered route (%s)', (engine) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(engine);
  }, 180_000);
  afterAll(async () => t?.close());

  it('declares a policy that exists', () => {
    const inventory = t.app.routeInventory;
    // The app's own routes at least: sign-in, the people pages and the health checks.
    expect(inventory.length).toBeGreaterThan(10);
    const bad = inventory.filter((r) => !isPolicyName(r.policy));
    expect(bad).toEqual([]);
    console.log(`[route-policies/${engine}] ${inventory.length} routes, all with a policy`);
  });

  it('gives a HEAD route the same policy as its GET', () => {
    const byKey = new Map(t.app.routeInventory.map((r) => [`${r.method} ${r.url}`, r.policy]));
    for (const r of t.app.routeInventory.filter((x) => x.method === 'HEAD')) {
      const get = byKey.get(`GET ${r.url}`);
      if (get) expect(r.policy, r.url).toBe(get);
    }
  });

  it('answers 404, not 403, for a URL that is no route (the not-found handler needs no policy)', async () => {
    const page = await t.app.inject({ method: 'GET', url: '/no-such-page' });
    expect(page.statusCode).toBe(404);
    expect(page.body).toContain('Page not found');
    const asset = await t.app.inject({ method: 'GET', url: '/public/no-such-file.css' });
    expect(asset.statusCode).toBe(404);
    const api = await t.app.inject({ method: 'GET', url: '/api/v1/no-such-thing' });
    expect(api.statusCode).toBe(404);
    expect(api.headers['content-type']).toContain('application/problem+json');
  });

  it('answers the GOV.UK "Page not found" for an address it cannot decode, not Fastify\'s JSON', async () => {
    for (const url of ['/assessments%', '/people/%E0%A4%A', '/crisis/%zz']) {
      const page = await t.app.inject({ method: 'GET', url });
      expect(page.statusCode, url).toBe(404);
      expect(page.headers['content-type'], url).toContain('text/html');
      expect(page.body, url).toContain('Page not found');
    }
    const api = await t.app.inject({ method: 'GET', url: '/api/v1/people/%E0%A4%A' });
    expect(api.statusCode).toBe(404);
    expect(api.headers['content-type']).toContain('application/problem+json');
  });
});
