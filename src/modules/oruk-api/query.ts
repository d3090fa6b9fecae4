import { HttpError } from '../../platform/http/errors.js';
import { EARLIEST_YEAR } from '../../platform/dates.js';
import { canonicalId } from '../../platform/http/ids.js';

/**
 * Query parameters of the ORUK 3.0 list endpoints (openapi.json `components.parameters`). Anything
 * malformed is refused with 400 and a sentence naming the parameter, never silently ignored: a
 * client that sends `page=two` should learn about it, not get page 1. Unknown parameters are ignored
 * (HSDS lets publishers skip filters they do not offer).
 */
export const DEFAULT_PER_PAGE = 50;
export const MAX_PER_PAGE = 200;
/** `minimal` lists are meant to come back in one call; each item is four short fields. */
export const MAX_PER_PAGE_MINIMAL = 5000;
/** Proximity is capped at 200 km: the directory is one council's, and a cap keeps the bounding box useful. */
export const MAX_PROXIMITY_METRES = 200_000;

export class BadParameter extends HttpError {
  constructor(message: string) {
    super(400, 'Bad request', message);
  }
}

const RFC3339 = /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/i;

export type RawQuery = Record<string, unknown>;

function single(query: RawQuery, name: string): string | undefined {
  const value = query[name];
  if (value === undefined) return undefined;
  if (typeof value !== 'string') throw new BadParameter(`Give ${name} once only`);
  return value;
}

export function text(query: RawQuery, name: string): string | undefined {
  const value = single(query, name)?.trim();
  if (value !== undefined && value.length > 200) throw new BadParameter(`${name} must be 200 characters or fewer`);
  return value ? value : undefined;
}

export function uuid(query: RawQuery, name: string): string | undefined {
  const value = text(query, name);
  if (value === undefined) return undefined;
  const id = canonicalId(value);
  if (!id) throw new BadParameter(`${name} must be a UUID, like 3fa85f64-5717-4562-b3fc-2c963f66afa6`);
  return id;
}

export function bool(query: RawQuery, name: string): boolean {
  const value = text(query, name)?.toLowerCase();
  if (value === undefined || value === 'false' || value === '0') return false;
  if (value === 'true' || value === '1') return true;
  throw new BadParameter(`${name} must be true or false`);
}

function positiveInteger(query: RawQuery, name: string): number | undefined {
  const value = text(query, name);
  if (value === undefined) return undefined;
  if (!/^\d{1,9}$/.test(value) || Number(value) < 1)
    throw new BadParameter(`${name} must be a whole number, 1 or more`);
  return Number(value);
}

export interface Paging {
  page: number;
  perPage: number;
}

export function paging(query: RawQuery, maxPerPage = MAX_PER_PAGE): Paging {
  const page = positiveInteger(query, 'page') ?? 1;
  // A larger per_page is capped rather than refused: clients ask for "everything" in good faith.
  const perPage = Math.min(positiveInteger(query, 'per_page') ?? DEFAULT_PER_PAGE, maxPerPage);
  return { page, perPage };
}

export function modifiedAfter(query: RawQuery): Date | undefined {
  const value = text(query, 'modified_after');
  if (value === undefined) return undefined;
  const when = RFC3339.test(value) ? new Date(value) : new Date(Number.NaN);
  if (Number.isNaN(when.getTime()))
    throw new BadParameter('modified_after must be a date and time in RFC 3339 form, like 2025-04-01T09:00:00Z');
  // Year 0 is a JavaScript date but not a PostgreSQL one: it once failed the query (500).
  if (when.getUTCFullYear() < EARLIEST_YEAR)
    throw new BadParameter(`modified_after must be in ${EARLIEST_YEAR} or later`);
  return when;
}

/** Only JSON is offered; ndjson streaming is optional in HSDS and refused clearly rather than ignored. */
export function requireJsonFormat(query: RawQuery): void {
  const format = text(query, 'format');
  if (format !== undefined && format.toLowerCase() !== 'json')
    throw new BadParameter('format must be json: this API does not offer other formats');
}

/** Read a request's query with `parse`, after the checks every list endpoint shares. */
export function parseQuery<T>(query: unknown, parse: (raw: RawQuery) => T): T {
  const raw = (query && typeof query === 'object' ? query : {}) as RawQuery;
  requireJsonFormat(raw);
  return parse(raw);
}
