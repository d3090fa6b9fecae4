const dateFormat = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  timeZone: 'UTC',
});

// 'h12', not `hour12: true`: en-GB's 12-hour clock is h11, which shows 12:46pm as "0:46 pm".
const clockOptions = { hour: 'numeric', minute: '2-digit', hourCycle: 'h12' } as const;
const londonDateTimeFormat = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  ...clockOptions,
  timeZone: 'Europe/London',
});
const londonTimeFormat = new Intl.DateTimeFormat('en-GB', { ...clockOptions, timeZone: 'Europe/London' });
// A plain time of day ('09:30:00' from a schedule) has no zone: it is read as written.
const plainTimeFormat = new Intl.DateTimeFormat('en-GB', { ...clockOptions, timeZone: 'UTC' });

type Parts = Partial<Record<Intl.DateTimeFormatPartTypes, string>>;

function partsOf(format: Intl.DateTimeFormat, d: Date): Parts {
  // Built from the parts rather than by editing the formatted text, whose spacing varies by ICU version.
  return Object.fromEntries(format.formatToParts(d).map((p) => [p.type, p.value]));
}

/** The GOV.UK style for a time: '9am', '9:30am', '12:46pm', 'midday', 'midnight'. */
function clockText(part: Parts): string {
  const period = (part.dayPeriod ?? '').toLowerCase();
  if (part.hour === '12' && part.minute === '00') return period === 'pm' ? 'midday' : 'midnight';
  return part.minute === '00' ? `${part.hour}${period}` : `${part.hour}:${part.minute}${period}`;
}

function toDate(value: unknown): Date | null {
  const d = value instanceof Date ? value : new Date(String(value));
  return Number.isNaN(d.getTime()) ? null : d;
}

/** '1944-03-07' -> '7 March 1944'. Plain dates are formatted in UTC so the day never shifts. */
export function formatDate(value: unknown): string {
  if (value === null || value === undefined || value === '') return '';
  const d =
    typeof value === 'string' ? new Date(`${value.slice(0, 10)}T00:00:00Z`) : value instanceof Date ? value : null;
  return d && !Number.isNaN(d.getTime()) ? dateFormat.format(d) : String(value);
}

/**
 * The one time formatter. A timestamp is shown in UK local time; a plain time of day
 * ('17:00', '09:30:00') as written. '9am', '9:30am', '12:46pm', 'midday', 'midnight'.
 */
export function formatTime(value: unknown): string {
  if (value === null || value === undefined || value === '') return '';
  if (typeof value === 'string') {
    const plain = /^(\d{2}):(\d{2})(?::\d{2}(?:\.\d+)?)?$/.exec(value);
    if (plain) return clockText(partsOf(plainTimeFormat, new Date(`1970-01-01T${plain[1]}:${plain[2]}:00Z`)));
  }
  const d = toDate(value);
  return d ? clockText(partsOf(londonTimeFormat, d)) : String(value);
}

/** A timestamp in UK local time, e.g. '23 November 2026 at 6:15pm'. */
export function formatDateTime(value: unknown): string {
  if (value === null || value === undefined || value === '') return '';
  const d = toDate(value);
  if (!d) return String(value);
  const part = partsOf(londonDateTimeFormat, d);
  return `${part.day} ${part.month} ${part.year} at ${clockText(part)}`;
}
