import { sql } from 'kysely';
import type { Tx } from '../../platform/db/scope.js';

/**
 * Reads of the audit log and the break-glass register. audit_event and staff_user carry no
 * row-level security (audit_event is shared by the chain; staff_user is read at sign-in), so every
 * query here names the organisation itself.
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

/** Every break-glass use in the organisation, newest first (person names via RLS-scoped person). */
export async function listBreakGlass(tx: Tx, orgId: string, page: number) {
  const rows = await tx
    .selectFrom('break_glass as b')
    .innerJoin('person as p', 'p.id', 'b.person_id')
    .innerJoin('staff_user as u', 'u.id', 'b.user_id')
    .leftJoin('staff_user as r', 'r.id', 'b.reviewed_by')
    .select([
      'b.id',
      'b.person_id',
      'b.reason',
      'b.started_at',
      'b.expires_at',
      'b.reviewed_at',
      'p.given_name',
      'p.family_name',
      'p.council_person_id',
      'u.display_name as user_name',
      'u.role as user_role',
      'r.display_name as reviewer_name',
    ])
    .select(sql<number>`count(*) over ()`.as('total_count'))
    .where('b.org_id', '=', orgId)
    .orderBy('b.started_at', 'desc')
    .orderBy('b.id', 'desc')
    .limit(AUDIT_PAGE_SIZE)
    .offset((page - 1) * AUDIT_PAGE_SIZE)
    .execute();
  return { rows, total: rows[0] ? Number(rows[0].total_count) : 0 };
}

export async function countUnreviewedBreakGlass(tx: Tx, orgId: string): Promise<number> {
  const row = await tx
    .selectFrom('break_glass')
    .select(sql<number>`count(*)::int`.as('n'))
    .where('org_id', '=', orgId)
    .where('reviewed_at', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Mark reviewed once; a second review changes nothing and returns undefined. */
export async function markBreakGlassReviewed(tx: Tx, orgId: string, id: string, reviewerId: string) {
  return tx
    .updateTable('break_glass')
    .set({ reviewed_at: new Date(), reviewed_by: reviewerId })
    .where('id', '=', id)
    .where('org_id', '=', orgId)
    .where('reviewed_at', 'is', null)
    .returning(['id', 'person_id'])
    .executeTakeFirst();
}

export async function findBreakGlass(tx: Tx, orgId: string, id: string) {
  return tx
    .selectFrom('break_glass')
    .select(['id', 'person_id', 'reviewed_at'])
    .where('id', '=', id)
    .where('org_id', '=', orgId)
    .executeTakeFirst();
}
