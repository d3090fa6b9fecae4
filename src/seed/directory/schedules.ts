import type { Rng } from '../generate/random.js';
import type { KindTemplate, Venue } from './catalogue.js';
import { formatTime } from '../../platform/views/format.js';

/**
 * When demo services happen, as HSDS 3.0 schedules (RFC 5545 recurrence: freq, byday, opens_at,
 * closes_at) plus a plain-English description for people. Monthly groups use an ordinal day
 * ('2WE' = the second Wednesday), as RFC 5545 allows for MONTHLY rules.
 */
export interface ScheduleFields {
  freq: 'WEEKLY' | 'MONTHLY';
  interval: number;
  byday: string;
  description: string;
  opens_at: string;
  closes_at: string;
  attending_type: string;
}

const days = [
  ['MO', 'Monday'],
  ['TU', 'Tuesday'],
  ['WE', 'Wednesday'],
  ['TH', 'Thursday'],
  ['FR', 'Friday'],
] as const;
const ordinals = [
  [1, 'first'],
  [2, 'second'],
  [3, 'third'],
  [4, 'fourth'],
] as const;

function clock(hour: number): string {
  return `${String(hour).padStart(2, '0')}:00:00`;
}

/** '10am', 'midday', '2pm': the service's one time formatter, so a seeded description reads like every page. */
export function spokenTime(hour: number): string {
  return formatTime(clock(hour));
}

export function sessionSchedule(
  rng: Rng,
  sessions: NonNullable<KindTemplate['sessions']>,
  name: string,
): ScheduleFields {
  const start = rng.pick(sessions.startHours);
  const end = start + sessions.hours;
  const hours = `${spokenTime(start)} to ${spokenTime(end)}`;
  const common = { interval: 1, opens_at: clock(start), closes_at: clock(end), attending_type: 'in_person' };
  if (sessions.freq === 'WEEKLY') {
    // Day centres and drop-ins often run on several days; groups meet once a week.
    const many = /Day Centre|Day Opportunities|Shop|Drop-in/.test(name) && rng.chance(0.7);
    const chosen = many ? [days[0], days[2], days[4]] : [rng.pick(days)];
    const spoken = chosen
      .map(([, d]) => `${d}s`)
      .join(', ')
      .replace(/, ([^,]+)$/, ' and $1');
    return {
      ...common,
      freq: 'WEEKLY',
      byday: chosen.map(([code]) => code).join(','),
      description: `Every week on ${spoken}, ${hours}`,
    };
  }
  const [ordinal, word] = rng.pick(ordinals);
  const [code, day] = rng.pick(days);
  return {
    ...common,
    freq: 'MONTHLY',
    byday: `${ordinal}${code}`,
    description: `The ${word} ${day} of every month, ${hours}`,
  };
}

/** Offices answer the phone on weekdays; home-care agencies visit every day of the week. */
export function openingHours(venue: Venue): ScheduleFields {
  if (venue === 'home') {
    return {
      freq: 'WEEKLY',
      interval: 1,
      byday: 'MO,TU,WE,TH,FR,SA,SU',
      opens_at: clock(7),
      closes_at: clock(22),
      attending_type: 'in_person',
      description: 'Visits every day, 7am to 10pm; the office is open on weekdays, 9am to 5pm',
    };
  }
  return {
    freq: 'WEEKLY',
    interval: 1,
    byday: 'MO,TU,WE,TH,FR',
    opens_at: clock(9),
    closes_at: clock(17),
    attending_type: 'in_person',
    description: 'Monday to Friday, 9am to 5pm',
  };
}
