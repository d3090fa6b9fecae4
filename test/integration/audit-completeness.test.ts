import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PeopleService } from '../../src/modules/people/service.js';
import { personInputSchema } from '../../src/modules/people/schema.js';
import { authorize } from '../../src/platform/access/authorize.js';
import { verifyAuditChain } from '../../src/platform/audit/audit.js';
import { seedOrganisation } from '../../src/seed/organisation.js';
import { testEngines } from '../helpers/database.js';
import { makeAgent, signIn, startTestApp, type Agent, type TestApp } from '../helpers/app.js';
import {
  fillPath,
  hasPersonParam,
  insertPersonAsOwner,
  inventoryRoutes,
  isApiUrl,
  newSession,
  personRecords,
  userActor,
} from '../helpers/matrix.js';

const FAMILY = 'Auditworth';
const GIVEN = ['Alpha', 'Bravo', 'Charlie'];

/**
 * Every read of a person's data writes exactly one audit entry per person shown, naming the actor
 * from the session; a refused read writes none; and if the entry cannot be written, nothing is shown.
 */
describe.each(testEngines())('audit completeness (%s)', (engine) => {
  let t: TestApp;
  let sam: Agent;
  let samId: string;
  let people: { id: string; given: string }[];
  let foreignPersonId: string;
  /** Each person's own records (a crisis episode) for routes whose `:id` names one. */
  const records = new Map<string, Map<string, string>>();
  const pathFor = (url: string, personId: string) => fillPath(url, personId, records.get(personId));

  beforeAll(async () => {
    t = await startTestApp(engine);
    samId = t.org.userIds['sam.practitioner']!;
    sam = await signIn(t.app, 'sam.practitioner');
    const service = new PeopleService(t.database.db);
    const ctx = { actor: userActor('practitioner', samId, t.org.orgId), requestId: 'audit-test-setup' };
    people = [];
    for (const given of GIVEN) {
      const input = personInputSchema.parse({
        givenName: given,
        familyName: FAMILY,
        dateOfBirth: '1948-05-17',
        interpreterNeeded: false,
      });
      const row = await service.create(ctx, input);
      people.push({ id: row.id, given });
    }
    const other = await seedOrganisation(t.database.db, {
      council: { name: 'Audit Elsewhere Council', kind: 'council', ods_code: 'AUDX001' },
      accounts: [],
    });
    foreignPersonId = await insertPersonAsOwner(t.database.db, other.orgId, 'Foreign', 'Auditsworthy');
    for (const person of people) records.set(person.id, await personRecords(t.database.db, t.org.orgId, person.id));
    records.set(foreignPersonId, await personRecords(t.database.db, other.orgId, foreignPersonId));
  }, 180_000);
  afterAll(async () => t?.close());

  /** The audit rows a request wrote (everything after the current last id). */
  async function auditedBy(send: () => Promise<{ statusCode: number; body: string }>) {
    const before = await t.database.db
      .selectFrom('audit_event')
      .select((eb) => eb.fn.max('id').as('max'))
      .executeTakeFirst();
    const response = await send();
    const rows = await t.database.db
      .selectFrom('audit_event')
      .select(['person_id', 'person_ids', 'actor_id', 'actor_kind', 'action'])
      .where('id', '>', Number(before?.max ?? 0))
      .orderBy('id')
      .execute();
    return { response, rows };
  }

  /** Everyone the entries name: one person each, or everyone a listing entry names. */
  const peopleNamed = (rows: { person_id: string | null; person_ids: readonly string[] | null }[]) =>
    rows.flatMap((r) => r.person_ids ?? (r.person_id ? [r.person_id] : []));

  /** GET routes that take a person id and that sam (a practitioner) may use: pages and API alike. */
  function personReadRoutes() {
    const samActor = userActor('practitioner', samId, t.org.orgId);
    return inventoryRoutes(t.app).filter(
      (r) => r.method === 'GET' && hasPersonParam(r.url) && authorize(samActor, r.policy) === 'allow',
    );
  }

  it('writes one entry, by sam, for each person-data GET route that shows the person', async () => {
    const routes = personReadRoutes();
    expect(routes.map((r) => r.url)).toEqual(expect.arrayContaining(['/people/:id', '/people/:id/timeline']));
    const problems: string[] = [];
    let shown = 0;
    const notShown = new Set<string>();
    for (const route of routes) {
      for (const person of people) {
        const url = pathFor(route.url, person.id);
        // A spoofed actor in a header must make no difference: who comes from the session only.
        const { response, rows } = await auditedBy(() =>
          sam.get(url, {
            'x-user-id': t.org.userIds['priya.manager']!,
            ...(isApiUrl(url) ? { accept: 'application/json' } : {}),
          }),
        );
        const label = `${route.url} for ${person.given} (${response.statusCode})`;
        if (rows.some((r) => r.actor_id !== samId || r.actor_kind !== 'user'))
          problems.push(`${label}: an entry not by sam`);
        if (rows.some((r) => r.person_id !== person.id)) problems.push(`${label}: an entry about someone else`);
        // Any API read about a person discloses something of them, even an empty list of their events.
        const showsPerson =
          response.statusCode === 200 &&
          (isApiUrl(url) || response.body.includes(FAMILY) || response.body.includes(person.id));
        if (response.statusCode >= 300 && rows.length !== 0)
          problems.push(`${label}: ${rows.length} entries for a refused request`);
        if (showsPerson) {
          shown += 1;
          if (rows.length !== 1) problems.push(`${label}: ${rows.length} entries, expected exactly 1`);
        } else {
          notShown.add(`${route.url} (${response.statusCode})`);
          if (rows.length > 1) problems.push(`${label}: ${rows.length} entries`);
        }
      }
    }
    console.log(
      `[audit/${engine}] ${routes.length} person GET routes × ${people.length} people, ${shown} responses showing the person; not showing them: ${[...notShown].join(', ') || 'none'}`,
    );
    expect(problems).toEqual([]);
    expect(shown).toBeGreaterThanOrEqual(2 * people.length);
  }, 120_000);

  it('writes one listing entry for a page of search results, naming the people shown in the order shown, and none for storing the search words', async () => {
    const stored = await auditedBy(() => sam.post('/people/search', { q: FAMILY }));
    expect(stored.response.statusCode).toBe(303);
    expect(stored.rows).toEqual([]);
    const { response, rows } = await auditedBy(() => sam.get('/people'));
    expect(response.statusCode).toBe(200);
    for (const given of GIVEN) expect(response.body).toContain(given);
    const shownInOrder = people
      .map((p) => ({ id: p.id, at: response.body.indexOf(`/people/${p.id}`) }))
      .sort((a, b) => a.at - b.at)
      .map((p) => p.id);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ actor_id: samId, action: 'person.search-result', person_id: null });
    expect(rows[0]!.person_ids).toEqual(shownInOrder);
  });

  it('names every person returned, once, for every API search route in the inventory', async () => {
    const searches = inventoryRoutes(t.app).filter(
      (r) => r.method === 'POST' && isApiUrl(r.url) && r.url.endsWith('/search'),
    );
    for (const route of searches) {
      const { response, rows } = await auditedBy(() => sam.api('POST', route.url, { q: FAMILY, page: 1 }));
      expect(response.statusCode, route.url).toBe(200);
      expect(peopleNamed(rows).sort(), route.url).toEqual(people.map((p) => p.id).sort());
      expect(
        rows.every((r) => r.actor_id === samId),
        route.url,
      ).toBe(true);
    }
    console.log(`[audit/${engine}] ${searches.length} API search route(s)`);
  });

  it('writes nothing for a refused request: a role without access (403) or another organisation’s person (404)', async () => {
    const paulSession = await newSession(t.database.db, t.org.userIds['paul.provider']!);
    const paul = makeAgent(t.app, paulSession.cookie, paulSession.csrf);
    const paulActor = userActor('provider_user', t.org.userIds['paul.provider']!, t.org.orgId);
    for (const route of personReadRoutes()) {
      if (authorize(paulActor, route.policy) !== 'forbidden') continue;
      const refused = await auditedBy(() => paul.get(pathFor(route.url, people[0]!.id)));
      expect(refused.response.statusCode, route.url).toBe(403);
      expect(refused.rows, route.url).toEqual([]);
      const elsewhere = await auditedBy(() => sam.get(pathFor(route.url, foreignPersonId)));
      expect(elsewhere.response.statusCode, route.url).toBe(404);
      expect(elsewhere.rows, route.url).toEqual([]);
    }
    const search = await auditedBy(() => paul.post('/people/search', { q: FAMILY }));
    expect(search.response.statusCode).toBe(403);
    expect(search.rows).toEqual([]);
    expect((await verifyAuditChain(t.database.db)).ok).toBe(true);
  });

  it('fails closed: if the audit entry cannot be written, the person’s data is not shown', async () => {
    const { db } = t.database;
    // NOT VALID skips checking existing rows, but every new row must pass: every audit insert now fails.
    await sql`alter table audit_event add constraint audit_fail_test check (false) not valid`.execute(db);
    try {
      const person = people[0]!;
      for (const url of [`/people/${person.id}`, `/people/${person.id}/timeline`]) {
        const response = await sam.get(url);
        expect(response.statusCode, url).toBeGreaterThanOrEqual(500);
        expect(response.body, url).not.toContain(FAMILY);
        expect(response.body, url).not.toContain(person.given);
      }
      await sam.post('/people/search', { q: FAMILY });
      const search = await sam.get('/people');
      expect(search.statusCode).toBeGreaterThanOrEqual(500);
      expect(search.body).not.toContain(FAMILY);
      for (const route of inventoryRoutes(t.app).filter(
        (r) => r.method === 'GET' && isApiUrl(r.url) && hasPersonParam(r.url),
      )) {
        const response = await sam.get(pathFor(route.url, person.id), { accept: 'application/json' });
        expect(response.statusCode, route.url).toBeGreaterThanOrEqual(500);
        expect(response.body, route.url).not.toContain(FAMILY);
      }
    } finally {
      await sql`alter table audit_event drop constraint audit_fail_test`.execute(db);
    }
    expect((await sam.get(`/people/${people[0]!.id}`)).statusCode).toBe(200);
  });
});
