import { sql } from 'kysely';
import type { Tx } from '../../platform/db/scope.js';

/**
 * Stories ("images of possibility"): short anonymised accounts of how people used support. They
 * are linked to services through service-kind terms (taxonomy_term_ids) and situation tags; a tag
 * may also name a kind's code ('dementia-support'), so either link finds them.
 */
export interface StorySummary {
  slug: string;
  title: string;
  summary: string;
  tags: string[];
}
export interface Story extends StorySummary {
  body: string;
  kind_codes: string[];
}

const SLUG = /^[a-z0-9][a-z0-9-]{0,99}$/;

export async function listStories(tx: Tx, tag: string | null): Promise<StorySummary[]> {
  const result = await sql<StorySummary>`
    select slug, title, summary, tags from directory_story
    where published ${tag ? sql`and ${tag} = any(tags)` : sql``}
    order by title, slug`.execute(tx);
  return result.rows;
}

/** Every situation tag in use, for the filter on the stories page. */
export async function storyTags(tx: Tx): Promise<string[]> {
  const result = await sql<{ tag: string }>`
    select distinct unnest(tags) as tag from directory_story where published order by 1`.execute(tx);
  return result.rows.map((r) => r.tag);
}

export async function findStory(tx: Tx, slug: string): Promise<Story | null> {
  if (!SLUG.test(slug)) return null;
  const result = await sql<Story>`
    select st.slug, st.title, st.summary, st.body, st.tags,
      array(select t.code from directory_taxonomy_term t where t.id = any(st.taxonomy_term_ids) and t.code is not null order by t.code) as kind_codes
    from directory_story st where st.slug = ${slug} and st.published`.execute(tx);
  return result.rows[0] ?? null;
}

/** Stories related to any of these service kinds (term codes), best-linked first. */
export async function storiesForKinds(tx: Tx, codes: string[], limit = 2): Promise<StorySummary[]> {
  if (codes.length === 0) return [];
  const result = await sql<StorySummary>`
    select st.slug, st.title, st.summary, st.tags from directory_story st
    where st.published and (
      st.tags && ${sql`array[${sql.join(codes)}]::text[]`}
      or exists (select 1 from directory_taxonomy_term t where t.id = any(st.taxonomy_term_ids) and t.code in (${sql.join(codes)})))
    order by st.title, st.slug
    limit ${limit}`.execute(tx);
  return result.rows;
}

/** The service kinds (codes) of these services, to find stories beside a list of results. */
export async function kindsOfServices(tx: Tx, serviceIds: string[]): Promise<string[]> {
  if (serviceIds.length === 0) return [];
  const result = await sql<{ code: string }>`
    select t.code, count(*) as n from directory_attribute a join directory_taxonomy_term t on t.id = a.taxonomy_term_id
    where a.link_entity = 'service' and a.link_id in (${sql.join(serviceIds)}) and t.code is not null
    group by t.code order by n desc, t.code limit 5`.execute(tx);
  return result.rows.map((r) => r.code);
}
