import { describe, expect, it } from 'vitest';
import { mechanismChanges, mechanismOn, type HeldPart } from './delivery-mechanism.js';

const part = (
  mechanism: HeldPart['mechanism'],
  weeklyPence: number,
  startsOn: string,
  endsOn: string | null = null,
): HeldPart => ({ mechanism, weeklyPence, startsOn, endsOn });

describe('mechanismOn', () => {
  it('is the way most of the budget is held that day, a direct payment first on a tie, none when nothing is held', () => {
    const parts = [
      part('Direct payment', 10_000, '2026-10-05'),
      part('CASSR managed personal budget', 5_000, '2026-12-14'),
      part('CASSR managed personal budget', 6_000, '2027-01-04'),
    ];
    expect(mechanismOn(parts, '2026-10-04')).toBeNull();
    expect(mechanismOn(parts, '2026-12-14')).toBe('Direct payment');
    expect(mechanismOn(parts, '2027-01-04')).toBe('CASSR managed personal budget');
    expect(
      mechanismOn(
        [part('CASSR managed personal budget', 5_000, '2026-12-01'), part('Direct payment', 5_000, '2026-12-01')],
        '2026-12-01',
      ),
    ).toBe('Direct payment');
  });
});

describe('mechanismChanges', () => {
  it('gives the mechanism on the day asked and each later day it changes, and only those', () => {
    const parts = [
      part('Direct payment', 15_000, '2026-10-05', '2026-12-13'),
      part('Direct payment', 5_000, '2026-12-14'),
      part('CASSR managed personal budget', 10_000, '2026-12-14', '2027-02-28'),
    ];
    expect(mechanismChanges(parts, '2026-12-01')).toEqual([
      { from: '2026-12-01', mechanism: 'Direct payment' },
      { from: '2026-12-14', mechanism: 'CASSR managed personal budget' },
      { from: '2027-03-01', mechanism: 'Direct payment' },
    ]);
    expect(mechanismChanges(parts, '2027-03-05')).toEqual([{ from: '2027-03-05', mechanism: 'Direct payment' }]);
  });

  it('reports nothing held before the first part starts and after the last one ends', () => {
    expect(mechanismChanges([part('Direct payment', 15_000, '2026-12-07', '2027-03-31')], '2026-12-01')).toEqual([
      { from: '2026-12-01', mechanism: null },
      { from: '2026-12-07', mechanism: 'Direct payment' },
      { from: '2027-04-01', mechanism: null },
    ]);
    expect(mechanismChanges([], '2026-12-01')).toEqual([{ from: '2026-12-01', mechanism: null }]);
  });
});
