import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { mockFeed, withOverride } from './mock-feed.js';
import { schemaErrors, type OrukSchemaName } from './schemas.js';
import { walk } from './walk.js';

/**
 * The conformance check must agree with the official validator on its own fixtures (shared README
 * §8): the Default and Test feeds pass, the Warn feed passes with warnings only, the Fail feed fails
 * on its required endpoints; and every ORUK example document is valid against its schema.
 */
const FIXTURES = new URL('./fixtures/', import.meta.url);
const read = (path: string): unknown => JSON.parse(readFileSync(new URL(path, FIXTURES), 'utf8'));

const schemaOfFile: Record<string, OrukSchemaName> = {
  api_details: 'api_details',
  service_list: 'service_list',
  service_full: 'service',
  taxonomy: 'taxonomy',
  taxonomy_list: 'taxonomy_list',
  taxonomy_term: 'taxonomy_term',
  taxonomy_term_list: 'taxonomy_term_list',
  service_at_location_list: 'service_at_location_list',
  service_at_location_full: 'service_at_location',
  organization_list: 'organization_list',
  organization: 'organization',
  organization_full: 'organization',
};

describe('ORUK schemas against the official fixtures', () => {
  it.each(readdirSync(new URL('examples/', FIXTURES)))('example %s is valid', (file) => {
    const schema = schemaOfFile[file.replace(/\.json$/, '')];
    expect(schema, `no schema mapped for ${file}`).toBeDefined();
    expect(schemaErrors(schema as OrukSchemaName, read(`examples/${file}`))).toEqual([]);
  });

  it.each(['V3.0-UK-Default', 'V3.0-UK-Test'])('every file of the %s feed is valid', (folder) => {
    for (const file of readdirSync(new URL(`${folder}/`, FIXTURES))) {
      const schema = schemaOfFile[file.replace(/\.json$/, '')] as OrukSchemaName;
      expect(schemaErrors(schema, read(`${folder}/${file}`)), `${folder}/${file}`).toEqual([]);
    }
  });

  it('the Fail feed is invalid exactly where the validator says (README §8)', () => {
    const invalid = readdirSync(new URL('V3.0-UK-Fail/', FIXTURES))
      .filter(
        (file) =>
          schemaErrors(schemaOfFile[file.replace(/\.json$/, '')] as OrukSchemaName, read(`V3.0-UK-Fail/${file}`))
            .length > 0,
      )
      .sort();
    expect(invalid).toEqual(['api_details.json', 'service_full.json', 'service_list.json', 'taxonomy_term.json']);
    expect(schemaErrors('api_details', read('V3.0-UK-Fail/api_details.json')).join('\n')).toMatch(
      /profile[\s\S]*openapi_url|openapi_url[\s\S]*profile/,
    );
    expect(schemaErrors('service', read('V3.0-UK-Fail/service_full.json')).join('\n')).toMatch(/format "email"/);
  });

  it('uuid is the .NET "D" form only and uri must be absolute', () => {
    const term = { id: '3fa85f64-5717-4562-b3fc-2c963f66afa6', name: 'Advocacy', description: 'Speaking up' };
    expect(schemaErrors('taxonomy_term', term)).toEqual([]);
    expect(schemaErrors('taxonomy_term', { ...term, id: 'urn:uuid:3fa85f64-5717-4562-b3fc-2c963f66afa6' })).not.toEqual(
      [],
    );
    expect(schemaErrors('taxonomy_term', { ...term, id: '{3fa85f64-5717-4562-b3fc-2c963f66afa6}' })).not.toEqual([]);
    expect(schemaErrors('taxonomy_term', { ...term, term_uri: 'www.example.org/term' })).not.toEqual([]);
    expect(schemaErrors('taxonomy_term', { ...term, term_uri: 'https://example.org/a term' })).not.toEqual([]);
    expect(schemaErrors('taxonomy_term', { ...term, parent_id: null })).not.toEqual([]);
  });
});

describe('the walk against the validator mock feeds', () => {
  it.each(['V3.0-UK-Default', 'V3.0-UK-Test'])('%s passes with no errors', async (folder) => {
    const result = await walk(mockFeed(folder), { strict: false });
    expect(result.issues.filter((i) => i.level === 'error')).toEqual([]);
    expect(result.valid).toBe(true);
    expect(result.requests).toEqual(
      expect.arrayContaining(['/', '/services?page=1', '/taxonomy_terms?page=1', '/organizations?page=1']),
    );
    expect(result.requests.some((r) => /^\/services\/[0-9a-f-]{36}$/.test(r))).toBe(true);
  });

  it('the Warn feed passes with a warning on the optional /taxonomy_terms/{id}', async () => {
    const result = await walk(mockFeed('V3.0-UK-Warn'), { strict: false });
    expect(result.valid).toBe(true);
    expect(result.issues.some((i) => i.level === 'warning' && i.endpoint.startsWith('/taxonomy_terms/'))).toBe(true);
  });

  it('the Fail feed fails, on /, /services and /services/{id}', async () => {
    const result = await walk(mockFeed('V3.0-UK-Fail'), { strict: false });
    expect(result.valid).toBe(false);
    const failing = new Set(
      result.issues
        .filter((i) => i.level === 'error')
        .map((i) => i.endpoint.replace(/[0-9a-f-]{36}/, '{id}').split('?')[0]),
    );
    expect([...failing].sort()).toEqual(expect.arrayContaining(['/', '/services', '/services/{id}']));
  });

  it('a feed without a usable / fails (the validator would fall back to ORUK 1.0)', async () => {
    const result = await walk(
      withOverride(withOverride(mockFeed('V3.0-UK-Default'), '', { status: 404, body: '' }), '/', {
        status: 404,
        body: '',
      }),
      { strict: false },
    );
    expect(result.valid).toBe(false);
  });

  it('a required endpoint answering 500 fails; an optional one answering 404 only warns', async () => {
    const broken = await walk(withOverride(mockFeed('V3.0-UK-Default'), '/services', { status: 500, body: '{}' }), {
      strict: false,
    });
    expect(broken.valid).toBe(false);
    const noTaxonomies = await walk(
      withOverride(mockFeed('V3.0-UK-Default'), '/taxonomies', { status: 404, body: '{}' }),
      { strict: false },
    );
    expect(noTaxonomies.valid).toBe(true);
    expect(noTaxonomies.issues).toContainEqual(
      expect.objectContaining({ level: 'warning', endpoint: '/taxonomies?page=1' }),
    );
  });

  it('strict mode fails a feed without the CORS header or with a null', async () => {
    const noCors = withOverride(mockFeed('V3.0-UK-Default'), '/services', {
      status: 200,
      body: readFileSync(new URL('V3.0-UK-Default/service_list.json', FIXTURES), 'utf8'),
      headers: {},
    });
    expect((await walk(noCors, { strict: true })).issues).toContainEqual(
      expect.objectContaining({ rule: 'standard', message: expect.stringMatching(/Access-Control-Allow-Origin/) }),
    );
    const withNull = withOverride(mockFeed('V3.0-UK-Default'), '/', {
      status: 200,
      body: JSON.stringify({
        version: 'HSDS-UK-3.0',
        profile: 'https://example.org/p',
        openapi_url: 'https://example.org/o',
        description: null,
      }),
    });
    expect((await walk(withNull, { strict: true })).issues).toContainEqual(
      expect.objectContaining({ message: 'null at /description' }),
    );
  });
});
