import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from './schema.js';
import { PREPARE_MARK } from './prepared.js';

export type Tx = Transaction<DB>;

/**
 * Run `work` in one transaction as the application role with row-level security keyed on the
 * organisation. This is how every read and write of domain data happens: even a query that forgot
 * its `where org_id = …` cannot see another organisation's rows.
 */
export async function withOrg<T>(db: Kysely<DB>, orgId: string, work: (tx: Tx) => Promise<T>): Promise<T> {
  return db.transaction().execute(async (tx) => {
    await sql`${sql.raw(PREPARE_MARK)} select set_config('app.org_id', ${orgId}, true), set_config('role', 'tl_app', true)`.execute(
      tx,
    );
    return work(tx);
  });
}

/**
 * The organisation of the current withOrg transaction (null outside one), as the policies read it.
 * A check that must hold even if someone runs it on the owner's connection, which row-level security
 * does not bind, filters on this too: outside an organisation's scope it then finds nothing.
 */
export const scopedOrgId = sql<string>`nullif(current_setting('app.org_id', true), '')::uuid`;
