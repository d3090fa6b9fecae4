import { describe, expect, it } from 'vitest';
import { toFieldErrors } from '../../platform/http/validation.js';
import { newTokenSchema, newUserSchema } from './schema.js';

const hrefs = (result: { success: boolean; error?: Parameters<typeof toFieldErrors>[0] }) =>
  result.error ? toFieldErrors(result.error).map((e) => e.href) : [];

describe('admin input schemas', () => {
  it('reports a short password alongside every other error, all at once', () => {
    const result = newUserSchema.safeParse({
      username: '',
      displayName: '',
      role: 'nope',
      signInMethod: 'password',
      password: 'short',
    });
    expect(hrefs(result)).toEqual(['#username', '#displayName', '#role', '#password']);
  });

  it('needs a password of 12 or more characters only for password sign-in', () => {
    const base = { username: 'Jo.Bloggs ', displayName: ' Jo Bloggs ', role: 'practitioner', email: '', teamId: '' };
    expect(hrefs(newUserSchema.safeParse({ ...base, signInMethod: 'password' }))).toEqual(['#password']);
    expect(hrefs(newUserSchema.safeParse({ ...base, signInMethod: 'password', password: '12345678901' }))).toEqual([
      '#password',
    ]);
    const ok = newUserSchema.parse({ ...base, signInMethod: 'password', password: '123456789012' });
    expect(ok).toMatchObject({
      username: 'jo.bloggs',
      displayName: 'Jo Bloggs',
      email: null,
      teamId: null,
      password: '123456789012',
    });
    // A password typed before switching to single sign-on is dropped, never stored.
    expect(
      newUserSchema.parse({
        ...base,
        email: 'jo@example.gov.uk',
        signInMethod: 'sso',
        password: 'typed-then-changed-mind',
      }).password,
    ).toBeNull();
    // Single sign-on links a new account by email, so it is required then.
    expect(hrefs(newUserSchema.safeParse({ ...base, signInMethod: 'sso' }))).toEqual(['#email']);
  });

  it('takes one or several scopes, and refuses none or an unknown one', () => {
    expect(newTokenSchema.parse({ name: 'A', scopes: 'people:read' }).scopes).toEqual(['people:read']);
    expect(newTokenSchema.parse({ name: 'A', scopes: ['people:read', 'people:read', 'events:write'] }).scopes).toEqual([
      'people:read',
      'events:write',
    ]);
    expect(hrefs(newTokenSchema.safeParse({ name: 'A' }))).toEqual(['#scopes']);
    expect(hrefs(newTokenSchema.safeParse({ name: ' ', scopes: ['people:delete'] }))).toEqual(['#name', '#scopes']);
  });
});
