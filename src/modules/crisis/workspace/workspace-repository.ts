import { sql, type Insertable, type Updateable } from 'kysely';
import type { Tx } from '../../../platform/db/scope.js';
import { actorId, type Actor } from '../../../platform/access/roles.js';
import type { CrisisEpisodeRow, CrisisServiceTable } from '../tables.js';
import { listNetworkChoices } from '../../people/index.js';
import { findServiceNames } from '../../directory/index.js';

/**
 * The workspace's own tables (actions, services, check-ins, extensions, connections); the episode
 * itself is read and moved on through repository.ts. Every function takes the transaction opened by
 * `withOrg` (row-level security on); the service checks the episode's person is visible first.
 */
export async function listActions(tx: Tx, episodeId: string) {
  return tx
    .selectFrom('crisis_action')
    .selectAll()
    .where('episode_id', '=', episodeId)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
}

/** Mark an open action done; false when it is not this episode's or was already done. */
export async function markActionDone(tx: Tx, episodeId: string, actionId: string, doneOn: string): Promise<boolean> {
  const result = await tx
    .updateTable('crisis_action')
    .set({ done_on: doneOn })
    .where('id', '=', actionId)
    .where('episode_id', '=', episodeId)
    .where('done_on', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function findAction(tx: Tx, episodeId: string, actionId: string) {
  return tx
    .selectFrom('crisis_action')
    .selectAll()
    .where('id', '=', actionId)
    .where('episode_id', '=', episodeId)
    .executeTakeFirst();
}

/** The episode's support, each with its directory service's name (asked of the directory's front door). */
export async function listServices(tx: Tx, episodeId: string) {
  const rows = await tx
    .selectFrom('crisis_service as s')
    .leftJoin('staff_user as u', 'u.id', 's.override_by')
    .selectAll('s')
    .select('u.display_name as override_by_name')
    .where('s.episode_id', '=', episodeId)
    .orderBy('s.starts_on')
    .orderBy('s.created_at')
    .execute();
  return withServiceNames(tx, rows);
}

/** Rows that may name a directory service, given that service's name (null when none or gone). */
async function withServiceNames<R extends { directory_service_id: string | null }>(tx: Tx, rows: R[]) {
  const names = await findServiceNames(
    tx,
    rows.map((r) => r.directory_service_id),
  );
  return rows.map((r) => ({
    ...r,
    directory_service_name: r.directory_service_id ? (names.get(r.directory_service_id)?.name ?? null) : null,
  }));
}

export async function insertService(tx: Tx, values: Insertable<CrisisServiceTable>) {
  return tx.insertInto('crisis_service').values(values).returningAll().executeTakeFirstOrThrow();
}

/** Support still running: not cancelled, and not yet given the outcome the episode's closing reports. */
export async function listOpenServices(tx: Tx, episodeId: string) {
  return tx
    .selectFrom('crisis_service')
    .selectAll()
    .where('episode_id', '=', episodeId)
    .where('status', '=', 'active')
    .where('outcome', 'is', null)
    .orderBy('starts_on')
    .execute();
}

/** One support item of this episode (a write has already locked the episode). */
export async function findService(tx: Tx, episodeId: string, serviceId: string) {
  return tx
    .selectFrom('crisis_service')
    .selectAll()
    .where('id', '=', serviceId)
    .where('episode_id', '=', episodeId)
    .executeTakeFirst();
}

/** Correct, end or cancel a support item: a new version, and who made it. */
export async function updateService(
  tx: Tx,
  actor: Actor,
  serviceId: string,
  changes: Updateable<CrisisServiceTable>,
): Promise<void> {
  await tx
    .updateTable('crisis_service')
    .set({ ...changes, version: sql`version + 1`, updated_at: new Date(), updated_by: actorId(actor) })
    .where('id', '=', serviceId)
    .execute();
}

export async function listCheckIns(tx: Tx, episodeId: string) {
  return tx
    .selectFrom('crisis_check_in as c')
    .leftJoin('staff_user as u', 'u.id', 'c.created_by')
    .selectAll('c')
    .select('u.display_name as created_by_name')
    .where('c.episode_id', '=', episodeId)
    .orderBy('c.held_on', 'desc')
    .orderBy('c.created_at', 'desc')
    .execute();
}

export async function insertCheckIn(
  tx: Tx,
  actor: Actor,
  episode: CrisisEpisodeRow,
  c: { heldOn: string; how: string; isWorking: string; coping: string; needsToChange: string },
) {
  return tx
    .insertInto('crisis_check_in')
    .values({
      org_id: episode.org_id,
      episode_id: episode.id,
      held_on: c.heldOn,
      how: c.how,
      is_working: c.isWorking,
      coping: c.coping,
      needs_to_change: c.needsToChange,
      created_by: actorId(actor),
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function listExtensions(tx: Tx, episodeId: string) {
  return tx
    .selectFrom('crisis_extension as x')
    .leftJoin('staff_user as u', 'u.id', 'x.decided_by')
    .selectAll('x')
    .select('u.display_name as decided_by_name')
    .where('x.episode_id', '=', episodeId)
    .orderBy('x.decided_at')
    .execute();
}

export async function insertExtension(
  tx: Tx,
  actor: Actor,
  episode: CrisisEpisodeRow,
  newEndsOn: string,
  reason: string,
) {
  return tx
    .insertInto('crisis_extension')
    .values({
      org_id: episode.org_id,
      episode_id: episode.id,
      previous_ends_on: episode.ends_on,
      new_ends_on: newEndsOn,
      reason,
      decided_by: actorId(actor),
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function listConnections(tx: Tx, episodeId: string) {
  const rows = await tx
    .selectFrom('crisis_connection')
    .selectAll()
    .where('episode_id', '=', episodeId)
    .orderBy('created_at')
    .execute();
  return withServiceNames(tx, rows);
}

export async function insertConnections(
  tx: Tx,
  actor: Actor,
  episode: CrisisEpisodeRow,
  serviceIds: string[],
  note: string | null,
): Promise<void> {
  const rows =
    serviceIds.length > 0
      ? serviceIds.map((id) => ({ directory_service_id: id as string | null, note: note ?? '' }))
      : note
        ? [{ directory_service_id: null, note }]
        : [];
  if (rows.length === 0) return;
  await tx
    .insertInto('crisis_connection')
    .values(rows.map((r) => ({ ...r, org_id: episode.org_id, episode_id: episode.id, created_by: actorId(actor) })))
    .execute();
}

/** The person's current, staff-visible relationships, to name a helper from. */
export async function listNetwork(tx: Tx, personId: string) {
  const rows = await listNetworkChoices(tx, personId);
  return rows
    .filter((r) => !r.restricted)
    .map((r) => ({
      id: r.id,
      name: r.contact_name ?? `${r.given_name ?? ''} ${r.family_name ?? ''}`.trim(),
      relationshipType: r.relationship_type,
    }));
}

/** Who last changed the episode, how and when (from the audit log), to explain a refused stale form. */
export async function lastEpisodeChange(tx: Tx, episode: CrisisEpisodeRow, writeActions: string[]) {
  return tx
    .selectFrom('audit_event as a')
    .leftJoin('staff_user as u', 'u.id', 'a.actor_id')
    .select(['a.action', 'a.at', 'u.display_name'])
    .where('a.person_id', '=', episode.person_id)
    .where('a.resource_type', '=', 'crisis_episode')
    .where('a.resource_id', '=', episode.id)
    .where('a.action', 'in', writeActions)
    .orderBy('a.at', 'desc')
    .limit(1)
    .executeTakeFirst();
}
