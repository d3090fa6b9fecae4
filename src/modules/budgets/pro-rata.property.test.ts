import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Temporal } from 'temporal-polyfill';
import { partPenceInPeriod, proRataPence } from './pro-rata.js';

const day = (n: number) => Temporal.PlainDate.from('2024-01-01').add({ days: n }).toString();
const weeklyArb = fc.integer({ min: 0, max: 500_000 });

/** Issue 14 §1: weekly ↔ four-weekly ↔ annual splits sum exactly, pro rata to the day. */
describe('pro rata to the day', () => {
  it('is additive: any span split at any day sums to the whole span', () => {
    fc.assert(
      fc.property(
        weeklyArb,
        fc.integer({ min: 0, max: 2000 }),
        fc.array(fc.integer({ min: 1, max: 400 }), { maxLength: 12 }),
        (weekly, start, cuts) => {
          const ends = cuts.reduce<number[]>((acc, len) => [...acc, (acc.at(-1) ?? start - 1) + len], []);
          if (!ends.length) return;
          const pieces = ends.map((end, i) => proRataPence(weekly, day(i === 0 ? start : ends[i - 1]! + 1), day(end)));
          expect(pieces.reduce((a, b) => a + b, 0)).toBe(proRataPence(weekly, day(start), day(ends.at(-1)!)));
          expect(pieces.every((p) => Number.isSafeInteger(p) && p >= 0)).toBe(true);
        },
      ),
    );
  });

  it('gives exactly the weekly amount for any seven days, and four times it for any 28', () => {
    fc.assert(
      fc.property(weeklyArb, fc.integer({ min: -3000, max: 3000 }), (weekly, start) => {
        expect(proRataPence(weekly, day(start), day(start + 6))).toBe(weekly);
        expect(proRataPence(weekly, day(start), day(start + 27))).toBe(4 * weekly);
      }),
    );
  });

  it('gives a year of 52 weeks and a day (two in a leap year) as the weekly amount times days over seven, to the penny', () => {
    fc.assert(
      fc.property(weeklyArb, fc.integer({ min: 2024, max: 2040 }), (weekly, year) => {
        const days = Temporal.PlainDate.from({ year, month: 1, day: 1 }).daysInYear;
        const annual = proRataPence(weekly, `${year}-01-01`, `${year}-12-31`);
        expect(Math.abs(annual - (weekly * days) / 7)).toBeLessThanOrEqual(1);
        expect(annual).toBeGreaterThanOrEqual(52 * weekly);
      }),
    );
  });

  it('funds every day once when a part is switched on any day: the two parts sum to the unswitched part', () => {
    fc.assert(
      fc.property(
        weeklyArb,
        fc.integer({ min: 0, max: 100 }),
        fc.integer({ min: 1, max: 200 }),
        fc.integer({ min: 0, max: 300 }),
        (weekly, startAt, switchAfter, periodAt) => {
          const startsOn = day(startAt);
          const switchOn = day(startAt + switchAfter);
          const dayBefore = day(startAt + switchAfter - 1);
          const periodFrom = day(periodAt);
          const periodTo = day(periodAt + 27);
          const whole = partPenceInPeriod({ weeklyPence: weekly, startsOn, endsOn: null }, periodFrom, periodTo);
          const before = partPenceInPeriod({ weeklyPence: weekly, startsOn, endsOn: dayBefore }, periodFrom, periodTo);
          const after = partPenceInPeriod(
            { weeklyPence: weekly, startsOn: switchOn, endsOn: null },
            periodFrom,
            periodTo,
          );
          expect(before + after).toBe(whole);
        },
      ),
    );
  });

  it('refuses an amount that is not whole pence', () => {
    expect(() => proRataPence(12.5, '2026-01-01', '2026-01-07')).toThrow(RangeError);
    expect(proRataPence(700, '2026-01-08', '2026-01-07')).toBe(0);
  });
});
