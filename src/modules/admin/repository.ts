import { sql } from 'kysely';
import type { Tx } from '../../platform/db/scope.js';
import type { NewTokenInput, NewUserInput, UserUpdateInput } from './schema.js';

/**
 * Queries for the administration module. Staff, teams, tokens and patch settings have row-level
 * security (migrations/0015); every query here names the organisation as well, so an id from
 * another organisation finds nothing (and the page answers 404) even on the owner's connection.
 */
const userColumns = [
  'u.id',
  'u.username',
  'u.display_name',
  'u.email',
  'u.role',
  'u.team_id',
  'u.password_hash',
  'u.oidc_subject',
  'u.disabled_at',
  'u.created_at',
  'u.version',
] as const;

export async function listUsers(tx: Tx, orgId: string) {
  return tx
    .selectFrom('staff_user as u')
    .leftJoin('team as t', 't.id', 'u.team_id')
    .select([...userColumns, 't.name as team_name'])
    .where('u.org_id', '=', orgId)
    .orderBy('u.disabled_at', (ob) => ob.desc().nullsFirst())
    .orderBy('u.display_name')
    .execute();
}

export async function findUser(tx: Tx, orgId: string, id: string) {
  return tx
    .selectFrom('staff_user as u')
    .leftJoin('team as t', 't.id', 'u.team_id')
    .select([...userColumns, 't.name as team_name'])
    .where('u.org_id', '=', orgId)
    .where('u.id', '=', id)
    .executeTakeFirst();
}
export type UserRow = NonNullable<Awaited<ReturnType<typeof findUser>>>;

/**
 * Usernames are unique across every organisation (sign-in does not ask which organisation). Staff
 * rows of other councils are hidden by row-level security, so a security-definer function
 * (migrations/0015) answers whether anyone at all has the name, and nothing more.
 */
export async function usernameTaken(tx: Tx, username: string): Promise<boolean> {
  const { rows } = await sql<{ taken: boolean }>`select staff_username_in_use(${username}) as taken`.execute(tx);
  return rows[0]?.taken === true;
}

/** Single sign-on links a first sign-in by email, which must then match exactly one account anywhere (as above). */
export async function emailTaken(tx: Tx, email: string, exceptUserId?: string): Promise<boolean> {
  const { rows } = await sql<{
    taken: boolean;
  }>`select staff_email_in_use(${email}, ${exceptUserId ?? null}::uuid) as taken`.execute(tx);
  return rows[0]?.taken === true;
}

export async function insertUser(tx: Tx, orgId: string, input: NewUserInput, passwordHash: string | null) {
  return tx
    .insertInto('staff_user')
    .values({
      org_id: orgId,
      username: input.username,
      display_name: input.displayName,
      email: input.email,
      role: input.role,
      team_id: input.teamId,
      password_hash: passwordHash,
    })
    .returning(['id', 'username', 'display_name'])
    .executeTakeFirstOrThrow();
}

/** Optimistic update: nothing changes unless the version is the one the form was loaded with. */
export async function updateUser(tx: Tx, orgId: string, id: string, input: UserUpdateInput) {
  return tx
    .updateTable('staff_user')
    .set((eb) => ({
      display_name: input.displayName,
      email: input.email,
      role: input.role,
      team_id: input.teamId,
      version: eb('version', '+', 1),
    }))
    .where('org_id', '=', orgId)
    .where('id', '=', id)
    .where('version', '=', input.version)
    .returning(['id', 'version'])
    .executeTakeFirst();
}

export async function setDisabled(tx: Tx, orgId: string, id: string, version: number, disabled: boolean) {
  return tx
    .updateTable('staff_user')
    .set((eb) => ({ disabled_at: disabled ? new Date() : null, version: eb('version', '+', 1) }))
    .where('org_id', '=', orgId)
    .where('id', '=', id)
    .where('version', '=', version)
    .returning(['id', 'display_name'])
    .executeTakeFirst();
}

export async function listTeams(tx: Tx, orgId: string) {
  return tx
    .selectFrom('team')
    .select(['id', 'name', 'is_patch', 'area_description'])
    .where('org_id', '=', orgId)
    .orderBy('name')
    .execute();
}

export async function findTeam(tx: Tx, orgId: string, id: string) {
  return tx
    .selectFrom('team')
    .select(['id', 'name', 'is_patch'])
    .where('org_id', '=', orgId)
    .where('id', '=', id)
    .executeTakeFirst();
}

export async function listTokens(tx: Tx, orgId: string) {
  return tx
    .selectFrom('api_token as k')
    .leftJoin('staff_user as u', 'u.id', 'k.created_by')
    .select([
      'k.id',
      'k.name',
      'k.scopes',
      'k.created_at',
      'k.last_used_at',
      'k.revoked_at',
      'u.display_name as created_by_name',
    ])
    .where('k.org_id', '=', orgId)
    .orderBy('k.revoked_at', (ob) => ob.desc().nullsFirst())
    .orderBy('k.created_at', 'desc')
    .execute();
}

export async function insertToken(
  tx: Tx,
  orgId: string,
  createdBy: string | null,
  input: NewTokenInput,
  tokenHash: string,
) {
  return tx
    .insertInto('api_token')
    .values({ org_id: orgId, name: input.name, scopes: input.scopes, token_hash: tokenHash, created_by: createdBy })
    .returning(['id', 'name', 'scopes'])
    .executeTakeFirstOrThrow();
}

/** Revoking twice is harmless: the first revocation time is kept. */
export async function revokeToken(tx: Tx, orgId: string, id: string) {
  const token = await tx
    .selectFrom('api_token')
    .select(['id', 'name', 'revoked_at'])
    .where('org_id', '=', orgId)
    .where('id', '=', id)
    .executeTakeFirst();
  if (!token) return undefined;
  if (!token.revoked_at)
    await tx
      .updateTable('api_token')
      .set({ revoked_at: new Date() })
      .where('id', '=', id)
      .where('org_id', '=', orgId)
      .execute();
  return token;
}

export async function listPatchFeatures(tx: Tx, orgId: string) {
  return tx
    .selectFrom('patch_feature')
    .select(['team_id', 'feature', 'enabled', 'updated_at'])
    .where('org_id', '=', orgId)
    .execute();
}

export async function upsertPatchFeature(
  tx: Tx,
  orgId: string,
  patchId: string,
  feature: string,
  enabled: boolean,
  userId: string | null,
) {
  await tx
    .insertInto('patch_feature')
    .values({ org_id: orgId, team_id: patchId, feature, enabled, updated_by: userId })
    .onConflict((oc) =>
      oc.columns(['team_id', 'feature']).doUpdateSet({ enabled, updated_by: userId, updated_at: new Date() }),
    )
    .execute();
}
