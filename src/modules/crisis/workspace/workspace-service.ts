import type { Kysely } from 'kysely';
import type { DB } from '../../../platform/db/schema.js';
import type { PersonRow } from '../../people/index.js';
import type { CrisisEpisodeRow, CrisisEpisodeTable } from '../tables.js';
import type { Updateable } from 'kysely';
import { withOrg, type Tx } from '../../../platform/db/scope.js';
import { writeAudit } from '../../../platform/audit/audit.js';
import { authorize } from '../../../platform/access/authorize.js';
import { actorId, type Actor } from '../../../platform/access/roles.js';
import { ConflictError, NotFoundError, ValidationError } from '../../../platform/http/errors.js';
import { parseOrThrow, toFieldErrors } from '../../../platform/http/validation.js';
import { todayInLondon } from '../../../platform/dates.js';
import { formatDate, formatDateTime } from '../../../platform/views/format.js';
import { findVisiblePerson } from '../../people/index.js';
import { syncEpisodeEvents } from '../cld-sync.js';
import { nextCheckInDue } from '../clock.js';
import * as repo from './workspace-repository.js';
import { checkLongTerm, plannedSupportNotYetPutIn, serviceCoding, serviceProviders } from './support-put-in.js';
import { checkInSchema, dateField, extendSchema, planFormInput, planSchema, versionOnly } from './workspace-schema.js';
import { serviceFormInput, serviceSchema } from './support-schema.js';
import { findEpisode, insertActions, updateEpisode } from '../repository.js';
import type { RequestContext } from '../../../platform/http/context.js';

type Body = Record<string, unknown>;

/** What each workspace write is called in the audit log, and how a stale form describes it. */
const changeDescriptions: Record<string, string> = {
  'crisis-episode.triage': 'changed the triage',
  'crisis-episode.first-contact': 'recorded the first contact',
  'crisis-episode.plan-update': 'changed the short-term plan',
  'crisis-episode.action-done': 'marked an action done',
  'crisis-episode.service-add': 'added support',
  'crisis-episode.service-end': 'ended support',
  'crisis-episode.service-cancel': 'cancelled support',
  'crisis-episode.service-change': 'changed support',
  'crisis-episode.check-in': 'recorded a check-in',
  'crisis-episode.assessment': 'recorded a short-term assessment',
  'crisis-episode.extend': 'extended the time limit',
  'crisis-episode.close': 'closed the episode',
};

/** A form opened on an older version of the episode: says who changed it, how and when; nothing is saved. */
export class StaleEpisodeError extends ConflictError {}

export class EpisodeClosedError extends ConflictError {
  constructor(episode: CrisisEpisodeRow) {
    super(
      `This crisis episode was closed${episode.closed_on ? ` on ${formatDate(episode.closed_on)}` : ''}. It cannot be changed. Nothing has been saved.`,
    );
  }
}

export interface EpisodeWork<T> {
  result: T;
  action: string;
}

/**
 * One transaction for one workspace request: the episode (locked for a write) and its person, who
 * must be visible to the actor (otherwise "not found"); for a write, the episode must be open and
 * still at the version the form was opened on. The audit entry is written last.
 */
export function episodeTransaction<T>(
  db: Kysely<DB>,
  ctx: RequestContext,
  episodeId: string,
  write: { body: Body } | null,
  work: (tx: Tx, episode: CrisisEpisodeRow, person: PersonRow) => Promise<EpisodeWork<T>>,
): Promise<T> {
  if (!/^[0-9a-f-]{36}$/i.test(episodeId)) throw new NotFoundError();
  return withOrg(db, ctx.actor.orgId, async (tx) => {
    const episode = await findEpisode(tx, episodeId, { lock: write !== null });
    const person = episode ? await findVisiblePerson(tx, ctx.actor, episode.person_id) : undefined;
    if (!episode || !person) throw new NotFoundError();
    if (write) {
      if (episode.status === 'closed') throw new EpisodeClosedError(episode);
      const opened = versionOnly.safeParse({ version: write.body.version });
      if (!opened.success) throw new ValidationError(toFieldErrors(opened.error));
      if (opened.data.version !== episode.version) throw await staleError(tx, episode);
    }
    const { result, action } = await work(tx, episode, person);
    await writeAudit(tx, ctx, [
      { action, resourceType: 'crisis_episode', resourceId: episode.id, personId: episode.person_id },
    ]);
    return result;
  });
}

