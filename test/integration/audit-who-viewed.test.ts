import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testEngines } from '../helpers/database.js';
import { signIn, startTestApp, type Agent, type TestApp } from '../helpers/app.js';
import { createPersonThroughPages, validNhsNumber } from '../helpers/people.js';
import { seedOrganisation } from '../../src/seed/organisation.js';

/** The who-viewed table's body rows as plain text cells. */
function tableRows(html: string): string[][] {
  const table = /<table[^>]*id="who-viewed"[\s\S]*?<\/table>/.exec(html)?.[0] ?? '';
  const body = /<tbody[\s\S]*?<\/tbody>/.exec(table)?.[0] ?? '';
  return [...body.matchAll(/<tr[\s\S]*?<\/tr>/g)].map((row) =>
    [...row[0].matchAll(/<t[dh][^>]*>([\s\S]*?)<\/t[dh]>/g)].map((cell) =>
      cell[1]!
        .replace(/<[^>]+>/g, ' ')
        .replace(/\s+/g, ' ')
        .trim(),
    ),
  );
}

const createPerson = (agent: Agent, givenName: string, familyName: string, nhsNumber: string) =>
  createPersonThroughPages(agent, givenName, familyName, nhsNumber, '1938-11-09');

describe.each(testEngines())('who has looked at this record (%s)', (engine) => {
  let t: TestApp;
  let sam: Agent, bea: Agent, priya: Agent, ian: Agent;
  let ednaId: string, foreignId: string;

  beforeAll(async () => {
    t = await startTestApp(engine);
    [sam, bea, priya, ian] = await Promise.all([
      signIn(t.app, 'sam.practitioner'),
      signIn(t.app, 'bea.broker'),
      signIn(t.app, 'priya.manager'),
      signIn(t.app, 'ian.auditor'),
    ]);
    ednaId = await createPerson(sam, 'Edna', 'Viewed', validNhsNumber(402000001));
    const other = await seedOrganisation(t.database.db, {
      council: { name: 'Elsewhere Council', kind: 'council', ods_code: 'ELS' },
      accounts: [],
    });
    foreignId = (
      await t.database.db
        .insertInto('person')
        .values({
          org_id: other.orgId,
          council_person_id: 'E1',
          given_name: 'Else',
          family_name: 'Where',
          date_of_birth: '1950-01-01',
        })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
  });
  afterAll(async () => t?.close());

  it('shows a team manager exactly who viewed the record, with names and roles, newest first', async () => {
    expect((await sam.get(`/people/${ednaId}`)).statusCode).toBe(200);
    expect((await sam.get(`/people/${ednaId}`)).statusCode).toBe(200);
    expect((await bea.get(`/people/${ednaId}`)).statusCode).toBe(200);
    const page = await priya.get(`/people/${ednaId}/who-viewed`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Edna Viewed');
    const rows = tableRows(page.body);
    const views = rows.filter((r) => r[2] === 'Looked at the record');
    expect(views.map((r) => r[1])).toEqual([
      'Bea Collins Broker or support service',
      'Sam Okafor Social care practitioner',
      'Sam Okafor Social care practitioner',
    ]);
    // Creating the record is there too (the oldest entry, so last).
    expect(rows.at(-1)?.[1]).toBe('Sam Okafor Social care practitioner');
    expect(rows.at(-1)?.[2]).toBe('Created the record');
    expect(rows).toHaveLength(4);
  });

  it('audits looking at the page itself', async () => {
    const entries = await t.database.db
      .selectFrom('audit_event')
      .select(['actor_id', 'person_id'])
      .where('action', '=', 'audit.who-viewed')
      .execute();
    expect(entries).toEqual([{ actor_id: t.org.userIds['priya.manager'], person_id: ednaId }]);
    const again = tableRows((await ian.get(`/people/${ednaId}/who-viewed`)).body);
    expect(again[0]).toEqual([expect.any(String), 'Priya Shah Team manager', 'Looked at who has seen the record', '']);
  });

  it('refuses roles that may not see it, and never shows another council’s record', async () => {
    expect((await sam.get(`/people/${ednaId}/who-viewed`)).statusCode).toBe(403);
    expect((await bea.get(`/people/${ednaId}/who-viewed`)).statusCode).toBe(403);
    expect((await priya.get(`/people/${foreignId}/who-viewed`)).statusCode).toBe(404);
    expect((await ian.get(`/people/${foreignId}/who-viewed`)).statusCode).toBe(404);
    expect((await ian.get('/people/not-an-id/who-viewed')).statusCode).toBe(404);
    const entries = await t.database.db
      .selectFrom('audit_event')
      .select('id')
      .where('person_id', '=', foreignId)
      .execute();
    expect(entries).toEqual([]);
  });

  it('lets the auditor see who viewed a restricted record, though not the record itself', async () => {
    await t.database.db.updateTable('person').set({ restricted: true }).where('id', '=', ednaId).execute();
    expect((await ian.get(`/people/${ednaId}`)).statusCode).toBe(403);
    const page = await ian.get(`/people/${ednaId}/who-viewed`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Bea Collins');
    // A manager not named on the restricted record cannot use this page to learn about it.
    expect((await priya.get(`/people/${ednaId}/who-viewed`)).statusCode).toBe(404);
    await t.database.db.updateTable('person').set({ restricted: false }).where('id', '=', ednaId).execute();
  });

  it('names a partner system by its token name', async () => {
    const token = await t.database.db
      .insertInto('api_token')
      .values({
        org_id: t.org.orgId,
        name: 'GP practice system',
        token_hash: 'not-a-real-hash',
        scopes: ['people:read'],
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const { withOrg } = await import('../../src/platform/db/scope.js');
    const { writeAudit } = await import('../../src/platform/audit/audit.js');
    await withOrg(t.database.db, t.org.orgId, (tx) =>
      writeAudit(
        tx,
        {
          actor: {
            kind: 'api_token',
            tokenId: token.id,
            orgId: t.org.orgId,
            scopes: ['people:read'],
            displayName: 'GP practice system',
          },
        },
        [{ action: 'person.api', resourceType: 'person', resourceId: ednaId, personId: ednaId }],
      ),
    );
    const rows = tableRows((await priya.get(`/people/${ednaId}/who-viewed`)).body);
    expect(rows[0]?.slice(1, 3)).toEqual(['GP practice system (partner system)', 'Read the record through the API']);
  });

  it('pages a long history, 50 entries a page, with no personal data in the page links', async () => {
    const { withOrg } = await import('../../src/platform/db/scope.js');
    const { writeAudit } = await import('../../src/platform/audit/audit.js');
    const actor = {
      kind: 'user' as const,
      userId: t.org.userIds['sam.practitioner']!,
      orgId: t.org.orgId,
      role: 'practitioner' as const,
      teamId: null,
      displayName: 'Sam Okafor',
    };
    await withOrg(t.database.db, t.org.orgId, (tx) =>
      writeAudit(
        tx,
        { actor },
        Array.from({ length: 60 }, () => ({
          action: 'person.timeline',
          resourceType: 'person',
          resourceId: ednaId,
          personId: ednaId,
        })),
      ),
    );
    const total = await t.database.db.selectFrom('audit_event').select('id').where('person_id', '=', ednaId).execute();
    const first = await priya.get(`/people/${ednaId}/who-viewed`);
    expect(tableRows(first.body)).toHaveLength(50);
    expect(first.body).toContain(`href="/people/${ednaId}/who-viewed?page=2"`);
    const second = await priya.get(`/people/${ednaId}/who-viewed?page=2`);
    // Viewing page 1 added one more entry (priya's own view), which pushes one more onto page 2.
    expect(tableRows(second.body)).toHaveLength(total.length + 1 - 50);
    expect(tableRows(second.body).at(-1)?.[2]).toBe('Created the record');
  });
});
