import { Temporal } from 'temporal-polyfill';

/**
 * Money for a span of days from a weekly amount, exact to the penny and additive: the pence for
 * days [a, c] are always the pence for [a, b] plus those for [b + 1, c], whatever b is. So a part
 * switched to another route on any day leaves no gap and no double funding, and weekly, four-weekly
 * and annual amounts split into any periods sum exactly.
 *
 * How: the cumulative amount from a fixed day 0 up to the start of day n is weekly × n / 7 rounded
 * half up; a span's amount is the difference of two cumulative amounts. A whole week is therefore
 * always exactly the weekly amount, four weeks exactly four times it, and a day the weekly amount
 * over seven give or take a penny, the pennies falling on the same days for everyone.
 */
const DAY_ZERO = Temporal.PlainDate.from('2000-01-03'); // a Monday

/** Days from day zero to the start of `date` (negative before it). */
export function dayNumber(date: string | Temporal.PlainDate): number {
  return Temporal.PlainDate.from(date).since(DAY_ZERO, { largestUnit: 'days' }).days;
}

function cumulative(weeklyPence: number, day: number): number {
  // Half up in exact integers: floor((2 × w × n + 7) / 14); floor division works for negative n too.
  const numerator = 2 * weeklyPence * day + 7;
  return Math.floor(numerator / 14);
}

/** Pence for the days from `from` to `toInclusive`, both counted; 0 for an empty span. */
export function proRataPence(weeklyPence: number, from: string, toInclusive: string): number {
  if (!Number.isSafeInteger(weeklyPence) || weeklyPence < 0)
    throw new RangeError('A weekly amount is whole pence, 0 or more');
  const start = dayNumber(from);
  const end = dayNumber(toInclusive) + 1;
  if (end <= start) return 0;
  return cumulative(weeklyPence, end) - cumulative(weeklyPence, start);
}

/** The days two spans share, or null: [from, to] within [periodFrom, periodTo]; a null `to` runs on. */
export function overlap(
  from: string,
  to: string | null,
  periodFrom: string,
  periodTo: string,
): { from: string; to: string } | null {
  const start = Temporal.PlainDate.compare(from, periodFrom) > 0 ? from : periodFrom;
  const end = to === null || Temporal.PlainDate.compare(to, periodTo) > 0 ? periodTo : to;
  return Temporal.PlainDate.compare(start, end) <= 0 ? { from: start, to: end } : null;
}

/** The pence a part funds within a period: its weekly amount pro rata over the days it is in force then. */
export function partPenceInPeriod(
  part: { weeklyPence: number; startsOn: string; endsOn: string | null },
  periodFrom: string,
  periodTo: string,
): number {
  const days = overlap(part.startsOn, part.endsOn, periodFrom, periodTo);
  return days ? proRataPence(part.weeklyPence, days.from, days.to) : 0;
}
