import { randomUUID } from 'node:crypto';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiScopes, type TokenActor } from '../../src/platform/access/roles.js';
import { verifyAuditChain } from '../../src/platform/audit/audit.js';
import type { PolicyName } from '../../src/platform/access/policies.js';
import { canonicalId, isIdParamName } from '../../src/platform/http/ids.js';
import { demoAccounts } from '../../src/seed/organisation.js';
import { testEngines } from '../helpers/database.js';
import { signIn, startTestApp, type Agent, type TestApp } from '../helpers/app.js';
import {
  allowedAccount,
  anonymousCaller,
  buildRequest,
  expectedOutcome,
  inBatches,
  insertPersonAsOwner,
  inventoryRoutes,
  isApiUrl,
  issueToken,
  isUnsafe,
  observedOutcome,
  personRecords,
  PERSON_PARAMS,
  policyIsPublic,
  routeParams,
  userActor,
  userCaller,
  type Caller,
} from '../helpers/matrix.js';

/**
 * Route parameters that are not ids. Any other parameter must be named as an id (`id`, `…Id`) so
 * the pipeline parses it: a new `:episode` would otherwise reach its handler unparsed.
 */
// Not ids: a version number, a page slug, and a linking module's name (checked against a fixed list where used).
const NOT_IDS = new Set(['version', 'slug', 'source']);

/** Values that are not ids, as typed into the address bar (the path carries them URL-encoded). */
const BAD_IDS = ['1', 'null', `${randomUUID()}x`, '../', ' ', '{}', 'undefined', randomUUID().slice(0, 35)];

/** Other spellings of one id that PostgreSQL would accept, each of which must reach the same record. */
const SPELLINGS: Record<string, (id: string) => string> = {
  'upper case': (id) => id.toUpperCase(),
  braced: (id) => `{${id}}`,
  'without hyphens': (id) => id.replaceAll('-', ''),
  'braced upper case without hyphens': (id) => `{${id.replaceAll('-', '').toUpperCase()}}`,
};

const idParamsOf = (url: string) => routeParams(url).filter(isIdParamName);

/**
 * An id is parsed once, where the request arrives (platform/http/ids.ts): every id parameter of
 * every route, page or API, is made canonical or answered 404 before the handler runs.
 */
