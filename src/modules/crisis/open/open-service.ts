import type { RequestContext } from '../../../platform/http/context.js';
import type { Kysely } from 'kysely';
import type { DB } from '../../../platform/db/schema.js';
import type { PersonRow } from '../../people/index.js';
import type { CrisisEpisodeRow } from '../tables.js';
import { withOrg, type Tx } from '../../../platform/db/scope.js';
import { writeAudit } from '../../../platform/audit/audit.js';
import { actorId, type Actor } from '../../../platform/access/roles.js';
import { ConflictError, NotFoundError, ValidationError } from '../../../platform/http/errors.js';
import { findVisiblePerson } from '../../people/index.js';
import { acknowledgeOpenAlertsFor, alertsForEvent, partnerEventFor } from '../../early-identification/index.js';
import { activationFor } from '../../contingency-plans/index.js';
import { crisisSettings } from '../settings.js';
import { loadWorkspace } from '../workspace/index.js';
import { checkTeamAndWorker, leadWorkerChange, openEpisode, urgencyFor } from '../service.js';
import { recordAllocationChange } from '../../casework/index.js';
import { contactMethods, type FirstContactInput, type ReferralInput, type TriageInput } from '../schema.js';
import * as repo from '../repository.js';
import { patchTeams } from '../../../platform/db/teams.js';
import { caseworkers } from '../../../platform/db/staff.js';

/** A referral for someone who already has an open episode: the page links to that one. */
export class EpisodeAlreadyOpenError extends ConflictError {
  constructor(readonly episodeId: string) {
    super('This person already has an open crisis episode. Add to that episode instead of opening another.');
  }
}

export const STALE_EPISODE =
  'Someone else changed this crisis episode after you opened it. Your changes have not been saved. Check the episode as it is now, then make your changes again.';

/**
 * The opening pages: one transaction per call, the person's visibility checked first (restricted or
 * unknown → not found), and the audit entry written last.
 */
export class CrisisOpenService {
  constructor(private readonly db: Kysely<DB>) {}

  private person = async (tx: Tx, actor: Actor, personId: string): Promise<PersonRow> => {
    const person = await findVisiblePerson(tx, actor, personId);
    if (!person) throw new NotFoundError();
    return person;
  };

  /** The episode and its person, both visible to the actor, or "not found". */
  private episode = async (tx: Tx, actor: Actor, episodeId: string, lock = false) => {
    const episode = await repo.findEpisode(tx, episodeId, { lock });
    if (!episode) throw new NotFoundError();
    return { episode, person: await this.person(tx, actor, episode.person_id) };
  };

  private choices = async (tx: Tx) => {
    const [settings, patches, workers] = await Promise.all([crisisSettings(tx), patchTeams(tx), caseworkers(tx)]);
    return { settings, patches, workers };
  };

  /** What the referral form needs, and any open episode (the form then says so instead). */
  async referralForm(ctx: RequestContext, personId: string) {
    return withOrg(this.db, ctx.actor.orgId, async (tx) => {
      const person = await this.person(tx, ctx.actor, personId);
      const open = await repo.findOpenEpisodeForPerson(tx, personId);
      const choices = await this.choices(tx);
      await writeAudit(tx, ctx, [
        { action: 'crisis-episode.referral-form', resourceType: 'person', resourceId: personId, personId },
      ]);
      return { person, open: open ?? null, ...choices };
    });
  }

  async refer(ctx: RequestContext, personId: string, input: ReferralInput): Promise<CrisisEpisodeRow> {
    return withOrg(this.db, ctx.actor.orgId, async (tx) => {
      await this.person(tx, ctx.actor, personId);
      const { episode, opened } = await openEpisode(tx, ctx.actor, {
        personId,
        source: 'referral',
        sourceId: null,
        referredBy: input.referredBy,
        referralReason: input.referralReason,
        referredAt: input.referredAt,
        urgencyKey: input.urgencyKey,
        patchId: input.patchId,
        leadWorkerId: input.leadWorkerId,
        routeOfAccess: input.routeOfAccess,
        requestId: ctx.requestId,
      });
      if (!opened) throw new EpisodeAlreadyOpenError(episode.id);
      // Staff have acted on the register's alert by opening the episode: it no longer waits for someone.
      await acknowledgeOpenAlertsFor(tx, ctx, personId, 'Crisis episode opened from a referral');
      return episode;
    });
  }

