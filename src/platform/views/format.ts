const dateFormat = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  timeZone: 'UTC',
});
const dateTimeFormat = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  hour: 'numeric',
  minute: '2-digit',
  // 'h12', not `hour12: true`: en-GB's 12-hour clock is h11, which shows 12:46pm as "0:46 pm".
  hourCycle: 'h12',
  timeZone: 'Europe/London',
});

/** '1944-03-07' -> '7 March 1944'. Plain dates are formatted in UTC so the day never shifts. */
export function formatDate(value: unknown): string {
  if (value === null || value === undefined || value === '') return '';
  const d =
    typeof value === 'string' ? new Date(`${value.slice(0, 10)}T00:00:00Z`) : value instanceof Date ? value : null;
  return d && !Number.isNaN(d.getTime()) ? dateFormat.format(d) : String(value);
}

/** A timestamp in UK local time, e.g. '23 November 2026 at 6:15pm'. */
export function formatDateTime(value: unknown): string {
  if (value === null || value === undefined || value === '') return '';
  const d = value instanceof Date ? value : new Date(String(value));
  if (Number.isNaN(d.getTime())) return String(value);
  // Built from the parts rather than by editing the formatted text, whose spacing varies by ICU version.
  const part = Object.fromEntries(dateTimeFormat.formatToParts(d).map((p) => [p.type, p.value]));
  return `${part.day} ${part.month} ${part.year} at ${part.hour}:${part.minute}${part.dayPeriod?.toLowerCase()}`;
}
