import { Temporal } from 'temporal-polyfill';

/**
 * The clocks of a crisis episode, computed the same way on the episode page, the board and in the
 * figures: the response clock (referral → first contact against the urgency's target), the time
 * limit (days left, warning, past the limit) and the check-in schedule.
 */
export interface ResponseState {
  status: 'waiting' | 'overdue' | 'met' | 'breached';
  /** Minutes from referral to first contact (or to now, while waiting). */
  minutesSinceReferral: number;
}

export function responseState(
  e: { referred_at: Date; response_due_at: Date; first_contact_at: Date | null },
  now: Date = new Date(),
): ResponseState {
  const until = e.first_contact_at ?? now;
  const minutesSinceReferral = Math.max(0, Math.round((until.getTime() - e.referred_at.getTime()) / 60_000));
  if (e.first_contact_at)
    return { status: e.first_contact_at > e.response_due_at ? 'breached' : 'met', minutesSinceReferral };
  return { status: now > e.response_due_at ? 'overdue' : 'waiting', minutesSinceReferral };
}

export interface TimeLimitState {
  daysLeft: number;
  status: 'running' | 'ending_soon' | 'past_limit';
}

export function timeLimitState(endsOn: string, today: Temporal.PlainDate | string, warnDays: number): TimeLimitState {
  const daysLeft = daysBetween(typeof today === 'string' ? today : today.toString(), endsOn);
  return { daysLeft, status: daysLeft < 0 ? 'past_limit' : daysLeft <= warnDays ? 'ending_soon' : 'running' };
}

/**
 * Whole days from one calendar date ('YYYY-MM-DD') to another. Both are read as midnight UTC, where
 * every day has 24 hours, so the difference is exact; and it costs a microsecond where Temporal's
 * `until` cost ~50 (a board works out the days of 200 episodes on every view).
 */
function daysBetween(from: string, to: string): number {
  return Math.round(
    (Date.parse(`${to.slice(0, 10)}T00:00:00Z`) - Date.parse(`${from.slice(0, 10)}T00:00:00Z`)) / 86_400_000,
  );
}

/**
 * The next check-in after one held on `heldOn`: daily for the first `dailyDays` days of the episode,
 * then every `everyDays` days. Never later than the episode's last day.
 */
export function nextCheckInDue(
  startsOn: string,
  endsOn: string,
  heldOn: string,
  dailyDays: number,
  everyDays: number,
): string {
  const start = Temporal.PlainDate.from(startsOn);
  const held = Temporal.PlainDate.from(heldOn);
  const inDailyPhase = start.until(held, { largestUnit: 'day' }).days < dailyDays - 1;
  const next = held.add({ days: inDailyPhase ? 1 : everyDays });
  const end = Temporal.PlainDate.from(endsOn);
  return Temporal.PlainDate.compare(next, end) > 0 ? end.toString() : next.toString();
}
