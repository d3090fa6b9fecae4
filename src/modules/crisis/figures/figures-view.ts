import { stringify } from 'csv-stringify/sync';
import { Temporal } from 'temporal-polyfill';
import type { FiguresRange, FiguresRow } from './figures-repository.js';

/** The month range of the figures page and CSV, and how each row of figures is shown and exported. */
const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;
const LONDON = 'Europe/London';

export interface MonthRange {
  fromMonth: string;
  toMonth: string;
  errors: { text: string; href: string }[];
}

/** `?from=YYYY-MM&to=YYYY-MM`; by default the last 12 months, this one included. */
export function monthRange(query: { from?: unknown; to?: unknown }, today: Temporal.PlainDate): MonthRange {
  const thisMonth = today.toPlainYearMonth();
  const defaultFrom = thisMonth.subtract({ months: 11 }).toString();
  const errors: MonthRange['errors'] = [];
  const pick = (value: unknown, fallback: string, field: string, label: string) => {
    if (value === undefined || value === '') return fallback;
    if (typeof value === 'string' && MONTH.test(value)) return value;
    errors.push({
      text: `Enter the ${label} month as a year and month, like ${thisMonth.toString()}`,
      href: `#${field}`,
    });
    return fallback;
  };
  let fromMonth = pick(query.from, defaultFrom, 'from', 'first');
  let toMonth = pick(query.to, thisMonth.toString(), 'to', 'last');
  if (fromMonth > toMonth) {
    errors.push({ text: 'The first month must be the same as or before the last month', href: '#from' });
    [fromMonth, toMonth] = [defaultFrom, thisMonth.toString()];
  }
  return { fromMonth, toMonth, errors };
}

export function rangeFor(fromMonth: string, toMonth: string, now: Date, today: Temporal.PlainDate): FiguresRange {
  const start = (month: string) => Temporal.PlainYearMonth.from(month).toPlainDate({ day: 1 }).toZonedDateTime(LONDON);
  return {
    from: new Date(start(fromMonth).epochMilliseconds),
    until: new Date(start(Temporal.PlainYearMonth.from(toMonth).add({ months: 1 }).toString()).epochMilliseconds),
    now,
    today: today.toString(),
  };
}

export function monthLabel(month: string): string {
  const ym = Temporal.PlainYearMonth.from(month);
  return ym.toPlainDate({ day: 1 }).toLocaleString('en-GB', { month: 'long', year: 'numeric' });
}

const oneDecimal = (n: number | null) => (n === null ? null : Math.round(n * 10) / 10);
const share = (part: number, whole: number) => (whole === 0 ? null : part / whole);

export interface FiguresLine {
  patch: string;
  month: string;
  isTotal: boolean;
  referred: number;
  contactMedianHours: number | null;
  contactP90Hours: number | null;
  contacted: number;
  breaches: number;
  closed: number;
  lengthMedianDays: number | null;
  lengthP90Days: number | null;
  noLongTermShare: number | null;
  noLongTerm: number;
  steppedDownShare: number | null;
  steppedDown: number;
  rereferralShare: number | null;
  rereferred: number;
  rereferralEligible: number;
}

export function figuresLine(r: FiguresRow): FiguresLine {
  return {
    patch: r.all_patches ? 'All patches' : (r.patch_name ?? 'No patch'),
    month: r.all_months ? 'All months' : monthLabel(r.month!),
    isTotal: Boolean(r.all_months),
    referred: r.referred,
    contactMedianHours: oneDecimal(r.contact_hours_median),
    contactP90Hours: oneDecimal(r.contact_hours_p90),
    contacted: r.contacted,
    breaches: r.breaches,
    closed: r.closed,
    lengthMedianDays: oneDecimal(r.length_days_median),
    lengthP90Days: oneDecimal(r.length_days_p90),
    noLongTermShare: share(r.no_long_term, r.closed),
    noLongTerm: r.no_long_term,
    steppedDownShare: share(r.stepped_down, r.closed),
    steppedDown: r.stepped_down,
    rereferralShare: share(r.rereferred, r.rereferral_eligible),
    rereferred: r.rereferred,
    rereferralEligible: r.rereferral_eligible,
  };
}

export function percent(x: number | null): string {
  return x === null ? '' : `${Math.round(x * 100)}%`;
}

/**
 * Rows as CSV (csv-stringify) for a spreadsheet: CRLF line ends; a field quoted when it holds a comma,
 * quote or line break (csv-stringify alone would leave a lone LF unquoted under CRLF); text starting
 * with a formula character neutralised with a leading apostrophe, so a name like "=HYPERLINK(…)"
 * is shown, not run. Numbers (a negative count) are left as numbers.
 */
export function toCsv(rows: readonly (readonly (string | number | null)[])[]): string {
  return stringify(rows as (string | number | null)[][], {
    record_delimiter: 'windows',
    quoted_match: /[\r\n]/,
    cast: { string: (text) => (/^[=+\-@\t\r]/.test(text) ? `'${text}` : text) },
  });
}

const csvHeader = [
  'Patch',
  'Month',
  'Episodes referred',
  'Episodes with a first contact',
  'Time to first contact, median (hours)',
  'Time to first contact, 90th percentile (hours)',
  'First-contact breaches',
  'Episodes closed',
  'Episode length, median (days)',
  'Episode length, 90th percentile (days)',
  'Closed with no long-term support',
  'Share closed with no long-term support',
  'Stepped down to tier 1',
  'Share stepped down to tier 1',
  'Closed episodes counted for re-referral',
  'Re-referred within 91 days',
  'Share re-referred within 91 days',
];

export function figuresCsv(rows: readonly FiguresRow[]): string {
  const lines = rows.map((row) => {
    const l = figuresLine(row);
    // Months as YYYY-MM in the CSV, so a spreadsheet sorts them.
    const month = row.all_months ? 'All months' : row.month!;
    return [
      l.patch,
      month,
      l.referred,
      l.contacted,
      l.contactMedianHours,
      l.contactP90Hours,
      l.breaches,
      l.closed,
      l.lengthMedianDays,
      l.lengthP90Days,
      l.noLongTerm,
      percent(l.noLongTermShare),
      l.steppedDown,
      percent(l.steppedDownShare),
      l.rereferralEligible,
      l.rereferred,
      percent(l.rereferralShare),
    ];
  });
  return toCsv([csvHeader, ...lines]);
}
