/**
 * Dates and times as GOV.UK writes them: '7 March 1944', '9am', '12:46pm', 'midday', 'midnight',
 * '23 November 2026 at 6:15pm'. Timestamps are shown in UK local time.
 *
 * Intl decides what matters — the month names, and what UK local time is (the tz database) — but
 * not for every value: a board or timeline formats hundreds of dates a page, and `formatToParts` on
 * each was the largest item of the crisis board's CPU profile (bench, stop 10). Intl is asked for
 * London's offset once per UTC hour (the clocks change on the hour, at 01:00 UTC); the rest is sums.
 */

import { inLondon } from '../london-clock.js';

/** The month names, from Intl (en-GB), once. */
const monthName = new Intl.DateTimeFormat('en-GB', { month: 'long', timeZone: 'UTC' });
const MONTHS = Array.from({ length: 12 }, (_, month) => monthName.format(Date.UTC(2000, month, 1)));

/** The GOV.UK style for a time of day: '9am', '9:30am', '12:46pm', 'midday', 'midnight'. */
function clockText(hour: number, minute: number): string {
  if (minute === 0 && hour === 12) return 'midday';
  if (minute === 0 && hour === 0) return 'midnight';
  const period = hour < 12 ? 'am' : 'pm';
  const h12 = hour % 12 === 0 ? 12 : hour % 12;
  return minute === 0 ? `${h12}${period}` : `${h12}:${String(minute).padStart(2, '0')}${period}`;
}

/** Day, month and year of a Date's UTC fields: '7 March 1944'. */
function dayText(d: Date): string {
  return `${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()}`;
}

function toDate(value: unknown): Date | null {
  const d = value instanceof Date ? value : new Date(String(value));
  return Number.isNaN(d.getTime()) ? null : d;
}

/** '1944-03-07' -> '7 March 1944'. Plain dates are read as written (in UTC) so the day never shifts. */
export function formatDate(value: unknown): string {
  if (value === null || value === undefined || value === '') return '';
  const d =
    typeof value === 'string' ? new Date(`${value.slice(0, 10)}T00:00:00Z`) : value instanceof Date ? value : null;
  return d && !Number.isNaN(d.getTime()) ? dayText(d) : String(value);
}

/**
 * The one time formatter. A timestamp is shown in UK local time; a plain time of day
 * ('17:00', '09:30:00') as written. '9am', '9:30am', '12:46pm', 'midday', 'midnight'.
 */
export function formatTime(value: unknown): string {
  if (value === null || value === undefined || value === '') return '';
  if (typeof value === 'string') {
    const plain = /^(\d{2}):(\d{2})(?::\d{2}(?:\.\d+)?)?$/.exec(value);
    if (plain) return clockText(Number(plain[1]) % 24, Number(plain[2]));
  }
  const d = toDate(value);
  if (!d) return String(value);
  const local = inLondon(d);
  return clockText(local.getUTCHours(), local.getUTCMinutes());
}

/** A timestamp in UK local time, e.g. '23 November 2026 at 6:15pm'. */
export function formatDateTime(value: unknown): string {
  if (value === null || value === undefined || value === '') return '';
  const d = toDate(value);
  if (!d) return String(value);
  const local = inLondon(d);
  return `${dayText(local)} at ${clockText(local.getUTCHours(), local.getUTCMinutes())}`;
}