async function staleError(tx: Tx, episode: CrisisEpisodeRow): Promise<StaleEpisodeError> {
  const last = await repo.lastEpisodeChange(tx, episode, Object.keys(changeDescriptions));
  const what = last
    ? `${last.display_name ?? 'Someone else'} ${changeDescriptions[last.action] ?? 'changed the episode'} on ${formatDateTime(last.at)}`
    : 'Someone else changed the episode';
  return new StaleEpisodeError(
    `${what}, after you opened this page. Your changes have not been saved. Check the episode, then make them again.`,
  );
}

/** Move the episode on a version with `changes`; a concurrent writer who got there first means a refusal. */
export async function advance(
  tx: Tx,
  actor: Actor,
  episode: CrisisEpisodeRow,
  changes: Updateable<CrisisEpisodeTable> = {},
): Promise<void> {
  if (!(await updateEpisode(tx, actor, episode.id, episode.version, changes))) throw await staleError(tx, episode);
}

/** The crisis workspace's writes: the short-term plan, actions, support put in, check-ins and extensions. */
export class WorkspaceService {
  constructor(private readonly db: Kysely<DB>) {}

  /** What a workspace form shows: the episode, its person, their network and the plan's pre-planned support. */
  async form(ctx: RequestContext, episodeId: string) {
    return episodeTransaction(this.db, ctx, episodeId, null, async (tx, episode, person) => {
      const [actions, network] = await Promise.all([repo.listActions(tx, episode.id), repo.listNetwork(tx, person.id)]);
      return { result: { episode, person, actions, network }, action: 'crisis-episode.view' };
    });
  }

  async savePlan(ctx: RequestContext, episodeId: string, body: Body): Promise<void> {
    return episodeTransaction(this.db, ctx, episodeId, { body }, async (tx, episode) => {
      const plan = parseOrThrow(planSchema(episode.starts_on), planFormInput(body));
      const goals = plan.goals.filter((g): g is string => Boolean(g));
      await advance(tx, ctx.actor, episode, {
        wants: plan.wants ?? '',
        goals: JSON.stringify(goals),
        check_in_daily_days: plan.checkInDailyDays,
        check_in_every_days: plan.checkInEveryDays,
      });
      const actions = plan.actions.flatMap((a) =>
        a.description && a.who ? [{ description: a.description, who: a.who, dueOn: a.dueOn }] : [],
      );
      await insertActions(tx, ctx.actor, episode.id, actions);
      return { result: undefined, action: 'crisis-episode.plan-update' };
    });
  }

  async markActionDone(ctx: RequestContext, episodeId: string, actionId: string, body: Body): Promise<void> {
    if (!/^[0-9a-f-]{36}$/i.test(actionId)) throw new NotFoundError();
    return episodeTransaction(this.db, ctx, episodeId, { body }, async (tx, episode) => {
      const action = await repo.findAction(tx, episode.id, actionId);
      if (!action) throw new NotFoundError();
      if (action.done_on)
        throw new ConflictError(
          `This action was already marked done on ${formatDate(action.done_on)}. Nothing has been changed.`,
        );
      await repo.markActionDone(tx, episode.id, actionId, todayInLondon().toString());
      await advance(tx, ctx.actor, episode);
      return { result: undefined, action: 'crisis-episode.action-done' };
    });
  }

