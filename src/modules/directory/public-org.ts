import type { Kysely } from 'kysely';
import type { DB } from '../../platform/db/schema.js';

/**
 * Whose directory the public pages and the open ORUK API publish. One deployment serves one council;
 * `DIRECTORY_ORG_ODS_CODE` (config.directoryOrgOdsCode) names it when the database holds several organisations, otherwise it is
 * the first council created. Resolved once per process (organisations are not renamed at run time).
 */
const cache = new WeakMap<Kysely<DB>, Promise<string | null>>();

export function publicDirectoryOrgId(db: Kysely<DB>, odsCode: string | undefined): Promise<string | null> {
  let found = cache.get(db);
  if (!found) {
    found = resolve(db, odsCode);
    // A failed lookup (database not ready) is not remembered.
    found.catch(() => cache.delete(db));
    cache.set(db, found);
  }
  return found;
}

async function resolve(db: Kysely<DB>, odsCode: string | undefined): Promise<string | null> {
  let query = db.selectFrom('organisation').select('id').where('kind', '=', 'council');
  if (odsCode) query = query.where('ods_code', '=', odsCode);
  const row = await query.orderBy('created_at').orderBy('id').limit(1).executeTakeFirst();
  return row?.id ?? null;
}
