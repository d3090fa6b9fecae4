import { describe, expect, it } from 'vitest';
import {
  balanceFigures,
  cardForbidsCash,
  isLargePayment,
  looksLikeCashWithdrawal,
  statementOverdue,
  surplusPence,
} from './rules.js';

describe('monitoring rules', () => {
  it('counts a surplus only beyond the weeks allowed: exactly 8 weeks of £100 is none, a penny more is a penny', () => {
    expect(surplusPence(80000, 10000, 8)).toBe(0);
    expect(surplusPence(79999, 10000, 8)).toBe(0);
    expect(surplusPence(80001, 10000, 8)).toBe(1);
    expect(surplusPence(120000, 10000, 4)).toBe(80000);
  });

  it('calls a payment large only when it is money out of more than 4 weeks of the budget', () => {
    expect(isLargePayment(-40000, 10000)).toBe(false);
    expect(isLargePayment(-40001, 10000)).toBe(true);
    expect(isLargePayment(50000, 10000)).toBe(false);
  });

  it('reads card restrictions that rule out cash, and statement lines that are cash withdrawals', () => {
    expect(cardForbidsCash('No cash withdrawals')).toBe(true);
    expect(cardForbidsCash('Cash is not allowed; no gambling')).toBe(true);
    expect(cardForbidsCash('No gambling or alcohol')).toBe(false);
    expect(cardForbidsCash(null)).toBe(false);
    expect(looksLikeCashWithdrawal('ATM CASH HIGH ST', -2000)).toBe(true);
    expect(looksLikeCashWithdrawal('Cash withdrawal', 2000)).toBe(false);
    expect(looksLikeCashWithdrawal('Cashmere jumper', -2000)).toBe(false);
  });

  it('asks about statements only after 12 weeks without one, once the part has run that long', () => {
    expect(statementOverdue('2026-10-01', null, '2026-12-03')).toBe(false);
    expect(statementOverdue('2026-09-10', null, '2026-12-03')).toBe(true);
    expect(statementOverdue('2026-01-05', '2026-09-10', '2026-12-03')).toBe(false);
    expect(statementOverdue('2026-01-05', '2026-09-09', '2026-12-03')).toBe(true);
  });

  it('expects paid in, less recovered, less the weekly amount pro rata to the day', () => {
    // Four weeks paid in advance (£400), two weeks run (14 days), £150 spent, £20 recovered.
    const figures = balanceFigures(
      { weeklyPence: 10000, startsOn: '2026-11-02', endsOn: null },
      { actualPence: 23000, spentPence: 15000, recoveredPence: 2000 },
      '2026-11-15',
    );
    expect(figures).toEqual({
      paidInPence: 40000,
      spentPence: 15000,
      recoveredPence: 2000,
      plannedPence: 20000,
      actualPence: 23000,
      expectedPence: 18000,
    });
    // A part that ended stops planning spending at its end.
    const ended = balanceFigures(
      { weeklyPence: 10000, startsOn: '2026-11-02', endsOn: '2026-11-08' },
      { actualPence: 0, spentPence: 10000, recoveredPence: 0 },
      '2026-12-03',
    );
    expect(ended.plannedPence).toBe(10000);
  });
});
