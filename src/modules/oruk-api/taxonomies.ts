import type { Tx } from '../../platform/db/scope.js';
import { namedListPage, nameOrDescriptionContains, pageOf, type Page } from './paging.js';
import { bool, paging, text, uuid, type RawQuery } from './query.js';
import { taxonomy, taxonomyTerm, type Json } from './serialize.js';

/**
 * `/taxonomies` and `/taxonomy_terms`: the vocabularies services are tagged with. Taxonomy data is
 * public reference data, so every term is published, including local ones.
 */

export async function listTaxonomies(tx: Tx, query: RawQuery): Promise<Page> {
  const search = text(query, 'search');
  const pg = paging(query);
  let q = tx.selectFrom('directory_taxonomy').selectAll();
  if (search) q = q.where(nameOrDescriptionContains(search));
  const { rows, total } = await namedListPage(q, pg);
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
  if (search) q = q.where(nameOrDescriptionContains(search));
  if (taxonomyId) q = q.where('taxonomy_id', '=', taxonomyId);
  if (parentId) q = q.where('parent_id', '=', parentId);
  if (topOnly) q = q.where('parent_id', 'is', null);
  const { rows, total } = await namedListPage(q, pg);
  return pageOf(rows.map(taxonomyTerm), total, pg);
}

export async function getTaxonomyTerm(tx: Tx, id: string): Promise<Json | undefined> {
  const row = await tx.selectFrom('directory_taxonomy_term').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? taxonomyTerm(row) : undefined;
}
