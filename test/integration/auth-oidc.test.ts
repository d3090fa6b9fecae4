import { createHash } from 'node:crypto';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NOT_SET_UP, PENDING_TTL_MS, SWITCHED_OFF } from '../../src/platform/auth/oidc.js';
import { testEngines } from '../helpers/database.js';
import { sessionCookie, startTestApp, type TestApp } from '../helpers/app.js';
import { startOidcProvider, type TestOidcProvider } from '../helpers/oidc-provider.js';

/**
 * The whole authorization-code flow against a real `oidc-provider` on 127.0.0.1: our start route,
 * the provider's authorization endpoint and (automatic) login and consent, our callback, which
 * calls the provider's token and userinfo endpoints over HTTP.
 */
describe.each(testEngines())('council sign-in with OpenID Connect (%s)', (engine) => {
  let t: TestApp;
  let idp: TestOidcProvider;

  beforeAll(async () => {
    idp = await startOidcProvider();
    t = await startTestApp(engine, {
      oidc: {
        issuer: idp.issuer,
        clientId: idp.clientId,
        clientSecret: idp.clientSecret,
        redirectUri: idp.redirectUri,
      },
    });
    const db = t.database.db;
    await db
      .updateTable('staff_user')
      .set({ email: 'Sam.Okafor@council.example' })
      .where('username', '=', 'sam.practitioner')
      .execute();
    await db
      .updateTable('staff_user')
      .set({ email: 'priya.shah@council.example' })
      .where('username', '=', 'priya.manager')
      .execute();
    await db
      .updateTable('staff_user')
      .set({ email: 'ada@council.example', oidc_subject: 'sub-ada', disabled_at: new Date() })
      .where('username', '=', 'ada.admin')
      .execute();
    idp.accounts.set('sub-sam', { email: 'sam.okafor@council.example', email_verified: true, name: 'Sam Okafor' });
    idp.accounts.set('sub-stranger', { email: 'stranger@council.example', email_verified: true });
    idp.accounts.set('sub-priya-unverified', { email: 'priya.shah@council.example', email_verified: false });
    idp.accounts.set('sub-imposter', { email: 'sam.okafor@council.example', email_verified: true });
    idp.accounts.set('sub-ada', { email: 'ada@council.example', email_verified: true });
  }, 180_000); // starting a database is slow on a busy two-core machine
  afterAll(async () => {
    await t?.close();
    await idp?.close();
  });

  const subjectOf = async (username: string) =>
    (
      await t.database.db
        .selectFrom('staff_user')
        .select('oidc_subject')
        .where('username', '=', username)
        .executeTakeFirstOrThrow()
    ).oidc_subject;

  /** The browser's journey up to the moment the provider sends it back to our callback. */
  async function startFlow(subject: string | null) {
    const page = await t.app.inject({ method: 'GET', url: '/sign-in' });
    const anon = sessionCookie(page);
    expect(anon).toBeDefined();
    const start = await t.app.inject({
      method: 'GET',
      url: '/auth/oidc/start?returnTo=%2Fpeople',
      headers: { cookie: anon! },
    });
    expect(start.statusCode).toBe(303);
    idp.loginAs(subject);
    const callback = await idp.authorize(start.headers.location as string);
    return { anon: anon!, start, callback };
  }
  const callBack = (url: URL, cookie: string, search = url.search) =>
    t.app.inject({ method: 'GET', url: `${url.pathname}${search}`, headers: { cookie } });
  const signedInAs = async (res: LightMyRequestResponse) => {
    const cookie = sessionCookie(res);
    return cookie ? (await t.app.inject({ method: 'GET', url: '/', headers: { cookie } })).body : null;
  };

  it('offers council sign-in on the sign-in page', async () => {
    const page = await t.app.inject({ method: 'GET', url: '/sign-in' });
    expect(page.body).toContain('href="/auth/oidc/start?returnTo=%2F"');
    // The page the person was trying to reach is carried through council sign-in too.
    const deep = await t.app.inject({ method: 'GET', url: '/sign-in?returnTo=%2Fpeople' });
    expect(deep.body).toContain('href="/auth/oidc/start?returnTo=%2Fpeople"');
  });

  it('sends the browser to the provider with PKCE (S256), state and nonce, kept server-side', async () => {
    const { anon, start } = await startFlow('sub-sam');
    const url = new URL(start.headers.location as string);
    expect(url.origin).toBe(idp.issuer);
    expect(url.searchParams.get('code_challenge_method')).toBe('S256');
    expect(url.searchParams.get('code_challenge')).toMatch(/^[\w-]{43}$/);
    expect(url.searchParams.get('redirect_uri')).toBe(idp.redirectUri);
    const state = url.searchParams.get('state');
    expect(state).toBeTruthy();
    expect(url.searchParams.get('nonce')).toBeTruthy();
    const rows = await t.database.db
      .selectFrom('user_session')
      .select('oidc_pending')
      .where('oidc_pending', 'is not', null)
      .execute();
    expect(JSON.stringify(rows)).toContain(state!);
    expect(anon).not.toContain(state!);
  });

  it('first sign-in links the account with the same verified email, then signs in with a new session id', async () => {
    expect(await subjectOf('sam.practitioner')).toBeNull();
    const { anon, callback } = await startFlow('sub-sam');
    const res = await callBack(callback, anon);
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/people');
    const cookie = sessionCookie(res);
    expect(cookie).toBeDefined();
    expect(cookie).not.toBe(anon);
    expect(await signedInAs(res)).toContain('Sam Okafor');
    expect(await subjectOf('sam.practitioner')).toBe('sub-sam');
    // The anonymous session the flow began in is over.
    const old = await t.app.inject({ method: 'GET', url: '/', headers: { cookie: anon } });
    expect(old.statusCode).toBe(303);
  });

  it('afterwards recognises the person by subject alone, whatever email the provider now sends', async () => {
    idp.accounts.set('sub-sam', { email: 'someone.else@elsewhere.example', email_verified: false });
    const { anon, callback } = await startFlow('sub-sam');
    const res = await callBack(callback, anon);
    expect(res.statusCode).toBe(303);
    expect(await signedInAs(res)).toContain('Sam Okafor');
  });

  it('refuses someone with no account here, with a GOV.UK page and no session', async () => {
    const { anon, callback } = await startFlow('sub-stranger');
    const res = await callBack(callback, anon);
    expect(res.statusCode).toBe(403);
    expect(res.body).toContain(NOT_SET_UP);
    expect(res.body).toContain('govuk-heading-l');
    expect(sessionCookie(res)).toBeUndefined();
    expect((await t.app.inject({ method: 'GET', url: '/', headers: { cookie: anon } })).statusCode).toBe(303);
  });

  it('does not link by an email the provider has not verified', async () => {
    const { anon, callback } = await startFlow('sub-priya-unverified');
    const res = await callBack(callback, anon);
    expect(res.statusCode).toBe(403);
    expect(res.body).toContain(NOT_SET_UP);
    expect(await subjectOf('priya.manager')).toBeNull();
  });

  it('never re-links an account already linked to another subject', async () => {
    const { anon, callback } = await startFlow('sub-imposter');
    const res = await callBack(callback, anon);
    expect(res.statusCode).toBe(403);
    expect(await subjectOf('sam.practitioner')).toBe('sub-sam');
  });

  it('refuses a disabled user', async () => {
    const { anon, callback } = await startFlow('sub-ada');
    const res = await callBack(callback, anon);
    expect(res.statusCode).toBe(403);
    expect(res.body).toContain(SWITCHED_OFF);
    expect(sessionCookie(res)).toBeUndefined();
  });

  it('refuses a changed state, and a callback used twice', async () => {
    const { anon, callback } = await startFlow('sub-sam');
    const forged = new URLSearchParams(callback.search);
    forged.set('state', 'not-the-state-we-sent');
    const bad = await callBack(callback, anon, `?${forged}`);
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('did not work');
    expect(sessionCookie(bad)).toBeUndefined();
    // The pending sign-in was used up by the failed attempt: the genuine response is refused too.
    const replay = await callBack(callback, anon);
    expect(replay.statusCode).toBe(400);
    expect(sessionCookie(replay)).toBeUndefined();
  });

  it('refuses a callback in another browser (no pending sign-in in its session)', async () => {
    const { callback } = await startFlow('sub-sam');
    const otherBrowser = sessionCookie(await t.app.inject({ method: 'GET', url: '/sign-in' }))!;
    const res = await callBack(callback, otherBrowser);
    expect(res.statusCode).toBe(400);
    expect(sessionCookie(res)).toBeUndefined();
  });

  it('refuses a sign-in started more than 10 minutes ago', async () => {
    const page = await t.app.inject({ method: 'GET', url: '/sign-in' });
    const anon = sessionCookie(page)!;
    const start = await t.app.inject({ method: 'GET', url: '/auth/oidc/start', headers: { cookie: anon } });
    const db = t.database.db;
    const idHash = createHash('sha256').update(anon.slice('tl_session='.length)).digest('hex');
    const row = await db
      .selectFrom('user_session')
      .select(['id_hash', 'oidc_pending'])
      .where('id_hash', '=', idHash)
      .executeTakeFirstOrThrow();
    const pending = { ...(row.oidc_pending as Record<string, unknown>), startedAt: Date.now() - PENDING_TTL_MS - 1000 };
    await db
      .updateTable('user_session')
      .set({ oidc_pending: JSON.stringify(pending) })
      .where('id_hash', '=', row.id_hash)
      .execute();
    idp.loginAs('sub-sam');
    const res = await callBack(await idp.authorize(start.headers.location as string), anon);
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('Your sign-in has expired');
  });

  it('shows a GOV.UK page when the person cancels at the provider', async () => {
    const { anon, callback } = await startFlow(null);
    expect(callback.searchParams.get('error')).toBe('access_denied');
    const res = await callBack(callback, anon);
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('did not work');
    expect(sessionCookie(res)).toBeUndefined();
  });
});
