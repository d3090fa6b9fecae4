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
import { checkInMethods } from './workspace-schema.js';
import { closeRoutes, serviceKinds, whatFollowedOptions } from '../choices.js';
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

/** One row of what a workspace list read returns. */
type RowOf<F extends (...args: never[]) => Promise<unknown[]>> = Awaited<ReturnType<F>>[number];

/**
 * What the episode page shows of the workspace (plan, support, check-ins, time limit, ending),
 * rendered by crisis/views/_workspace.njk as `workspace`. Reads only: the episode page writes the one
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
  const base = episodeHref(episode.id);
  return {
    episodeId: episode.id,
    version: episode.version,
    open,
    canWrite: open && authorize(actor, 'crisis.write') === 'allow',
    canDecide: open && authorize(actor, 'crisis.decide') === 'allow',
    links: workspaceLinks(episode),
    // The plan's trigger may be what happened, yet the plan not activated: offer the activation flow here.
    canActivatePlan:
      open && plan !== undefined && episode.prefill === null && authorize(actor, 'plans.write') === 'allow',
    plan: { wants: episode.wants, goals: Array.isArray(episode.goals) ? (episode.goals as string[]) : [] },
    actions: actions.map((a) => actionView(a, base, today)),
    services: services.map((s) => serviceView(s, base)),
    // The contingency plan's pre-planned support: a click away from being put in, or when it was.
    preplanned: preplannedView(episode, base, services),
    schedule: {
      dailyDays: episode.check_in_daily_days,
      everyDays: episode.check_in_every_days,
      text: scheduleText(episode.check_in_daily_days, episode.check_in_every_days),
    },
    nextCheckIn:
      open && episode.next_check_in_due
        ? { due: episode.next_check_in_due, overdue: episode.next_check_in_due < today }
        : null,
    assessments: assessments.map(assessmentView),
    checkIns: checkIns.map(checkInView),
    timeLimit: timeLimitView(episode, settings),
    extensions: extensions.map(extensionView),
    closure: open ? null : closureView(episode, plan !== undefined, connections),
  };
}

export type Workspace = Awaited<ReturnType<typeof loadWorkspace>>;

function workspaceLinks(episode: CrisisEpisodeRow) {
  const base = episodeHref(episode.id);
  return {
    plan: `${base}/plan`,
    service: `${base}/services/new`,
    checkIn: `${base}/check-ins/new`,
    assessment: `${base}/assessments/new`,
    extend: `${base}/extend`,
    close: `${base}/close`,
    personPlan: `/people/${episode.person_id}/contingency-plans`,
    activatePlan: `/people/${episode.person_id}/contingency-plans/activate`,
  };
}

function actionView(a: RowOf<typeof repo.listActions>, base: string, today: string) {
  return {
    id: a.id,
    description: a.description,
    who: a.who,
    dueOn: a.due_on,
    doneOn: a.done_on,
    overdue: !a.done_on && a.due_on !== null && a.due_on < today,
    doneAction: `${base}/actions/${a.id}/done`,
  };
}

function serviceView(s: RowOf<typeof repo.listServices>, base: string) {
  const cancelled = s.status === 'cancelled';
  return {
    id: s.id,
    anchor: `service-${s.id}`,
    kind: labelOf(serviceKinds, s.kind),
    description: s.description,
    provider: s.provider,
    directoryServiceName: s.directory_service_name,
    directoryHref: s.directory_service_id ? `/information/services/${s.directory_service_id}` : null,
    startsOn: s.starts_on,
    endsOn: s.ends_on,
    cancelled,
    cancelledOn: s.cancelled_on,
    // Settled by the closing (or cancelled): nothing left to end or correct.
    changeable: !cancelled && s.outcome === null,
    endHref: `${base}/services/${s.id}/end`,
    changeHref: `${base}/services/${s.id}/change`,
    // null: help from family, friends or the community, which is not reported as a council service.
    serviceType: s.service_type ? labelFor('serviceType', s.service_type) : null,
    serviceComponent: labelFor('serviceComponent', s.service_component),
    longTerm: s.long_term,
    overrideReason: s.override_reason,
    overrideBy: s.override_by_name,
    overrideAt: s.override_at,
    outcome: labelFor('eventOutcome', s.outcome),
  };
}

/** The plan's planned support: "Put this in", or, once it has been (and not cancelled), when and a link to it. */
function preplannedView(episode: CrisisEpisodeRow, base: string, services: RowOf<typeof repo.listServices>[]) {
  const snapshot = episode.prefill as ActivationSnapshot | null;
  return (snapshot?.support ?? []).map((s, i) => {
    const putIn = services.find((x) => x.planned_index === i && x.status === 'active');
    return {
      what: s.what,
      providedBy: s.providedBy ?? s.directoryServiceName,
      putIn: `${base}/services/new?from=${i}`,
      putInOn: putIn ? putIn.created_at : null,
      putInHref: putIn ? `#service-${putIn.id}` : null,
    };
  });
}

function assessmentView(a: RowOf<typeof listAssessments>) {
  return {
    startedOn: a.started_on,
    completedOn: a.completed_on,
    method: labelFor('methodOfAssessment', a.method),
    strengths: a.strengths,
    needs: a.needs,
    outcome: labelFor('eventOutcome', a.outcome),
    by: a.created_by_name,
  };
}

function checkInView(c: RowOf<typeof repo.listCheckIns>) {
  return {
    heldOn: c.held_on,
    how: labelOf(checkInMethods, c.how),
    isWorking: c.is_working,
    coping: c.coping,
    needsToChange: c.needs_to_change,
    by: c.created_by_name,
  };
}

function timeLimitView(episode: CrisisEpisodeRow, settings: CrisisSettings) {
  const open = episode.status === 'open';
  const timeLimit = timeLimitState(episode.ends_on, todayInLondon(), settings.warnDays);
  return {
    startsOn: episode.starts_on,
    endsOn: episode.ends_on,
    daysLeft: timeLimit.daysLeft,
    daysPast: -timeLimit.daysLeft,
    warnDays: settings.warnDays,
    status: open ? timeLimit.status : 'closed',
    endingSoon: open && timeLimit.status === 'ending_soon',
    pastLimit: open && timeLimit.status === 'past_limit',
  };
}

function extensionView(x: RowOf<typeof repo.listExtensions>) {
  return {
    previousEndsOn: x.previous_ends_on,
    newEndsOn: x.new_ends_on,
    reason: x.reason,
    by: x.decided_by_name,
    at: x.decided_at,
  };
}

/** How a closed episode ended: its route, length, what followed and the connections made. */
function closureView(
  episode: CrisisEpisodeRow,
  hasPlan: boolean,
  connections: Awaited<ReturnType<typeof repo.listConnections>>,
) {
  const followed = whatFollowedOptions.find((o) => o.key === episode.what_followed);
  return {
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
    hasPlan,
    connections: connections.map((c) => ({
      name: c.directory_service_name,
      href: c.directory_service_id ? `/information/services/${c.directory_service_id}` : null,
      note: c.note,
    })),
  };
}
