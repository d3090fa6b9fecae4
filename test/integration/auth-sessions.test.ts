import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createHash } from 'node:crypto';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { endAllSessionsFor } from '../../src/platform/auth/sessions.js';
import { testEngines } from '../helpers/database.js';
import { csrfFrom, passwordFor, sessionCookie, signIn, startTestApp, type TestApp } from '../helpers/app.js';

const MINUTE = 60_000;
const idHashOf = (cookie: string) => createHash('sha256').update(cookie.slice('tl_session='.length)).digest('hex');

/** Server-side sessions: new id at sign-in, idle and absolute limits, extend, sign-out, disabling. */
describe.each(testEngines())('sessions (%s)', (engine) => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp(engine);
  }, 180_000); // starting a database is slow on a busy two-core machine
  afterAll(async () => t?.close());

  const get = (url: string, cookie: string) => t.app.inject({ method: 'GET', url, headers: { cookie } });
  const expectSignInRedirect = (res: LightMyRequestResponse) => {
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toMatch(/^\/sign-in\?returnTo=/);
  };
  const session = (cookie: string) =>
    t.database.db
      .selectFrom('user_session')
      .selectAll()
      .where('id_hash', '=', idHashOf(cookie))
      .executeTakeFirstOrThrow();
  const setSession = (cookie: string, values: { last_seen_at?: Date; expires_at?: Date }) =>
    t.database.db.updateTable('user_session').set(values).where('id_hash', '=', idHashOf(cookie)).execute();

  it('gives a new session id at sign-in; the anonymous one stops working', async () => {
    const page = await t.app.inject({ method: 'GET', url: '/sign-in' });
    const anon = sessionCookie(page)!;
    const res = await t.app.inject({
      method: 'POST',
      url: '/sign-in',
      headers: { cookie: anon },
      payload: {
        username: 'sam.practitioner',
        password: passwordFor('sam.practitioner'),
        _csrf: csrfFrom(page.body),
        returnTo: '/',
      },
    });
    const signedIn = sessionCookie(res)!;
    expect(signedIn).toMatch(/^tl_session=[\w-]{43}$/);
    expect(signedIn).not.toBe(anon);
    expect((await get('/people', signedIn)).statusCode).toBe(200);
    expect((await session(anon)).ended_at).not.toBeNull();
    // A planted pre-sign-in id is worthless: it is not signed in, and it is not even an anonymous session any more.
    expectSignInRedirect(await get('/people', anon));
  });

  it('lasts 12 hours at most from sign-in', async () => {
    const sam = await signIn(t.app, 'sam.practitioner');
    const row = await session(sam.cookie);
    const lifetime = new Date(row.expires_at).getTime() - new Date(row.created_at).getTime();
    expect(Math.abs(lifetime - 12 * 60 * MINUTE)).toBeLessThan(5000);
  });

  it('still works after 29 idle minutes, and ends after 31', async () => {
    const sam = await signIn(t.app, 'sam.practitioner');
    await setSession(sam.cookie, { last_seen_at: new Date(Date.now() - 29 * MINUTE) });
    expect((await sam.get('/people')).statusCode).toBe(200);
    await setSession(sam.cookie, { last_seen_at: new Date(Date.now() - 31 * MINUTE) });
    expectSignInRedirect(await sam.get('/people'));
    expect((await session(sam.cookie)).ended_at).not.toBeNull();
    // Ended for good: becoming "recent" again does not revive it.
    await setSession(sam.cookie, { last_seen_at: new Date() });
    expectSignInRedirect(await sam.get('/people'));
  });

  it('says on the sign-in page that the session timed out', async () => {
    const sam = await signIn(t.app, 'sam.practitioner');
    await setSession(sam.cookie, { last_seen_at: new Date(Date.now() - 31 * MINUTE) });
    const res = await sam.get('/people');
    expect(res.headers.location).toBe('/sign-in?returnTo=%2Fpeople&timedOut=1');
    const page = await t.app.inject({ method: 'GET', url: res.headers.location as string });
    expect(page.body).toContain('You were signed out because you had not done anything for 30 minutes');
  });

  it('deletes dead sessions at the next sign-in, and keeps live ones', async () => {
    const { db } = t.database;
    const live = await signIn(t.app, 'sam.practitioner');
    const old = new Date(Date.now() - 2 * 24 * 60 * MINUTE);
    await db
      .insertInto('user_session')
      .values([
        {
          id_hash: 'purge-anon',
          user_id: null,
          csrf_token: 'x',
          last_seen_at: new Date(Date.now() - 2 * 60 * MINUTE),
          expires_at: new Date(Date.now() + 60 * MINUTE),
        },
        { id_hash: 'purge-ended', user_id: null, csrf_token: 'x', last_seen_at: old, expires_at: old, ended_at: old },
      ])
      .execute();
    await signIn(t.app, 'priya.manager');
    const left = await db
      .selectFrom('user_session')
      .select('id_hash')
      .where('id_hash', 'in', ['purge-anon', 'purge-ended'])
      .execute();
    expect(left).toEqual([]);
    expect((await live.get('/people')).statusCode).toBe(200);
  });

  it('ends at the absolute limit even while in use', async () => {
    const sam = await signIn(t.app, 'sam.practitioner');
    await setSession(sam.cookie, { expires_at: new Date(Date.now() + MINUTE) });
    expect((await sam.get('/people')).statusCode).toBe(200);
    await setSession(sam.cookie, { last_seen_at: new Date(), expires_at: new Date(Date.now() - 1000) });
    expectSignInRedirect(await sam.get('/people'));
  });

  it('offers the timeout warning on every signed-in page, posting to /session/extend', async () => {
    const sam = await signIn(t.app, 'sam.practitioner');
    const page = await sam.get('/people');
    expect(page.body).toContain('<meta name="tl-idle-seconds" content="1800">');
    expect(page.body).toMatch(
      /<form method="post" action="\/session\/extend">\s*<input type="hidden" name="_csrf" value="[^"]+">/,
    );
  });

  it('POST /session/extend resets the idle clock and goes back to the page', async () => {
    const sam = await signIn(t.app, 'sam.practitioner');
    await setSession(sam.cookie, { last_seen_at: new Date(Date.now() - 28 * MINUTE) });
    const res = await sam.post('/session/extend', {}, { referer: 'http://localhost:80/people?page=2' });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/people');
    const seen = new Date((await session(sam.cookie)).last_seen_at).getTime();
    expect(Date.now() - seen).toBeLessThan(10_000);
    expect((await sam.get('/people')).body).toContain('You are still signed in');
  });

  it('does not send an extended session to another site named in the Referer', async () => {
    const sam = await signIn(t.app, 'sam.practitioner');
    const res = await sam.post('/session/extend', {}, { referer: 'https://evil.example/phish' });
    expect(res.headers.location).toBe('/');
    const garbled = await sam.post('/session/extend', {}, { referer: 'not a url' });
    expect(garbled.statusCode).toBe(303);
    expect(garbled.headers.location).toBe('/');
  });

  it('refuses /session/extend without the CSRF token', async () => {
    const sam = await signIn(t.app, 'sam.practitioner');
    expect((await sam.post('/session/extend', { _csrf: 'wrong' })).statusCode).toBe(403);
  });

  it('sign-out ends the session on the server', async () => {
    const sam = await signIn(t.app, 'sam.practitioner');
    const res = await sam.post('/sign-out');
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/signed-out');
    expect((await session(sam.cookie)).ended_at).not.toBeNull();
    // Replaying the old cookie (say, from a copy of the browser) does not work.
    expectSignInRedirect(await sam.get('/people'));
  });

  it('disabling a user ends all of their sessions', async () => {
    const first = await signIn(t.app, 'priya.manager');
    const second = await signIn(t.app, 'priya.manager');
    const other = await signIn(t.app, 'sam.practitioner');
    const { id } = await t.database.db
      .selectFrom('staff_user')
      .select('id')
      .where('username', '=', 'priya.manager')
      .executeTakeFirstOrThrow();
    await t.database.db.updateTable('staff_user').set({ disabled_at: new Date() }).where('id', '=', id).execute();
    await endAllSessionsFor(t.database.db, id);
    expect((await session(first.cookie)).ended_at).not.toBeNull();
    expect((await session(second.cookie)).ended_at).not.toBeNull();
    expectSignInRedirect(await first.get('/people'));
    expectSignInRedirect(await second.get('/people'));
    expect((await other.get('/people')).statusCode).toBe(200);
  });

  it('refuses a disabled user’s session even if it was not ended', async () => {
    const ada = await signIn(t.app, 'ada.admin');
    await t.database.db
      .updateTable('staff_user')
      .set({ disabled_at: new Date() })
      .where('username', '=', 'ada.admin')
      .execute();
    expectSignInRedirect(await ada.get('/people'));
    expect((await session(ada.cookie)).ended_at).not.toBeNull();
  });

  it('has no council sign-in routes when OpenID Connect is not configured', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/auth/oidc/start' })).statusCode).toBe(404);
    expect((await t.app.inject({ method: 'GET', url: '/sign-in' })).body).not.toContain('/auth/oidc/start');
  });
});

