import { createHash } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import type { DB } from '../db/schema.js';

/** Failures allowed for one account name in the window before it is locked. */
export const MAX_FAILURES = 5;
/**
 * Failures allowed from one address. Higher than per account because a council office reaches us
 * through one address; still low enough to stop one machine trying a password against many names.
 */
export const MAX_ADDRESS_FAILURES = 20;
export const WINDOW_MS = 15 * 60_000;
export const LOCK_MS = 15 * 60_000;

/**
 * The throttle keys for an attempt. Both are hashed: people sometimes type a password into the
 * username box, and addresses are personal data, so neither is stored as typed.
 */
export function throttleKeys(username: string, address: string): { account: string; address: string } {
  const digest = (v: string) => createHash('sha256').update(v).digest('hex');
  return { account: `user:${digest(username.trim().toLowerCase())}`, address: `ip:${digest(address)}` };
}

function limitFor(key: string): number {
  return key.startsWith('ip:') ? MAX_ADDRESS_FAILURES : MAX_FAILURES;
}

/**
 * Failed sign-ins are counted per account name and per address, in the database so that every app
 * server sees the same counts. Unknown account names are counted exactly like known ones, so the
 * lock-out itself cannot reveal whether an account exists.
 */
export async function isLocked(db: Kysely<DB>, keys: string[], now = new Date()): Promise<boolean> {
  const rows = await db.selectFrom('sign_in_throttle').select(['locked_until']).where('key', 'in', keys).execute();
  return rows.some((r) => r.locked_until && new Date(r.locked_until).getTime() > now.getTime());
}

/** Count one failure against each key; one atomic upsert per key, so parallel attempts are all counted. */
export async function recordFailure(db: Kysely<DB>, keys: string[], now = new Date()): Promise<void> {
  const windowStart = new Date(now.getTime() - WINDOW_MS);
  for (const key of keys) {
    const lockedUntil = new Date(now.getTime() + LOCK_MS);
    const inWindow = sql<boolean>`sign_in_throttle.window_started_at > ${windowStart}`;
    const failures = sql<number>`case when ${inWindow} then sign_in_throttle.failures + 1 else 1 end`;
    await db
      .insertInto('sign_in_throttle')
      .values({ key, failures: 1, window_started_at: now, locked_until: limitFor(key) <= 1 ? lockedUntil : null })
      .onConflict((oc) =>
        oc.column('key').doUpdateSet({
          failures,
          window_started_at: sql`case when ${inWindow} then sign_in_throttle.window_started_at else ${now}::timestamptz end`,
          locked_until: sql`case when ${failures} >= ${limitFor(key)} then ${lockedUntil}::timestamptz else null end`,
        }),
      )
      .execute();
  }
}

export async function clearFailures(db: Kysely<DB>, key: string): Promise<void> {
  await db.deleteFrom('sign_in_throttle').where('key', '=', key).execute();
}
