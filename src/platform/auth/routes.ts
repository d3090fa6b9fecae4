import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { endSession, createSession, setFlash, purgeOldSessions } from './sessions.js';
import { verifyPassword } from './passwords.js';
import { clearFailures, isLocked, recordFailure, throttleKeys } from './throttle.js';
import { SESSION_COOKIE } from '../http/pipeline.js';
import { toFieldErrors } from '../http/validation.js';

const signInSchema = z.object({
  username: z.string().trim().min(1, 'Enter your username').max(200, 'Username must be 200 characters or fewer'),
  password: z.string().min(1, 'Enter your password').max(1000, 'Password must be 1000 characters or fewer'),
});

const WRONG = 'Enter a correct username and password';
const LOCKED = 'You have tried to sign in too many times. Wait 15 minutes and try again';

export function cookieOptions(secure: boolean) {
  return { path: '/', httpOnly: true, secure, sameSite: 'lax' as const };
}

/**
 * Only same-site paths, so the sign-in page cannot be used to send people elsewhere: one leading
 * slash not followed by another slash or a backslash (browsers read `//x` and `/\x` as another
 * host), and only printable ASCII (no spaces, control characters or header tricks).
 */
export function safeReturnTo(value: unknown): string {
  return typeof value === 'string' && value.length <= 2000 && /^\/(?![/\\])[\x21-\x7e]*$/.test(value) ? value : '/';
}

export async function startSignedInSession(
  app: FastifyInstance,
  request: FastifyRequest,
  reply: FastifyReply,
  userId: string,
) {
  const { db } = app.deps.database;
  // A new session id at sign-in: a token planted before sign-in (session fixation) is worthless.
  if (request.session) await endSession(db, request.session.idHash);
  const { token } = await createSession(db, userId);
  await purgeOldSessions(db);
  reply.setCookie(SESSION_COOKIE, token, cookieOptions(app.deps.config.cookieSecure));
}

export function registerAuthRoutes(app: FastifyInstance): void {
  registerSignInPage(app);
  registerSignIn(app);
  registerSignOut(app);
  registerSessionExtend(app);
}

function registerSignInPage(app: FastifyInstance): void {
  const { db } = app.deps.database;
  app.get('/sign-in', { config: { policy: 'public' } }, async (request, reply) => {
    if (request.actor) return reply.redirect('/', 303);
    if (!request.session) {
      const { token, state } = await createSession(db, null);
      request.session = state;
      reply.setCookie(SESSION_COOKIE, token, cookieOptions(app.deps.config.cookieSecure));
    }
    const query = request.query as { returnTo?: string; timedOut?: string };
    return reply.view('auth/sign-in.njk', {
      title: 'Sign in',
      returnTo: safeReturnTo(query.returnTo),
      timedOut: query.timedOut === '1',
      oidcEnabled: Boolean(app.deps.config.oidc),
      values: {},
    });
  });
}

function registerSignIn(app: FastifyInstance): void {
  const { db } = app.deps.database;
  app.post(
    '/sign-in',
    { config: { policy: 'public', rateLimit: { max: 20, timeWindow: '1 minute' } } },
    async (request, reply) => {
      const body = (request.body ?? {}) as Record<string, unknown>;
      const returnTo = safeReturnTo(body.returnTo);
      const render = (errors: { text: string; href: string }[]) =>
        reply.code(errors.length ? 422 : 200).view('auth/sign-in.njk', {
          title: 'Sign in',
          errors,
          returnTo,
          oidcEnabled: Boolean(app.deps.config.oidc),
          values: { username: body.username },
        });
      const parsed = signInSchema.safeParse(body);
      if (!parsed.success) return render(toFieldErrors(parsed.error));
      const { username, password } = parsed.data;
      const { account, address } = throttleKeys(username, request.ip);
      const keys = [account, address];
      if (await isLocked(db, keys)) {
        await verifyPassword(null, password); // same work as any other attempt
        return render([{ text: LOCKED, href: '#username' }]);
      }
      // The owner's connection: usernames are unique across councils and the account decides the
      // organisation, so there is none to scope by (staff_user's row-level security binds tl_app only).
      const user = await db
        .selectFrom('staff_user')
        .select(['id', 'password_hash', 'disabled_at'])
        .where(({ fn }) => fn('lower', ['username']), '=', username.toLowerCase())
        .executeTakeFirst();
      const ok = await verifyPassword(user?.password_hash ?? null, password);
      if (!user || !ok || user.disabled_at) {
        await recordFailure(db, keys);
        return render([{ text: WRONG, href: '#username' }]);
      }
      await clearFailures(db, account);
      await startSignedInSession(app, request, reply, user.id);
      return reply.redirect(returnTo, 303);
    },
  );
}

function registerSignOut(app: FastifyInstance): void {
  const { db } = app.deps.database;
  app.post('/sign-out', { config: { policy: 'signedIn' } }, async (request, reply) => {
    if (request.session) await endSession(db, request.session.idHash);
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return reply.redirect('/signed-out', 303);
  });

  app.get('/signed-out', { config: { policy: 'public' } }, async (_request, reply) =>
    reply.view('auth/signed-out.njk', { title: 'You have signed out' }),
  );
}

function registerSessionExtend(app: FastifyInstance): void {
  const { db } = app.deps.database;
  // The timeout warning's "Stay signed in": any authenticated request resets the idle clock.
  app.post('/session/extend', { config: { policy: 'signedIn' } }, async (request, reply) => {
    if (request.session) {
      await db
        .updateTable('user_session')
        .set({ last_seen_at: new Date() })
        .where('id_hash', '=', request.session.idHash)
        .execute();
      await setFlash(db, request.session.idHash, 'You are still signed in');
    }
    return reply.redirect(safeReturnTo(sameHostPath(request)), 303);
  });
}

/** Back to the page the person was on (the warning dialog is on every page), if it was on this site. */
function sameHostPath(request: FastifyRequest): string {
  const referer = request.headers.referer;
  if (!referer) return '/';
  try {
    const url = new URL(referer);
    // Compare as URLs: "host:80" in the Host header and "host" in the Referer are the same site.
    return url.host === new URL(`${url.protocol}//${request.headers.host ?? ''}`).host ? url.pathname : '/';
  } catch {
    return '/';
  }
}
