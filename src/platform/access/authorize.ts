import { policies, type PolicyName } from './policies.js';
import type { Actor } from './roles.js';

export type Decision = 'allow' | 'unauthenticated' | 'forbidden';

/**
 * The one place where "may this actor use this route" is decided. Object-level scope (which
 * person) is decided by `canSeePerson` below, which the repositories call.
 */
export function authorize(actor: Actor | null, policyName: PolicyName): Decision {
  const policy: { public?: true; anyUser?: true; roles?: readonly string[]; scopes?: readonly string[] } =
    policies[policyName];
  if (policy.public) return 'allow';
  if (!actor) return 'unauthenticated';
  if (actor.kind === 'user') {
    if (policy.anyUser) return 'allow';
    return policy.roles?.includes(actor.role) ? 'allow' : 'forbidden';
  }
  return policy.scopes?.some((s) => (actor.scopes as readonly string[]).includes(s)) ? 'allow' : 'forbidden';
}

export interface PersonAccessFacts {
  orgId: string;
  restricted: boolean;
  /** The actor is named on the restricted record, or has an unexpired break-glass grant. */
  namedOrBrokenGlass: boolean;
}

/** Object-level rule for a person's record: same organisation; restricted records only for named staff. */
export function canSeePerson(actor: Actor, facts: PersonAccessFacts): boolean {
  if (actor.orgId !== facts.orgId) return false;
  if (!facts.restricted) return true;
  // Partner systems never see restricted records: there is no named person to hold accountable.
  return actor.kind === 'user' && facts.namedOrBrokenGlass;
}
