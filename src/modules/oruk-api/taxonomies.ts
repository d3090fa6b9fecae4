import { sql } from 'kysely';
import type { Tx } from '../../platform/db/scope.js';
import { pageOf, type Page } from './paging.js';
import { bool, paging, text, uuid, type RawQuery } from './query.js';
import { taxonomy, taxonomyTerm, type Json } from './serialize.js';

/**
 * `/taxonomies` and `/taxonomy_terms`: the vocabularies services are tagged with. Taxonomy data is
 * public reference data, so every term is published, including local ones.
 */

/** Case-insensitive "contains", with the LIKE wildcards in the user's words taken literally. */
export function containsPattern(words: string): string {
  return `%${words.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

export async function listTaxonomies(tx: Tx, query: RawQuery): Promise<Page> {
  const search = text(query, 'search');
  const pg = paging(query);
  let q = tx.selectFrom('directory_taxonomy').selectAll();
  if (search)
    q = q.where((eb) =>
      eb.or([eb('name', 'ilike', containsPattern(search)), eb('description', 'ilike', containsPattern(search))]),
    );
  const rows = await q
    .select(sql<number>`count(*) over ()`.as('total_items'))
    .orderBy('name')
    .orderBy('id')
    .limit(pg.perPage)
    .offset((pg.page - 1) * pg.perPage)
    .execute();
  let total = rows[0] ? Number(rows[0].total_items) : 0;
  // Past the last page the window count has no row to ride on.
  if (!rows[0] && pg.page > 1)
    total = Number(
      (
        await q
          .clearSelect()
          .select(sql<number>`count(*)`.as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  return pageOf(rows.map(taxonomy), total, pg);
}

/** A taxonomy with all its terms. */
export async function getTaxonomy(tx: Tx, id: string): Promise<Json | undefined> {
  const row = await tx.selectFrom('directory_taxonomy').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) return undefined;
  const terms = await tx
    .selectFrom('directory_taxonomy_term')
    .selectAll()
    .where('taxonomy_id', '=', id)
    .orderBy('name')
    .orderBy('id')
    .execute();
  const json = taxonomy(row);
  if (terms.length > 0) json.taxonomy_terms = terms.map(taxonomyTerm);
  return json;
}

export async function listTaxonomyTerms(tx: Tx, query: RawQuery): Promise<Page> {
  const search = text(query, 'search');
  const taxonomyId = uuid(query, 'taxonomy_id');
  const parentId = uuid(query, 'parent_id');
  // The parameter's name and its description disagree (README §4.3); the name wins: top-level terms.
  const topOnly = bool(query, 'top_only');
  const pg = paging(query);
  let q = tx.selectFrom('directory_taxonomy_term').selectAll();
  if (search)
    q = q.where((eb) =>
      eb.or([eb('name', 'ilike', containsPattern(search)), eb('description', 'ilike', containsPattern(search))]),
    );
  if (taxonomyId) q = q.where('taxonomy_id', '=', taxonomyId);
  if (parentId) q = q.where('parent_id', '=', parentId);
  if (topOnly) q = q.where('parent_id', 'is', null);
  const rows = await q
    .select(sql<number>`count(*) over ()`.as('total_items'))
    .orderBy('name')
    .orderBy('id')
    .limit(pg.perPage)
    .offset((pg.page - 1) * pg.perPage)
    .execute();
  let total = rows[0] ? Number(rows[0].total_items) : 0;
  if (!rows[0] && pg.page > 1)
    total = Number(
      (
        await q
          .clearSelect()
          .select(sql<number>`count(*)`.as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  return pageOf(rows.map(taxonomyTerm), total, pg);
}

export async function getTaxonomyTerm(tx: Tx, id: string): Promise<Json | undefined> {
  const row = await tx.selectFrom('directory_taxonomy_term').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? taxonomyTerm(row) : undefined;
}
