import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { testEngines } from '../helpers/database.js';
import { csrfFrom, sessionCookie, startTestApp, type TestApp } from '../helpers/app.js';

// Count argon2 verifications without changing them: the real function does the work.
const argon2 = vi.hoisted(() => ({ verifyCalls: 0 }));
vi.mock('@node-rs/argon2', async (importOriginal) => {
  const original = await importOriginal<typeof import('@node-rs/argon2')>();
  return {
    ...original,
    verify: (...args: Parameters<typeof original.verify>) => {
      argon2.verifyCalls++;
      return original.verify(...args);
    },
  };
});

/**
 * An unknown account name must cost the same as a wrong password, or response times would tell an
 * attacker which names exist. Each answer must do exactly one argon2id verification, and their
 * times must be comparable (medians within a factor of 3: loose enough for a busy two-core box).
 */
describe.each(testEngines())('sign-in timing (%s)', (engine) => {
  let t: TestApp;
  let n = 0;
  beforeAll(async () => {
    t = await startTestApp(engine);
  }, 180_000); // starting a database is slow on a busy two-core machine
  afterAll(async () => t?.close());

  /** One attempt from its own address; returns how long the POST took and how many argon2 verifications it did. */
  async function timedAttempt(username: string, password: string) {
    const remoteAddress = `10.1.0.${++n}`;
    const page = await t.app.inject({ method: 'GET', url: '/sign-in', remoteAddress });
    const before = argon2.verifyCalls;
    const start = performance.now();
    const res = await t.app.inject({
      method: 'POST',
      url: '/sign-in',
      remoteAddress,
      headers: { cookie: sessionCookie(page)! },
      payload: { username, password, returnTo: '/', _csrf: csrfFrom(page.body) },
    });
    return { ms: performance.now() - start, verifications: argon2.verifyCalls - before, status: res.statusCode };
  }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

  it('does one argon2id verification for an unknown name, a wrong password and a locked account, none for an empty form', async () => {
    expect((await timedAttempt('nobody.at.all', 'guess')).verifications).toBe(1);
    expect((await timedAttempt('sam.practitioner', 'guess')).verifications).toBe(1);
    for (let i = 0; i < 5; i++) await timedAttempt('locked.name', 'guess');
    const locked = await timedAttempt('locked.name', 'guess');
    expect(locked.status).toBe(422);
    expect(locked.verifications).toBe(1);
    expect((await timedAttempt('', '')).verifications).toBe(0);
  });

  it('takes comparable time for unknown names and wrong passwords', async () => {
    const known = [
      'priya.manager',
      'frank.finance',
      'bea.broker',
      'paul.provider',
      'carla.commissioner',
      'ian.auditor',
      'ada.admin',
    ];
    await timedAttempt('warm.up', 'guess');
    const unknown: number[] = [];
    const wrong: number[] = [];
    for (const [i, username] of known.entries()) {
      // Interleaved, so a burst of load on the machine hits both kinds alike.
      unknown.push((await timedAttempt(`no.such.person.${i}`, 'guess')).ms);
      wrong.push((await timedAttempt(username, 'guess')).ms);
    }
    expect(Math.min(...unknown, ...wrong)).toBeGreaterThan(5);
    const ratio = median(unknown) / median(wrong);
    expect(ratio).toBeGreaterThan(1 / 3);
    expect(ratio).toBeLessThan(3);
  });
});
