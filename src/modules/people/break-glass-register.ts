import { sql } from 'kysely';
import type { Tx } from '../../platform/db/scope.js';

/**
 * The break-glass register as the audit module's oversight pages read and review it. The entries are
 * people's (a break-glass grant is part of who may see a restricted record), so the queries live here
 * and the audit module calls them through people's index.ts. staff_user carries no row-level
 * security, so every query names the organisation itself.
 */

/**
 * Every break-glass use in the organisation, newest first, one page of them, with the person's name
 * whether or not the record is restricted (reviewing those uses is the point of the register).
 */
export async function listBreakGlass(tx: Tx, orgId: string, page: { limit: number; offset: number }) {
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
    .limit(page.limit)
    .offset(page.offset)
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
