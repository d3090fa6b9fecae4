import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testEngines } from '../helpers/database.js';
import { csrfFrom, passwordFor, sessionCookie, startTestApp, type TestApp } from '../helpers/app.js';

const WRONG = 'Enter a correct username and password';
const LOCKED = 'You have tried to sign in too many times';

/** Local accounts: the same answer for unknown and known names, lock-outs, returnTo and the rate limit. */
describe.each(testEngines())('sign-in with a local account (%s)', (engine) => {
  let t: TestApp;
  let nextAddress = 1;
  /** Each test gets its own client addresses, so the per-address counts of one test do not leak into another. */
  const freshAddress = () => `10.0.${Math.floor(nextAddress / 250)}.${(nextAddress++ % 250) + 1}`;

  beforeAll(async () => {
    t = await startTestApp(engine);
  }, 180_000); // starting a database is slow on a busy two-core machine
  afterAll(async () => t?.close());

  async function attempt(username: string, password: string, address = freshAddress(), returnTo = '/') {
    const page = await t.app.inject({ method: 'GET', url: '/sign-in', remoteAddress: address });
    return t.app.inject({
      method: 'POST',
      url: '/sign-in',
      remoteAddress: address,
      headers: { cookie: sessionCookie(page)! },
      payload: { username, password, returnTo, _csrf: csrfFrom(page.body) },
    });
  }
  /** The page with what legitimately differs between two answers (tokens, nonces, the echoed name) blanked out. */
  const normalise = (html: string, username: string) =>
    html
      .replaceAll(username, 'NAME')
      .replace(/name="_csrf" value="[^"]*"/g, '')
      .replace(/nonce="[^"]*"/g, '');

  it('gives exactly the same answer for an unknown account and a wrong password', async () => {
    const unknown = await attempt('nobody.here', 'a-password');
    const wrong = await attempt('sam.practitioner', 'not-the-password');
    expect(unknown.statusCode).toBe(422);
    expect(wrong.statusCode).toBe(422);
    expect(unknown.body).toContain(WRONG);
    expect(normalise(unknown.body, 'nobody.here')).toBe(normalise(wrong.body, 'sam.practitioner'));
  });

  it('gives the same answer for a disabled account with its right password', async () => {
    await t.database.db
      .updateTable('staff_user')
      .set({ disabled_at: new Date() })
      .where('username', '=', 'paul.provider')
      .execute();
    const res = await attempt('paul.provider', passwordFor('paul.provider'));
    expect(res.statusCode).toBe(422);
    expect(res.body).toContain(WRONG);
    expect(sessionCookie(res)).toBeUndefined();
  });

  it('locks an account after 5 failures from any addresses, and then refuses even the right password', async () => {
    for (let i = 0; i < 5; i++) expect((await attempt('bea.broker', `wrong-${i}`)).body).toContain(WRONG);
    const right = await attempt('bea.broker', passwordFor('bea.broker'));
    expect(right.statusCode).toBe(422);
    expect(right.body).toContain(LOCKED);
    expect(right.body).not.toContain(WRONG);
    expect(sessionCookie(right)).toBeUndefined();
  });

  it('does not lock after 4 failures, and a success clears the count', async () => {
    for (let i = 0; i < 4; i++) await attempt('frank.finance', `wrong-${i}`);
    expect((await attempt('frank.finance', passwordFor('frank.finance'))).statusCode).toBe(303);
    for (let i = 0; i < 4; i++) await attempt('frank.finance', `wrong-again-${i}`);
    expect((await attempt('frank.finance', passwordFor('frank.finance'))).statusCode).toBe(303);
  });

  it('throttles an unknown username exactly like a known one', async () => {
    const known = [];
    const unknown = [];
    for (let i = 0; i < 6; i++) {
      known.push(await attempt('carla.commissioner', `wrong-${i}`));
      unknown.push(await attempt('no.such.person', `wrong-${i}`));
    }
    expect(unknown.map((r) => r.statusCode)).toEqual(known.map((r) => r.statusCode));
    expect(unknown.map((r) => r.body.includes(LOCKED))).toEqual([false, false, false, false, false, true]);
    expect(known.map((r) => r.body.includes(LOCKED))).toEqual([false, false, false, false, false, true]);
    expect(normalise(unknown[5]!.body, 'no.such.person')).toBe(normalise(known[5]!.body, 'carla.commissioner'));
  });

  it('counts the account name case-insensitively', async () => {
    for (let i = 0; i < 5; i++) await attempt(i % 2 ? 'IAN.AUDITOR' : 'ian.auditor', `wrong-${i}`);
    expect((await attempt('Ian.Auditor', passwordFor('ian.auditor'))).body).toContain(LOCKED);
  });

  it.each(['//evil.example', 'https://evil.example', '/\\evil', '/\\/evil.example', 'javascript:alert(1)'])(
    'sends people to / instead of the returnTo %s',
    async (returnTo) => {
      const res = await attempt('sam.practitioner', passwordFor('sam.practitioner'), freshAddress(), returnTo);
      expect(res.statusCode).toBe(303);
      expect(res.headers.location).toBe('/');
      const page = await t.app.inject({ method: 'GET', url: `/sign-in?returnTo=${encodeURIComponent(returnTo)}` });
      expect(page.body).toContain('name="returnTo" value="/"');
    },
  );

  it('keeps a returnTo on this site', async () => {
    const res = await attempt('sam.practitioner', passwordFor('sam.practitioner'), freshAddress(), '/people?page=2');
    expect(res.headers.location).toBe('/people?page=2');
  });

  it('answers the 21st sign-in in a minute from one address with 429 and a GOV.UK page', async () => {
    const address = freshAddress();
    const page = await t.app.inject({ method: 'GET', url: '/sign-in', remoteAddress: address });
    const post = () =>
      t.app.inject({
        method: 'POST',
        url: '/sign-in',
        remoteAddress: address,
        headers: { cookie: sessionCookie(page)! },
        payload: { username: '', password: '', _csrf: csrfFrom(page.body) }, // empty: refused before any password work
      });
    for (let i = 0; i < 20; i++) expect((await post()).statusCode).toBe(422);
    const limited = await post();
    expect(limited.statusCode).toBe(429);
    expect(limited.headers['content-type']).toContain('text/html');
    expect(limited.body).toContain('govuk-heading-l');
    expect(limited.body).toContain('Too many attempts');
    // Per address: someone else is not affected.
    expect((await attempt('sam.practitioner', passwordFor('sam.practitioner'))).statusCode).toBe(303);
  });
});
