import { Temporal } from 'temporal-polyfill';
import type { Tx } from '../../platform/db/scope.js';
import type { Insertable } from 'kysely';
import type { CrisisEpisodeRow, CrisisEpisodeTable, CrisisSource } from './tables.js';
import { actorId, type Actor } from '../../platform/access/roles.js';
import { writeAudit } from '../../platform/audit/audit.js';
import { NotFoundError, ValidationError, type FieldError } from '../../platform/http/errors.js';
import { labelFor } from '../../platform/cld/index.js';
import { syncEpisodeEvents } from './cld-sync.js';
import { crisisSettings, type CrisisSettings, type UrgencyLevel } from './settings.js';
import { londonParts } from './schema.js';
import * as repo from './repository.js';
import { isOwnTeam } from '../../platform/db/teams.js';
import { isOwnCaseworker } from '../../platform/db/staff.js';
import { recordAllocationChange } from '../casework/index.js';

/** The kind casework knows an open episode by (its work source, work-source.ts). */
export const EPISODE_WORK_KIND = 'crisis-episode';

/** Everything an episode starts from, whichever door it came through. */
export interface OpenEpisodeInput {
  personId: string;
  source: CrisisSource;
  /** The partner event or plan activation; null for a staff referral. */
  sourceId: string | null;
  referredBy: string;
  referralReason: string;
  referredAt: Date;
  urgencyKey: string;
  patchId: string | null;
  leadWorkerId: string | null;
  /** CLD 'Request: Route of Access' for the request event. */
  routeOfAccess: string;
  wants?: string;
  goals?: string[];
  /** The contingency plan snapshot, when the episode comes from an activation. */
  prefill?: unknown;
  /** "Who does what" from the plan, as the episode's first actions. */
  actions?: { description: string; who: string }[];
  requestId?: string | undefined;
}

/** `opened` false: the person already had an open episode, or this source already opened one; `episode` is that one. */
export interface OpenEpisodeResult {
  episode: CrisisEpisodeRow;
  opened: boolean;
}

export const mostUrgent = (settings: CrisisSettings): UrgencyLevel =>
  settings.urgencyLevels.reduce((a, b) => (b.responseMinutes < a.responseMinutes ? b : a));

export const londonDate = (at: Date): string => londonParts(at).date;

/**
 * A patch team and a lead worker of the organisation, or the field errors that say which is wrong.
 * The foreign keys alone would take another council's patch or worker.
 */
export async function checkTeamAndWorker(
  tx: Tx,
  patchId: string | null,
  leadWorkerId: string | null,
): Promise<FieldError[]> {
  const errors: FieldError[] = [];
  if (patchId && !(await isOwnTeam(tx, patchId, { patchOnly: true })))
    errors.push({ text: 'Select a patch team from the list', href: '#patchId' });
  if (leadWorkerId && !(await isOwnCaseworker(tx, leadWorkerId)))
    errors.push({ text: 'Select a lead worker from the list', href: '#leadWorkerId' });
  return errors;
}

export function urgencyFor(settings: CrisisSettings, key: string): UrgencyLevel {
  const level = settings.urgencyLevels.find((l) => l.key === key);
  if (!level) throw new ValidationError([{ text: 'Select how urgent it is', href: '#urgencyKey' }]);
  return level;
}

/**
 * Open a crisis episode inside the caller's transaction: the episode with its clocks, the CLD
 * 'Request' event (open until the response is decided: see cld-events.ts), the link between them, any
 * first actions, and the audit entry. A person has one open episode at a time and a partner event
 * or activation opens at most one: in either case nothing is written and the existing one returned.
 */