  /** The episode page: the episode, who and what it names, and the workspace below it. */
  async episodePage(ctx: RequestContext, episodeId: string) {
    return withOrg(this.db, ctx.actor.orgId, async (tx) => {
      const { episode, person } = await this.episode(tx, ctx.actor, episodeId);
      const settings = await crisisSettings(tx);
      const [patchName, leadWorkerName, firstContactByName, source, workspace] = await Promise.all([
        repo.teamName(tx, episode.patch_id),
        repo.staffName(tx, episode.lead_worker_id),
        repo.staffName(tx, episode.first_contact_by),
        this.source(tx, episode),
        loadWorkspace(tx, ctx.actor, episode, settings),
      ]);
      await writeAudit(tx, ctx, [
        { action: 'crisis-episode.view', resourceType: 'crisis_episode', resourceId: episode.id, personId: person.id },
      ]);
      return { episode, person, settings, patchName, leadWorkerName, firstContactByName, source, workspace };
    });
  }

  /** Where the episode came from, with what the page links to. */
  private async source(tx: Tx, episode: CrisisEpisodeRow) {
    if (!episode.source_id) return null;
    if (episode.source === 'partner_event') {
      const [event, alerts] = await Promise.all([
        partnerEventFor(tx, episode.source_id),
        alertsForEvent(tx, episode.source_id, episode.person_id),
      ]);
      return event ? { kind: 'partner_event' as const, event, alertId: alerts[0]?.id ?? null } : null;
    }
    const activation = await activationFor(tx, episode.source_id);
    return activation ? { kind: 'plan_activation' as const, activation } : null;
  }

  /** The triage or first-contact form: the episode as it is now. */
  async episodeForm(
    ctx: RequestContext,
    episodeId: string,
    action: 'crisis-episode.triage-form' | 'crisis-episode.first-contact-form',
  ) {
    return withOrg(this.db, ctx.actor.orgId, async (tx) => {
      const { episode, person } = await this.episode(tx, ctx.actor, episodeId);
      const choices = await this.choices(tx);
      await writeAudit(tx, ctx, [
        { action, resourceType: 'crisis_episode', resourceId: episode.id, personId: person.id },
      ]);
      return { episode, person, ...choices };
    });
  }

  /** Urgency (the response clock re-computed from the referral), patch and lead worker. */
  async triage(ctx: RequestContext, episodeId: string, input: TriageInput): Promise<CrisisEpisodeRow> {
    return withOrg(this.db, ctx.actor.orgId, async (tx) => {
      const { episode } = await this.episode(tx, ctx.actor, episodeId, true);
      if (episode.status !== 'open') throw new ConflictError('This crisis episode has ended, so it cannot be triaged.');
      if (episode.version !== input.version) throw new ConflictError(STALE_EPISODE);
      const urgency = urgencyFor(await crisisSettings(tx), input.urgencyKey);
      const errors = await checkTeamAndWorker(tx, input.patchId, input.leadWorkerId);
      if (errors.length) throw new ValidationError(errors);
      const updated = await repo.updateEpisode(tx, ctx.actor, episode.id, input.version, {
        urgency_key: urgency.key,
        urgency_label: urgency.label,
        response_minutes: urgency.responseMinutes,
        response_due_at: new Date(episode.referred_at.getTime() + urgency.responseMinutes * 60_000),
        patch_id: input.patchId,
        lead_worker_id: input.leadWorkerId,
      });
      if (!updated) throw new ConflictError(STALE_EPISODE);
      await recordAllocationChange(tx, ctx.actor, leadWorkerChange(updated, episode.lead_worker_id, 'Set at triage'));
      await writeAudit(tx, ctx, [
        {
          action: 'crisis-episode.triage',
          resourceType: 'crisis_episode',
          resourceId: episode.id,
          personId: episode.person_id,
        },
      ]);
      return updated;
    });
  }

  /** First contact stops the response clock: recorded once, never before the referral. */
  async recordFirstContact(
    ctx: RequestContext,
    episodeId: string,
    input: FirstContactInput,
  ): Promise<CrisisEpisodeRow> {
    return withOrg(this.db, ctx.actor.orgId, async (tx) => {
      const { episode } = await this.episode(tx, ctx.actor, episodeId, true);
      if (episode.first_contact_at)
        throw new ConflictError('First contact has already been recorded for this crisis episode.');
      if (episode.version !== input.version) throw new ConflictError(STALE_EPISODE);
      if (input.at < episode.referred_at)
        throw new ValidationError([
          { text: 'The date and time of first contact must be after the referral', href: '#at-day' },
        ]);
      const updated = await repo.updateEpisode(tx, ctx.actor, episode.id, input.version, {
        first_contact_at: input.at,
        first_contact_by: actorId(ctx.actor),
        first_contact_note: `${contactMethods[input.how]}: ${input.note}`,
      });
      if (!updated) throw new ConflictError(STALE_EPISODE);
      await writeAudit(tx, ctx, [
        {
          action: 'crisis-episode.first-contact',
          resourceType: 'crisis_episode',
          resourceId: episode.id,
          personId: episode.person_id,
        },
      ]);
      return updated;
    });
  }
}
