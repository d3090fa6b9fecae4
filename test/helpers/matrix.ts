import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import type { Kysely } from 'kysely';
import type { DB } from '../../src/platform/db/schema.js';
import { authorize } from '../../src/platform/access/authorize.js';
import { policies, type PolicyName } from '../../src/platform/access/policies.js';
import type { Actor, ApiScope, Role, TokenActor, UserActor } from '../../src/platform/access/roles.js';
import type { RouteInventoryEntry } from '../../src/platform/http/pipeline.js';
import { createSession } from '../../src/platform/auth/sessions.js';
import { demoAccounts } from '../../src/seed/organisation.js';
import { insertCrisisEpisode } from './crisis.js';
import { insertCapacityAssessment, insertLegalPower } from './capacity.js';
import { rasVersion2026 } from '../../src/modules/allocation/index.js';
import { insertPoolWithMember } from './budget-parts.js';
import { insertPart } from './budget-monitoring-parts.js';

/**
 * Shared fixtures for the cross-cutting suites (role matrix, CSRF matrix, audit completeness).
 * Everything here is derived from `app.routeInventory` and the policy table at run time, so a
 * route added later is covered without touching these suites. Only path parameters need fixtures.
 */

export const UNSAFE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
/** Route parameters that name a person: filled with a real person id, everything else gets a random uuid. */
export const PERSON_PARAMS = new Set(['id', 'personId']);
/** The Host the app sees in these tests, so a same-origin `Origin` header can be built. */
export const TEST_HOST = 'localhost:3000';
export const SAME_ORIGIN = `http://${TEST_HOST}`;

export const isApiUrl = (url: string) => url.startsWith('/api/');
export const isUnsafe = (method: string) => UNSAFE_METHODS.has(method);
export const routeParams = (url: string) => [...url.matchAll(/:(\w+)/g)].map((m) => m[1]!);
export const hasPersonParam = (url: string) => routeParams(url).some((p) => PERSON_PARAMS.has(p));

/** Every (method, url) in the inventory once. OPTIONS is left out: nothing here registers it on purpose. */
export function inventoryRoutes(app: FastifyInstance): RouteInventoryEntry[] {
  const seen = new Set<string>();
  return app.routeInventory.filter((r) => {
    const key = `${r.method} ${r.url}`;
    if (seen.has(key) || r.method === 'OPTIONS') return false;
    seen.add(key);
    return true;
  });
}

/**
 * Routes whose `:id` names one of a person's records (a crisis episode) rather than the person.
 * The suites give each person one such record (`personRecords`), so these routes are exercised on
 * something real instead of answering 404 for a person id that is not an episode.
 */
const PERSON_RECORD_ROUTES: {
  prefix: string;
  create(db: Kysely<DB>, orgId: string, personId: string): Promise<string>;
}[] = [
  {
    prefix: '/crisis/episodes/',
    create: async (db, orgId, personId) =>
      (await insertCrisisEpisode(db, { orgId, userIds: {}, patchIds: {} }, personId, { lead_worker_id: null })).id,
  },
];

/**
 * Route parameters (other than `:id`) that name one of the person's records: filled with a real one
 * of that person's, so the record's pages are exercised rather than answering 404 for a random id.
 */
const PERSON_RECORD_PARAMS: {
  param: string;
  create(db: Kysely<DB>, orgId: string, personId: string): Promise<string>;
}[] = [
  { param: 'capacityAssessmentId', create: insertCapacityAssessment },
  // Not a person's record, but a real draft RAS version, so its pages are exercised instead of answering 404.
  { param: 'versionId', create: insertDraftRasVersion },
  // A piece of open work (casework's allocation pages): a request waiting for an assessment.
  {
    param: 'workId',
    create: async (db, orgId, personId) =>
      (
        await db
          .insertInto('assessment_request')
          .values({
            org_id: orgId,
            person_id: personId,
            kind: 'care_needs',
            came_from: 'practitioner',
            reason: 'Matrix fixture',
            received_on: '2026-01-05',
          })
          .returning('id')
          .executeTakeFirstOrThrow()
      ).id,
  },
  { param: 'powerId', create: insertLegalPower },
  // A personal assistant the person employs (budgets' assistants pages).
  {
    param: 'assistantId',
    create: async (db, orgId, personId) =>
      (
        await db
          .insertInto('personal_assistant')
          .values({
            org_id: orgId,
            person_id: personId,
            name: 'Matrix PA',
            employed_through: 'direct',
            agency_name: null,
            starts_on: '2026-01-05',
            ends_on: null,
            ended_reason: null,
            dbs_level: 'none',
            dbs_certificate: null,
            dbs_checked_on: null,
            right_to_work_checked: true,
            references_checked: true,
            insurer: null,
            insurance_policy_number: null,
            insurance_renews_on: null,
            payroll_service: null,
            support_service_id: null,
            support_service_name: null,
            form_helper: null,
            created_by: null,
            updated_at: new Date(),
            updated_by: null,
          })
          .returning('id')
          .executeTakeFirstOrThrow()
      ).id,
  },
  // A pool the person is a member of, so the pool pages and their record sheet are exercised.
  { param: 'poolId', create: insertPoolWithMember },
  // A budget part (a direct payment), so its monitoring and saved-hours pages are exercised.
  { param: 'partId', create: async (db, orgId, personId) => (await insertPart(db, orgId, personId, MATRIX_PART)).id },
  {
    param: 'assessmentId',
    create: async (db, orgId, personId) =>
      (
        await db
          .insertInto('assessment')
          .values({
            org_id: orgId,
            person_id: personId,
            kind: 'adult',
            method: 'face_to_face',
            started_on: '2026-01-05',
          })
          .returning('id')
          .executeTakeFirstOrThrow()
      ).id,
  },
];

