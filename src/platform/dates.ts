import { Temporal } from 'temporal-polyfill';
import { z } from 'zod';
import { inLondon } from './london-clock.js';

/**
 * Statutory and personal dates are calendar dates (Temporal.PlainDate): a date of birth has no
 * time zone, so it must never pass through a Date at midnight UTC and come back a day out.
 */
export type PlainDate = Temporal.PlainDate;

/** Today's date in the UK (or the UK date at the instant `at`). */
export function todayInLondon(at: Date = new Date()): Temporal.PlainDate {
  const local = inLondon(at);
  return new Temporal.PlainDate(local.getUTCFullYear(), local.getUTCMonth() + 1, local.getUTCDate());
}

/** The calendar day before an ISO date ('2026-12-14' → '2026-12-13'): where a period ends when the next begins. */
export function dayBefore(date: string): string {
  return Temporal.PlainDate.from(date).subtract({ days: 1 }).toString();
}

/** The calendar day after an ISO date: where the next period begins when one ends. */
export function dayAfter(date: string): string {
  return Temporal.PlainDate.from(date).add({ days: 1 }).toString();
}

/**
 * The earliest year any date in the service may carry. Nobody alive was born before it, and
 * PostgreSQL has no year 0 (Temporal does: 1 BC), so '0000-01-01' once reached the database and
 * failed there.
 */
export const EARLIEST_YEAR = 1850;

/** Strict 'YYYY-MM-DD', a real calendar date (no 31 June), any year; null otherwise. */
function parseCalendarDate(value: string): Temporal.PlainDate | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return null;
  try {
    return Temporal.PlainDate.from(value, { overflow: 'reject' });
  } catch {
    return null;
  }
}

/**
 * The one parser of plain dates given to the service: a real calendar date from EARLIEST_YEAR on,
 * or null. Every validator of a date goes through it, so no date the database cannot hold gets in.
 */
export function parsePlainDate(value: string): Temporal.PlainDate | null {
  const date = parseCalendarDate(value);
  return date && date.year >= EARLIEST_YEAR ? date : null;
}

/** Why a given 'YYYY-MM-DD' is not a date the service takes, as a GOV.UK message; null when it is. */
export function plainDateProblem(label: string, value: string): string | null {
  const date = parseCalendarDate(value);
  if (!date) return `${label} must be a real date`;
  if (date.year < EARLIEST_YEAR) return `${label} must be in ${EARLIEST_YEAR} or later`;
  return null;
}

/** The GOV.UK date input's three boxes to 'YYYY-MM-DD' (or the raw text, so validation can explain). */
export function dateFromParts(day: unknown, month: unknown, year: unknown): string {
  const d = String(day ?? '').trim();
  const m = String(month ?? '').trim();
  const y = String(year ?? '').trim();
  if (!d && !m && !y) return '';
  if (!/^\d{1,2}$/.test(d) || !/^\d{1,2}$/.test(m) || !/^\d{4}$/.test(y)) return `invalid:${y}-${m}-${d}`;
  return `${y}-${m.padStart(2, '0')}-${d.padStart(2, '0')}`;
}

export function partsFromDate(value: string | null | undefined): { day: string; month: string; year: string } {
  const date = value ? parsePlainDate(value) : null;
  return date
    ? { day: String(date.day), month: String(date.month), year: String(date.year) }
    : { day: '', month: '', year: '' };
}

/**
 * A required calendar date with GOV.UK messages, e.g. plainDateSchema('Date of birth', { notFuture: true }).
 * Output stays a 'YYYY-MM-DD' string: that is what the database and the API carry.
 */
export function plainDateSchema(label: string, opts: { notFuture?: boolean; notBefore?: string } = {}) {
  return z
    .string({ error: `Enter ${label.toLowerCase()}` })
    .trim()
    .min(1, { error: `Enter ${label.toLowerCase()}`, abort: true })
    .superRefine((v, ctx) => {
      const problem = plainDateProblem(label, v);
      if (problem) ctx.addIssue({ code: 'custom', message: problem, continue: false });
    })
    .refine((v) => !opts.notFuture || Temporal.PlainDate.compare(parsePlainDate(v)!, todayInLondon()) <= 0, {
      error: `${label} must be today or in the past`,
      abort: true,
    })
    .refine((v) => !opts.notBefore || v >= opts.notBefore, { error: `${label} must be after ${opts.notBefore}` });
}

/** Whole years between two dates, as a birthday counts them. */
export function ageOn(dateOfBirth: string, on: Temporal.PlainDate = todayInLondon()): number | null {
  const dob = parsePlainDate(dateOfBirth);
  if (!dob) return null;
  // Years a birthday counts, by sums (Temporal's until() was a visible share of every person page):
  // a 29 February birthday comes on 1 March in other years, as until() counts it.
  if (Temporal.PlainDate.compare(dob, on) > 0) return dob.until(on, { largestUnit: 'years' }).years;
  const birthdayPassed = on.month > dob.month || (on.month === dob.month && on.day >= dob.day);
  return on.year - dob.year - (birthdayPassed ? 0 : 1);
}
