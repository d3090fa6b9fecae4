import { createHash } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { authorize } from '../access/authorize.js';
import { isPolicyName, type PolicyName } from '../access/policies.js';
import { apiScopes, type ApiScope, type TokenActor } from '../access/roles.js';
import { loadSession, tokensEqual } from '../auth/sessions.js';
import { ForbiddenError, HttpError, UnauthenticatedError } from './errors.js';
import { refuseNulBytes } from './nul-bytes.js';
import { canonicaliseIdParams } from './ids.js';

export const SESSION_COOKIE = 'tl_session';

export interface RouteInventoryEntry {
  method: string;
  url: string;
  policy: PolicyName;
}
const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export function isApiRequest(request: FastifyRequest): boolean {
  return request.url.startsWith('/api/');
}

/**
 * The request pipeline's first half: authenticate, then authorise against the route's declared
 * policy, then check CSRF on anything that changes state, then refuse NUL characters, then make every
 * id parameter canonical (or answer 404). Routes then validate, act in a transaction, present and audit.
 */
export function registerPipeline(app: FastifyInstance): void {
  app.decorateRequest('session', null);
  app.decorateRequest('actor', null);

  // Default deny: a route that does not declare a policy cannot be registered at all. The
  // inventory lets tests check every route against every role.
  const inventory: RouteInventoryEntry[] = [];
  app.decorate('routeInventory', inventory);
  app.addHook('onRoute', (route) => {
    const policy = (route.config as { policy?: unknown } | undefined)?.policy;
    if (!isPolicyName(policy)) {
      throw new Error(`Route ${String(route.method)} ${route.url} has no access policy (config.policy)`);
    }
    for (const method of [route.method].flat()) inventory.push({ method: String(method), url: route.url, policy });
  });

  app.addHook('onRequest', async (request) => {
    await authenticate(app, request);
  });

  // Anything answered to someone signed in or holding a token may carry personal data: no browser,
  // proxy or shared computer should keep a copy (a route that means otherwise says so itself).
  app.addHook('onSend', async (request, reply) => {
    if (request.actor && !reply.hasHeader('cache-control')) reply.header('cache-control', 'no-store');
  });

  app.addHook('preHandler', async (request, reply) => {
    // The not-found handler (an unknown URL, or a static file that is not there) is not a route
    // and has no policy; it shows nothing, so it answers 404 rather than a misleading 403.
    if (request.is404) return;
    const policy = request.routeOptions.config.policy;
    if (!isPolicyName(policy)) throw new ForbiddenError();
    const decision = authorize(request.actor, policy);
    if (decision === 'unauthenticated') {
      if (isApiRequest(request)) throw new UnauthenticatedError();
      return redirectToSignIn(request, reply);
    }
    if (decision === 'forbidden') throw new ForbiddenError();
    if (UNSAFE.has(request.method)) checkCsrf(request);
    refuseNulBytes(request);
    // Validation starts with the ids: made canonical here, once, or the record is simply not there.
    // After the access checks, so a visitor who is not signed in is sent to sign in, not told 404.
    canonicaliseIdParams(request);
  });
}

async function authenticate(app: FastifyInstance, request: FastifyRequest): Promise<void> {
  const { db } = app.deps.database;
  const authorization = request.headers.authorization;
  // An open API (the ORUK feed) needs no credentials, so a stale or foreign token sent out of
  // habit is ignored rather than refused.
  if (isApiRequest(request) && request.routeOptions.config?.policy === 'public') return;
  if (isApiRequest(request) && authorization?.startsWith('Bearer ')) {
    request.actor = await loadTokenActor(app, authorization.slice(7).trim());
    if (!request.actor) throw new UnauthenticatedError('The API token is not valid');
    return;
  }
  const token = request.cookies[SESSION_COOKIE];
  if (!token) return;
  const session = await loadSession(db, token);
  request.session = session;
  request.actor = session?.user ?? null;
}

async function loadTokenActor(app: FastifyInstance, token: string): Promise<TokenActor | null> {
  const hash = createHash('sha256').update(token).digest('hex');
  // The owner's connection: the token decides the organisation, so there is none to scope by yet
  // (api_token's row-level security binds tl_app only).
  const row = await app.deps.database.db
    .selectFrom('api_token')
    .select(['id', 'org_id', 'name', 'scopes', 'last_used_at'])
    .where('token_hash', '=', hash)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  if (!row) return null;
  if (!row.last_used_at || Date.now() - new Date(row.last_used_at).getTime() > 60_000) {
    await app.deps.database.db
      .updateTable('api_token')
      .set({ last_used_at: new Date() })
      .where('id', '=', row.id)
      .execute();
  }
  const scopes = row.scopes.filter((s): s is ApiScope => (apiScopes as readonly string[]).includes(s));
  return { kind: 'api_token', tokenId: row.id, orgId: row.org_id, scopes, displayName: row.name };
}

/**
 * CSRF: refuse cross-site requests outright (Fetch Metadata and Origin), then require the
 * session's synchroniser token — in the form body for pages, in a header for the API. Partner
 * systems using a bearer token carry no ambient credentials, so they need no CSRF token.
 */
function checkCsrf(request: FastifyRequest): void {
  if (request.actor?.kind === 'api_token') return;
  const site = request.headers['sec-fetch-site'];
  if (site === 'cross-site') throw new ForbiddenError('This request came from another site and was refused');
  const origin = request.headers.origin;
  if (origin && origin !== 'null') {
    let host: string;
    try {
      host = new URL(origin).host;
    } catch {
      throw new ForbiddenError('This request came from another site and was refused');
    }
    if (host !== expectedHost(request)) throw new ForbiddenError('This request came from another site and was refused');
  } else if (origin === 'null') {
    throw new ForbiddenError('This request came from another site and was refused');
  }
  const expected = request.session?.csrfToken;
  let supplied: unknown;
  if (isApiRequest(request)) {
    if (!String(request.headers['content-type'] ?? '').startsWith('application/json')) {
      throw new HttpError(415, 'Unsupported media type', 'Send JSON with Content-Type: application/json');
    }
    supplied = request.headers['x-csrf-token'];
  } else {
    supplied = (request.body as Record<string, unknown> | undefined)?._csrf;
  }
  if (!expected || typeof supplied !== 'string' || !tokensEqual(supplied, expected)) {
    throw new ForbiddenError('Your form has expired. Go back, refresh the page and try again');
  }
}

/**
 * The host our own pages are served from. Behind a reverse proxy that rewrites Host, PUBLIC_URL is
 * the truth; without one (development, tests) the request's Host header is.
 */
function expectedHost(request: FastifyRequest): string | undefined {
  const publicUrl = (request.server as FastifyInstance).deps.config.publicUrl;
  return publicUrl ? new URL(publicUrl).host : request.headers.host;
}

function redirectToSignIn(request: FastifyRequest, reply: FastifyReply) {
  // Keep only the path: never put personal data (search terms) into the sign-in URL.
  const back = request.method === 'GET' ? (request.url.split('?')[0] ?? '/') : '/';
  // A cookie that no longer opens a session means the session timed out: say so on the sign-in page.
  const timedOut = request.cookies[SESSION_COOKIE] && !request.session ? '&timedOut=1' : '';
  return reply.redirect(`/sign-in?returnTo=${encodeURIComponent(back)}${timedOut}`, 303);
}
