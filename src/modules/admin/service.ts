import { createHash, randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DB } from '../../platform/db/schema.js';
import { withOrg, type Tx } from '../../platform/db/scope.js';
import { writeAudit, type AuditContext } from '../../platform/audit/audit.js';
import { roleLabels, type Role, type UserActor } from '../../platform/access/roles.js';
import { hashPassword } from '../../platform/auth/passwords.js';
import { endAllSessionsFor } from '../../platform/auth/sessions.js';
import { listFeatures } from '../../platform/features.js';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../../platform/http/errors.js';
import * as repo from './repository.js';
import { isOwnTeam } from '../../platform/db/teams.js';
import type { NewTokenInput, NewUserInput, UserUpdateInput } from './schema.js';

export type AdminContext = AuditContext & { actor: UserActor };

const STALE =
  'Someone else changed this account after you opened it. Your changes have not been saved. Check what is saved now, then make your changes again.';

/** sha256 hex of the whole token string: how the request pipeline looks a bearer token up. */
export function hashApiToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/**
 * Administration: staff accounts, partner API tokens and per-patch switches. Each command is one
 * transaction scoped to the administrator's organisation, ending with its audit entry, so an
 * action is either done and recorded or not done at all.
 */
export class AdminService {
  constructor(private readonly db: Kysely<DB>) {}

  listUsers(ctx: AdminContext) {
    return withOrg(this.db, ctx.actor.orgId, (tx) => repo.listUsers(tx, ctx.actor.orgId));
  }

  getUser(ctx: AdminContext, id: string) {
    return withOrg(this.db, ctx.actor.orgId, (tx) => this.requireUser(tx, ctx, id));
  }

  listTeams(ctx: AdminContext) {
    return withOrg(this.db, ctx.actor.orgId, (tx) => repo.listTeams(tx, ctx.actor.orgId));
  }

  async createUser(ctx: AdminContext, input: NewUserInput) {
    // Hash before the transaction: argon2 is deliberately slow and must not hold a connection.
    const passwordHash = input.password ? await hashPassword(input.password) : null;
    return withOrg(this.db, ctx.actor.orgId, async (tx) => {
      if (await repo.usernameTaken(tx, input.username)) {
        throw new ValidationError([
          { text: 'Someone already has this username. Choose a different one', href: '#username' },
        ]);
      }
      await this.requireTeam(tx, ctx, input.teamId);
      await requireFreeEmail(tx, input.email);
      const user = await repo.insertUser(tx, ctx.actor.orgId, input, passwordHash).catch((error: unknown) => {
        // Two administrators adding the same username at once: the unique index decides, politely.
        if ((error as { code?: unknown }).code === '23505')
          throw new ValidationError([
            { text: 'Someone already has this username. Choose a different one', href: '#username' },
          ]);
        throw error;
      });
      await writeAudit(tx, ctx, [{ action: 'staff_user.create', resourceType: 'staff_user', resourceId: user.id }]);
      return user;
    });
  }

  async updateUser(ctx: AdminContext, id: string, input: UserUpdateInput) {
    return withOrg(this.db, ctx.actor.orgId, async (tx) => {
      const current = await this.requireUser(tx, ctx, id);
      await this.requireTeam(tx, ctx, input.teamId);
      await requireFreeEmail(tx, input.email, id);
      if (id === ctx.actor.userId && input.role !== 'administrator') {
        throw new ValidationError([
          { text: 'You cannot remove your own administrator role. Ask another administrator to do it', href: '#role' },
        ]);
      }
      const updated = await repo.updateUser(tx, ctx.actor.orgId, id, input);
      if (!updated) throw new ConflictError(STALE, await describeUserChanges(tx, ctx, current, input));
      await writeAudit(tx, ctx, [{ action: 'staff_user.update', resourceType: 'staff_user', resourceId: id }]);
      return updated;
    });
  }

  /** Disabling ends every session the user has, in the same transaction: they are out at once. */
  async setDisabled(ctx: AdminContext, id: string, version: number, disabled: boolean) {
    return withOrg(this.db, ctx.actor.orgId, async (tx) => {
      await this.requireUser(tx, ctx, id);
      if (disabled && id === ctx.actor.userId) throw new ForbiddenError('You cannot disable your own account');
      const user = await repo.setDisabled(tx, ctx.actor.orgId, id, version, disabled);
      if (!user) throw new ConflictError(STALE);
      if (disabled) await endAllSessionsFor(tx, id);
      await writeAudit(tx, ctx, [
        { action: disabled ? 'staff_user.disable' : 'staff_user.enable', resourceType: 'staff_user', resourceId: id },
      ]);
      return user;
    });
  }

  listTokens(ctx: AdminContext) {
    return withOrg(this.db, ctx.actor.orgId, (tx) => repo.listTokens(tx, ctx.actor.orgId));
  }

  /** The token itself is returned once, to be shown once; only its hash is stored. */
  async issueToken(ctx: AdminContext, input: NewTokenInput) {
    const token = `tl_${randomBytes(32).toString('base64url')}`;
    return withOrg(this.db, ctx.actor.orgId, async (tx) => {
      const row = await repo.insertToken(tx, ctx.actor.orgId, ctx.actor.userId, input, hashApiToken(token));
      await writeAudit(tx, ctx, [{ action: 'api_token.issue', resourceType: 'api_token', resourceId: row.id }]);
      return { ...row, token };
    });
  }

