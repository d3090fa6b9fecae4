import { readFileSync } from 'node:fs';
import { schemaErrors, type OrukSchemaName } from './schemas.js';

/**
 * A TypeScript re-implementation of the official ORUK validator's walk (shared README §7.2–7.3,
 * §8): read the version from `/`, take the ORUK 3.0 OpenAPI for it, call every path, page through
 * each list (first, middle and last page), try up to ten ids from each list on its `{id}` endpoint,
 * and validate every body against the schema the OpenAPI declares. Verdict as the validator's:
 * failure on any required endpoint's non-2xx or invalid body, and (its quirk) on an invalid body
 * from a paginated optional endpoint; other optional-endpoint problems are warnings.
 *
 * `strict` adds what the standard states but the validator does not test, reported as rule
 * 'standard': `Access-Control-Allow-Origin: *` on every answer, the body is JSON, no `null`
 * anywhere, and page counters that agree with the contents and with each other.
 */
export interface Answer {
  status: number;
  headers: Record<string, string | string[] | number | undefined>;
  body: string;
}
/** GET a path (with query) relative to the API's base URL, e.g. '/services?page=2'. */
export type Fetch = (pathAndQuery: string) => Promise<Answer>;

export interface Issue {
  level: 'error' | 'warning';
  rule: 'validator' | 'standard';
  endpoint: string;
  message: string;
}
export interface WalkResult {
  valid: boolean;
  issues: Issue[];
  requests: string[];
}

interface Operation {
  path: string;
  optional: boolean;
  paginated: boolean;
  schema: OrukSchemaName;
}

const SPEC = new URL('../../src/modules/oruk-api/spec/openapi.json', import.meta.url);
const MAX_IDS = 10;

/** The operations of the ORUK 3.0 OpenAPI, as the validator reads them (tags say optional). */
export function operations(): Operation[] {
  const spec = JSON.parse(readFileSync(SPEC, 'utf8')) as {
    paths: Record<
      string,
      {
        get: {
          tags?: string[];
          parameters?: unknown[];
          responses: Record<string, { content: Record<string, { schema: { $ref: string } }> }>;
        };
      }
    >;
  };
  return Object.entries(spec.paths).map(([path, item]) => {
    const ref = item.get.responses['200']?.content['application/json']?.schema.$ref ?? '';
    const params = (item.get.parameters ?? []).map((p) =>
      typeof p === 'string' ? p : ((p as { $ref?: string }).$ref ?? ''),
    );
    return {
      path,
      optional: (item.get.tags ?? []).some((t) => t.toLowerCase() === 'optional'),
      paginated: params.some((p) => p === 'page' || p.endsWith('/page')),
      schema: ref.replace(/^.*\//, '').replace(/\.json$/, '') as OrukSchemaName,
    };
  });
}

function findNull(value: unknown, at = ''): string | undefined {
  if (value === null) return at || '/';
  if (Array.isArray(value)) {
    for (const [i, v] of value.entries()) {
      const found = findNull(v, `${at}/${i}`);
      if (found) return found;
    }
  } else if (typeof value === 'object') {
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
      const found = findNull(v, `${at}/${k}`);
      if (found) return found;
    }
  }
  return undefined;
}

export interface WalkOptions {
  strict: boolean;
  /** Extra list query, e.g. 'per_page=4', so a small test directory still has a middle and a last page. */
  listQuery?: string;
}

