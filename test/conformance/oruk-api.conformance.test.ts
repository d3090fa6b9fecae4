import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDirectory } from '../../src/seed/directory/index.js';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { testEngines } from '../helpers/database.js';
import { ids, insertDirectoryFixture } from './directory-fixture.js';
import { schemaErrors, type OrukSchemaName } from './schemas.js';
import { walk, type Fetch } from './walk.js';

/**
 * The ORUK 3.0 API walked the way the official validator walks a feed, on the demo directory plus a
 * fixture with every kind of child row, and judged strictly: no errors and no warnings, the CORS
 * header on every answer, no nulls, page counters that agree.
 */
describe.each(testEngines())('ORUK 3.0 conformance (%s)', (engine) => {
  let t: TestApp;
  let fetch: Fetch;

  beforeAll(async () => {
    t = await startTestApp(engine);
    await seedDirectory(t.database.db, t.org, { scale: 'tiny', seed: 7 });
    await insertDirectoryFixture(t.database.db, t.org.orgId);
    fetch = async (pathAndQuery) => {
      const response = await t.app.inject({ method: 'GET', url: `/api/oruk${pathAndQuery}` });
      return { status: response.statusCode, headers: response.headers, body: response.body };
    };
  }, 180_000);
  afterAll(async () => t?.close());

  it('passes the validator walk with no errors or warnings, over first, middle and last pages', async () => {
    const result = await walk(fetch, { strict: true, listQuery: 'per_page=1' });
    expect(result.issues).toEqual([]);
    expect(result.valid).toBe(true);
    for (const list of ['/services', '/taxonomies', '/taxonomy_terms', '/service_at_locations', '/organizations']) {
      expect(result.requests.filter((r) => r.startsWith(`${list}?page=`)).length, list).toBeGreaterThanOrEqual(2);
    }
    // Like the validator, ids come from the first page only: here one per list.
    expect(result.requests.filter((r) => /^\/services\/[0-9a-f-]{36}$/.test(r))).toHaveLength(1);
  });

  it('passes with the default page size too, trying ten ids from each list', async () => {
    const result = await walk(fetch, { strict: true });
    expect(result.issues).toEqual([]);
    expect(result.requests.filter((r) => /^\/services\/[0-9a-f-]{36}$/.test(r))).toHaveLength(10);
    expect(result.requests.filter((r) => /^\/taxonomy_terms\/[0-9a-f-]{36}$/.test(r))).toHaveLength(10);
  });

  it('every fixture service, fully nested, is valid and carries every kind of child', async () => {
    const kinds = new Set<string>();
    for (const id of [ids.carersCafe, ids.advocacy, ids.dialARide, ids.shortBreaks]) {
      const response = await fetch(`/services/${id}`);
      expect(response.status).toBe(200);
      const body = JSON.parse(response.body) as Record<string, unknown>;
      expect(schemaErrors('service', body)).toEqual([]);
      for (const [key, value] of Object.entries(body))
        if (Array.isArray(value) || typeof value === 'object') kinds.add(key);
      const sal = (body.service_at_locations as Array<{ location: Record<string, unknown> }> | undefined)?.[0];
      for (const key of Object.keys(sal?.location ?? {})) kinds.add(`location.${key}`);
    }
    expect([...kinds].sort()).toEqual(
      expect.arrayContaining([
        'attributes',
        'contacts',
        'cost_options',
        'funding',
        'languages',
        'organization',
        'schedules',
        'service_areas',
        'service_at_locations',
        'location.accessibility',
        'location.addresses',
        'location.attributes',
      ]),
    );
  });

  it.each<[string, OrukSchemaName]>([
    ['/services?full=true&per_page=200', 'service_list'],
    ['/services?minimal=true', 'service_list'],
    ['/services?search=carers&postcode=ZZ99%201AA&proximity=5000', 'service_list'],
    ['/service_at_locations?full=true&per_page=200', 'service_at_location_list'],
    ['/organizations?full=true&full_service=true', 'organization_list'],
    [`/organizations/${ids.orgCarers}?full_service=true`, 'organization'],
    [`/taxonomies/${ids.taxonomy}`, 'taxonomy'],
    [`/service_at_locations/${ids.salAdvocacyLibrary}`, 'service_at_location'],
  ])('%s is valid', async (url, schema) => {
    const response = await fetch(url);
    expect(response.status).toBe(200);
    expect(response.headers['access-control-allow-origin']).toBe('*');
    expect(schemaErrors(schema, JSON.parse(response.body))).toEqual([]);
    expect(response.body).not.toContain('null');
  });
});
