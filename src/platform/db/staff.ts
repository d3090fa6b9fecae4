import { scopedOrgId, type Tx } from './scope.js';

/**
 * Staff belong to one council; row-level security (migrations/0015) shows a request only its own
 * organisation's. Lists of people to give work to come from here, and so does the check every write
 * that names a worker makes: a foreign key would accept another council's worker (foreign keys
 * bypass row-level security), so the id must be visible in the request's organisation scope first.
 */

/** Who can lead an episode or be given a follow-up: practitioners and team managers who can still sign in. */
export async function caseworkers(tx: Tx) {
  return tx
    .selectFrom('staff_user')
    .select(['id', 'display_name', 'team_id'])
    .where('role', 'in', ['practitioner', 'team_manager'])
    .where('disabled_at', 'is', null)
    .orderBy('display_name')
    .execute();
}

/**
 * Whether `id` is a caseworker (as listed above) of the organisation in scope. Call it inside withOrg
 * before saving an id a form or API sent; the caller words the field error.
 */
export async function isOwnCaseworker(tx: Tx, id: string): Promise<boolean> {
  const row = await tx
    .selectFrom('staff_user')
    .select('id')
    .where('id', '=', id)
    .where('org_id', '=', scopedOrgId)
    .where('role', 'in', ['practitioner', 'team_manager'])
    .where('disabled_at', 'is', null)
    .executeTakeFirst();
  return row !== undefined;
}
