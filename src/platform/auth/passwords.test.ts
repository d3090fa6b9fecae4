import { describe, expect, it } from 'vitest';
import { hashPassword, verifyPassword } from './passwords.js';

describe('passwords', () => {
  it('hashes with argon2id at the OWASP minimum and verifies only the right password', async () => {
    const stored = await hashPassword('correct horse battery staple');
    expect(stored).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(await verifyPassword(stored, 'correct horse battery staple')).toBe(true);
    expect(await verifyPassword(stored, 'Correct horse battery staple')).toBe(false);
  });

  it('refuses every password for a missing account, after doing the same argon2id work', async () => {
    const stored = await hashPassword('x');
    const time = async (fn: () => Promise<unknown>) => {
      const start = performance.now();
      await fn();
      return performance.now() - start;
    };
    // Warm up, then compare medians of interleaved runs: robust to a busy machine.
    await verifyPassword(stored, 'y');
    const missing: number[] = [];
    const wrong: number[] = [];
    for (let i = 0; i < 7; i++) {
      missing.push(await time(() => verifyPassword(null, 'y')));
      wrong.push(await time(() => verifyPassword(stored, 'y')));
    }
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
    expect(await verifyPassword(null, '')).toBe(false);
    expect(median(missing)).toBeGreaterThan(3);
    expect(median(missing) / median(wrong)).toBeGreaterThan(1 / 3);
    expect(median(missing) / median(wrong)).toBeLessThan(3);
  });

  it('treats a malformed stored hash as a wrong password, not an error', async () => {
    expect(await verifyPassword('not-a-hash', 'anything')).toBe(false);
  });
});
