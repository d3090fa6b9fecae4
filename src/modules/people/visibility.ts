import { sql, type ExpressionBuilder, type RawBuilder } from 'kysely';
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

/**
 * The same rule as visibleTo, as one SQL fragment over a person table aliased `alias`, whose text
 * is the same for every actor (only the parameters differ), so a statement built with it can be
 * prepared once per connection. A partner token has no user id: `user_id = null` is never true, so
 * it sees exactly the unrestricted records, as visibleTo says.
 */
export function visibleSql(alias: 'p' | 'owner', actor: Actor): RawBuilder<boolean> {
  const userId = actor.kind === 'user' ? actor.userId : null;
  const a = sql.raw(alias);
  return sql<boolean>`(${a}.org_id = ${actor.orgId}::uuid and (${a}.restricted = false
    or exists (select 1 from restricted_access ra where ra.person_id = ${a}.id and ra.user_id = ${userId}::uuid)
    or exists (select 1 from break_glass bg where bg.person_id = ${a}.id and bg.user_id = ${userId}::uuid
      and bg.expires_at > ${new Date()}::timestamptz)))`;
}