  async revokeToken(ctx: AdminContext, id: string) {
    return withOrg(this.db, ctx.actor.orgId, async (tx) => {
      const token = await repo.revokeToken(tx, ctx.actor.orgId, id);
      if (!token) throw new NotFoundError();
      if (!token.revoked_at)
        await writeAudit(tx, ctx, [{ action: 'api_token.revoke', resourceType: 'api_token', resourceId: id }]);
      return token;
    });
  }

  /** Every patch with each registered switch's current state (a saved row, or the default). */
  async patchSettings(ctx: AdminContext) {
    return withOrg(this.db, ctx.actor.orgId, async (tx) => {
      const [teams, rows] = await Promise.all([
        repo.listTeams(tx, ctx.actor.orgId),
        repo.listPatchFeatures(tx, ctx.actor.orgId),
      ]);
      const saved = new Map(rows.map((r) => [`${r.team_id} ${r.feature}`, r.enabled]));
      return teams
        .filter((t) => t.is_patch)
        .map((t) => ({
          ...t,
          canChange: this.canChangePatch(ctx, t.id),
          features: listFeatures().map((f) => ({ ...f, enabled: saved.get(`${t.id} ${f.key}`) ?? f.defaultEnabled })),
        }));
    });
  }

  /** Save one patch's switches: `enabledKeys` are the boxes left ticked; every other registered switch is off. */
  async savePatchFeatures(ctx: AdminContext, patchId: string, enabledKeys: readonly string[]) {
    const features = listFeatures();
    const unknown = enabledKeys.filter((k) => !features.some((f) => f.key === k));
    if (unknown.length)
      throw new ValidationError([{ text: 'Select switches from the list', href: `#features-${patchId}` }]);
    return withOrg(this.db, ctx.actor.orgId, async (tx) => {
      const patch = await repo.findTeam(tx, ctx.actor.orgId, patchId);
      if (!patch?.is_patch) throw new NotFoundError();
      if (!this.canChangePatch(ctx, patchId))
        throw new ForbiddenError('Team managers can only change the switches for their own patch');
      const rows = await repo.listPatchFeatures(tx, ctx.actor.orgId);
      const changed: { key: string; enabled: boolean }[] = [];
      for (const f of features) {
        const row = rows.find((r) => r.team_id === patchId && r.feature === f.key);
        const enabled = enabledKeys.includes(f.key);
        // Write only what changed, so updated_by says who last actually changed the switch.
        if (enabled === (row ? row.enabled : f.defaultEnabled)) continue;
        await repo.upsertPatchFeature(tx, ctx.actor.orgId, patchId, f.key, enabled, ctx.actor.userId);
        changed.push({ key: f.key, enabled });
      }
      await writeAudit(
        tx,
        ctx,
        changed.map((c) => ({
          action: c.enabled ? 'patch_feature.enable' : 'patch_feature.disable',
          resourceType: 'patch_feature',
          resourceId: `${patchId}:${c.key}`,
        })),
      );
      return { patch, changed };
    });
  }

  /** Administrators change any patch; a team manager only the patch their own team is. */
  private canChangePatch(ctx: AdminContext, patchId: string): boolean {
    return ctx.actor.role === 'administrator' || ctx.actor.teamId === patchId;
  }

  private async requireUser(tx: Tx, ctx: AdminContext, id: string) {
    const user = await repo.findUser(tx, ctx.actor.orgId, id);
    if (!user) throw new NotFoundError();
    return user;
  }

  private async requireTeam(tx: Tx, ctx: AdminContext, teamId: string | null) {
    if (teamId && !(await isOwnTeam(tx, teamId, { patchOnly: false }))) {
      throw new ValidationError([{ text: 'Select a team or patch from the list', href: '#teamId' }]);
    }
  }
}

async function requireFreeEmail(tx: Tx, email: string | null, exceptUserId?: string) {
  if (email && (await repo.emailTaken(tx, email, exceptUserId))) {
    throw new ValidationError([
      { text: 'Another account already has this email address. Each person needs their own', href: '#email' },
    ]);
  }
}

/** For the "someone else changed it" message: what is saved now against what this edit wanted. */
async function describeUserChanges(tx: Tx, ctx: AdminContext, saved: repo.UserRow, input: UserUpdateInput) {
  const teams = await repo.listTeams(tx, ctx.actor.orgId);
  const teamName = (id: string | null) => teams.find((t) => t.id === id)?.name ?? '';
  const roleName = (r: string) => roleLabels[r as Role] ?? r;
  const fields: [string, string, string][] = [
    ['Full name', saved.display_name, input.displayName],
    ['Email address', saved.email ?? '', input.email ?? ''],
    ['Role', roleName(saved.role), roleName(input.role)],
    ['Team or patch', teamName(saved.team_id), teamName(input.teamId)],
  ];
  return fields
    .filter(([, theirs, yours]) => theirs !== yours)
    .map(([field, theirs, yours]) => ({ field, theirs, yours }));
}
