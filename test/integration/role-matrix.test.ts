import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiScopes } from '../../src/platform/access/roles.js';
import { demoAccounts, seedOrganisation } from '../../src/seed/organisation.js';
import { testEngines } from '../helpers/database.js';
import { signIn, startTestApp, type TestApp } from '../helpers/app.js';
import {
  anonymousCaller,
  buildRequest,
  expectedOutcome,
  fillPath,
  hasPersonParam,
  inBatches,
  insertPersonAsOwner,
  inventoryRoutes,
  issueToken,
  isUnsafe,
  observedOutcome,
  personRecords,
  tokenCaller,
  userCaller,
  type Caller,
} from '../helpers/matrix.js';

/**
 * Every route × every role (one demo account each), an anonymous visitor and a partner token per
 * scope. The expectation comes from `authorize()` and the route's declared policy, so routes added
 * later are checked without changing this file.
 */
describe.each(testEngines())('every route × every role (%s)', (engine) => {
  let t: TestApp;
  let callers: Caller[];
  let personId: string;
  let foreignPersonId: string;
  const foreignFamilyName = 'Quartermaine-Elsewhere';
  /** The fixture people's own records (a crisis episode) for routes whose `:id` names one. */
  let records: Map<string, string>;
  let foreignRecords: Map<string, string>;

  beforeAll(async () => {
    t = await startTestApp(engine);
    const { db } = t.database;
    personId = await insertPersonAsOwner(db, t.org.orgId, 'Matrix', 'Fixture');
    callers = [anonymousCaller()];
    for (const account of demoAccounts) {
      const agent = await signIn(t.app, account.username);
      callers.push(userCaller(account.role, t.org.userIds[account.username]!, t.org.orgId, agent));
    }
    for (const scope of apiScopes) {
      const { token, tokenId } = await issueToken(db, t.org.orgId, [scope]);
      callers.push(tokenCaller(scope, token, tokenId, t.org.orgId));
    }
    // A second organisation with a person of its own: nobody here may learn that person exists.
    const other = await seedOrganisation(db, {
      council: { name: 'Elsewhere Borough Council', kind: 'council', ods_code: 'ELSE001' },
      accounts: [],
    });
    foreignPersonId = await insertPersonAsOwner(db, other.orgId, 'Zephaniah', foreignFamilyName);
    records = await personRecords(db, t.org.orgId, personId);
    foreignRecords = await personRecords(db, other.orgId, foreignPersonId);
  }, 180_000);
  afterAll(async () => t?.close());

  it('allows exactly what the policy table allows, and refuses the rest with 403 or sign-in', async () => {
    const routes = inventoryRoutes(t.app);
    const cases = routes.flatMap((route) =>
      callers.filter((c) => c.appliesTo?.(route.method, route.url) ?? true).map((caller) => ({ route, caller })),
    );
    const mismatches: string[] = [];
    const serverErrors: string[] = [];
    await inBatches(cases, 4, async ({ route, caller }) => {
      const url = fillPath(route.url, personId, records);
      const auth = await caller.headers(t.database.db, isUnsafe(route.method));
      const response = await t.app.inject(buildRequest(route.method, url, auth));
      const expected = expectedOutcome(caller.actorFor(url), route.policy, url);
      const observed = observedOutcome(response);
      const label = `${route.method} ${route.url} as ${caller.label}`;
      if (observed !== expected)
        mismatches.push(`${label}: expected ${expected}, got ${observed} (${response.statusCode})`);
      if (response.statusCode >= 500) serverErrors.push(`${label}: ${response.statusCode}`);
    });
    console.log(`[role-matrix/${engine}] ${cases.length} cases: ${routes.length} routes × ${callers.length} callers`);
    expect(mismatches).toEqual([]);
    // An allowed caller sending an empty form should get a validation answer, never a crash.
    expect(serverErrors).toEqual([]);
    expect(cases.length).toBeGreaterThan(100);
  }, 300_000);

  it('answers 404 for another organisation’s person on every GET route with a person id, and shows nothing of them', async () => {
    const routes = inventoryRoutes(t.app).filter((r) => r.method === 'GET' && hasPersonParam(r.url));
    expect(routes.length).toBeGreaterThan(0);
    const problems: string[] = [];
    let checked = 0;
    for (const route of routes) {
      const url = fillPath(route.url, foreignPersonId, foreignRecords);
      for (const caller of callers) {
        const actor = caller.actorFor(url);
        if (!actor || expectedOutcome(actor, route.policy, url) !== 'allowed') continue;
        checked += 1;
        const response = await t.app.inject(buildRequest('GET', url, await caller.headers(t.database.db, false)));
        if (response.statusCode !== 404) problems.push(`${route.url} as ${caller.label}: ${response.statusCode}`);
        if (response.body.includes(foreignFamilyName))
          problems.push(`${route.url} as ${caller.label}: the body names the person`);
      }
    }
    console.log(`[role-matrix/${engine}] ${checked} cross-organisation cases on ${routes.length} routes`);
    expect(problems).toEqual([]);
    expect(checked).toBeGreaterThan(0);
  }, 120_000);

  it('lets an allowed role see the same routes for its own organisation’s person (so the 404s above mean something)', async () => {
    const sam = callers.find((c) => c.label === 'practitioner')!;
    const response = await t.app.inject(
      buildRequest('GET', `/people/${personId}`, await sam.headers(t.database.db, false)),
    );
    expect(response.statusCode).toBe(200);
    expect(response.body).toContain('Fixture');
    const foreign = await t.app.inject(
      buildRequest('GET', `/people/${foreignPersonId}`, await sam.headers(t.database.db, false)),
    );
    expect(foreign.statusCode).toBe(404);
  });
});
