import { sql, type SelectQueryBuilder } from 'kysely';
import type { Paging } from './query.js';
import type { Json } from './serialize.js';

/**
 * The ORUK 3.0 list envelope: `contents` plus all seven page fields. The official validator reads
 * `total_pages` to choose which pages to fetch, so every field is always sent. Pages start at 1;
 * `size` is the number of items on this page (as in the ORUK examples). An empty result has
 * `total_pages` 0, and a page past the end is simply empty.
 */
export interface Page {
  total_items: number;
  total_pages: number;
  page_number: number;
  size: number;
  first_page: boolean;
  last_page: boolean;
  empty: boolean;
  contents: Json[];
}

export function pageOf(contents: Json[], totalItems: number, paging: Paging): Page {
  const totalPages = Math.ceil(totalItems / paging.perPage);
  return {
    total_items: totalItems,
    total_pages: totalPages,
    page_number: paging.page,
    size: contents.length,
    first_page: paging.page === 1,
    last_page: paging.page >= totalPages,
    empty: contents.length === 0,
    contents,
  };
}

/** Case-insensitive "contains", with the LIKE wildcards in the user's words taken literally. */
export function containsPattern(words: string): string {
  return `%${words.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** The `search` parameter of the named lists: the words in the row's name or its description. */
export function nameOrDescriptionContains(words: string) {
  const pattern = containsPattern(words);
  return sql<boolean>`(name ilike ${pattern} or description ilike ${pattern})`;
}

/**
 * One page of a named list (organisations, taxonomies, terms), by name and then id so pages never
 * overlap, with the total counted in the same statement. Past the last page no row carries the
 * count, so it is counted on its own.
 */
export async function namedListPage<DB, TB extends keyof DB, O>(
  q: SelectQueryBuilder<DB, TB, O>,
  pg: Paging,
): Promise<{ rows: O[]; total: number }> {
  // Kysely cannot name a selection's columns on a builder generic in its tables: say what they are.
  const rows = (await q
    .select(sql<number>`count(*) over ()`.as('total_items'))
    .orderBy(sql.ref('name'))
    .orderBy(sql.ref('id'))
    .limit(pg.perPage)
    .offset((pg.page - 1) * pg.perPage)
    .execute()) as (O & { total_items: number | string })[];
  if (rows[0]) return { rows, total: Number(rows[0].total_items) };
  if (pg.page === 1) return { rows, total: 0 };
  const counted = (await q
    .clearSelect()
    .select(sql<number>`count(*)`.as('n'))
    .executeTakeFirstOrThrow()) as { n: number | string };
  return { rows, total: Number(counted.n) };
}
