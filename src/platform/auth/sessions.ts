import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import { PREPARE_MARK } from '../db/prepared.js';
import type { DB } from '../db/schema.js';
import { isRole, type UserActor } from '../access/roles.js';

export const IDLE_LIMIT_SECONDS = 30 * 60;
export const ABSOLUTE_LIMIT_SECONDS = 12 * 60 * 60;
/** Don't rewrite last_seen_at on every request: once a minute is precise enough for a 30-minute limit. */
const TOUCH_INTERVAL_MS = 60_000;

export interface SessionState {
  idHash: string;
  csrfToken: string;
  user: UserActor | null;
  flash: string | null;
  /** The last person search, kept here so search words never appear in a URL. */
  searchQuery: string | null;
}

function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

export function tokensEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** Start a session (anonymous before sign-in, so the sign-in form has a CSRF token). Returns the cookie value. */
export async function createSession(
  db: Kysely<DB>,
  userId: string | null,
  now = new Date(),
): Promise<{ token: string; state: SessionState }> {
  const token = newToken();
  const csrfToken = newToken();
  const idHash = hashToken(token);
  await db
    .insertInto('user_session')
    .values({
      id_hash: idHash,
      user_id: userId,
      csrf_token: csrfToken,
      last_seen_at: now,
      expires_at: new Date(now.getTime() + ABSOLUTE_LIMIT_SECONDS * 1000),
    })
    .execute();
  return { token, state: { idHash, csrfToken, user: null, flash: null, searchQuery: null } };
}

/** Load a live session: not ended, not idle for 30 minutes, not older than 12 hours, user not disabled. */
export async function loadSession(db: Kysely<DB>, token: string, now = new Date()): Promise<SessionState | null> {
  const idHash = hashToken(token);
  // On the owner's connection, not in withOrg: the session is what tells us the organisation, so
  // there is none to scope by yet, and staff_user's row-level security (migrations/0015) does not
  // bind the owner. One statement, no transaction or role switch: every signed-in request runs it.
  const row = await db
    .selectFrom('user_session as s')
    .leftJoin('staff_user as u', 'u.id', 's.user_id')
    // Every signed-in request runs this: prepared once per connection (see platform/db/prepared.ts).
    .modifyFront(sql.raw(PREPARE_MARK))
    .select([
      's.id_hash',
      's.user_id',
      's.csrf_token',
      's.last_seen_at',
      's.expires_at',
      's.ended_at',
      's.flash',
      's.search_query',
      'u.org_id',
      'u.role',
      'u.team_id',
      'u.display_name',
      'u.disabled_at',
    ])
    .where('s.id_hash', '=', idHash)
    .executeTakeFirst();
  if (!row || row.ended_at) return null;
  const idleSince = now.getTime() - new Date(row.last_seen_at).getTime();
  if (idleSince > IDLE_LIMIT_SECONDS * 1000 || new Date(row.expires_at).getTime() <= now.getTime()) {
    await endSession(db, idHash);
    return null;
  }
  if (row.user_id && (row.disabled_at || !row.org_id || !row.role || !isRole(row.role))) {
    // Belt and braces: disabling should already have ended the sessions (endAllSessionsFor).
    await endSession(db, idHash);
    return null;
  }
  if (idleSince > TOUCH_INTERVAL_MS) {
    await db.updateTable('user_session').set({ last_seen_at: now }).where('id_hash', '=', idHash).execute();
  }
  const user: UserActor | null =
    row.user_id && row.org_id && row.role && isRole(row.role)
      ? {
          kind: 'user',
          userId: row.user_id,
          orgId: row.org_id,
          role: row.role,
          teamId: row.team_id ?? null,
          displayName: row.display_name ?? '',
        }
      : null;
  return {
    idHash,
    csrfToken: row.csrf_token,
    user,
    flash: typeof row.flash === 'string' ? row.flash : null,
    searchQuery: row.search_query,
  };
}

export async function touchSession(db: Kysely<DB>, idHash: string, now = new Date()): Promise<void> {
  await db.updateTable('user_session').set({ last_seen_at: now }).where('id_hash', '=', idHash).execute();
}

export async function setFlash(db: Kysely<DB>, idHash: string, message: string | null): Promise<void> {
  await db
    .updateTable('user_session')
    .set({ flash: message === null ? null : JSON.stringify(message) })
    .where('id_hash', '=', idHash)
    .execute();
}

export async function endSession(db: Kysely<DB>, idHash: string): Promise<void> {
  await db
    .updateTable('user_session')
    .set({ ended_at: new Date() })
    .where('id_hash', '=', idHash)
    .where('ended_at', 'is', null)
    .execute();
}

/** Disabling a user, or an administrator's "sign out everywhere", ends every session they have. */
export async function endAllSessionsFor(db: Kysely<DB>, userId: string): Promise<void> {
  await db
    .updateTable('user_session')
    .set({ ended_at: new Date() })
    .where('user_id', '=', userId)
    .where('ended_at', 'is', null)
    .execute();
}

export async function setSearchQuery(db: Kysely<DB>, idHash: string, q: string | null): Promise<void> {
  await db.updateTable('user_session').set({ search_query: q }).where('id_hash', '=', idHash).execute();
}

/**
 * Sessions are kept only while they can be used: ended or expired ones a day after, anonymous
 * (pre-sign-in) ones an hour after they were last seen. Called at each sign-in, so it needs no job.
 */
export async function purgeOldSessions(db: Kysely<DB>, now = new Date()): Promise<void> {
  const dayAgo = new Date(now.getTime() - 24 * 60 * 60 * 1000);
  const hourAgo = new Date(now.getTime() - 60 * 60 * 1000);
  await db
    .deleteFrom('user_session')
    .where((eb) =>
      eb.or([
        eb('expires_at', '<', dayAgo),
        eb('ended_at', '<', dayAgo),
        eb.and([eb('user_id', 'is', null), eb('last_seen_at', '<', hourAgo)]),
        eb('last_seen_at', '<', dayAgo),
      ]),
    )
    .execute();
}