export async function walk(fetch: Fetch, options: WalkOptions): Promise<WalkResult> {
  const extra = options.listQuery ? `&${options.listQuery}` : '';
  const issues: Issue[] = [];
  const requests: string[] = [];
  const add = (issue: Issue) => issues.push(issue);

  /** GET, check the standard's rules, validate; returns the parsed body when it is JSON. */
  async function call(op: Operation, url: string, downgrade: boolean): Promise<{ ok: boolean; body?: unknown }> {
    requests.push(url);
    const answer = await fetch(url);
    const failLevel = op.optional && downgrade ? 'warning' : 'error';
    if (options.strict && answer.headers['access-control-allow-origin'] !== '*') {
      add({ level: 'error', rule: 'standard', endpoint: url, message: 'Access-Control-Allow-Origin: * is missing' });
    }
    if (answer.status < 200 || answer.status > 299) {
      add({
        level: op.optional ? 'warning' : 'error',
        rule: 'validator',
        endpoint: url,
        message: `answered ${answer.status}`,
      });
      return { ok: false };
    }
    let body: unknown;
    try {
      body = JSON.parse(answer.body);
    } catch {
      if (options.strict) add({ level: 'error', rule: 'standard', endpoint: url, message: 'the body is not JSON' });
      return { ok: false };
    }
    for (const message of schemaErrors(op.schema, body))
      add({ level: failLevel, rule: 'validator', endpoint: url, message });
    const nullAt = options.strict ? findNull(body) : undefined;
    if (nullAt) add({ level: 'error', rule: 'standard', endpoint: url, message: `null at ${nullAt}` });
    return { ok: true, body };
  }

  // Discovery: the validator reads `version` from the base URL (with and without the slash).
  const discovery = await fetch('');
  requests.push('');
  let version: unknown;
  try {
    version = (JSON.parse(discovery.body) as { version?: unknown }).version;
  } catch {
    version = undefined;
  }
  if (discovery.status !== 200 || version !== 'HSDS-UK-3.0') {
    add({
      level: 'error',
      rule: 'validator',
      endpoint: '',
      message: `the base URL must declare version HSDS-UK-3.0 (got ${JSON.stringify(version)}, status ${discovery.status})`,
    });
  }

  const ops = operations();
  const idsFor = new Map<string, string[]>();
  for (const op of ops.filter((o) => !o.path.includes('{id}'))) {
    if (!op.paginated) {
      await call(op, op.path, true);
      continue;
    }
    const first = await call(op, `${op.path}?page=1${extra}`, false);
    const page1 = first.body as { contents?: Array<{ id?: unknown }>; total_pages?: unknown } | undefined;
    if (!first.ok || !page1) continue;
    const contents = Array.isArray(page1.contents) ? page1.contents : [];
    if (contents.length === 0) {
      add({ level: 'warning', rule: 'validator', endpoint: op.path, message: 'EMPTY_FEED_WARNING: the list is empty' });
      continue;
    }
    const totalPages = typeof page1.total_pages === 'number' ? page1.total_pages : 1;
    const pages = new Map<number, unknown>([[1, page1]]);
    if (totalPages > 2)
      pages.set(
        Math.floor(totalPages / 2),
        (await call(op, `${op.path}?page=${Math.floor(totalPages / 2)}${extra}`, false)).body,
      );
    if (totalPages > 1) pages.set(totalPages, (await call(op, `${op.path}?page=${totalPages}${extra}`, false)).body);
    if (options.strict) checkCounters(op.path, pages, add);
    idsFor.set(op.path, sampleIds(contents.map((c) => c.id).filter((id): id is string => typeof id === 'string')));
  }
  for (const op of ops.filter((o) => o.path.includes('{id}'))) {
    const ids = idsFor.get(op.path.replace('/{id}', '')) ?? [];
    if (ids.length === 0) add({ level: 'warning', rule: 'validator', endpoint: op.path, message: 'NO_IDS_AVAILABLE' });
    for (const id of ids) await call(op, op.path.replace('{id}', id), true);
  }
  return { valid: !issues.some((i) => i.level === 'error'), issues, requests };
}

/** Up to ten ids spread evenly over the list (the validator samples at random; tests need repeatability). */
function sampleIds(ids: string[]): string[] {
  if (ids.length <= MAX_IDS) return ids;
  return Array.from({ length: MAX_IDS }, (_, i) => ids[Math.floor((i * ids.length) / MAX_IDS)] as string);
}

function checkCounters(endpoint: string, pages: Map<number, unknown>, add: (issue: Issue) => void): void {
  for (const [number, raw] of pages) {
    const page = raw as Record<string, unknown> | undefined;
    if (!page) continue;
    const problem = (message: string) =>
      add({ level: 'error', rule: 'standard', endpoint: `${endpoint}?page=${number}`, message });
    const contents = Array.isArray(page.contents) ? page.contents : [];
    for (const field of ['total_items', 'total_pages', 'page_number', 'size']) {
      if (typeof page[field] !== 'number') problem(`${field} is missing`);
    }
    for (const field of ['first_page', 'last_page', 'empty']) {
      if (typeof page[field] !== 'boolean') problem(`${field} is missing`);
    }
    const totalPages = page.total_pages as number;
    if (page.page_number !== number) problem(`page_number is ${String(page.page_number)}, expected ${number}`);
    if (page.size !== contents.length) problem(`size ${String(page.size)} does not match ${contents.length} items`);
    if (page.first_page !== (number === 1)) problem('first_page is wrong');
    if (page.last_page !== number >= totalPages) problem('last_page is wrong');
    if (page.empty !== (contents.length === 0)) problem('empty is wrong');
    if (number < totalPages && contents.length === 0) problem('a page before the last is empty');
    if ((page.total_items as number) < contents.length) problem('total_items is smaller than the page');
  }
}
