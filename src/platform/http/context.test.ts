import { describe, expect, it } from 'vitest';
import type { Actor } from '../access/roles.js';
import { requestContext } from './context.js';

describe('requestContext', () => {
  it("carries the signed-in actor and the request's id (for the audit entries)", () => {
    const actor: Actor = {
      kind: 'user',
      userId: 'u1',
      orgId: 'o1',
      role: 'practitioner',
      teamId: null,
      displayName: 'Sam Worker',
    };
    expect(requestContext({ actor, id: 'req-7' })).toEqual({ actor, requestId: 'req-7' });
  });

  it('refuses a request nobody is signed in to, rather than acting for no one', () => {
    expect(() => requestContext({ actor: null, id: 'req-8' })).toThrow(/authenticated request/);
  });
});
