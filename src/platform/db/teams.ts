import { scopedOrgId, type Tx } from './scope.js';

/**
 * Teams and patches belong to one council; row-level security (migrations/0015) shows a request
 * only its own organisation's. Lists come from here, and so does the check every write that names a
 * team makes: a foreign key would accept another council's team (foreign keys bypass row-level
 * security), so the id must be visible in the request's organisation scope first.
 */

/** The organisation's patch teams by name (row-level security picks the organisation), as every module offers them. */
export async function patchTeams(tx: Tx) {
  return tx.selectFrom('team').select(['id', 'name']).where('is_patch', '=', true).orderBy('name').execute();
}

/**
 * Whether `id` names a team of the organisation in scope — a patch, when `patchOnly`. Call it inside
 * withOrg before saving an id a form or API sent; the caller words the field error.
 */
export async function isOwnTeam(tx: Tx, id: string, { patchOnly }: { patchOnly: boolean }): Promise<boolean> {
  let query = tx.selectFrom('team').select('id').where('id', '=', id).where('org_id', '=', scopedOrgId);
  if (patchOnly) query = query.where('is_patch', '=', true);
  return (await query.executeTakeFirst()) !== undefined;
}
