import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testEngines } from '../helpers/database.js';
import { signIn, startTestApp, type Agent, type TestApp } from '../helpers/app.js';
import { seedOrganisation } from '../../src/seed/organisation.js';

/** Version hidden in the change form of an account page. */
function versionFrom(html: string): string {
  const match = /name="version" value="(\d+)"/.exec(html);
  if (!match?.[1]) throw new Error('No version on the page');
  return match[1];
}

describe.each(testEngines())('admin: staff accounts (%s)', (engine) => {
  let t: TestApp;
  let ada: Agent;
  let otherUserId: string;

  beforeAll(async () => {
    t = await startTestApp(engine);
    ada = await signIn(t.app, 'ada.admin');
    const other = await seedOrganisation(t.database.db, {
      council: { name: 'Elsewhere Borough Council', kind: 'council', ods_code: 'OTHER01' },
      accounts: [
        {
          role: 'practitioner',
          username: 'olly.elsewhere',
          password: 'elsewhere-password',
          displayName: 'Olly Elsewhere',
        },
      ],
    });
    otherUserId = other.userIds['olly.elsewhere']!;
  });
  afterAll(async () => t?.close());

  const staff = (username: string) =>
    t.database.db.selectFrom('staff_user').selectAll().where('username', '=', username).executeTakeFirstOrThrow();

  it('lists the staff of the administrator’s own organisation only', async () => {
    const res = await ada.get('/admin/users');
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('Sam Okafor');
    expect(res.body).toContain('priya.manager');
    expect(res.body).not.toContain('Olly Elsewhere');
  });

  it('refuses an empty form with the GOV.UK error summary linking to each field', async () => {
    const res = await ada.post('/admin/users/new', {});
    expect(res.statusCode).toBe(422);
    expect(res.body).toContain('govuk-error-summary');
    for (const id of ['username', 'displayName', 'role', 'signInMethod']) expect(res.body).toContain(`href="#${id}"`);
    expect(res.body).toContain('Enter a username');
    expect(res.body).toContain('id="signInMethod"');
  });

  it('refuses a short password and a username already in use, keeping what was typed', async () => {
    const short = await ada.post('/admin/users/new', {
      username: 'new.person',
      displayName: 'New Person',
      role: 'practitioner',
      signInMethod: 'password',
      password: 'too-short',
    });
    expect(short.statusCode).toBe(422);
    expect(short.body).toContain('href="#password"');
    expect(short.body).toContain('Password must be 12 characters or more');
    expect(short.body).toContain('value="New Person"');
    expect(short.body).not.toContain('too-short');
    const taken = await ada.post('/admin/users/new', {
      username: 'Sam.Practitioner',
      displayName: 'Another Sam',
      email: 'another.sam@fenshire.example',
      role: 'practitioner',
      signInMethod: 'sso',
    });
    expect(taken.statusCode).toBe(422);
    expect(taken.body).toContain('href="#username"');
    expect(taken.body).toContain('Someone already has this username');
  });

  it('adds a user with a hashed password who can then sign in, and records it in the audit log', async () => {
    const res = await ada.post('/admin/users/new', {
      username: 'nina.new',
      displayName: 'Nina Newman',
      email: 'nina@fenshire.example',
      role: 'practitioner',
      teamId: t.org.patchIds['Cathedral City']!,
      signInMethod: 'password',
      password: 'a-long-initial-password',
    });
    expect(res.statusCode).toBe(303);
    const row = await staff('nina.new');
    expect(row.org_id).toBe(t.org.orgId);
    expect(row.team_id).toBe(t.org.patchIds['Cathedral City']);
    expect(row.password_hash).toMatch(/^\$argon2id\$/);
    const nina = await signIn(t.app, 'nina.new', 'a-long-initial-password');
    expect((await nina.get('/people')).statusCode).toBe(200);
    const audit = await t.database.db.selectFrom('audit_event').selectAll().where('resource_id', '=', row.id).execute();
    expect(audit.map((a) => [a.action, a.resource_type, a.person_id])).toEqual([
      ['staff_user.create', 'staff_user', null],
    ]);
  });

  it('adds a single-sign-on-only user with no password, who needs an email address of their own', async () => {
    const form = {
      username: 'sso.only',
      displayName: 'Sol Signon',
      role: 'broker',
      signInMethod: 'sso',
      password: 'ignored-for-sso',
    };
    const noEmail = await ada.post('/admin/users/new', form);
    expect(noEmail.statusCode).toBe(422);
    expect(noEmail.body).toContain('href="#email"');
    const sameEmail = await ada.post('/admin/users/new', { ...form, email: 'NINA@fenshire.example' });
    expect(sameEmail.statusCode).toBe(422);
    expect(sameEmail.body).toContain('Another account already has this email address');
    const res = await ada.post('/admin/users/new', { ...form, email: 'sol@fenshire.example' });
    expect(res.statusCode).toBe(303);
    const row = await staff('sso.only');
    expect([row.password_hash, row.email]).toEqual([null, 'sol@fenshire.example']);
  });

  it('two administrators adding the same username at once: one succeeds, the other is told why', async () => {
    const form = {
      username: 'twin.user',
      displayName: 'Twin User',
      role: 'practitioner',
      signInMethod: 'password',
      password: 'a-long-initial-password',
    };
    const results = await Promise.all([ada.post('/admin/users/new', form), ada.post('/admin/users/new', form)]);
    expect(results.map((r) => r.statusCode).sort()).toEqual([303, 422]);
    expect(results.find((r) => r.statusCode === 422)!.body).toContain('Someone already has this username');
  });

  it('changes a role and team, and refuses a stale edit with a message', async () => {
    const id = t.org.userIds['bea.broker']!;
    const page = await ada.get(`/admin/users/${id}`);
    expect(page.statusCode).toBe(200);
    const version = versionFrom(page.body);
    const form = {
      displayName: 'Bea Collins',
      role: 'team_manager',
      teamId: t.org.patchIds['Southern Villages']!,
      version,
    };
    const saved = await ada.post(`/admin/users/${id}`, form);
    expect(saved.statusCode).toBe(303);
    const row = await staff('bea.broker');
    expect([row.role, row.team_id, row.version]).toEqual([
      'team_manager',
      t.org.patchIds['Southern Villages'],
      Number(version) + 1,
    ]);

    const stale = await ada.post(`/admin/users/${id}`, { ...form, role: 'commissioner' });
    expect(stale.statusCode).toBe(409);
    expect(stale.body).toContain('Someone else changed this account');
    expect(stale.body).toContain('href="#conflict"');
    expect((await staff('bea.broker')).role).toBe('team_manager');
  });

  it('refuses an invalid change with the error summary', async () => {
    const id = t.org.userIds['carla.commissioner']!;
    const version = versionFrom((await ada.get(`/admin/users/${id}`)).body);
    const res = await ada.post(`/admin/users/${id}`, {
      displayName: '',
      email: 'not-an-email',
      role: 'wizard',
      version,
    });
    expect(res.statusCode).toBe(422);
    for (const id of ['displayName', 'email', 'role']) expect(res.body).toContain(`href="#${id}"`);
  });

  it('disables a user, ending their sessions at once, and enables them again', async () => {
    const sam = await signIn(t.app, 'sam.practitioner');
    expect((await sam.get('/people')).statusCode).toBe(200);
    const id = t.org.userIds['sam.practitioner']!;
    const version = versionFrom((await ada.get(`/admin/users/${id}`)).body);

    const disabled = await ada.post(`/admin/users/${id}/disable`, { version });
    expect(disabled.statusCode).toBe(303);
    expect((await staff('sam.practitioner')).disabled_at).not.toBeNull();
    const live = await t.database.db
      .selectFrom('user_session')
      .select('id_hash')
      .where('user_id', '=', id)
      .where('ended_at', 'is', null)
      .execute();
    expect(live).toEqual([]);
    const after = await sam.get('/people');
    expect(after.statusCode).toBe(303);
    expect(after.headers.location).toMatch(/^\/sign-in/);
    await expect(signIn(t.app, 'sam.practitioner')).rejects.toThrow(/sign-in failed/);

    const enableVersion = versionFrom((await ada.get(`/admin/users/${id}`)).body);
    expect((await ada.post(`/admin/users/${id}/enable`, { version: enableVersion })).statusCode).toBe(303);
    expect((await staff('sam.practitioner')).disabled_at).toBeNull();
    const again = await signIn(t.app, 'sam.practitioner');
    expect((await again.get('/people')).statusCode).toBe(200);
    const actions = await t.database.db
      .selectFrom('audit_event')
      .select('action')
      .where('resource_id', '=', id)
      .orderBy('id')
      .execute();
    expect(actions.map((a) => a.action)).toEqual(['staff_user.disable', 'staff_user.enable']);
  });

  it('refuses to disable with a stale version, and refuses to let administrators disable themselves', async () => {
    const id = t.org.userIds['frank.finance']!;
    expect((await ada.post(`/admin/users/${id}/disable`, { version: '999' })).statusCode).toBe(409);
    expect((await staff('frank.finance')).disabled_at).toBeNull();
    const self = t.org.userIds['ada.admin']!;
    const version = versionFrom((await ada.get(`/admin/users/${self}`)).body);
    expect((await ada.post(`/admin/users/${self}/disable`, { version })).statusCode).toBe(403);
    expect((await staff('ada.admin')).disabled_at).toBeNull();
  });

  it('answers 404 for a user in another organisation, and changes nothing', async () => {
    expect((await ada.get(`/admin/users/${otherUserId}`)).statusCode).toBe(404);
    expect(
      (await ada.post(`/admin/users/${otherUserId}`, { displayName: 'Hacked', role: 'administrator', version: '1' }))
        .statusCode,
    ).toBe(404);
    expect((await ada.post(`/admin/users/${otherUserId}/disable`, { version: '1' })).statusCode).toBe(404);
    const other = await staff('olly.elsewhere');
    expect([other.display_name, other.role, other.disabled_at]).toEqual(['Olly Elsewhere', 'practitioner', null]);
    expect((await ada.get('/admin/users/not-a-uuid')).statusCode).toBe(404);
  });
});
