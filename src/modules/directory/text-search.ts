import { sql, type RawBuilder } from 'kysely';

/**
 * "This service (alias `s`) matches the words": through `directory_service_text_matches`, which can
 * use the full-text index under row-level security (see migrations/0009_directory_text_search.ts).
 * Pass a tsquery expression, e.g. sql`websearch_to_tsquery('english', ${words})`.
 */
export function serviceMatchesText(tsquery: RawBuilder<unknown>): RawBuilder<boolean> {
  return sql<boolean>`s.id in (select directory_service_text_matches(${tsquery}))`;
}
