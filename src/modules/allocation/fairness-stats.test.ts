import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  fairnessFigures,
  fitted,
  groupFigures,
  leastSquares,
  outside,
  quantile,
  residual,
  residualSd,
  type FairnessPoint,
} from './fairness-stats.js';

const p = (points: number, agreedPence: number): FairnessPoint => ({ points, agreedPence });

/*
 * Worked by hand: x̄ = 25, ȳ = 25,000; Sxx = 500, Sxy = 480,000; slope 960 p a point, intercept 1,000 p.
 * Fit 10,600 / 20,200 / 29,800 / 39,400; residuals −600, +1,800, −1,800, +600; Σr² = 7,200,000.
 * Pence a point 1,000 / 1,100 / 933⅓ / 1,000 → sorted 933⅓, 1,000, 1,000, 1,100.
 */
const handMade = [p(10, 10_000), p(20, 22_000), p(30, 28_000), p(40, 40_000)];

describe('leastSquares', () => {
  it.each([
    { data: handMade, slope: 960, intercept: 1000 },
    { data: [p(0, 5000), p(10, 15_000)], slope: 1000, intercept: 5000 },
    { data: [p(1, 100), p(2, 100), p(3, 100)], slope: 0, intercept: 100 },
    { data: [p(2, 900), p(4, 500)], slope: -200, intercept: 1300 },
  ])('fits $slope p a point from $intercept p', ({ data, slope, intercept }) => {
    const fit = leastSquares(data)!;
    expect(fit.slope).toBeCloseTo(slope, 9);
    expect(fit.intercept).toBeCloseTo(intercept, 9);
  });

  it.each([[[]], [[p(5, 100)]], [[p(5, 100), p(5, 900)]]])('has no line through %j', (data) => {
    expect(leastSquares(data)).toBeNull();
  });
});

describe('quantile', () => {
  it.each([
    { sorted: [1, 2, 3, 4], q: 0, expected: 1 },
    { sorted: [1, 2, 3, 4], q: 0.25, expected: 1.75 },
    { sorted: [1, 2, 3, 4], q: 0.5, expected: 2.5 },
    { sorted: [1, 2, 3, 4], q: 0.75, expected: 3.25 },
    { sorted: [1, 2, 3, 4], q: 1, expected: 4 },
    { sorted: [7], q: 0.25, expected: 7 },
    { sorted: [10, 20, 30, 40, 50], q: 0.25, expected: 20 },
  ])('quantile $q of $sorted is $expected', ({ sorted, q, expected }) => {
    expect(quantile(sorted, q)).toBeCloseTo(expected, 12);
  });

  it('refuses an empty list', () => expect(() => quantile([], 0.5)).toThrow(RangeError));
});

describe('residualSd', () => {
  it('divides by n − 2', () => expect(residualSd([-600, 1800, -1800, 600])).toBeCloseTo(Math.sqrt(3_600_000), 9));
  it('is not defined for two people', () => expect(residualSd([1, -1])).toBeNull());
});

describe('outside', () => {
  const fit = { slope: 960, intercept: 1000 };
  it.each([
    // band 5 %: margins 530, 1,010, 1,490, 1,970 p
    { d: handMade[0]!, band: 5, side: 'below' },
    { d: handMade[1]!, band: 5, side: 'above' },
    { d: handMade[2]!, band: 5, side: 'below' },
    { d: handMade[3]!, band: 5, side: null },
    { d: handMade[2]!, band: 10, side: null },
    // exactly on the edge is inside: 10,600 × 1.1 = 11,660
    { d: p(10, 11_660), band: 10, side: null },
    { d: p(10, 11_661), band: 10, side: 'above' },
    { d: p(10, 9_540), band: 10, side: null },
    { d: p(10, 9_539), band: 10, side: 'below' },
  ])('$d at ±$band % is $side', ({ d, band, side }) => {
    expect(outside(fit, d, band)).toBe(side);
  });

  it('measures the band by the size of a fit below nothing', () => {
    expect(outside({ slope: 100, intercept: -1000 }, p(0, -900), 10)).toBeNull();
    expect(outside({ slope: 100, intercept: -1000 }, p(0, 0), 10)).toBe('above');
  });
});

