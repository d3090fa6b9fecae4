import { describe, expect, it } from 'vitest';
import { authorize, canSeePerson } from './authorize.js';
import { policies, type Policy, type PolicyName } from './policies.js';
import { roles, type Actor, type UserActor } from './roles.js';

const user = (role: UserActor['role']): UserActor => ({
  kind: 'user',
  userId: 'u',
  orgId: 'org-a',
  role,
  teamId: null,
  displayName: 'x',
});

describe('authorize', () => {
  it('lets anyone use public routes and nobody anonymous use the rest', () => {
    for (const name of Object.keys(policies) as PolicyName[]) {
      const p: Policy = policies[name];
      expect(authorize(null, name)).toBe(p.public ? 'allow' : 'unauthenticated');
    }
  });

  it('follows the policy table for every role and policy', () => {
    for (const name of Object.keys(policies) as PolicyName[]) {
      const p: Policy = policies[name];
      for (const role of roles) {
        const expected =
          p.public || p.anyUser || (p.roles as readonly string[] | undefined)?.includes(role) ? 'allow' : 'forbidden';
        expect(authorize(user(role), name), `${role} on ${name}`).toBe(expected);
      }
    }
  });

  it('keeps person records from commissioners, providers, auditors and administrators', () => {
    for (const role of ['commissioner', 'provider_user', 'ig_auditor', 'administrator'] as const) {
      expect(authorize(user(role), 'people.read')).toBe('forbidden');
    }
  });

  it('gives partner tokens only their scopes, never "any signed-in user" routes', () => {
    const token: Actor = {
      kind: 'api_token',
      tokenId: 't',
      orgId: 'org-a',
      scopes: ['people:read'],
      displayName: 'GP system',
    };
    expect(authorize(token, 'people.read')).toBe('allow');
    expect(authorize(token, 'people.write')).toBe('forbidden');
    expect(authorize(token, 'signedIn')).toBe('forbidden');
  });
});

describe('canSeePerson', () => {
  it('needs the same organisation, and naming or break-glass for a restricted record', () => {
    const sam = user('practitioner');
    expect(canSeePerson(sam, { orgId: 'org-a', restricted: false, namedOrBrokenGlass: false })).toBe(true);
    expect(canSeePerson(sam, { orgId: 'org-b', restricted: false, namedOrBrokenGlass: true })).toBe(false);
    expect(canSeePerson(sam, { orgId: 'org-a', restricted: true, namedOrBrokenGlass: false })).toBe(false);
    expect(canSeePerson(sam, { orgId: 'org-a', restricted: true, namedOrBrokenGlass: true })).toBe(true);
  });
});
