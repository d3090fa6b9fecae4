import type { CrisisEpisodeRow } from './tables.js';
import { todayInLondon } from '../../platform/dates.js';
import { eventTypeLabels, label } from '../early-identification/index.js';
import type { ActivationSnapshot } from '../contingency-plans/index.js';
import { responseState, timeLimitState, type ResponseState, type TimeLimitState } from './clock.js';

/** Where an episode's page is: every link, redirect and timeline entry points here. */
export const episodeHref = (id: string) => `/crisis/episodes/${id}`;

/** The words and tag colours of the clocks, the same wherever an episode is shown. */
export const responseLabels: Record<ResponseState['status'], { text: string; classes: string }> = {
  waiting: { text: 'Waiting for first contact', classes: 'govuk-tag--yellow' },
  overdue: { text: 'First contact overdue', classes: 'govuk-tag--red' },
  met: { text: 'First contact in time', classes: 'govuk-tag--green' },
  breached: { text: 'First contact late', classes: 'govuk-tag--orange' },
};

export const timeLimitLabels: Record<TimeLimitState['status'], { text: string; classes: string }> = {
  running: { text: 'Within the time limit', classes: 'govuk-tag--blue' },
  ending_soon: { text: 'Time limit ending soon', classes: 'govuk-tag--yellow' },
  past_limit: { text: 'Past the time limit', classes: 'govuk-tag--red' },
};

export const sourceLabels: Record<CrisisEpisodeRow['source'], string> = {
  referral: 'Referral',
  partner_event: 'Partner event',
  plan_activation: 'Contingency plan activated',
};

/** '3 hours 20 minutes', '2 days 4 hours', '15 minutes'. */
export function duration(minutes: number): string {
  const plural = (n: number, unit: string) => `${n} ${unit}${n === 1 ? '' : 's'}`;
  const days = Math.floor(minutes / 1440);
  const hours = Math.floor((minutes % 1440) / 60);
  const mins = minutes % 60;
  if (days) return [plural(days, 'day'), hours ? plural(hours, 'hour') : ''].filter(Boolean).join(' ');
  if (hours) return [plural(hours, 'hour'), mins ? plural(mins, 'minute') : ''].filter(Boolean).join(' ');
  return plural(mins, 'minute');
}

export function responseView(e: CrisisEpisodeRow, now = new Date()) {
  const state = responseState(e, now);
  return {
    status: state.status,
    ...responseLabels[state.status],
    sinceReferral: duration(state.minutesSinceReferral),
    dueAt: e.response_due_at,
  };
}

export function timeLimitView(e: CrisisEpisodeRow, warnDays: number, today = todayInLondon()) {
  const state = timeLimitState(e.ends_on, today, warnDays);
  const days = Math.abs(state.daysLeft);
  const words =
    state.daysLeft < 0
      ? `${days} ${days === 1 ? 'day' : 'days'} past the limit`
      : `${days} ${days === 1 ? 'day' : 'days'} left`;
  return { ...state, ...timeLimitLabels[state.status], words };
}

interface SourceInfo {
  kind: 'partner_event' | 'plan_activation';
  event?: { event_type: string; source_organisation: string; occurred_at: Date };
  alertId?: string | null;
  activation?: { id: string; person_id: string; plan_version: number; situation: string; activated_at: Date };
}

/** Where the episode came from, in words, with a link to the record behind it. */
export function sourceView(e: CrisisEpisodeRow, source: SourceInfo | null) {
  if (source?.kind === 'partner_event' && source.event) {
    return {
      text: `${label(eventTypeLabels, source.event.event_type)}, reported by ${source.event.source_organisation}`,
      href: source.alertId ? `/early-identification/alerts/${source.alertId}` : null,
      linkText: 'See the alert and the partner event',
    };
  }
  if (source?.kind === 'plan_activation' && source.activation) {
    const a = source.activation;
    return {
      text: `Contingency plan activated: ${a.situation}`,
      href: `/people/${a.person_id}/contingency-plans/activations/${a.id}`,
      linkText: 'See the activation',
      planHref: `/people/${a.person_id}/contingency-plans/versions/${a.plan_version}`,
    };
  }
  return { text: `${sourceLabels[e.source]} from ${e.referred_by}`, href: null, linkText: null };
}

/** The contingency plan an activation froze into the episode, or null. */
export function prefillView(prefill: unknown) {
  if (!prefill || typeof prefill !== 'object') return null;
  const p = prefill as Partial<ActivationSnapshot>;
  return {
    agreedOn: p.agreedOn ?? null,
    situation: p.situation ?? null,
    wants: p.wants ?? null,
    doesNotWant: p.doesNotWant ?? null,
    increasesDistress: p.increasesDistress ?? null,
    reducesDistress: p.reducesDistress ?? null,
    helpers: p.helpers ?? [],
    callList: p.callList ?? [],
    support: (p.support ?? []).map((s) => ({
      what: s.what,
      providedBy: s.directoryServiceName ?? s.providedBy,
      href: s.directoryServiceId ? `/information/services/${s.directoryServiceId}` : null,
    })),
  };
}

export const goalsOf = (goals: unknown): string[] =>
  Array.isArray(goals) ? goals.filter((g): g is string => typeof g === 'string') : [];
