import { formatTime } from '../../platform/views/format.js';
import { Temporal } from 'temporal-polyfill';
import { formatDate } from '../../platform/views/format.js';

/**
 * Opening times in words, and "open now / on a day" in London time. Schedules are HSDS/RFC 5545
 * shaped: `byday` 'MO,WE' (monthly ones may number the week: '1MO' is the first Monday, '-1FR'
 * the last Friday), `opens_at`/`closes_at` 'HH:MM:SS' local time.
 */
export const dayCodes = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'] as const;
export type DayCode = (typeof dayCodes)[number];
export const dayNames: Record<DayCode, string> = {
  MO: 'Monday',
  TU: 'Tuesday',
  WE: 'Wednesday',
  TH: 'Thursday',
  FR: 'Friday',
  SA: 'Saturday',
  SU: 'Sunday',
};

export interface ScheduleRow {
  freq: string | null;
  interval: number | null;
  byday: string | null;
  bymonthday: string | null;
  opens_at: string | null;
  closes_at: string | null;
  description: string | null;
  notes: string | null;
  valid_to: string | null;
}

/** The weekday before this one ('MO' → 'SU'). */
export function dayBefore(day: DayCode): DayCode {
  return dayCodes[(dayCodes.indexOf(day) + 6) % 7]!;
}

/** Now in London: the weekday code and 'HH:MM:SS', which is what the search compares against. */
export function londonNow(now: Temporal.Instant = Temporal.Now.instant()): {
  day: DayCode;
  time: string;
  date: string;
} {
  const zoned = now.toZonedDateTimeISO('Europe/London');
  return {
    day: dayCodes[zoned.dayOfWeek - 1]!,
    time: zoned.toPlainTime().toString({ smallestUnit: 'second' }),
    date: zoned.toPlainDate().toString(),
  };
}

/** '09:30:00' → '9:30am', '12:00:00' → 'midday', '17:00' → '5pm'. */
export function timeInWords(time: string | null): string {
  return formatTime(time);
}

const ordinals: Record<string, string> = {
  '1': 'first',
  '2': 'second',
  '3': 'third',
  '4': 'fourth',
  '5': 'fifth',
  '-1': 'last',
};

function listInWords(items: string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
}

/** 'MO,TH' → 'Monday and Thursday'; a run of three or more plain days → 'Monday to Friday'. */
function daysInWords(byday: string): { words: string; run: boolean } {
  const parts = byday
    .split(',')
    .map((p) => p.trim().toUpperCase())
    .filter(Boolean);
  const words = parts
    .map((part) => {
      const match = /^([+-]?\d)?(MO|TU|WE|TH|FR|SA|SU)$/.exec(part);
      if (!match) return null;
      const name = dayNames[match[2] as DayCode];
      const ordinal = match[1] ? ordinals[match[1].replace('+', '')] : undefined;
      return ordinal ? `the ${ordinal} ${name}` : name;
    })
    .filter((w): w is string => w !== null);
  const plain = parts.every((p) => (dayCodes as readonly string[]).includes(p));
  if (plain && parts.length === 7) return { words: 'Every day', run: true };
  const positions = parts.map((p) => (dayCodes as readonly string[]).indexOf(p));
  const consecutive =
    plain && positions.length >= 3 && positions.every((p, i) => i === 0 || p === positions[i - 1]! + 1);
  if (consecutive)
    return { words: `${dayNames[parts[0] as DayCode]} to ${dayNames[parts.at(-1) as DayCode]}`, run: true };
  return { words: listInWords(words), run: false };
}

function dayOfMonth(n: string): string {
  const v = Number(n);
  if (v === -1) return 'last day';
  const suffix =
    v % 10 === 1 && v !== 11 ? 'st' : v % 10 === 2 && v !== 12 ? 'nd' : v % 10 === 3 && v !== 13 ? 'rd' : 'th';
  return `${v}${suffix}`;
}

/** Words that say when: a day, "weekdays", "every day", a clock time. */
const SAYS_WHEN =
  /\b(mondays?|tuesdays?|wednesdays?|thursdays?|fridays?|saturdays?|sundays?|weekdays|weekends?|every day|daily|noon|midnight|\d{1,2}(:\d{2}|\.\d{2})?\s?(am|pm))\b/i;

/** One schedule as a sentence a resident can read, e.g. 'Every Monday and Thursday, 10am to midday'. */
export function scheduleInWords(s: ScheduleRow): string {
  const parts: string[] = [];
  const monthly = s.freq === 'MONTHLY';
  const every = s.interval && s.interval > 1 ? `every ${s.interval} ${monthly ? 'months' : 'weeks'}` : '';
  if (s.byday) {
    const { words: days, run } = daysInWords(s.byday);
    if (run && !every) parts.push(days);
    else if (monthly) parts.push(`On ${days} of ${every ? `the month, ${every}` : 'each month'}`);
    else parts.push(every ? `${days}, ${every}` : `Every ${days}`);
  } else if (s.bymonthday) {
    parts.push(`On the ${listInWords(s.bymonthday.split(',').map((d) => dayOfMonth(d.trim())))} of each month`);
  }
  if (s.opens_at && s.closes_at) parts.push(`${timeInWords(s.opens_at)} to ${timeInWords(s.closes_at)}`);
  else if (s.opens_at) parts.push(`from ${timeInWords(s.opens_at)}`);
  let sentence = parts.join(', ');
  // Feeds often say the days and times again in the description ("Every week on Wednesdays, 10am to
  // 12 noon"), in other words than ours: a page should say when once. The provider's own wording wins;
  // a description that says something else ("By appointment") is added to ours.
  if (s.description && SAYS_WHEN.test(s.description)) sentence = s.description.replace(/[.\s]+$/, '');
  else if (s.description) sentence = sentence ? `${sentence}. ${s.description}` : s.description;
  if (s.notes) sentence = sentence ? `${sentence}. ${s.notes}` : s.notes;
  if (s.valid_to) sentence = `${sentence} (until ${formatDate(s.valid_to)})`;
  return sentence;
}
