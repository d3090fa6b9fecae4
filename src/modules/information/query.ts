import { z } from 'zod';
import type { FieldError } from '../../platform/http/errors.js';
import { dayCodes, type DayCode } from './schedules.js';
import { postcodeKey } from '../../platform/geo/postcodes.js';

/**
 * The search form's query string, read leniently: a resident's link or a mangled URL must never
 * give an error page. Anything unreadable falls back to its default; only a postcode that cannot
 * be a postcode is reported, because the person typed it and needs to know.
 */
export const DEFAULT_MILES = 5;
export const distanceChoices = [1, 2, 5, 10, 20] as const;
export const PAGE_SIZE = 20;
export const PRINT_LIMIT = 100;

// Control characters (a NUL byte) are not text anyone typed, and PostgreSQL refuses them.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f]/g;
const text = (max: number) =>
  z
    .preprocess(
      (v) => (Array.isArray(v) ? v[0] : v),
      z.string().transform((s) => s.replace(CONTROL, ' ').trim().slice(0, max)),
    )
    .catch('');
const flag = z
  .preprocess((v) => (Array.isArray(v) ? v[0] : v), z.string())
  .transform((v) => v === 'yes')
  .catch(false);

const rawSchema = z.object({
  q: text(200),
  kind: text(80),
  postcode: text(20),
  miles: z.coerce
    .number()
    .int()
    .refine((n) => (distanceChoices as readonly number[]).includes(n))
    .catch(DEFAULT_MILES),
  free: flag,
  directPayments: flag,
  open: z
    .preprocess((v) => (Array.isArray(v) ? v[0] : v), z.enum(['now', ...dayCodes]))
    .optional()
    .catch(undefined),
  language: text(60),
  sort: z.preprocess((v) => (Array.isArray(v) ? v[0] : v), z.enum(['relevance', 'nearest'])).catch('relevance'),
  page: z.coerce.number().int().min(1).max(10_000).catch(1),
});

export interface SearchQuery {
  q: string;
  kind: string;
  /** What the person typed, kept to show back in the box. */
  postcode: string;
  /** The table key of a well-formed postcode, or null. */
  postcodeKey: string | null;
  miles: number;
  free: boolean;
  directPayments: boolean;
  open?: 'now' | DayCode;
  language: string;
  /** Best match first (distance breaks ties), or nearest first; nearest needs a postcode. */
  sort: 'relevance' | 'nearest';
  page: number;
}

export function parseSearchQuery(query: unknown): { query: SearchQuery; errors: FieldError[] } {
  const raw = rawSchema.parse(typeof query === 'object' && query !== null ? query : {});
  const key = raw.postcode ? postcodeKey(raw.postcode) : null;
  const errors: FieldError[] = [];
  if (raw.postcode && !key) errors.push({ text: 'Enter a real postcode, like PE13 1AB', href: '#postcode' });
  return { query: { ...raw, postcode: raw.postcode.toUpperCase(), postcodeKey: key }, errors };
}

/** Has the person asked for anything? With nothing asked we show the categories, not every service. */
export function isEmptySearch(q: SearchQuery): boolean {
  return !q.q && !q.kind && !q.postcode && !q.free && !q.directPayments && !q.open && !q.language;
}

/** The query string for the same search (for pages and the print view); defaults are left out. */
export function searchParams(q: SearchQuery, overrides: { page?: number } = {}): string {
  const params = new URLSearchParams();
  if (q.q) params.set('q', q.q);
  if (q.kind) params.set('kind', q.kind);
  if (q.postcode) params.set('postcode', q.postcode);
  if (q.postcode && q.miles !== DEFAULT_MILES) params.set('miles', String(q.miles));
  if (q.free) params.set('free', 'yes');
  if (q.directPayments) params.set('directPayments', 'yes');
  if (q.open) params.set('open', q.open);
  if (q.language) params.set('language', q.language);
  if (q.sort === 'nearest') params.set('sort', q.sort);
  const page = overrides.page ?? q.page;
  if (page > 1) params.set('page', String(page));
  return params.toString();
}