  /**
   * Put support in: a dated service with its provider, and its CLD "Service" event. A long-term
   * arrangement is refused unless a manager agrees it here, with a reason.
   */
  async addService(ctx: RequestContext, episodeId: string, body: Body): Promise<string> {
    return episodeTransaction(this.db, ctx, episodeId, { body }, async (tx, episode, person) => {
      const input = parseOrThrow(serviceSchema(episode.starts_on), serviceFormInput(body));
      checkLongTerm(ctx.actor, input);
      const plannedIndex = await plannedSupportNotYetPutIn(tx, episode, body.from);
      const { directory, helper } = await serviceProviders(tx, person.id, input);
      const coding = await serviceCoding(tx, person.id, input, helper !== undefined);
      const provider = input.provider ?? directory?.name ?? helper?.name ?? '';
      const service = await repo.insertService(tx, {
        org_id: episode.org_id,
        episode_id: episode.id,
        person_id: person.id,
        kind: coding.kind,
        description: input.description,
        provider,
        directory_service_id: directory?.id ?? null,
        relationship_id: helper?.id ?? null,
        starts_on: input.startsOn!,
        ends_on: input.endsOn,
        service_type: coding.serviceType,
        service_component: coding.component,
        long_term: coding.longTerm,
        override_reason: coding.longTerm ? input.overrideReason : null,
        override_by: coding.longTerm ? actorId(ctx.actor) : null,
        override_at: coding.longTerm ? new Date() : null,
        created_by: actorId(ctx.actor),
        planned_index: plannedIndex,
      });
      await advance(tx, ctx.actor, episode);
      await syncEpisodeEvents(tx, ctx.actor, episode.id);
      return { result: service.id, action: 'crisis-episode.service-add' };
    });
  }

  /** Record a check-in and move the next one due on, by the episode's schedule. */
  async recordCheckIn(ctx: RequestContext, episodeId: string, body: Body): Promise<void> {
    return episodeTransaction(this.db, ctx, episodeId, { body }, async (tx, episode) => {
      const input = parseOrThrow(checkInSchema(episode.starts_on), {
        version: body.version,
        how: body.how,
        isWorking: body.isWorking,
        coping: body.coping,
        needsToChange: body.needsToChange,
        heldOn: dateField(body, 'heldOn'),
      });
      await repo.insertCheckIn(tx, ctx.actor, episode, {
        heldOn: input.heldOn!,
        how: input.how,
        isWorking: input.isWorking,
        coping: input.coping,
        needsToChange: input.needsToChange,
      });
      // A check-in recorded late, for an earlier day, must not move the schedule backwards.
      const latest = (await repo.listCheckIns(tx, episode.id))[0]!.held_on;
      const due = nextCheckInDue(
        episode.starts_on,
        episode.ends_on,
        latest,
        episode.check_in_daily_days,
        episode.check_in_every_days,
      );
      await advance(tx, ctx.actor, episode, { next_check_in_due: due });
      return { result: undefined, action: 'crisis-episode.check-in' };
    });
  }

  /** A manager's decision to give the episode longer (the route checks crisis.decide). */
  async extend(ctx: RequestContext, episodeId: string, body: Body): Promise<void> {
    return episodeTransaction(this.db, ctx, episodeId, { body }, async (tx, episode) => {
      if (authorize(ctx.actor, 'crisis.decide') !== 'allow')
        throw new ValidationError([
          { text: 'Only a team manager can extend the time limit. Ask your manager', href: '#newEndsOn' },
        ]);
      const input = parseOrThrow(extendSchema(episode.ends_on), {
        version: body.version,
        reason: body.reason,
        newEndsOn: dateField(body, 'newEndsOn'),
      });
      await repo.insertExtension(tx, ctx.actor, episode, input.newEndsOn!, input.reason);
      await advance(tx, ctx.actor, episode, { ends_on: input.newEndsOn! });
      return { result: undefined, action: 'crisis-episode.extend' };
    });
  }
}
