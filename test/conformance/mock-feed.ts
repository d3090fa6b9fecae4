import { existsSync, readFileSync } from 'node:fs';
import type { Fetch } from './walk.js';

/**
 * The official validator's mock feeds (fixtures/V3.0-UK-*), served the way its MockController serves
 * them: the same file for every page and every id. Answers carry the CORS header, as a real server
 * of these files would, so only their bodies decide the verdict.
 */
const FIXTURES = new URL('./fixtures/', import.meta.url);

const files: Array<[RegExp, string[]]> = [
  [/^\/?$/, ['api_details']],
  [/^\/services$/, ['service_list']],
  [/^\/services\/[^/]+$/, ['service_full']],
  [/^\/taxonomies$/, ['taxonomy_list']],
  [/^\/taxonomies\/[^/]+$/, ['taxonomy']],
  [/^\/taxonomy_terms$/, ['taxonomy_term_list']],
  [/^\/taxonomy_terms\/[^/]+$/, ['taxonomy_term']],
  [/^\/service_at_locations$/, ['service_at_location_list']],
  [/^\/service_at_locations\/[^/]+$/, ['service_at_location_full']],
  [/^\/organizations$/, ['organization_list']],
  [/^\/organizations\/[^/]+$/, ['organization', 'organization_full']],
];

export function mockFeed(folder: string): Fetch {
  return async (pathAndQuery) => {
    const path = pathAndQuery.split('?')[0] ?? '';
    const names = files.find(([pattern]) => pattern.test(path))?.[1] ?? [];
    const file = names.map((n) => new URL(`${folder}/${n}.json`, FIXTURES)).find((u) => existsSync(u));
    const headers = { 'access-control-allow-origin': '*', 'content-type': 'application/json' };
    if (!file) return { status: 404, headers, body: '{"title":"Not found"}' };
    return { status: 200, headers, body: readFileSync(file, 'utf8') };
  };
}

/** Serve one folder but swap in a body for one path: used to build the cases the fixtures lack. */
export function withOverride(
  base: Fetch,
  path: string,
  answer: { status: number; body: string; headers?: Record<string, string> },
): Fetch {
  return async (pathAndQuery) => {
    if ((pathAndQuery.split('?')[0] ?? '') !== path) return base(pathAndQuery);
    return {
      status: answer.status,
      body: answer.body,
      headers: answer.headers ?? { 'access-control-allow-origin': '*' },
    };
  };
}