const MATRIX_PART = { route: 'direct_payment', weeklyPence: 10000, startsOn: '2026-01-05' } as const;

async function insertDraftRasVersion(db: Kysely<DB>, orgId: string): Promise<string> {
  const { id: _id, ...definition } = rasVersion2026;
  const row = await db
    .insertInto('ras_version')
    .values({
      org_id: orgId,
      label: 'Matrix draft',
      effective_from: '2027-04-01',
      definition: JSON.stringify(definition),
      based_on: null,
      created_by: null,
      updated_by: null,
      updated_at: new Date(),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/**
 * The person's records for PERSON_RECORD_ROUTES (by route prefix) and PERSON_RECORD_PARAMS (by
 * ':param'), written as the owner, not audited.
 */
export async function personRecords(db: Kysely<DB>, orgId: string, personId: string): Promise<Map<string, string>> {
  const records = new Map<string, string>();
  for (const route of PERSON_RECORD_ROUTES) records.set(route.prefix, await route.create(db, orgId, personId));
  for (const p of PERSON_RECORD_PARAMS) records.set(`:${p.param}`, await p.create(db, orgId, personId));
  return records;
}

/**
 * A concrete path for a route pattern: `:id`/`:personId` → the given person (or, on a route of
 * PERSON_RECORD_ROUTES, that person's record from `records`), a param of PERSON_RECORD_PARAMS →
 * that person's record of it, other params → a random uuid.
 */
export function fillPath(url: string, personId: string, records?: Map<string, string>): string {
  const prefix = PERSON_RECORD_ROUTES.find((r) => url.startsWith(r.prefix))?.prefix;
  const record = prefix ? records?.get(prefix) : undefined;
  return url
    .replace(/:(\w+)/g, (_m, name: string) =>
      name === 'id' && record
        ? record
        : PERSON_PARAMS.has(name)
          ? personId
          : (records?.get(`:${name}`) ?? randomUUID()),
    )
    .replace(/\*$/, 'no-such-file.css');
}

/** Someone making requests: a signed-in member of staff, an anonymous visitor, or a partner system. */
export interface Caller {
  label: string;
  /** The actor `authorize()` sees for a request to `url` (a bearer token only counts on /api). */
  actorFor(url: string): Actor | null;
  /** Whether this caller makes sense for the route (default: always). */
  appliesTo?(method: string, url: string): boolean;
  /** Headers for a fresh request; an unsafe request gets a session of its own, so sign-out cannot spoil later cases. */
  headers(db: Kysely<DB>, unsafe: boolean): Promise<{ headers: Record<string, string>; csrf?: string }>;
}

export function userActor(role: Role, userId: string, orgId: string): UserActor {
  return { kind: 'user', userId, orgId, role, teamId: null, displayName: role };
}

/** A session straight in the database (no argon2): the cheap way to get many sessions for one account. */
export async function newSession(db: Kysely<DB>, userId: string | null): Promise<{ cookie: string; csrf: string }> {
  const { token, state } = await createSession(db, userId);
  return { cookie: `tl_session=${token}`, csrf: state.csrfToken };
}

export function userCaller(
  role: Role,
  userId: string,
  orgId: string,
  signedIn: { cookie: string; csrf: string },
): Caller {
  const actor = userActor(role, userId, orgId);
  return {
    label: role,
    actorFor: () => actor,
    headers: async (db, unsafe) => {
      const s = unsafe ? await newSession(db, userId) : signedIn;
      return { headers: { cookie: s.cookie }, csrf: s.csrf };
    },
  };
}

export function anonymousCaller(): Caller {
  return {
    label: 'anonymous',
    actorFor: () => null,
    // An anonymous session, as the sign-in page makes, so a public form's CSRF check can pass.
    headers: async (db) => {
      const s = await newSession(db, null);
      return { headers: { cookie: s.cookie }, csrf: s.csrf };
    },
  };
}

/** Issue a partner API token straight into the table (only its hash is stored, as the admin pages do). */
export async function issueToken(
  db: Kysely<DB>,
  orgId: string,
  scopes: readonly ApiScope[],
): Promise<{ token: string; tokenId: string }> {
  const token = randomBytes(32).toString('base64url');
  const row = await db
    .insertInto('api_token')
    .values({
      org_id: orgId,
      name: `test ${scopes.join(' ')}`,
      token_hash: createHash('sha256').update(token).digest('hex'),
      scopes: [...scopes],
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { token, tokenId: row.id };
}

export function tokenCaller(scope: ApiScope, token: string, tokenId: string, orgId: string): Caller {
  const actor: TokenActor = { kind: 'api_token', tokenId, orgId, scopes: [scope], displayName: scope };
  return {
    label: `token ${scope}`,
    actorFor: (url) => (isApiUrl(url) ? actor : null),
    // Outside /api a bearer token is ignored, so the caller is a visitor without a session; a form
    // post from such a visitor is refused by CSRF, which the anonymous caller covers already.
    appliesTo: (method, url) => isApiUrl(url) || !isUnsafe(method),
    headers: async () => ({ headers: { authorization: `Bearer ${token}` } }),
  };
}

/** A request with valid CSRF credentials (when the caller has a session) and an empty or minimal body. */
export function buildRequest(
  method: string,
  url: string,
  auth: { headers: Record<string, string>; csrf?: string },
): InjectOptions {
  const headers: Record<string, string> = { host: TEST_HOST, ...auth.headers };
  const options: InjectOptions = { method: method as InjectOptions['method'], url, headers };
  if (!isUnsafe(method)) return options;
  if (isApiUrl(url)) {
    headers['content-type'] = 'application/json';
    if (auth.csrf) headers['x-csrf-token'] = auth.csrf;
    options.payload = '{}';
  } else {
    // A real form post: urlencoded, as a browser sends it.
    headers['content-type'] = 'application/x-www-form-urlencoded';
    options.payload = auth.csrf ? new URLSearchParams({ _csrf: auth.csrf }).toString() : '';
  }
  return options;
}

export type Outcome = 'allowed' | 'forbidden' | 'sign-in' | 'unauthorised';

/** What the pipeline must answer, from the policy table alone. */
export function expectedOutcome(actor: Actor | null, policy: PolicyName, url: string): Outcome {
  const decision = authorize(actor, policy);
  if (decision === 'allow') return 'allowed';
  if (decision === 'forbidden') return 'forbidden';
  return isApiUrl(url) ? 'unauthorised' : 'sign-in';
}

/** What the app did answer: refused (403), sent to sign in (303 to /sign-in?returnTo or 401), or let through. */
export function observedOutcome(response: LightMyRequestResponse): Outcome {
  if (response.statusCode === 403) return 'forbidden';
  if (response.statusCode === 401) return 'unauthorised';
  const location = String(response.headers.location ?? '');
  if (response.statusCode === 303 && location.startsWith('/sign-in?returnTo=')) return 'sign-in';
  return 'allowed';
}

/** A demo account whose role the policy allows, for suites that need "a signed-in allowed user". */
export function allowedAccount(policy: PolicyName, orgId: string, userIds: Record<string, string>) {
  return demoAccounts.find((a) => authorize(userActor(a.role, userIds[a.username]!, orgId), policy) === 'allow');
}

export function policyIsPublic(policy: PolicyName): boolean {
  return Boolean((policies[policy] as { public?: true }).public);
}

/** Run `work` over `items` with at most `limit` in flight (enough to overlap, not enough to exhaust the pool). */
export async function inBatches<T>(
  items: readonly T[],
  limit: number,
  work: (item: T) => Promise<void>,
): Promise<void> {
  let next = 0;
  const runners = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) await work(items[next++]!);
  });
  await Promise.all(runners);
}

/** A person in any organisation, inserted as the database owner (no RLS, no audit): a fixture, not a use case. */
export async function insertPersonAsOwner(
  db: Kysely<DB>,
  orgId: string,
  given: string,
  family: string,
): Promise<string> {
  const row = await db
    .insertInto('person')
    .values({
      org_id: orgId,
      council_person_id: `T${randomBytes(4).toString('hex')}`,
      given_name: given,
      family_name: family,
      date_of_birth: '1950-03-04',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}
