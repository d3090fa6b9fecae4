import type { FastifyRequest } from 'fastify';
import { apiScopes, isRole, roleLabels, roles, type ApiScope } from '../../platform/access/roles.js';
import { auditContext } from '../../platform/http/context.js';
import { ForbiddenError } from '../../platform/http/errors.js';
import type { UserRow } from './repository.js';
import type { AdminContext } from './service.js';

/** Administration is done by people, never by partner tokens (no admin policy has a scope). */
export function adminContext(request: FastifyRequest): AdminContext {
  const ctx = auditContext(request);
  if (ctx.actor.kind !== 'user') throw new ForbiddenError();
  return { ...ctx, actor: ctx.actor };
}

export function signInLabel(u: { password_hash: string | null; oidc_subject: string | null }): string {
  if (u.password_hash) return u.oidc_subject ? 'Password or single sign-on' : 'Username and password';
  return u.oidc_subject ? 'Single sign-on' : 'Single sign-on (has not signed in yet)';
}

export function userSummary(u: UserRow) {
  return {
    id: u.id,
    username: u.username,
    displayName: u.display_name,
    roleLabel: isRole(u.role) ? roleLabels[u.role] : u.role,
    teamName: u.team_name,
    signIn: signInLabel(u),
    disabled: Boolean(u.disabled_at),
    disabledAt: u.disabled_at,
    createdAt: u.created_at,
    version: u.version,
  };
}

export function userToForm(u: UserRow) {
  return { displayName: u.display_name, email: u.email ?? '', role: u.role, teamId: u.team_id ?? '' };
}

/** Echo what was typed back into the form (never the password). */
export function userFormValues(body: Record<string, unknown>) {
  const text = (k: string) => (typeof body[k] === 'string' ? (body[k] as string) : '');
  return {
    username: text('username'),
    displayName: text('displayName'),
    email: text('email'),
    role: text('role'),
    teamId: text('teamId'),
    signInMethod: text('signInMethod'),
  };
}

export const roleItems = roles.map((r) => ({ value: r, text: roleLabels[r] }));

export function teamItems(teams: { id: string; name: string; is_patch: boolean }[]) {
  return teams.map((t) => ({ value: t.id, text: t.is_patch ? `${t.name} (patch)` : t.name }));
}

const scopeHints: Record<ApiScope, string> = {
  'people:read': 'Find and read people’s records (not restricted records)',
  'people:write': 'Add people and change their details and network',
  'events:write': 'Record assessments, services, reviews and other events on a person’s timeline',
  'register:write': 'Refer someone to the early-identification (“at risk if anything changes”) register',
  'partner-events:write': 'Send admissions, discharges, falls and carer breakdowns for people on the register',
  'assessment-requests:write': 'Ask for an assessment of someone’s care and support needs',
};

export const scopeOptions = apiScopes.map((s) => ({ value: s, text: s, hint: scopeHints[s] }));

export function tokenSummary(t: {
  id: string;
  name: string;
  scopes: string[];
  created_at: Date;
  last_used_at: Date | null;
  revoked_at: Date | null;
  created_by_name: string | null;
}) {
  return {
    id: t.id,
    name: t.name,
    scopes: t.scopes,
    createdAt: t.created_at,
    lastUsedAt: t.last_used_at,
    revokedAt: t.revoked_at,
    createdBy: t.created_by_name,
  };
}

export function selectedScopes(body: Record<string, unknown>): string[] {
  const v = body.scopes;
  return Array.isArray(v) ? v.map(String) : typeof v === 'string' ? [v] : [];
}
