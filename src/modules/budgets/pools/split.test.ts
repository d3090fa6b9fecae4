import { describe, expect, it } from 'vitest';
import { equalShares } from './split.js';

describe('equalShares', () => {
  it('splits exactly, the extra pence going to the first listed', () => {
    expect(equalShares(10000, 3)).toEqual([3334, 3333, 3333]);
    expect(equalShares(10001, 3)).toEqual([3334, 3334, 3333]);
    expect(equalShares(2500, 25)).toEqual(Array(25).fill(100));
    expect(equalShares(7, 1)).toEqual([7]);
  });

  it('always adds up to the expense', () => {
    for (const [total, n] of [
      [1, 25],
      [99999, 7],
      [123457, 13],
    ] as const) {
      const shares = equalShares(total, n);
      expect(shares.reduce((a, b) => a + b, 0)).toBe(total);
      expect(Math.max(...shares) - Math.min(...shares)).toBeLessThanOrEqual(1);
    }
  });

  it('refuses an expense shared among nobody', () => {
    expect(() => equalShares(100, 0)).toThrow(RangeError);
  });
});
