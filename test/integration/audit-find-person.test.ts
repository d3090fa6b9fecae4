import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testEngines } from '../helpers/database.js';
import { signIn, startTestApp, type Agent, type TestApp } from '../helpers/app.js';
import { createPersonThroughPages, validNhsNumber } from '../helpers/people.js';
import { seedOrganisation } from '../../src/seed/organisation.js';

/** The IG auditor reaches "who has looked" by searching, not by typing a record id. */
describe.each(testEngines())('the auditor’s person search (%s)', (engine) => {
  let t: TestApp;
  let sam: Agent, priya: Agent, ian: Agent;
  let openId: string, restrictedId: string;

  beforeAll(async () => {
    t = await startTestApp(engine);
    [sam, priya, ian] = await Promise.all([
      signIn(t.app, 'sam.practitioner'),
      signIn(t.app, 'priya.manager'),
      signIn(t.app, 'ian.auditor'),
    ]);
    openId = await createPersonThroughPages(sam, 'Ottoline', 'Auditfind', validNhsNumber(403000001), '1941-02-03');
    restrictedId = await createPersonThroughPages(
      sam,
      'Rosamund',
      'Auditfind',
      validNhsNumber(403000002),
      '1942-04-05',
    );
    await t.database.db.updateTable('person').set({ restricted: true }).where('id', '=', restrictedId).execute();
    const other = await seedOrganisation(t.database.db, {
      council: { name: 'Elsewhere Council', kind: 'council', ods_code: 'ELS' },
      accounts: [],
    });
    await t.database.db
      .insertInto('person')
      .values({
        org_id: other.orgId,
        council_person_id: 'E1',
        given_name: 'Elsewhere',
        family_name: 'Auditfind',
        date_of_birth: '1950-01-01',
      })
      .execute();
  });
  afterAll(async () => t?.close());

  const search = async (agent: Agent, q: string) => {
    const posted = await agent.post('/audit/people/search', { q });
    expect(posted.statusCode).toBe(303);
    expect(posted.headers.location).toBe('/audit/people');
    return agent.get('/audit/people');
  };

  it('finds anyone in the council, restricted records too, each linked to who has looked', async () => {
    const page = await search(ian, 'Auditfind');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('2 people found');
    expect(page.body).toContain(`href="/people/${openId}/who-viewed"`);
    expect(page.body).toContain(`href="/people/${restrictedId}/who-viewed"`);
    expect(page.body).toContain('Restricted');
    expect(page.body).not.toContain('Elsewhere');
    // The words stay out of the address (browser history, proxy logs).
    expect(page.body).not.toMatch(/href="[^"]*Auditfind/);
    const whoViewed = await ian.get(`/people/${restrictedId}/who-viewed`);
    expect(whoViewed.statusCode).toBe(200);
    expect(whoViewed.body).toContain('href="/audit/people"');
  });

  it('audits a page of results as one entry naming everyone shown', async () => {
    await search(ian, 'Ottoline Auditfind');
    const entries = await t.database.db
      .selectFrom('audit_event')
      .select(['actor_id', 'person_ids', 'person_id'])
      .where('action', '=', 'audit.person-search')
      .orderBy('at', 'desc')
      .execute();
    expect(entries[0]).toEqual({ actor_id: t.org.userIds['ian.auditor'], person_ids: [openId], person_id: null });
    expect(entries.every((e) => e.actor_id === t.org.userIds['ian.auditor'])).toBe(true);
    // "Who has looked" shows the auditor's search in words.
    const page = await ian.get(`/people/${openId}/who-viewed`);
    expect(page.body).toContain('Saw them in the auditor’s search results');
  });

  it('offers the search in the auditor’s navigation, and only to the auditor', async () => {
    expect((await ian.get('/')).body).toContain('href="/audit/people"');
    expect((await priya.get('/')).body).not.toContain('href="/audit/people"');
    expect((await priya.get('/audit/people')).statusCode).toBe(403);
    expect((await sam.post('/audit/people/search', { q: 'Auditfind' })).statusCode).toBe(403);
  });

  it('fails closed: if the entry cannot be written, nobody is shown', async () => {
    const { db } = t.database;
    await ian.post('/audit/people/search', { q: 'Auditfind' });
    await sql`alter table audit_event add constraint audit_fail_test check (false) not valid`.execute(db);
    try {
      const page = await ian.get('/audit/people');
      expect(page.statusCode).toBeGreaterThanOrEqual(500);
      expect(page.body).not.toContain('Ottoline');
    } finally {
      await sql`alter table audit_event drop constraint audit_fail_test`.execute(db);
    }
  });
});