describe.each(testEngines())('ids in every route (%s)', (engine) => {
  let t: TestApp;
  let personId: string;
  let records: Map<string, string>;
  /** One fixed id per non-person parameter name, so two requests for the same route name the same thing. */
  const otherIds = new Map<string, string>();
  const callerFor = new Map<string, Caller>();
  let tokenCaller: Caller;
  let sam: Agent;

  beforeAll(async () => {
    t = await startTestApp(engine);
    const { db } = t.database;
    personId = await insertPersonAsOwner(db, t.org.orgId, 'Idris', 'Canonical');
    records = await personRecords(db, t.org.orgId, personId);
    for (const account of demoAccounts) {
      const agent = await signIn(t.app, account.username);
      if (account.username === 'sam.practitioner') sam = agent;
      callerFor.set(account.username, userCaller(account.role, t.org.userIds[account.username]!, t.org.orgId, agent));
    }
    // A partner system holding every scope, for API routes no member of staff may use.
    const { token, tokenId } = await issueToken(db, t.org.orgId, apiScopes);
    const actor: TokenActor = {
      kind: 'api_token',
      tokenId,
      orgId: t.org.orgId,
      scopes: [...apiScopes],
      displayName: 'all',
    };
    tokenCaller = {
      label: 'token (all scopes)',
      actorFor: (url) => (isApiUrl(url) ? actor : null),
      headers: async () => ({ headers: { authorization: `Bearer ${token}` } }),
    };
  }, 180_000);
  afterAll(async () => t?.close());

  /** Someone the route's policy lets in: a visitor on a public route, else a member of staff, else a partner token. */
  function allowedCaller(policy: PolicyName, url: string): Caller {
    if (policyIsPublic(policy)) return anonymousCaller();
    const account = allowedAccount(policy, t.org.orgId, t.org.userIds);
    if (account) return callerFor.get(account.username)!;
    if (isApiUrl(url) && expectedOutcome(tokenCaller.actorFor(url), policy, url) === 'allowed') return tokenCaller;
    throw new Error(`No caller may use ${url}`);
  }

  /** The route's path with each parameter's real value (or a fixed unknown id), spelled by `spell`. */
  function pathFor(url: string, spell: (name: string, id: string) => string = (_n, id) => id): string {
    const record = [...records].find(([prefix]) => url.startsWith(prefix))?.[1];
    return url.replace(/:(\w+)/g, (_m, name: string) => {
      if (!isIdParamName(name)) return name === 'version' ? '1' : 'no-such-thing';
      if (!otherIds.has(name)) otherIds.set(name, randomUUID());
      const id = name === 'id' && record ? record : PERSON_PARAMS.has(name) ? personId : otherIds.get(name)!;
      return encodeURIComponent(spell(name, id));
    });
  }

  async function send(method: string, path: string, caller: Caller): Promise<LightMyRequestResponse> {
    const auth = await caller.headers(t.database.db, isUnsafe(method));
    return t.app.inject(buildRequest(method, path, auth));
  }

  const idRoutes = () => inventoryRoutes(t.app).filter((r) => idParamsOf(r.url).length > 0);

  it('names every route parameter that is an id as one, so the pipeline parses it', () => {
    const unnamed = inventoryRoutes(t.app).flatMap((r) =>
      routeParams(r.url)
        .filter((p) => !isIdParamName(p) && !NOT_IDS.has(p))
        .map((p) => `${r.method} ${r.url}: ${p}`),
    );
    expect(unnamed).toEqual([]);
    expect(idRoutes().length).toBeGreaterThan(50);
  });

  it('answers 404 (the page or the problem document) for every malformed id in every route, never 500', async () => {
    const cases = idRoutes().flatMap((route) =>
      idParamsOf(route.url).flatMap((param) => BAD_IDS.map((bad) => ({ route, param, bad }))),
    );
    const problems: string[] = [];
    await inBatches(cases, 4, async ({ route, param, bad }) => {
      const path = pathFor(route.url, (name, id) => (name === param ? bad : id));
      const response = await send(route.method, path, allowedCaller(route.policy, route.url));
      const label = `${route.method} ${path}`;
      if (response.statusCode !== 404) return void problems.push(`${label}: ${response.statusCode}`);
      if (isApiUrl(route.url)) {
        const body = response.json<{ status?: number; title?: string }>();
        if (!String(response.headers['content-type']).startsWith('application/problem+json') || body.status !== 404)
          problems.push(`${label}: not a 404 problem document`);
      } else if (!response.body.includes('Page not found')) {
        problems.push(`${label}: not the page-not-found page`);
      }
    });
    console.log(`[ids/${engine}] ${cases.length} malformed-id cases on ${idRoutes().length} routes`);
    expect(problems).toEqual([]);
  }, 300_000);

  it('still sends a visitor to sign in (or 401 on the API), and refuses a role that may not, before looking at the id', async () => {
    const problems: string[] = [];
    let forbiddenChecked = 0;
    for (const route of idRoutes()) {
      if (policyIsPublic(route.policy)) continue;
      const path = pathFor(route.url, () => 'null');
      const anonymous = await send(route.method, path, anonymousCaller());
      const expected = isApiUrl(route.url) ? 'unauthorised' : 'sign-in';
      if (observedOutcome(anonymous) !== expected)
        problems.push(`${route.method} ${path} anonymous: ${anonymous.statusCode}`);
      const refused = demoAccounts.find(
        (a) =>
          expectedOutcome(userActor(a.role, t.org.userIds[a.username]!, t.org.orgId), route.policy, path) ===
          'forbidden',
      );
      if (!refused) continue;
      forbiddenChecked += 1;
      const response = await send(route.method, path, callerFor.get(refused.username)!);
      if (response.statusCode !== 403)
        problems.push(`${route.method} ${path} as ${refused.role}: ${response.statusCode}`);
    }
    expect(problems).toEqual([]);
    expect(forbiddenChecked).toBeGreaterThan(10);
  }, 300_000);

  it('reaches the same record by every spelling of its id as by the canonical form', async () => {
    const routes = idRoutes().filter((r) => r.method === 'GET');
    const problems: string[] = [];
    let found = 0;
    for (const route of routes) {
      const caller = allowedCaller(route.policy, route.url);
      const canonical = await send('GET', pathFor(route.url), caller);
      if (canonical.statusCode === 200) found += 1;
      for (const [label, spell] of Object.entries(SPELLINGS)) {
        const path = pathFor(route.url, (_name, id) => spell(id));
        const response = await send('GET', path, caller);
        if (response.statusCode !== canonical.statusCode) {
          problems.push(`${path} (${label}): ${response.statusCode}, canonical ${canonical.statusCode}`);
        } else if (response.headers.location !== canonical.headers.location) {
          problems.push(
            `${path} (${label}): sent to ${response.headers.location}, canonical ${canonical.headers.location}`,
          );
        } else if (canonical.statusCode === 200 && !sameRecord(canonical.body, response.body)) {
          problems.push(`${path} (${label}): shows something else`);
        }
      }
    }
    expect(problems).toEqual([]);
    // Enough routes found the fixture's person or record for the comparison to mean something.
    expect(found).toBeGreaterThan(20);
  }, 300_000);

  it('leaves the audit chain intact after a record is opened by its id in upper case (the reported break)', async () => {
    expect((await sam.get(`/people/${personId.toUpperCase()}`)).statusCode).toBe(200);
    expect((await verifyAuditChain(t.database.db)).problems).toEqual([]);
  });

  it('audits a record opened by any spelling of its id under the canonical id, and the chain stays intact', async () => {
    const marker = await lastAuditId();
    const spelled = Object.values(SPELLINGS).map((spell) => spell(personId));
    for (const id of spelled) {
      const encoded = encodeURIComponent(id);
      for (const url of [`/people/${encoded}`, `/people/${encoded}/timeline`, `/people/${encoded}/edit`]) {
        expect((await sam.get(url)).statusCode, url).toBe(200);
      }
      const api = await sam.api('GET', `/api/v1/people/${encoded}`);
      expect(api.statusCode).toBe(200);
      expect(api.json<{ id: string }>().id).toBe(personId);
    }
    // An id in a form body is made canonical too: a relationship to the person, named in upper case.
    const other = await insertPersonAsOwner(t.database.db, t.org.orgId, 'Ivor', 'Related');
    const related = await sam.api(
      'POST',
      `/api/v1/people/${encodeURIComponent(`{${other.toUpperCase()}}`)}/relationships`,
      {
        relatedPersonId: personId.toUpperCase(),
        relationshipType: 'friend',
      },
    );
    expect(related.statusCode, related.body).toBe(201);
    expect(related.json<{ relatedPersonId: string }>().relatedPersonId).toBe(personId);

    const rows = await t.database.db
      .selectFrom('audit_event')
      .select(['action', 'resource_id', 'person_id'])
      .where('id', '>', marker)
      .execute();
    const views = rows.filter((r) => r.action === 'person.view' && r.person_id === personId);
    expect(views.length).toBeGreaterThanOrEqual(spelled.length * 2);
    for (const row of rows) {
      // Whatever an entry names by id, it names in the form the database stores.
      if (row.resource_id && canonicalId(row.resource_id)) expect(row.resource_id).toBe(canonicalId(row.resource_id));
      expect(spelled).not.toContain(row.resource_id);
    }
    const verified = await verifyAuditChain(t.database.db);
    expect(verified.problems).toEqual([]);
    expect(verified.ok).toBe(true);
  }, 120_000);

  async function lastAuditId(): Promise<number> {
    const row = await t.database.db
      .selectFrom('audit_event')
      .select((eb) => eb.fn.max('id').as('id'))
      .executeTakeFirst();
    return Number(row?.id ?? 0);
  }
});

/**
 * Two pages show the same record when their title and main heading are the same (the rest of a
 * page may change between requests: "who has viewed this record" grows with every view).
 */
function sameRecord(a: string, b: string): boolean {
  const heading = (html: string) =>
    [/<title>([^<]*)<\/title>/, /<h1[^>]*>([^<]*)</].map((r) => r.exec(html)?.[1]?.trim());
  return JSON.stringify(heading(a)) === JSON.stringify(heading(b));
}