describe('fairnessFigures', () => {
  it('gives the hand-worked fit, spread and outliers', () => {
    const figures = fairnessFigures(handMade, 5);
    expect(figures.count).toBe(4);
    expect(figures.fit!.slope).toBeCloseTo(960, 9);
    expect(figures.fit!.intercept).toBeCloseTo(1000, 9);
    expect(figures.residualSdPence).toBeCloseTo(1897.3665961, 6);
    expect(figures.penceAPoint!.q1).toBeCloseTo(983.3333333, 6);
    expect(figures.penceAPoint!.median).toBeCloseTo(1000, 9);
    expect(figures.penceAPoint!.q3).toBeCloseTo(1025, 9);
    expect(figures.penceAPoint!.iqr).toBeCloseTo(41.6666667, 6);
    expect([figures.above, figures.below]).toEqual([1, 2]);
  });

  it('leaves out people with no points from pence a point', () => {
    expect(fairnessFigures([p(0, 5000), p(10, 15_000)], 20).penceAPoint).toMatchObject({ count: 1, median: 1500 });
  });

  it('says nothing it cannot work out for nobody', () => {
    expect(fairnessFigures([], 20)).toEqual({
      count: 0,
      fit: null,
      residualSdPence: null,
      penceAPoint: null,
      above: 0,
      below: 0,
    });
  });
});

describe('groupFigures', () => {
  it('gives each group its count, means and outliers against the one fit', () => {
    const data = handMade.map((d, i) => ({ ...d, patch: i < 2 ? 'North' : 'City' }));
    const fit = leastSquares(data);
    expect(groupFigures(data, (d) => d.patch, fit, 5)).toEqual([
      { group: 'City', count: 2, meanAgreedPence: 34_000, meanPoints: 35, meanResidualPence: -600, above: 0, below: 1 },
      { group: 'North', count: 2, meanAgreedPence: 16_000, meanPoints: 15, meanResidualPence: 600, above: 1, below: 1 },
    ]);
  });
});

describe('properties', () => {
  const pointsArb = fc.array(
    fc.record({ points: fc.integer({ min: 0, max: 120 }), agreedPence: fc.integer({ min: 0, max: 500_000 }) }),
    { minLength: 2, maxLength: 60 },
  );

  it('residuals of a least-squares fit add up to nothing and are uncorrelated with points', () => {
    fc.assert(
      fc.property(pointsArb, (data) => {
        const fit = leastSquares(data);
        if (!fit) return;
        const residuals = data.map((d) => residual(fit, d));
        const scale = Math.max(1, ...data.map((d) => d.agreedPence)) * data.length * 121;
        expect(Math.abs(residuals.reduce((s, r) => s + r, 0))).toBeLessThan(1e-6 * scale);
        expect(Math.abs(data.reduce((s, d, i) => s + d.points * residuals[i]!, 0))).toBeLessThan(1e-6 * scale * 121);
      }),
    );
  });

  it('budgets exactly on a line are fitted exactly and none is an outlier at any band', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 2000 }),
        fc.integer({ min: 0, max: 20_000 }),
        fc.uniqueArray(fc.integer({ min: 0, max: 100 }), { minLength: 2, maxLength: 30 }),
        fc.integer({ min: 0, max: 100 }),
        (slope, intercept, xs, band) => {
          const data = xs.map((x) => p(x, intercept + slope * x));
          const figures = fairnessFigures(data, band);
          expect(figures.fit!.slope).toBeCloseTo(slope, 6);
          expect(fitted(figures.fit!, 0)).toBeCloseTo(intercept, 4);
          expect([figures.above, figures.below]).toEqual([0, 0]);
        },
      ),
    );
  });

  it('a wider band never holds more outliers, and groups add up to the whole', () => {
    fc.assert(
      fc.property(pointsArb, fc.integer({ min: 0, max: 50 }), fc.integer({ min: 0, max: 50 }), (data, a, b) => {
        const [narrow, wide] = a <= b ? [a, b] : [b, a];
        const n = fairnessFigures(data, narrow);
        const w = fairnessFigures(data, wide);
        expect(w.above + w.below).toBeLessThanOrEqual(n.above + n.below);
        const groups = groupFigures(data, (d) => String(d.points % 3), n.fit, narrow);
        expect(groups.reduce((s, g) => s + g.count, 0)).toBe(data.length);
        expect(groups.reduce((s, g) => s + g.above + g.below, 0)).toBe(n.above + n.below);
      }),
    );
  });
});
