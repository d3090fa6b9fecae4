import { listAssessments } from './assessment.js';
import { Temporal } from 'temporal-polyfill';
import type { Tx } from '../../../platform/db/scope.js';
import type { Actor } from '../../../platform/access/roles.js';
import type { CrisisEpisodeRow } from '../tables.js';
import { authorize } from '../../../platform/access/authorize.js';
import { labelFor } from '../../../platform/cld/index.js';
import { todayInLondon } from '../../../platform/dates.js';
import { type ActivationSnapshot, findPlan } from '../../contingency-plans/index.js';
import type { CrisisSettings } from '../settings.js';
import { timeLimitState } from '../clock.js';
import * as repo from './workspace-repository.js';
import { checkInMethods, closeRoutes, serviceKinds, whatFollowedOptions } from './workspace-schema.js';
import { episodeHref } from '../presenters.js';

const labelOf = (list: readonly { key: string; label: string }[], key: string | null) =>
  list.find((o) => o.key === key)?.label ?? key ?? '';
const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** How often check-ins happen, in words: "Daily for the first 3 days, then every 7 days". */
export function scheduleText(dailyDays: number, everyDays: number): string {
  const then = everyDays === 1 ? 'every day' : `every ${plural(everyDays, 'day')}`;
  return dailyDays > 0
    ? `Daily for the first ${plural(dailyDays, 'day')}, then ${then}`
    : `Every ${everyDays === 1 ? 'day' : plural(everyDays, 'day')}`;
}

/**
 * What the episode page shows of the workspace (plan, support, check-ins, time limit, ending),
 * rendered by views/_workspace.njk as `workspace`. Reads only: the episode page writes the one
 * audit entry for the whole page, and passes the crisis settings it has already read.
 */
export async function loadWorkspace(tx: Tx, actor: Actor, episode: CrisisEpisodeRow, settings: CrisisSettings) {
  const [actions, services, checkIns, extensions, connections, plan, assessments] = await Promise.all([
    repo.listActions(tx, episode.id),
    repo.listServices(tx, episode.id),
    repo.listCheckIns(tx, episode.id),
    repo.listExtensions(tx, episode.id),
    repo.listConnections(tx, episode.id),
    findPlan(tx, episode.person_id),
    listAssessments(tx, episode.id),
  ]);
  const today = todayInLondon().toString();
  const open = episode.status === 'open';
  const canWrite = open && authorize(actor, 'crisis.write') === 'allow';
  const canDecide = open && authorize(actor, 'crisis.decide') === 'allow';
  const base = episodeHref(episode.id);
  const snapshot = episode.prefill as ActivationSnapshot | null;
  const timeLimit = timeLimitState(episode.ends_on, todayInLondon(), settings.warnDays);
  const followed = whatFollowedOptions.find((o) => o.key === episode.what_followed);

  return {
    episodeId: episode.id,
    version: episode.version,
    open,
    canWrite,
    canDecide,
    links: {
      plan: `${base}/plan`,
      service: `${base}/services/new`,
      checkIn: `${base}/check-ins/new`,
      assessment: `${base}/assessments/new`,
      extend: `${base}/extend`,
      close: `${base}/close`,
      personPlan: `/people/${episode.person_id}/contingency-plans`,
    },
    plan: { wants: episode.wants, goals: Array.isArray(episode.goals) ? (episode.goals as string[]) : [] },
    actions: actions.map((a) => ({
      id: a.id,
      description: a.description,
      who: a.who,
      dueOn: a.due_on,
      doneOn: a.done_on,
      overdue: !a.done_on && a.due_on !== null && a.due_on < today,
      doneAction: `${base}/actions/${a.id}/done`,
    })),
    services: services.map((s) => ({
      kind: labelOf(serviceKinds, s.kind),
      description: s.description,
      provider: s.provider,
      directoryServiceName: s.directory_service_name,
      directoryHref: s.directory_service_id ? `/information/services/${s.directory_service_id}` : null,
      startsOn: s.starts_on,
      endsOn: s.ends_on,
      serviceType: labelFor('serviceType', s.service_type),
      serviceComponent: labelFor('serviceComponent', s.service_component),
      longTerm: s.long_term,
      overrideReason: s.override_reason,
      overrideBy: s.override_by_name,
      overrideAt: s.override_at,
      outcome: labelFor('eventOutcome', s.outcome),
    })),
    // The contingency plan's pre-planned support, each one a click away from being put in.
    preplanned: (snapshot?.support ?? []).map((s, i) => ({
      what: s.what,
      providedBy: s.providedBy ?? s.directoryServiceName,
      putIn: `${base}/services/new?from=${i}`,
    })),
    schedule: {
      dailyDays: episode.check_in_daily_days,
      everyDays: episode.check_in_every_days,
      text: scheduleText(episode.check_in_daily_days, episode.check_in_every_days),
    },
    nextCheckIn:
      open && episode.next_check_in_due
        ? { due: episode.next_check_in_due, overdue: episode.next_check_in_due < today }
        : null,
    assessments: assessments.map((a) => ({
      startedOn: a.started_on,
      completedOn: a.completed_on,
      method: labelFor('methodOfAssessment', a.method),
      strengths: a.strengths,
      needs: a.needs,
      outcome: labelFor('eventOutcome', a.outcome),
      by: a.created_by_name,
    })),
    checkIns: checkIns.map((c) => ({
      heldOn: c.held_on,
      how: labelOf(checkInMethods, c.how),
      isWorking: c.is_working,
      coping: c.coping,
      needsToChange: c.needs_to_change,
      by: c.created_by_name,
    })),
    timeLimit: {
      startsOn: episode.starts_on,
      endsOn: episode.ends_on,
      daysLeft: timeLimit.daysLeft,
      daysPast: -timeLimit.daysLeft,
      warnDays: settings.warnDays,
      status: open ? timeLimit.status : 'closed',
      endingSoon: open && timeLimit.status === 'ending_soon',
      pastLimit: open && timeLimit.status === 'past_limit',
    },
    extensions: extensions.map((x) => ({
      previousEndsOn: x.previous_ends_on,
      newEndsOn: x.new_ends_on,
      reason: x.reason,
      by: x.decided_by_name,
      at: x.decided_at,
    })),
    closure: open
      ? null
      : {
          closedOn: episode.closed_on,
          route: labelOf(closeRoutes, episode.close_route),
          routeKey: episode.close_route,
          // As the figures count it: whole days from the episode's start to its closing date.
          lengthDays: episode.closed_on
            ? Temporal.PlainDate.from(episode.starts_on).until(Temporal.PlainDate.from(episode.closed_on), {
                largestUnit: 'day',
              }).days
            : null,
          whatFollowed: followed?.label ?? episode.what_followed,
          outcome: labelFor('eventOutcome', episode.event_outcome),
          note: episode.close_note,
          stepUpReason: episode.step_up_reason,
          planReviewed: episode.plan_reviewed,
          hasPlan: plan !== undefined,
          connections: connections.map((c) => ({
            name: c.directory_service_name,
            href: c.directory_service_id ? `/information/services/${c.directory_service_id}` : null,
            note: c.note,
          })),
        },
  };
}

export type Workspace = Awaited<ReturnType<typeof loadWorkspace>>;
