import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import * as client from 'openid-client';
import { z } from 'zod';
import type { AppConfig } from '../config.js';
import type { DB } from '../db/schema.js';
import { ServiceUnavailableError } from '../http/errors.js';
import { SESSION_COOKIE } from '../http/pipeline.js';
import { cookieOptions, safeReturnTo, startSignedInSession } from './routes.js';
import { createSession } from './sessions.js';

/**
 * Council single sign-on with OpenID Connect (authorization code flow with PKCE, state and nonce).
 * The council's identity provider proves who the person is; this service decides whether they
 * may come in: their `sub` must already belong to a staff account, or — the first time — a
 * verified email must match exactly one account, which is then linked to that `sub` for good.
 */

export const NOT_SET_UP = 'Your council account is not set up for this service. Ask your administrator.';
export const SWITCHED_OFF =
  'Your account for this service has been switched off. Ask your administrator if you still need it.';
const DID_NOT_WORK = 'Signing in with your council account did not work. Go back to the sign-in page and try again.';
const UNAVAILABLE = 'Signing in with your council account is not working at the moment. Try again later.';
/** A sign-in started more than this long ago is refused: the person must start again. */
export const PENDING_TTL_MS = 10 * 60_000;

const pendingSchema = z.object({
  state: z.string().min(1),
  nonce: z.string().min(1),
  codeVerifier: z.string().min(1),
  returnTo: z.string(),
  startedAt: z.number(),
});
type Pending = z.infer<typeof pendingSchema>;

type OidcConfig = NonNullable<AppConfig['oidc']>;

export function registerOidcRoutes(app: FastifyInstance): void {
  const { config } = app.deps;
  if (!config.oidc) return;
  const settings = config.oidc;
  const { db } = app.deps.database;
  const discover = discoveryCache(settings, config.env);
  // Generous: a whole council office signs in through one address at nine o'clock.
  const rateLimit = { max: 120, timeWindow: '1 minute' };

  app.get('/auth/oidc/start', { config: { policy: 'public', rateLimit } }, async (request, reply) => {
    if (request.actor) return reply.redirect('/', 303);
    const configuration = await discover(request);
    const idHash = await ensureSession(app, request, reply);
    const pending: Pending = {
      state: client.randomState(),
      nonce: client.randomNonce(),
      codeVerifier: client.randomPKCECodeVerifier(),
      returnTo: safeReturnTo((request.query as { returnTo?: unknown }).returnTo),
      startedAt: Date.now(),
    };
    await db
      .updateTable('user_session')
      .set({ oidc_pending: JSON.stringify(pending) })
      .where('id_hash', '=', idHash)
      .execute();
    const url = client.buildAuthorizationUrl(configuration, {
      redirect_uri: settings.redirectUri,
      scope: 'openid email profile',
      code_challenge: await client.calculatePKCECodeChallenge(pending.codeVerifier),
      code_challenge_method: 'S256',
      state: pending.state,
      nonce: pending.nonce,
    });
    return reply.redirect(url.href, 303);
  });

  app.get('/auth/oidc/callback', { config: { policy: 'public', rateLimit } }, async (request, reply) => {
    const refuse = (status: number, title: string, message: string) =>
      reply.code(status).view('error.njk', { title, message, status });
    const pending = request.session ? await takePending(db, request.session.idHash) : null;
    if (!pending || Date.now() - pending.startedAt > PENDING_TTL_MS) {
      return refuse(400, 'Your sign-in has expired', DID_NOT_WORK);
    }
    const configuration = await discover(request);
    let claims: { sub: string; email?: unknown; email_verified?: unknown };
    try {
      claims = await exchangeCode(configuration, settings, request, pending);
    } catch (error) {
      // The error's name and code only: messages can quote claim values.
      const e = error as { name?: string; code?: string; error?: string };
      request.log.warn({ err: { name: e.name, code: e.code, error: e.error } }, 'council sign-in refused');
      return refuse(400, 'Sorry, there is a problem', DID_NOT_WORK);
    }
    const user = await findStaffUser(db, claims);
    if (!user) return refuse(403, 'You cannot use this service yet', NOT_SET_UP);
    if (user.disabled_at) return refuse(403, 'You cannot use this service', SWITCHED_OFF);
    await startSignedInSession(app, request, reply, user.id);
    return reply.redirect(safeReturnTo(pending.returnTo), 303);
  });
}

