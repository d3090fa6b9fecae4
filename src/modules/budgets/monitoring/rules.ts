import { Temporal } from 'temporal-polyfill';
import { proRataPence } from '../pro-rata.js';
import type { HoldingRoute } from '../tables.js';

/**
 * What monitoring looks for, as plain functions. None of it is a finding against anyone: each flag
 * is a reason to talk with the person, and nothing is flagged while spending follows the plan.
 */

/** Routes where the person (or someone for them) holds the money, so a statement or card record is asked for. */
export const MONITORED_ROUTES: readonly HoldingRoute[] = [
  'direct_payment',
  'suitable_person',
  'prepaid_card',
  'managed_account',
  'trust',
];
/** One payment out of more than this many weeks of the budget is worth asking about. */
export const LARGE_PAYMENT_WEEKS = 4;
/** No statement for this long (once the part has run this long) is worth asking about. */
export const NO_STATEMENT_WEEKS = 12;
/** Used when the council has not set its own (budget_settings.surplus_weeks). */
export const DEFAULT_SURPLUS_WEEKS = 8;

export const isMonitored = (route: HoldingRoute) => MONITORED_ROUTES.includes(route);

/**
 * The amount beyond `surplusWeeks` of the weekly budget: positive only when the balance is more than
 * that many weeks' worth (exactly that many weeks is not a surplus); otherwise 0.
 */
export function surplusPence(balancePence: number, weeklyPence: number, surplusWeeks: number): number {
  return Math.max(0, balancePence - weeklyPence * surplusWeeks);
}

export function isLargePayment(amountPence: number, weeklyPence: number): boolean {
  return amountPence < 0 && -amountPence > weeklyPence * LARGE_PAYMENT_WEEKS;
}

/** The card's agreed restrictions rule out cash ("No cash withdrawals", "cash not allowed"). */
export function cardForbidsCash(restrictions: string | null): boolean {
  if (!restrictions) return false;
  return /\bno cash\b|\bcash\b[^.;]*\bnot\b|\bnot\b[^.;]*\bcash\b|\bwithout cash\b|\bcash blocked\b/i.test(
    restrictions,
  );
}

/** A statement line that reads as a cash withdrawal (money out at a cash machine). */
export function looksLikeCashWithdrawal(description: string, amountPence: number): boolean {
  return amountPence < 0 && /\b(cash|atm)\b|\bwithdrawal\b/i.test(description);
}

/** The day a part started plus NO_STATEMENT_WEEKS has passed, and the last statement (if any) is older than that. */
export function statementOverdue(startsOn: string, lastImportedOn: string | null, today: string): boolean {
  const cutoff = Temporal.PlainDate.from(today).subtract({ weeks: NO_STATEMENT_WEEKS });
  if (Temporal.PlainDate.compare(startsOn, cutoff) > 0) return false;
  return lastImportedOn === null || Temporal.PlainDate.compare(lastImportedOn, cutoff) < 0;
}

export interface BalanceFigures {
  /** Everything the council moved into the account, net (payments, adjustments, switches). */
  paidInPence: number;
  /** Spending on the statement less refunds. */
  spentPence: number;
  recoveredPence: number;
  /** What the plan expected to have been spent by today: the weekly amount pro rata to the day. */
  plannedPence: number;
  actualPence: number;
  /** Paid in, less recovered, less planned spending to date. */
  expectedPence: number;
}

/**
 * Actual against expected. Expected = paid in − recovered − the part's weekly amount pro rata from
 * its start to today (or its end), to the day (pro-rata.ts). A balance above it means less was spent
 * than planned so far; below it, more.
 */
export function balanceFigures(
  part: { weeklyPence: number; startsOn: string; endsOn: string | null },
  movements: { actualPence: number; spentPence: number; recoveredPence: number },
  today: string,
): BalanceFigures {
  const end = part.endsOn && Temporal.PlainDate.compare(part.endsOn, today) < 0 ? part.endsOn : today;
  const plannedPence = proRataPence(part.weeklyPence, part.startsOn, end);
  const paidInPence = movements.actualPence + movements.spentPence + movements.recoveredPence;
  return {
    paidInPence,
    spentPence: movements.spentPence,
    recoveredPence: movements.recoveredPence,
    plannedPence,
    actualPence: movements.actualPence,
    expectedPence: paidInPence - movements.recoveredPence - plannedPence,
  };
}