export async function openEpisode(tx: Tx, actor: Actor, input: OpenEpisodeInput): Promise<OpenEpisodeResult> {
  const settings = await crisisSettings(tx);
  const urgency = urgencyFor(settings, input.urgencyKey);
  if (!(await repo.lockPerson(tx, input.personId))) throw new NotFoundError();
  const existing = await existingEpisode(tx, input);
  if (existing) return { episode: existing, opened: false };
  await checkOpening(tx, input);
  const inserted = await repo.insertEpisode(tx, newEpisode(actor, input, urgency, settings));
  if (!inserted) {
    // Another transaction opened it from the same source a moment ago.
    const raced = input.sourceId ? await repo.findEpisodeBySource(tx, input.source, input.sourceId) : undefined;
    if (!raced) throw new Error('crisis episode conflict without a row');
    return { episode: raced, opened: false };
  }
  await syncEpisodeEvents(tx, actor, inserted.id, { routeOfAccess: input.routeOfAccess });
  await repo.insertActions(tx, actor, inserted.id, input.actions ?? []);
  await recordAllocationChange(tx, actor, leadWorkerChange(inserted, null, 'Lead worker named at referral'));
  await writeAudit(tx, { actor, requestId: input.requestId }, [
    {
      action: 'crisis-episode.open',
      resourceType: 'crisis_episode',
      resourceId: inserted.id,
      personId: input.personId,
    },
  ]);
  return { episode: (await repo.findEpisode(tx, inserted.id))!, opened: true };
}

/** The lead worker is the episode's allocation (work-source.ts): casework keeps the history of its changes. */
export function leadWorkerChange(episode: CrisisEpisodeRow, from: string | null, note: string) {
  return {
    kind: EPISODE_WORK_KIND,
    workId: episode.id,
    personId: episode.person_id,
    fromWorkerId: from,
    toWorkerId: episode.lead_worker_id,
    note,
  };
}

/** The episode this source already opened, or the person's open one: either is joined, not doubled. */
async function existingEpisode(tx: Tx, input: OpenEpisodeInput): Promise<CrisisEpisodeRow | undefined> {
  const fromSource = input.sourceId ? await repo.findEpisodeBySource(tx, input.source, input.sourceId) : undefined;
  return fromSource ?? (await repo.findOpenEpisodeForPerson(tx, input.personId));
}

/** The route of access must be CLD's, and the patch and lead worker the organisation's own. */
async function checkOpening(tx: Tx, input: OpenEpisodeInput): Promise<void> {
  if (!labelFor('routeOfAccess', input.routeOfAccess))
    throw new ValidationError([{ text: 'Select the route of access from the list', href: '#routeOfAccess' }]);
  const errors = await checkTeamAndWorker(tx, input.patchId, input.leadWorkerId);
  if (errors.length) throw new ValidationError(errors);
}

/** The new episode's row: the response clock from the referral, the time limit and first check-in from its day. */
function newEpisode(
  actor: Actor,
  input: OpenEpisodeInput,
  urgency: UrgencyLevel,
  settings: CrisisSettings,
): Insertable<CrisisEpisodeTable> {
  const startsOn = Temporal.PlainDate.from(londonDate(input.referredAt));
  return {
    org_id: actor.orgId,
    person_id: input.personId,
    patch_id: input.patchId,
    lead_worker_id: input.leadWorkerId,
    source: input.source,
    source_id: input.sourceId,
    referred_by: input.referredBy,
    referral_reason: input.referralReason,
    referred_at: input.referredAt,
    urgency_key: urgency.key,
    urgency_label: urgency.label,
    response_minutes: urgency.responseMinutes,
    response_due_at: new Date(input.referredAt.getTime() + urgency.responseMinutes * 60_000),
    wants: input.wants ?? '',
    goals: JSON.stringify(input.goals ?? []),
    prefill: input.prefill === undefined ? null : JSON.stringify(input.prefill),
    starts_on: startsOn.toString(),
    ends_on: startsOn.add({ days: settings.timeLimitDays }).toString(),
    next_check_in_due: startsOn.add({ days: 1 }).toString(),
    created_by: actorId(actor),
    updated_at: new Date(),
    updated_by: actorId(actor),
  };
}
