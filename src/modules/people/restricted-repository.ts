import type { Tx } from '../../platform/db/scope.js';
import type { Actor, Role, UserActor } from '../../platform/access/roles.js';
import { visibleTo } from './visibility.js';

/** Queries behind restricted records, break glass and the restricted NHS-number match. */

/** Roles that may be named on a restricted record: the ones that can read person records at all. */
export const nameableRoles: readonly Role[] = ['practitioner', 'team_manager', 'finance_officer', 'broker'];

/** A break-glass grant lasts one hour: long enough for an emergency, short enough to stay exceptional. */
export const BREAK_GLASS_MINUTES = 60;

export async function listNamedStaff(tx: Tx, personId: string) {
  return tx
    .selectFrom('restricted_access as ra')
    .innerJoin('staff_user as u', 'u.id', 'ra.user_id')
    .select(['u.id', 'u.display_name', 'u.role', 'ra.granted_at'])
    .where('ra.person_id', '=', personId)
    .orderBy('u.display_name')
    .execute();
}

/** Staff of the actor's organisation who could be named (row-level security filters too; the org filter says so here). */
export async function listNameableStaff(tx: Tx, orgId: string) {
  return tx
    .selectFrom('staff_user')
    .select(['id', 'display_name', 'role'])
    .where('org_id', '=', orgId)
    .where('role', 'in', nameableRoles)
    .where('disabled_at', 'is', null)
    .orderBy('display_name')
    .orderBy('id')
    .execute();
}

export async function setRestricted(tx: Tx, actor: UserActor, personId: string, restricted: boolean) {
  // Not a versioned edit: the person form never writes `restricted`, so the two cannot overwrite each other.
  await tx
    .updateTable('person')
    .set({ restricted, updated_at: new Date(), updated_by: actor.userId })
    .where('id', '=', personId)
    .execute();
}

/** Make the named staff exactly `userIds`; returns who was added and who removed. */
export async function replaceNamedStaff(tx: Tx, actor: UserActor, personId: string, userIds: readonly string[]) {
  const current = (
    await tx.selectFrom('restricted_access').select('user_id').where('person_id', '=', personId).execute()
  ).map((r) => r.user_id);
  const added = userIds.filter((id) => !current.includes(id));
  const removed = current.filter((id) => !userIds.includes(id));
  if (removed.length)
    await tx
      .deleteFrom('restricted_access')
      .where('person_id', '=', personId)
      .where('user_id', 'in', removed)
      .execute();
  if (added.length) {
    await tx
      .insertInto('restricted_access')
      .values(added.map((user_id) => ({ org_id: actor.orgId, person_id: personId, user_id, granted_by: actor.userId })))
      .execute();
  }
  return { added, removed };
}

export async function insertBreakGlass(tx: Tx, actor: UserActor, personId: string, reason: string) {
  const expiresAt = new Date(Date.now() + BREAK_GLASS_MINUTES * 60_000);
  return tx
    .insertInto('break_glass')
    .values({ org_id: actor.orgId, person_id: personId, user_id: actor.userId, reason, expires_at: expiresAt })
    .returning(['id', 'expires_at'])
    .executeTakeFirstOrThrow();
}

/**
 * A restricted record in the actor's organisation with exactly this NHS number that the actor cannot
 * see. Only an exact NHS number — something the searcher already holds — may reveal that one exists.
 */
export async function findRestrictedNhsMatch(tx: Tx, actor: Actor, nhsNumber: string): Promise<string | null> {
  if (actor.kind !== 'user') return null;
  const row = await tx
    .selectFrom('person')
    .select('id')
    .where('org_id', '=', actor.orgId)
    .where('nhs_number', '=', nhsNumber)
    .where('restricted', '=', true)
    .where((eb) => eb.not(visibleTo(actor)(eb)))
    .executeTakeFirst();
  return row?.id ?? null;
}

/** Staff ids that belong to the organisation and may be named (guards the form's hidden values). */
export async function filterNameable(tx: Tx, orgId: string, userIds: readonly string[]): Promise<string[]> {
  if (userIds.length === 0) return [];
  const rows = await tx
    .selectFrom('staff_user')
    .select('id')
    .where('org_id', '=', orgId)
    .where('id', 'in', userIds)
    .where('role', 'in', nameableRoles)
    .where('disabled_at', 'is', null)
    .execute();
  return rows.map((r) => r.id);
}
