import type { Temporal } from 'temporal-polyfill';
import { responseState, timeLimitState, type ResponseState, type TimeLimitState } from '../clock.js';
import type { BoardEpisodeRow } from './board-repository.js';
import { duration, episodeHref } from '../presenters.js';

/**
 * What the board shows for each open episode, and in which order: the most urgent first, i.e. a
 * first contact that is overdue, then an episode past its time limit, then an overdue check-in,
 * then whatever falls due soonest.
 */
export interface BoardItem {
  id: string;
  /** Whose episode it is: the board's audit entry names everyone shown. */
  personId: string;
  href: string;
  personName: string;
  councilPersonId: string;
  patch: string;
  urgency: string;
  referredAt: Date;
  sinceReferral: string;
  response: ResponseState;
  leadWorker: string | null;
  nextCheckInDue: string | null;
  checkInOverdue: boolean;
  checkInDueToday: boolean;
  timeLimit: TimeLimitState;
  endsOn: string;
}

export interface BoardSummary {
  open: number;
  awaitingFirstContact: number;
  firstContactBreaches: number;
  checkInsOverdue: number;
  pastLimit: number;
}

type LimitOf = (endsOn: string) => TimeLimitState;

export function boardItem(
  row: BoardEpisodeRow,
  now: Date,
  today: Temporal.PlainDate | string,
  warnDays: number,
  limitOf: LimitOf = (e) => timeLimitState(e, today, warnDays),
): BoardItem {
  const response = responseState(row, now);
  const todayIso = typeof today === 'string' ? today : today.toString();
  return {
    id: row.id,
    personId: row.person_id,
    href: episodeHref(row.id),
    personName: `${row.given_name} ${row.family_name}`,
    councilPersonId: row.council_person_id,
    patch: row.patch_name ?? 'No patch',
    urgency: row.urgency_label,
    referredAt: row.referred_at,
    sinceReferral: duration(Math.max(0, Math.floor((now.getTime() - row.referred_at.getTime()) / 60_000))),
    response,
    leadWorker: row.lead_worker_name,
    nextCheckInDue: row.next_check_in_due,
    checkInOverdue: row.next_check_in_due !== null && row.next_check_in_due < todayIso,
    checkInDueToday: row.next_check_in_due === todayIso,
    timeLimit: limitOf(row.ends_on),
    endsOn: row.ends_on,
  };
}

/** 0 = first contact overdue, 1 = past the time limit, 2 = check-in overdue, 3 = everything else. */
function rank(item: BoardItem): number {
  if (item.response.status === 'overdue') return 0;
  if (item.timeLimit.status === 'past_limit') return 1;
  if (item.checkInOverdue) return 2;
  return 3;
}

/**
 * When the episode next needs something: the first-contact deadline while waiting, otherwise the
 * earlier of the next check-in and the last day. A day counts from its start in UTC: within an hour
 * of London's, which is close enough to order a board, and cheap for 200 rows.
 */
function nextDue(item: BoardItem, responseDueAt: Date): number {
  if (item.response.status === 'waiting' || item.response.status === 'overdue') return responseDueAt.getTime();
  const day = item.nextCheckInDue !== null && item.nextCheckInDue < item.endsOn ? item.nextCheckInDue : item.endsOn;
  return Date.parse(`${day}T00:00:00Z`);
}

export function sortBoard(
  rows: readonly BoardEpisodeRow[],
  now: Date,
  today: Temporal.PlainDate,
  warnDays: number,
): BoardItem[] {
  // Many episodes share a last day: work each day's state out once (the calendar arithmetic is the cost).
  const limits = new Map<string, TimeLimitState>();
  const todayIso = today.toString();
  const limitOf: LimitOf = (endsOn) => {
    let state = limits.get(endsOn);
    if (!state) limits.set(endsOn, (state = timeLimitState(endsOn, todayIso, warnDays)));
    return state;
  };
  const keyed = rows.map((row) => {
    const item = boardItem(row, now, todayIso, warnDays, limitOf);
    return { item, rank: rank(item), due: nextDue(item, row.response_due_at), referred: row.referred_at.getTime() };
  });
  keyed.sort(
    (a, b) => a.rank - b.rank || a.due - b.due || a.referred - b.referred || a.item.id.localeCompare(b.item.id),
  );
  return keyed.map((k) => k.item);
}

export function summarise(items: readonly BoardItem[]): BoardSummary {
  return {
    open: items.length,
    awaitingFirstContact: items.filter((i) => i.response.status === 'waiting' || i.response.status === 'overdue')
      .length,
    firstContactBreaches: items.filter((i) => i.response.status === 'overdue' || i.response.status === 'breached')
      .length,
    checkInsOverdue: items.filter((i) => i.checkInOverdue).length,
    pastLimit: items.filter((i) => i.timeLimit.status === 'past_limit').length,
  };
}
