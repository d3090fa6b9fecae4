import { Temporal } from 'temporal-polyfill';
import { z } from 'zod';

/**
 * Statutory and personal dates are calendar dates (Temporal.PlainDate): a date of birth has no
 * time zone, so it must never pass through a Date at midnight UTC and come back a day out.
 */
export type PlainDate = Temporal.PlainDate;

export function todayInLondon(at?: Date): Temporal.PlainDate {
  if (!at) return Temporal.Now.plainDateISO('Europe/London');
  return Temporal.Instant.fromEpochMilliseconds(at.getTime()).toZonedDateTimeISO('Europe/London').toPlainDate();
}

/** Strict 'YYYY-MM-DD' with a real calendar date (no 31 June), or null. */
export function parsePlainDate(value: string): Temporal.PlainDate | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return null;
  try {
    return Temporal.PlainDate.from(value, { overflow: 'reject' });
  } catch {
    return null;
  }
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
    .refine((v) => parsePlainDate(v) !== null, { error: `${label} must be a real date`, abort: true })
    .refine((v) => !opts.notFuture || Temporal.PlainDate.compare(parsePlainDate(v)!, todayInLondon()) <= 0, {
      error: `${label} must be today or in the past`,
      abort: true,
    })
    .refine((v) => !opts.notBefore || v >= opts.notBefore, { error: `${label} must be after ${opts.notBefore}` });
}

/** Whole years between two dates, as a birthday counts them. */
export function ageOn(dateOfBirth: string, on: Temporal.PlainDate = todayInLondon()): number | null {
  const dob = parsePlainDate(dateOfBirth);
  return dob ? dob.until(on, { largestUnit: 'years' }).years : null;
}
