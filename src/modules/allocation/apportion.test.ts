import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { apportion, roundHalfUp } from './apportion.js';

describe('roundHalfUp', () => {
  it.each([
    [5n, 2n, 3n],
    [7n, 2n, 4n],
    [4n, 3n, 1n],
    [5n, 3n, 2n],
    [0n, 7n, 0n],
    [149n, 100n, 1n],
    [150n, 100n, 2n],
  ])('%i / %i → %i', (n, d, expected) => {
    expect(roundHalfUp(n, d)).toBe(expected);
  });
});

describe('apportion (largest remainder)', () => {
  it('gives the missing pence to the shares that lost most in rounding down', () => {
    // 8321.74, 5547.83, 2080.43 (× 23 below): the total 15950 needs two more pence than the floors.
    expect(apportion([191_400n, 127_600n, 47_850n], 23n, 15_950n)).toEqual([8322n, 5548n, 2080n]);
  });

  it('breaks a tie in favour of the share listed first', () => {
    expect(apportion([1n, 1n, 1n], 3n, 1n)).toEqual([1n, 0n, 0n]);
    expect(apportion([1n, 1n, 1n], 3n, 2n)).toEqual([1n, 1n, 0n]);
  });

  it('refuses a total the shares cannot reach exactly', () => {
    expect(() => apportion([10n, 20n], 10n, 4n)).toThrow(RangeError);
    expect(() => apportion([15n, 25n], 10n, 2n)).toThrow(RangeError);
    expect(() => apportion([5n], 0n, 0n)).toThrow(RangeError);
  });

  it('always adds up to the rounded total, each share within a penny of its exact amount', () => {
    fc.assert(
      fc.property(
        fc.array(fc.bigInt({ min: 0n, max: 10n ** 12n }), { minLength: 1, maxLength: 12 }),
        fc.bigInt({ min: 1n, max: 10n ** 6n }),
        (numerators, denominator) => {
          const total = roundHalfUp(
            numerators.reduce((a, b) => a + b, 0n),
            denominator,
          );
          const shares = apportion(numerators, denominator, total);
          expect(shares.reduce((a, b) => a + b, 0n)).toBe(total);
          shares.forEach((share, i) => {
            const floor = numerators[i]! / denominator;
            expect(share === floor || share === floor + 1n).toBe(true);
          });
        },
      ),
    );
  });
});
