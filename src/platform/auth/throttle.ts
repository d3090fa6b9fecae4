import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.js';

export const MAX_FAILURES = 5;
export const WINDOW_MS = 15 * 60_000;
export const LOCK_MS = 15 * 60_000;

/**
 * Failed sign-ins are counted per account name and per address, in the database so that every app
 * server sees the same counts. Unknown account names are counted exactly like known ones, so the
 * lock-out itself cannot reveal whether an account exists.
 */
export async function isLocked(db: Kysely<DB>, keys: string[], now = new Date()): Promise<boolean> {
  const rows = await db.selectFrom('sign_in_throttle').select(['locked_until']).where('key', 'in', keys).execute();
  return rows.some((r) => r.locked_until && new Date(r.locked_until).getTime() > now.getTime());
}

export async function recordFailure(db: Kysely<DB>, keys: string[], now = new Date()): Promise<void> {
  for (const key of keys) {
    const row = await db.selectFrom('sign_in_throttle').selectAll().where('key', '=', key).executeTakeFirst();
    const inWindow = row && now.getTime() - new Date(row.window_started_at).getTime() < WINDOW_MS;
    const failures = inWindow ? row.failures + 1 : 1;
    const values = {
      failures,
      window_started_at: inWindow ? row.window_started_at : now,
      locked_until: failures >= MAX_FAILURES ? new Date(now.getTime() + LOCK_MS) : null,
    };
    await db.insertInto('sign_in_throttle').values({ key, ...values }).onConflict((oc) => oc.column('key').doUpdateSet(values)).execute();
  }
}

export async function clearFailures(db: Kysely<DB>, key: string): Promise<void> {
  await db.deleteFrom('sign_in_throttle').where('key', '=', key).execute();
}
