import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testEngines } from '../helpers/database.js';
import { signIn, startTestApp, type Agent, type TestApp } from '../helpers/app.js';
import { createPersonThroughPages, validNhsNumber } from '../helpers/people.js';
import { seedOrganisation } from '../../src/seed/organisation.js';

const createPerson = (agent: Agent, givenName: string, familyName: string, nhsNumber: string) =>
  createPersonThroughPages(agent, givenName, familyName, nhsNumber, '1961-05-04');

describe.each(testEngines())('restricted records and break glass (%s)', (engine) => {
  let t: TestApp;
  let sam: Agent, priya: Agent, bea: Agent, frank: Agent, ian: Agent;
  let rosaId: string, openId: string, foreignId: string;
  const rosaNhs = validNhsNumber(401000001);

  const auditRows = (action: string, personId: string) =>
    t.database.db
      .selectFrom('audit_event')
      .selectAll()
      .where('action', '=', action)
      .where('person_id', '=', personId)
      .orderBy('id')
      .execute();

  beforeAll(async () => {
    t = await startTestApp(engine);
    [sam, priya, bea, frank, ian] = await Promise.all([
      signIn(t.app, 'sam.practitioner'),
      signIn(t.app, 'priya.manager'),
      signIn(t.app, 'bea.broker'),
      signIn(t.app, 'frank.finance'),
      signIn(t.app, 'ian.auditor'),
    ]);
    rosaId = await createPerson(sam, 'Rosa', 'Quietly', rosaNhs);
    openId = await createPerson(sam, 'Olive', 'Open', validNhsNumber(401000101));
    // A restricted person in another council, made directly as the database owner.
    const other = await seedOrganisation(t.database.db, {
      council: { name: 'Other Council', kind: 'council', ods_code: 'OTH' },
      accounts: [],
    });
    const row = await t.database.db
      .insertInto('person')
      .values({
        org_id: other.orgId,
        council_person_id: 'X1',
        given_name: 'Far',
        family_name: 'Away',
        date_of_birth: '1950-01-01',
        restricted: true,
        nhs_number: validNhsNumber(401000201),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    foreignId = row.id;
  });
  afterAll(async () => t?.close());

  it('lets only a team manager reach the restriction page', async () => {
    expect((await sam.get(`/people/${rosaId}/restriction`)).statusCode).toBe(403);
    expect((await bea.get(`/people/${rosaId}/restriction`)).statusCode).toBe(403);
    const page = await priya.get(`/people/${rosaId}/restriction`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Who can see this record');
    expect(page.body).toContain('Sam Okafor (Social care practitioner)');
    expect(page.body).not.toContain('Ian Walsh'); // an auditor cannot read records, so cannot be named
  });

  it('refuses a restriction with no answer, or naming someone who is not staff here', async () => {
    const none = await priya.post(`/people/${rosaId}/restriction`, {});
    expect(none.statusCode).toBe(422);
    expect(none.body).toContain('href="#restricted"');
    const stranger = await priya.post(`/people/${rosaId}/restriction`, {
      restricted: 'yes',
      namedStaff: '3f1f6c5e-0000-4000-8000-000000000001',
    });
    expect(stranger.statusCode).toBe(422);
    expect(stranger.body).toContain('Select staff from the list');
    const person = await t.database.db
      .selectFrom('person')
      .select('restricted')
      .where('id', '=', rosaId)
      .executeTakeFirstOrThrow();
    expect(person.restricted).toBe(false);
  });

  it('restricts the record, naming Sam and (automatically) the manager', async () => {
    const res = await priya.post(`/people/${rosaId}/restriction`, {
      restricted: 'yes',
      namedStaff: t.org.userIds['sam.practitioner']!,
    });
    expect(res.statusCode).toBe(303);
    const named = await t.database.db
      .selectFrom('restricted_access')
      .select('user_id')
      .where('person_id', '=', rosaId)
      .execute();
    expect(named.map((n) => n.user_id).sort()).toEqual(
      [t.org.userIds['sam.practitioner'], t.org.userIds['priya.manager']].sort(),
    );
    expect((await auditRows('person.restrict', rosaId)).length).toBe(1);
    expect((await auditRows('person.restricted-access.grant', rosaId)).length).toBe(2);
    const record = await sam.get(`/people/${rosaId}`);
    expect(record.statusCode).toBe(200);
    expect(record.body).toContain('Restricted record');
  });

  it('hides the record from everyone else: 404, and not found by name', async () => {
    const record = await bea.get(`/people/${rosaId}`);
    expect(record.statusCode).toBe(404);
    expect(record.body).not.toContain('Rosa');
    await bea.post('/people/search', { q: 'Rosa Quietly' });
    const byName = await bea.get('/people');
    expect(byName.body).toContain('0 people found'); // the words typed are shown back in the search box
    expect(byName.body).not.toContain(rosaId);
    expect(byName.body).not.toContain('A restricted record matches');
  });

  it('says a restricted record matches an exact NHS number, without naming it, and audits that', async () => {
    await bea.post('/people/search', { q: rosaNhs });
    const res = await bea.get('/people');
    expect(res.body).toContain('A restricted record matches this NHS number');
    expect(res.body).toContain(`/people/${rosaId}/break-glass`);
    expect(res.body).not.toContain('Rosa');
    const audit = await auditRows('person.restricted-match', rosaId);
    expect(audit.map((a) => a.actor_id)).toEqual([t.org.userIds['bea.broker']]);
    // Named staff simply find it.
    await sam.post('/people/search', { q: rosaNhs });
    const samResults = await sam.get('/people');
    expect(samResults.body).toContain('Rosa Quietly');
    expect(samResults.body).not.toContain('A restricted record matches');
  });

  it('never offers break glass for other councils’ records, unrestricted records or unknown ids', async () => {
    expect((await bea.get(`/people/${foreignId}/break-glass`)).statusCode).toBe(404);
    expect(
      (await bea.post(`/people/${foreignId}/break-glass`, { reason: 'I need to see this record now please' }))
        .statusCode,
    ).toBe(404);
    expect((await bea.get(`/people/${openId}/break-glass`)).statusCode).toBe(404);
    expect((await bea.get('/people/7d3c1a62-1111-4abc-8def-123456789abc/break-glass')).statusCode).toBe(404);
    expect((await bea.get('/people/not-a-uuid/break-glass')).statusCode).toBe(404);
    expect(await t.database.db.selectFrom('break_glass').selectAll().execute()).toEqual([]);
  });

  it('asks for a reason of at least 10 characters before breaking glass', async () => {
    const page = await bea.get(`/people/${rosaId}/break-glass`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('This record is restricted');
    expect(page.body).not.toContain('Rosa');
    const short = await bea.post(`/people/${rosaId}/break-glass`, { reason: 'need it' });
    expect(short.statusCode).toBe(422);
    expect(short.body).toContain('href="#reason"');
    expect(short.body).toContain('in at least 10 characters');
    expect((await bea.get(`/people/${rosaId}`)).statusCode).toBe(404);
  });

  it('breaks glass: one hour of access, audited with the reason', async () => {
    const reason = 'Rosa has been admitted to A&E and the ward needs her care plan';
    const before = Date.now();
    const res = await bea.post(`/people/${rosaId}/break-glass`, { reason });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe(`/people/${rosaId}`);
    const record = await bea.get(`/people/${rosaId}`);
    expect(record.statusCode).toBe(200);
    expect(record.body).toContain('Rosa Quietly');
    const grant = await t.database.db
      .selectFrom('break_glass')
      .selectAll()
      .where('person_id', '=', rosaId)
      .executeTakeFirstOrThrow();
    expect(grant.user_id).toBe(t.org.userIds['bea.broker']);
    const minutes = (new Date(grant.expires_at).getTime() - before) / 60_000;
    expect(minutes).toBeGreaterThan(59);
    expect(minutes).toBeLessThan(61);
    const audit = await auditRows('person.break-glass', rosaId);
    expect(audit).toHaveLength(1);
    expect(audit[0]!.reason).toBe(reason);
    expect(audit[0]!.actor_id).toBe(t.org.userIds['bea.broker']);
    // While access lasts, the break-glass page just goes to the record.
    expect((await bea.get(`/people/${rosaId}/break-glass`)).headers.location).toBe(`/people/${rosaId}`);
    // Frank has not broken glass: still nothing.
    expect((await frank.get(`/people/${rosaId}`)).statusCode).toBe(404);
  });

  it('ends access when the hour is up', async () => {
    await t.database.db
      .updateTable('break_glass')
      .set({ expires_at: new Date(Date.now() - 1000) })
      .where('person_id', '=', rosaId)
      .execute();
    expect((await bea.get(`/people/${rosaId}`)).statusCode).toBe(404);
  });

  it('lists break-glass uses for the auditor, unreviewed first flagged, and audits each person shown', async () => {
    expect((await sam.get('/audit/break-glass')).statusCode).toBe(403);
    expect((await priya.get('/audit/break-glass')).statusCode).toBe(403);
    const page = await ian.get('/audit/break-glass');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Bea Collins');
    expect(page.body).toContain('Rosa Quietly');
    expect(page.body).toContain('admitted to A&amp;E');
    expect(page.body).toContain('Not reviewed');
    expect(page.body).toMatch(/<strong>1<\/strong> use is waiting for review/);
    const seen = await auditRows('break-glass.register', rosaId);
    expect(seen.map((a) => a.actor_id)).toEqual([t.org.userIds['ian.auditor']]);
  });

  it('marks a use reviewed once, recording who and when', async () => {
    const grant = await t.database.db
      .selectFrom('break_glass')
      .select('id')
      .where('person_id', '=', rosaId)
      .executeTakeFirstOrThrow();
    expect((await sam.post(`/audit/break-glass/${grant.id}/review`)).statusCode).toBe(403);
    const res = await ian.post(`/audit/break-glass/${grant.id}/review`);
    expect(res.statusCode).toBe(303);
    const row = await t.database.db
      .selectFrom('break_glass')
      .selectAll()
      .where('id', '=', grant.id)
      .executeTakeFirstOrThrow();
    expect(row.reviewed_by).toBe(t.org.userIds['ian.auditor']);
    expect(row.reviewed_at).not.toBeNull();
    const page = await ian.get('/audit/break-glass');
    expect(page.body).toContain('Reviewed');
    expect(page.body).toContain('by Ian Walsh');
    expect(page.body).toMatch(/<strong>0<\/strong> uses are waiting for review/);
    const again = await ian.post(`/audit/break-glass/${grant.id}/review`);
    expect(again.statusCode).toBe(303);
    expect((await ian.get('/audit/break-glass')).body).toContain('This had already been reviewed');
    expect((await auditRows('break-glass.review', rosaId)).length).toBe(1);
    expect((await ian.post('/audit/break-glass/7d3c1a62-1111-4abc-8def-123456789abc/review')).statusCode).toBe(404);
  });

  it('lifts the restriction', async () => {
    const res = await priya.post(`/people/${rosaId}/restriction`, { restricted: 'no' });
    expect(res.statusCode).toBe(303);
    expect((await bea.get(`/people/${rosaId}`)).statusCode).toBe(200);
    expect(
      await t.database.db.selectFrom('restricted_access').selectAll().where('person_id', '=', rosaId).execute(),
    ).toEqual([]);
    expect((await auditRows('person.unrestrict', rosaId)).length).toBe(1);
  });
});