/** Discovery once per process, retried on the next sign-in if the provider was unreachable. */
function discoveryCache(settings: OidcConfig, env: AppConfig['env']) {
  let cached: Promise<client.Configuration> | null = null;
  const issuer = new URL(settings.issuer);
  // Plain http is only for a provider on the developer's own machine or in tests.
  const execute = issuer.protocol === 'http:' && env !== 'production' ? [client.allowInsecureRequests] : [];
  return async (request: FastifyRequest): Promise<client.Configuration> => {
    cached ??= client.discovery(issuer, settings.clientId, settings.clientSecret, undefined, { execute, timeout: 10 });
    try {
      return await cached;
    } catch (error) {
      cached = null;
      request.log.error(
        { err: { name: (error as Error).name, code: (error as { code?: string }).code } },
        'OIDC discovery failed',
      );
      throw new ServiceUnavailableError(UNAVAILABLE);
    }
  };
}

async function ensureSession(app: FastifyInstance, request: FastifyRequest, reply: FastifyReply): Promise<string> {
  if (request.session) return request.session.idHash;
  const { token, state } = await createSession(app.deps.database.db, null);
  request.session = state;
  reply.setCookie(SESSION_COOKIE, token, cookieOptions(app.deps.config.cookieSecure));
  return state.idHash;
}

/** Read and clear the pending sign-in in one go, so a callback can be used once only. */
async function takePending(db: Kysely<DB>, idHash: string): Promise<Pending | null> {
  const row = await db
    .selectFrom('user_session')
    .select('oidc_pending')
    .where('id_hash', '=', idHash)
    .executeTakeFirst();
  if (!row?.oidc_pending) return null;
  const cleared = await db
    .updateTable('user_session')
    .set({ oidc_pending: null })
    .where('id_hash', '=', idHash)
    .where('oidc_pending', 'is not', null)
    .executeTakeFirst();
  if (cleared.numUpdatedRows === 0n) return null;
  const parsed = pendingSchema.safeParse(
    typeof row.oidc_pending === 'string' ? JSON.parse(row.oidc_pending) : row.oidc_pending,
  );
  return parsed.success ? parsed.data : null;
}

/** Exchange the code (checking state, PKCE and the ID token's nonce); email from the ID token or userinfo. */
async function exchangeCode(
  configuration: client.Configuration,
  settings: OidcConfig,
  request: FastifyRequest,
  pending: Pending,
) {
  // The registered redirect URI, not the Host header: behind a proxy they differ.
  const currentUrl = new URL(settings.redirectUri);
  currentUrl.search = request.url.split('?')[1] ?? '';
  const tokens = await client.authorizationCodeGrant(configuration, currentUrl, {
    pkceCodeVerifier: pending.codeVerifier,
    expectedState: pending.state,
    expectedNonce: pending.nonce,
    idTokenExpected: true,
  });
  const idToken = tokens.claims();
  if (!idToken) throw new Error('no ID token');
  if (idToken.email !== undefined) return idToken;
  // Providers that follow the spec strictly put scope claims only in userinfo.
  const info = await client.fetchUserInfo(configuration, tokens.access_token, idToken.sub);
  return { sub: idToken.sub, email: info.email, email_verified: info.email_verified };
}

/**
 * By subject; failing that, by a verified email that matches exactly one unlinked account, which is
 * then linked. On the owner's connection: the account decides the organisation, so there is none to
 * scope by yet (staff_user's row-level security binds tl_app only), and the email must be unique
 * across every council.
 */
async function findStaffUser(db: Kysely<DB>, claims: { sub: string; email?: unknown; email_verified?: unknown }) {
  const bySubject = await db
    .selectFrom('staff_user')
    .select(['id', 'disabled_at'])
    .where('oidc_subject', '=', claims.sub)
    .executeTakeFirst();
  if (bySubject) return bySubject;
  if (claims.email_verified !== true || typeof claims.email !== 'string' || !claims.email.includes('@')) return null;
  const email = claims.email.trim().toLowerCase();
  const matches = await db
    .selectFrom('staff_user')
    .select(['id', 'disabled_at', 'oidc_subject'])
    .where(({ fn }) => fn('lower', ['email']), '=', email)
    .execute();
  // An account already linked to another subject is never re-linked: that would hand it to whoever
  // controls the email address at the provider.
  const [only] = matches;
  if (matches.length !== 1 || !only || only.oidc_subject !== null) return null;
  const linked = await db
    .updateTable('staff_user')
    .set({ oidc_subject: claims.sub })
    .where('id', '=', only.id)
    .where('oidc_subject', 'is', null)
    .executeTakeFirst();
  return linked.numUpdatedRows === 1n ? { id: only.id, disabled_at: only.disabled_at } : null;
}