/** One app for both (starting a database is slow): Secure cookies, and a council provider that is down. */
describe.each(testEngines())('secure cookies; council provider unreachable (%s)', (engine) => {
  let t: TestApp;
  beforeAll(async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    const issuer = `http://127.0.0.1:${port}`;
    t = await startTestApp(engine, {
      cookieSecure: true,
      oidc: { issuer, clientId: 'tl', clientSecret: 'secret', redirectUri: 'http://127.0.0.1:3000/auth/oidc/callback' },
    });
  }, 180_000); // starting a database is slow on a busy two-core machine
  afterAll(async () => t?.close());

  const attributes = (res: LightMyRequestResponse) => {
    const header = [res.headers['set-cookie']].flat().find((c) => c?.startsWith('tl_session='));
    expect(header).toBeDefined();
    return header!
      .split(';')
      .slice(1)
      .map((a) => a.trim().toLowerCase());
  };

  it('is HttpOnly, SameSite=Lax, Secure and for the whole site, before and after sign-in', async () => {
    const page = await t.app.inject({ method: 'GET', url: '/sign-in' });
    const res = await t.app.inject({
      method: 'POST',
      url: '/sign-in',
      headers: { cookie: sessionCookie(page)! },
      payload: {
        username: 'sam.practitioner',
        password: passwordFor('sam.practitioner'),
        _csrf: csrfFrom(page.body),
        returnTo: '/',
      },
    });
    expect(res.statusCode).toBe(303);
    for (const attrs of [attributes(page), attributes(res)]) {
      expect(attrs).toEqual(expect.arrayContaining(['httponly', 'samesite=lax', 'secure', 'path=/']));
    }
  });

  it('shows a GOV.UK "service unavailable" page when the council provider cannot be reached', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/auth/oidc/start' });
    expect(res.statusCode).toBe(503);
    expect(res.headers['content-type']).toContain('text/html');
    expect(res.body).toContain('Signing in with your council account is not working at the moment');
    // Local accounts still work.
    expect((await signIn(t.app, 'sam.practitioner')).cookie).toMatch(/^tl_session=/);
  });
});
