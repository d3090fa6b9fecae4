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
