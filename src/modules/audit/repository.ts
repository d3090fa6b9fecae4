import { sql } from 'kysely';
import type { Tx } from '../../platform/db/scope.js';
import { listBreakGlass as listBreakGlassPage } from '../people/index.js';

/**
 * Reads of the audit log, and (through people's index.ts) of the break-glass register. audit_event
 * and staff_user carry no row-level security (audit_event is shared by the chain; staff_user is read
 * at sign-in), so every query here names the organisation itself.
 */
export const AUDIT_PAGE_SIZE = 50;

export async function listPersonAudit(tx: Tx, orgId: string, personId: string, page: number) {
  const rows = await tx
    .selectFrom('audit_event as a')
    .leftJoin('staff_user as u', (join) =>
      join.onRef('u.id', '=', 'a.actor_id').on('a.actor_kind', '=', 'user').on('u.org_id', '=', orgId),
    )
    .leftJoin('api_token as t', (join) =>
      join.onRef('t.id', '=', 'a.actor_id').on('a.actor_kind', '=', 'api_token').on('t.org_id', '=', orgId),
    )
    .select([
      'a.id',
      'a.at',
      'a.action',
      'a.actor_kind',
      'a.reason',
      'u.display_name',
      'u.role',
      't.name as token_name',
    ])
    .select(sql<number>`count(*) over ()`.as('total_count'))
    .where('a.org_id', '=', orgId)
    // An entry about them alone, a listing page that showed them among others, or the same listing
    // seen again unchanged (which points at the entry that listed them).
    .where(
      'a.id',
      'in',
      sql<number>`(
      select id from audit_event where org_id = ${orgId}::uuid and person_id = ${personId}::uuid
      union all
      select id from audit_event where org_id = ${orgId}::uuid and person_ids @> array[${personId}::uuid]
      union all
      select again.id from audit_event again where again.org_id = ${orgId}::uuid and again.same_people_as in (
        select id from audit_event where org_id = ${orgId}::uuid and person_ids @> array[${personId}::uuid]))`,
    )
    .orderBy('a.at', 'desc')
    .orderBy('a.id', 'desc')
    .limit(AUDIT_PAGE_SIZE)
    .offset((page - 1) * AUDIT_PAGE_SIZE)
    .execute();
  return { rows, total: rows[0] ? Number(rows[0].total_count) : 0 };
}

/**
 * One page of the break-glass register. The register is people's (break_glass is their table), so
 * the reads and the review go through people's front door; audit only pages them.
 */
export async function listBreakGlass(tx: Tx, orgId: string, page: number) {
  return listBreakGlassPage(tx, orgId, { limit: AUDIT_PAGE_SIZE, offset: (page - 1) * AUDIT_PAGE_SIZE });
}

export { countUnreviewedBreakGlass, findBreakGlass, markBreakGlassReviewed } from '../people/index.js';
