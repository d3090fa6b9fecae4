import { sql, type ExpressionBuilder } from 'kysely';
import type { DB } from '../../platform/db/schema.js';
import type { Actor } from '../../platform/access/roles.js';

/**
 * The object-level rule as SQL, so lists and searches filter in the database: organisation is
 * enforced by row-level security (and checked again here); a restricted record is visible only to
 * staff named on it or holding an unexpired break-glass grant. Partner tokens never see them.
 */
export function visibleTo(actor: Actor) {
  return (eb: ExpressionBuilder<DB, 'person'>) => {
    const sameOrg = eb('person.org_id', '=', actor.orgId);
    if (actor.kind !== 'user') return eb.and([sameOrg, eb('person.restricted', '=', false)]);
    return eb.and([
      sameOrg,
      eb.or([
        eb('person.restricted', '=', false),
        eb.exists(
          eb
            .selectFrom('restricted_access as ra')
            .select(sql`1`.as('one'))
            .whereRef('ra.person_id', '=', 'person.id')
            .where('ra.user_id', '=', actor.userId),
        ),
        eb.exists(
          eb
            .selectFrom('break_glass as bg')
            .select(sql`1`.as('one'))
            .whereRef('bg.person_id', '=', 'person.id')
            .where('bg.user_id', '=', actor.userId)
            .where('bg.expires_at', '>', new Date()),
        ),
      ]),
    ]);
  };
}
