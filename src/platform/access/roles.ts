/** Staff roles. Each user has exactly one; what each may do is in policies.ts. */
export const roles = [
  'practitioner',
  'team_manager',
  'finance_officer',
  'broker',
  'provider_user',
  'commissioner',
  'ig_auditor',
  'administrator',
] as const;
export type Role = (typeof roles)[number];

export const roleLabels: Record<Role, string> = {
  practitioner: 'Social care practitioner',
  team_manager: 'Team manager',
  finance_officer: 'Finance officer',
  broker: 'Broker or support service',
  provider_user: 'Provider',
  commissioner: 'Commissioner or analyst',
  ig_auditor: 'Information governance auditor',
  administrator: 'Administrator',
};

export function isRole(value: string): value is Role {
  return (roles as readonly string[]).includes(value);
}

/** Scopes a partner API token can carry. */
export const apiScopes = [
  'people:read',
  'people:write',
  'events:write',
  'register:write',
  'partner-events:write',
  'assessment-requests:write',
] as const;
export type ApiScope = (typeof apiScopes)[number];

export interface UserActor {
  kind: 'user';
  userId: string;
  orgId: string;
  role: Role;
  teamId: string | null;
  displayName: string;
}

export interface TokenActor {
  kind: 'api_token';
  tokenId: string;
  orgId: string;
  scopes: readonly ApiScope[];
  displayName: string;
}

export type Actor = UserActor | TokenActor;

export function actorId(actor: Actor): string {
  return actor.kind === 'user' ? actor.userId : actor.tokenId;
}
