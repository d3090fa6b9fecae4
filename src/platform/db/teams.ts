import type { Tx } from './scope.js';

/** The organisation's patch teams by name (row-level security picks the organisation), as every module offers them. */
export async function patchTeams(tx: Tx) {
  return tx.selectFrom('team').select(['id', 'name']).where('is_patch', '=', true).orderBy('name').execute();
}
