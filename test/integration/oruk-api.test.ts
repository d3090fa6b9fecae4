import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, signIn, type TestApp } from '../helpers/app.js';
import { testEngines } from '../helpers/database.js';
import { centre, ids, insertDirectoryFixture, north } from '../conformance/directory-fixture.js';

/**
 * The open ORUK 3.0 API on the fixture directory alone, so counts are exact: filters, paging, ids,
 * withdrawn entries, another council's entries, openness (no session, no cookies, CORS everywhere)
 * and clear 400s for bad parameters.
 */
interface ListBody {
  total_items: number;
  total_pages: number;
  page_number: number;
  size: number;
  first_page: boolean;
  last_page: boolean;
  empty: boolean;
  contents: Array<Record<string, unknown>>;
}

const OTHER_SERVICE = '0000ffff-2222-4222-8222-222222222222';

describe.each(testEngines())('ORUK 3.0 API (%s)', (engine) => {
  let t: TestApp;
  const get = (url: string, headers: Record<string, string> = {}) => t.app.inject({ method: 'GET', url, headers });
  const list = async (query: string): Promise<ListBody> => {
    const response = await get(`/api/oruk/services${query}`);
    expect(response.statusCode, response.body).toBe(200);
    return response.json<ListBody>();
  };
  const names = (body: ListBody) => body.contents.map((c) => c.name);

  beforeAll(async () => {
    t = await startTestApp(engine);
    const db = t.database.db;
    await insertDirectoryFixture(db, t.org.orgId);
    const other = await db
      .insertInto('organisation')
      .values({ name: 'Another Council', kind: 'council', ods_code: 'OTHER01' })
      .returning('id')
      .executeTakeFirstOrThrow();
    await db
      .insertInto('directory_organization')
      .values({
        id: '0000fffe-2222-4222-8222-222222222222',
        org_id: other.id,
        name: 'Elsewhere Trust',
        description: 'Not ours',
      })
      .execute();
    await db
      .insertInto('directory_service')
      .values({
        id: OTHER_SERVICE,
        org_id: other.id,
        organization_id: '0000fffe-2222-4222-8222-222222222222',
        name: 'Carers cafe elsewhere',
      })
      .execute();
  }, 180_000);
  afterAll(async () => t?.close());

  it('GET /api/oruk and /api/oruk/ declare HSDS-UK-3.0 and an openapi_url that is served', async () => {
    for (const url of ['/api/oruk', '/api/oruk/']) {
      const response = await get(url);
      expect(response.statusCode).toBe(200);
      const body = response.json<{ version: string; profile: string; openapi_url: string }>();
      expect(body.version).toBe('HSDS-UK-3.0');
      expect(body.profile).toMatch(/^https:\/\//);
      expect(body.openapi_url).toMatch(/^https?:\/\/[^/]+\/api\/oruk\/openapi\.json$/);
    }
    const doc = await get('/api/oruk/openapi.json');
    expect(doc.statusCode).toBe(200);
    const openapi = doc.json<{
      info: { version: string };
      servers: Array<{ url: string }>;
      paths: Record<string, unknown>;
    }>();
    expect(openapi.info.version).toBe('HSDS-UK-3.0');
    expect(openapi.servers[0]?.url).toMatch(/\/api\/oruk$/);
    expect(Object.keys(openapi.paths)).toHaveLength(11);
  });

  it("lists published services in id order with all seven page fields; withdrawn and other councils' never appear", async () => {
    const body = await list('');
    expect(names(body)).toEqual(['Carers cafe', 'Independent advocacy', 'Dial-a-ride', 'Short breaks scheme']);
    expect(body).toMatchObject({
      total_items: 4,
      total_pages: 1,
      page_number: 1,
      size: 4,
      first_page: true,
      last_page: true,
      empty: false,
    });
    expect(body.contents[0]).toMatchObject({
      id: ids.carersCafe,
      organization_id: ids.orgCarers,
      status: 'active',
      organization: { id: ids.orgCarers, name: 'Fenshire Carers Trust' },
    });
    expect(body.contents[0]?.last_modified).toBe('2026-10-01T09:30:00.123Z');
    expect((await get(`/api/oruk/services/${ids.withdrawn}`)).statusCode).toBe(404);
    expect((await get(`/api/oruk/services/${OTHER_SERVICE}`)).statusCode).toBe(404);
    expect((await get(`/api/oruk/service_at_locations/${ids.salWithdrawnHall}`)).statusCode).toBe(404);
    const sals = await get('/api/oruk/service_at_locations?per_page=200');
    expect(sals.body).not.toContain(ids.withdrawn);
    const org = await get(`/api/oruk/organizations/${ids.orgCarers}?full_service=true`);
    expect(org.body).not.toContain('Old lunch club');
    expect(org.json<{ services: unknown[] }>().services).toHaveLength(3);
  });

  it('pages from 1 with consistent counters, and a page past the end is empty', async () => {
    const first = await list('?per_page=3');
    expect(first).toMatchObject({
      total_items: 4,
      total_pages: 2,
      page_number: 1,
      size: 3,
      first_page: true,
      last_page: false,
      empty: false,
    });
    const second = await list('?per_page=3&page=2');
    expect(second).toMatchObject({
      total_items: 4,
      total_pages: 2,
      page_number: 2,
      size: 1,
      first_page: false,
      last_page: true,
      empty: false,
    });
    expect(names(second)).toEqual(['Short breaks scheme']);
    const past = await list('?per_page=3&page=9');
    expect(past).toMatchObject({
      total_items: 4,
      total_pages: 2,
      page_number: 9,
      size: 0,
      last_page: true,
      empty: true,
      contents: [],
    });
    expect((await list('?per_page=100000')).total_pages).toBe(1);
  });

  it('filters by words, taxonomy term, taxonomy, organisation and modified_after, combined with AND', async () => {
    expect(names(await list('?search=advocate'))).toEqual(['Independent advocacy']);
    expect(names(await list('?search=carers'))).toEqual(expect.arrayContaining(['Carers cafe', 'Short breaks scheme']));
    expect(names(await list(`?taxonomy_term_id=${ids.termCarers}`))).toEqual(['Carers cafe', 'Short breaks scheme']);
    expect(names(await list(`?taxonomy_term_id=${ids.termCarersGroups}`))).toEqual(['Carers cafe']);
    expect(names(await list(`?taxonomy_id=${ids.taxonomy}`))).toHaveLength(4);
    expect(names(await list(`?organization_id=${ids.orgTransport}`))).toEqual(['Dial-a-ride']);
    expect(names(await list('?modified_after=2026-10-15T00:00:00Z'))).toEqual(['Independent advocacy']);
    expect(names(await list(`?organization_id=${ids.orgCarers}&taxonomy_term_id=${ids.termAdvocacy}`))).toEqual([
      'Independent advocacy',
    ]);
    expect(names(await list(`?organization_id=${ids.orgTransport}&taxonomy_term_id=${ids.termAdvocacy}`))).toEqual([]);
    expect(names(await list('?taxonomy_term_id=3fa85f64-5717-4562-b3fc-2c963f66afa6'))).toEqual([]);
  });

  it('finds services near a postcode or a point, nearest first, within proximity metres', async () => {
    expect(names(await list(`?postcode=${encodeURIComponent(centre.postcode)}&proximity=1000`))).toEqual([
      'Carers cafe',
      'Dial-a-ride',
    ]);
    expect(names(await list(`?postcode=${centre.key.toLowerCase()}&proximity=5000`))).toEqual([
      'Carers cafe',
      'Dial-a-ride',
      'Independent advocacy',
    ]);
    // Without proximity: everything, nearest first, the service far away last.
    expect(names(await list(`?latitude=${north.latitude}&longitude=${north.longitude}`))).toEqual([
      'Independent advocacy',
      'Carers cafe',
      'Dial-a-ride',
      'Short breaks scheme',
    ]);
    const sals = await get(
      `/api/oruk/service_at_locations?postcode=${encodeURIComponent(north.postcode)}&proximity=500`,
    );
    expect(sals.json<ListBody>().contents.map((c) => c.id)).toEqual([ids.salAdvocacyLibrary]);
  });

  it('publishes money in pounds, times as HH:MM, nested children, and nothing of our own curation', async () => {
    const ride = await get(`/api/oruk/services/${ids.dialARide}`);
    expect(ride.statusCode).toBe(200);
    const body = ride.json<Record<string, unknown>>();
    expect(body.cost_options).toEqual([expect.objectContaining({ amount: 3.5, option: 'Single journey' })]);
    const cafe = (await get(`/api/oruk/services/${ids.carersCafe}`)).json<
      Record<string, Array<Record<string, unknown>>>
    >();
    expect(cafe.schedules?.[0]).toMatchObject({ opens_at: '10:00', closes_at: '12:00', byday: 'WE', freq: 'WEEKLY' });
    expect(cafe.cost_options?.[0]?.amount).toBe(0);
    expect(cafe.attributes?.map((a) => (a.taxonomy_term as { name: string }).name).sort()).toEqual(
      ["Carers' groups", 'Carers support'].sort(),
    );
    for (const response of [
      ride,
      await get(`/api/oruk/services/${ids.carersCafe}`),
      await get('/api/oruk/services?full=true'),
    ]) {
      expect(response.body).not.toMatch(/"tl_|Carla Commissioner|Closed down/);
    }
  });

  it("answers 404 as JSON with CORS for unknown, malformed and other councils' ids, and for unknown paths", async () => {
    for (const url of [
      '/api/oruk/services/3fa85f64-5717-4562-b3fc-2c963f66afa6',
      '/api/oruk/services/not-a-uuid',
      '/api/oruk/taxonomies/1',
      `/api/oruk/taxonomy_terms/${OTHER_SERVICE}`,
      '/api/oruk/service_at_locations/x',
      '/api/oruk/organizations/0000fffe-2222-4222-8222-222222222222',
      '/api/oruk/no_such_endpoint',
    ]) {
      const response = await get(url);
      expect(response.statusCode, url).toBe(404);
      expect(response.headers['content-type'], url).toMatch(/json/);
      expect(response.headers['access-control-allow-origin'], url).toBe('*');
    }
    expect((await get(`/api/oruk/taxonomy_terms/${ids.termAdvocacy}`)).statusCode).toBe(200);
  });

  it.each([
    ['page=0', /page/],
    ['page=two', /page/],
    ['per_page=-1', /per_page/],
    ['taxonomy_term_id=abc', /taxonomy_term_id/],
    ['organization_id=1', /organization_id/],
    ['modified_after=yesterday', /modified_after/],
    ['modified_after=0000-01-01T00:00:00Z', /modified_after must be in 1850 or later/],
    ['minimal=perhaps', /minimal/],
    ['proximity=1000', /postcode/],
    ['postcode=NOT A POSTCODE', /postcode/],
    ['postcode=ZZ99 9ZZ&proximity=10', /not found/],
    ['postcode=ZZ99 1AA&proximity=far', /proximity/],
    ['latitude=52', /together/],
    ['format=ndjson', /format/],
    ['page=1&page=2', /page/],
  ])('GET /services?%s answers 400 with a clear message', async (query, message) => {
    const response = await get(`/api/oruk/services?${query}`);
    expect(response.statusCode).toBe(400);
    expect(response.headers['access-control-allow-origin']).toBe('*');
    expect(response.json<{ detail: string }>().detail).toMatch(message);
  });

  it('needs no session and sets no cookies, signed in or not', async () => {
    const anonymous = await get('/api/oruk/services');
    expect(anonymous.statusCode).toBe(200);
    expect(anonymous.headers['set-cookie']).toBeUndefined();
    expect(anonymous.headers['access-control-allow-origin']).toBe('*');
    const staff = await signIn(t.app, 'sam.practitioner');
    const signedIn = await staff.get('/api/oruk/services');
    expect(signedIn.statusCode).toBe(200);
    expect(signedIn.headers['set-cookie']).toBeUndefined();
    expect(signedIn.body).toBe(anonymous.body);
    // A bearer token sent out of habit (even a wrong one) is ignored by the open feed, not refused.
    const withToken = await t.app.inject({
      method: 'GET',
      url: '/api/oruk/services',
      headers: { authorization: 'Bearer not-a-real-token' },
    });
    expect(withToken.statusCode).toBe(200);
    expect(withToken.body).toBe(anonymous.body);
  });

  it('lists taxonomies, terms (top-level, by parent, by taxonomy) and organisations', async () => {
    const taxonomies = (await get('/api/oruk/taxonomies')).json<ListBody>();
    expect(taxonomies.contents.map((c) => c.id)).toEqual([ids.taxonomy]);
    const terms = (await get(`/api/oruk/taxonomy_terms?taxonomy_id=${ids.taxonomy}`)).json<ListBody>();
    expect(terms.total_items).toBe(4);
    const top = (await get(`/api/oruk/taxonomy_terms?taxonomy_id=${ids.taxonomy}&top_only=true`)).json<ListBody>();
    expect(top.contents.map((c) => c.name)).toEqual(['Advocacy', 'Carers support', 'Transport']);
    const children = (await get(`/api/oruk/taxonomy_terms?parent_id=${ids.termCarers}`)).json<ListBody>();
    expect(children.contents.map((c) => c.name)).toEqual(["Carers' groups"]);
    const taxonomy = (await get(`/api/oruk/taxonomies/${ids.taxonomy}`)).json<{ taxonomy_terms: unknown[] }>();
    expect(taxonomy.taxonomy_terms).toHaveLength(4);
    const organizations = (await get('/api/oruk/organizations?search=transport')).json<ListBody>();
    expect(organizations.contents.map((c) => c.name)).toEqual(['Wisbech Community Transport']);
    const full = (await get(`/api/oruk/organizations/${ids.orgCarers}`)).json<Record<string, unknown>>();
    expect(full.organization_identifiers).toEqual([
      expect.objectContaining({ identifier: '1234567', identifier_scheme: 'GB-CHC' }),
    ]);
  });
});
