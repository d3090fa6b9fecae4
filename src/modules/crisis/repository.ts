import { sql, type Insertable, type Updateable } from 'kysely';
import type { Tx } from '../../platform/db/scope.js';
import type { CrisisEpisodeRow, CrisisEpisodeTable, CrisisSource } from './tables.js';
import { actorId, type Actor } from '../../platform/access/roles.js';

// Opening an episode locks the person's row so two openings for one person queue; the row is
// people's, so the lock is taken through people's front door.
export { lockPerson } from '../people/index.js';

/**
 * The crisis episode and its actions, shared by the opening work and the workspace. Row-level
 * security keeps each organisation's rows apart; the services check the episode's person is one the
 * actor may see (restricted records) before anything is shown or changed.
 */

/** The episode by id (locked for a write). Callers then load its person through findVisiblePerson, which decides "not found". */
export async function findEpisode(
  tx: Tx,
  episodeId: string,
  opts: { lock?: boolean } = {},
): Promise<CrisisEpisodeRow | undefined> {
  const query = tx.selectFrom('crisis_episode').selectAll().where('id', '=', episodeId);
  return (opts.lock ? query.forUpdate() : query).executeTakeFirst();
}

export async function findOpenEpisodeForPerson(tx: Tx, personId: string): Promise<CrisisEpisodeRow | undefined> {
  return tx
    .selectFrom('crisis_episode')
    .selectAll()
    .where('person_id', '=', personId)
    .where('status', '=', 'open')
    .orderBy('referred_at', 'desc')
    .executeTakeFirst();
}

export async function findEpisodeBySource(
  tx: Tx,
  source: CrisisSource,
  sourceId: string,
): Promise<CrisisEpisodeRow | undefined> {
  return tx
    .selectFrom('crisis_episode')
    .selectAll()
    .where('source', '=', source)
    .where('source_id', '=', sourceId)
    .executeTakeFirst();
}

/** Insert unless an episode already came from this source (the unique index decides, even for concurrent calls). */
export async function insertEpisode(
  tx: Tx,
  values: Insertable<CrisisEpisodeTable>,
): Promise<CrisisEpisodeRow | undefined> {
  return tx
    .insertInto('crisis_episode')
    .values(values)
    .onConflict((oc) => oc.columns(['org_id', 'source', 'source_id']).where('source_id', 'is not', null).doNothing())
    .returningAll()
    .executeTakeFirst();
}

export async function setRequestEvent(tx: Tx, episodeId: string, eventId: string): Promise<void> {
  await tx.updateTable('crisis_episode').set({ cld_request_event_id: eventId }).where('id', '=', episodeId).execute();
}

export async function insertActions(
  tx: Tx,
  actor: Actor,
  episodeId: string,
  actions: readonly { description: string; who: string; dueOn?: string | null }[],
): Promise<void> {
  if (!actions.length) return;
  await tx
    .insertInto('crisis_action')
    .values(
      actions.map((a) => ({
        org_id: actor.orgId,
        episode_id: episodeId,
        description: a.description,
        who: a.who,
        due_on: a.dueOn ?? null,
        created_by: actorId(actor),
      })),
    )
    .execute();
}

export async function staffName(tx: Tx, id: string | null): Promise<string | null> {
  if (!id) return null;
  const row = await tx.selectFrom('staff_user').select('display_name').where('id', '=', id).executeTakeFirst();
  return row?.display_name ?? null;
}

export async function teamName(tx: Tx, id: string | null): Promise<string | null> {
  if (!id) return null;
  const row = await tx.selectFrom('team').select('name').where('id', '=', id).executeTakeFirst();
  return row?.name ?? null;
}

/**
 * Apply `changes` and move the episode on one version, only if it is still at `version`: the check is
 * part of the UPDATE, so two writers can never both win. Every write to an episode goes through here.
 */
export async function updateEpisode(
  tx: Tx,
  actor: Actor,
  episodeId: string,
  version: number,
  changes: Updateable<CrisisEpisodeTable> = {},
): Promise<CrisisEpisodeRow | undefined> {
  return tx
    .updateTable('crisis_episode')
    .set({ ...changes, version: sql<number>`version + 1`, updated_at: new Date(), updated_by: actorId(actor) })
    .where('id', '=', episodeId)
    .where('version', '=', version)
    .returningAll()
    .executeTakeFirst();
}

/** An episode opened some other way takes the plan's content when a plan is activated for it; what staff already wrote stays. */
export async function prefillEpisode(
  tx: Tx,
  actor: Actor,
  episode: CrisisEpisodeRow,
  fill: { prefill: unknown; wants: string; goals: string[] },
): Promise<void> {
  const hasGoals = Array.isArray(episode.goals) && episode.goals.length > 0;
  await tx
    .updateTable('crisis_episode')
    .set({
      prefill: JSON.stringify(fill.prefill),
      ...(episode.wants.trim() ? {} : { wants: fill.wants }),
      ...(hasGoals ? {} : { goals: JSON.stringify(fill.goals) }),
      version: sql<number>`version + 1`,
      updated_at: new Date(),
      updated_by: actorId(actor),
    })
    .where('id', '=', episode.id)
    .execute();
}

export async function episodesForPerson(tx: Tx, personId: string) {
  return tx
    .selectFrom('crisis_episode')
    .select([
      'id',
      'status',
      'referred_at',
      'referral_reason',
      'urgency_label',
      'first_contact_at',
      'starts_on',
      'ends_on',
      'closed_on',
      'what_followed',
      'source',
    ])
    .where('person_id', '=', personId)
    .orderBy('referred_at', 'desc')
    .execute();
}

/** The episode (and person) a support or assessment record belongs to, for the timeline's links. */
export async function episodeOfRecord(tx: Tx, table: 'crisis_service' | 'crisis_assessment', recordId: string) {
  return tx.selectFrom(table).select(['episode_id', 'person_id']).where('id', '=', recordId).executeTakeFirst();
}

/** Every support item of the episode, cancelled ones too (what its CLD events are derived from). */
export async function listEpisodeSupport(tx: Tx, episodeId: string) {
  return tx
    .selectFrom('crisis_service')
    .selectAll()
    .where('episode_id', '=', episodeId)
    .orderBy('created_at')
    .execute();
}

/** The CLD event a support item reports as while the crisis lasts (null: none). */
export async function setSupportEvent(tx: Tx, serviceId: string, eventId: string | null): Promise<void> {
  await tx.updateTable('crisis_service').set({ cld_event_id: eventId }).where('id', '=', serviceId).execute();
}
