import { sql, type RawBuilder } from 'kysely';
import type { Tx } from '../../platform/db/scope.js';
import { boundingBox, EARTH_RADIUS_MILES, type Centroid } from '../../platform/geo/postcodes.js';
import { dayBefore, londonNow } from './schedules.js';
import type { SearchQuery } from './query.js';
import type { Expansion } from './synonyms.js';
import { serviceMatchesText } from '../directory/index.js';

/**
 * The public directory search, in one SQL statement under the directory organisation's row-level
 * security. A service is found by the person's words or the words and service kinds their everyday
 * phrases mean (synonyms.ts), then ranked by how well it answers what was asked:
 *
 *   kind match  1 for a kind a phrase means most ("lonely": befriending) or whose name was typed,
 *               ½ for a kind it also means (community groups);
 *   own words   full-text rank of the person's own words, name weighted over description;
 *   phrase words half the rank of the directory words their phrases mean.
 *
 * Distance is a filter (within so many miles of a postcode) and breaks ties between equally good
 * answers (most services of a kind share their wording, so the nearest comes first); it orders the
 * results only when asked ("nearest first"). Only entries a resident may see: not withdrawn, active
 * or temporarily closed.
 */
export interface ResultRow {
  id: string;
  name: string;
  description: string | null;
  status: string;
  organization_name: string;
  free_or_low_cost: boolean;
  accepts_direct_payments: boolean;
  miles: number | null;
  total: number;
}

export const VISIBLE = sql`s.tl_withdrawn_at is null and s.status in ('active', 'temporarily closed')`;

/** Services tagged with any of these service-kind codes (an uncorrelated IN: one hashed set, not a probe per service). */
function taggedWith(codes: string[]): RawBuilder<unknown> {
  return sql`s.id in (select a.link_id from directory_attribute a join directory_taxonomy_term t on t.id = a.taxonomy_term_id
    where a.link_entity = 'service' and t.code in (${sql.join(codes)}))`;
}

/**
 * A schedule of the service (or of it at one of its places) that is current and falls on the day, or
 * now. "Now" counts plain weekly days with times, including overnight hours (a night sitting service
 * open 8pm to 2am is open at 1am on the next day's date); "on Monday" also counts "first Monday of the month".
 */
function openFilter(open: NonNullable<SearchQuery['open']>): RawBuilder<unknown> {
  const now = londonNow();
  const onDay = (day: string) => `(^|,)\\s*${day}\\s*(,|$)`;
  const dayRule =
    open === 'now'
      ? sql`coalesce(sc.freq, 'WEEKLY') = 'WEEKLY' and sc.opens_at is not null and sc.closes_at is not null and (
        (sc.byday ~* ${onDay(now.day)} and sc.opens_at <= ${now.time}::time and (sc.closes_at > ${now.time}::time or sc.closes_at <= sc.opens_at))
        or (sc.byday ~* ${onDay(dayBefore(now.day))} and sc.closes_at <= sc.opens_at and sc.closes_at > ${now.time}::time))`
      : sql`sc.byday ~* ${`(^|,)\\s*([+-]?[0-9])?${open}\\s*(,|$)`}`;
  return sql`exists (select 1 from directory_schedule sc
    where (sc.service_id = s.id or sc.service_at_location_id in (select sal.id from directory_service_at_location sal where sal.service_id = s.id))
      and ${dayRule}
      and (sc.valid_from is null or sc.valid_from <= ${now.date}::date)
      and (sc.valid_to is null or sc.valid_to >= ${now.date}::date))`;
}

export interface SearchInput {
  query: SearchQuery;
  expansion: Expansion;
  centre: Centroid | null;
  limit: number;
  offset: number;
}

/** Words OR-ed into a full-text query, or null when there are none. */
function anyOf(words: string[]): RawBuilder<unknown> | null {
  const plain = words.filter((w) => w !== 'or' && w !== 'and');
  return plain.length ? sql`websearch_to_tsquery('english', ${plain.join(' or ')})` : null;
}

/**
 * The services of the kinds the words point to, each with its weight: 1 for a kind a phrase means
 * most or whose name the person typed ("advocacy", "transport"), ½ for the other kinds phrases mean.
 */
function wantedKinds(expansion: Expansion, own: RawBuilder<unknown> | null): RawBuilder<unknown> {
  const codes = expansion.kinds.length ? sql.join(expansion.kinds) : sql`null`;
  const primary = expansion.primaryKinds.length ? sql.join(expansion.primaryKinds) : sql`null`;
  const named = own ? sql`to_tsvector('english', t.name) @@ ${own}` : sql`false`;
  return sql`select a.link_id as service_id,
      max(case when t.code in (${primary}) or ${named} then 1.0 else 0.5 end)::float8 as weight
    from directory_attribute a join directory_taxonomy_term t on t.id = a.taxonomy_term_id
    where a.link_entity = 'service' and (t.code in (${codes}) or ${named})
    group by a.link_id`;
}

export async function searchServices(tx: Tx, input: SearchInput): Promise<ResultRow[]> {
  const { query, expansion, centre } = input;
  const own = anyOf(expansion.words);
  const result = await sql<ResultRow & { relevance: unknown }>`
    select * from (
      select s.id, s.name, s.description, s.status, o.name as organization_name,
        s.tl_free_or_low_cost as free_or_low_cost, s.tl_accepts_direct_payments as accepts_direct_payments,
        near.miles, ${relevance(query, own, anyOf(expansion.addedWords))} as relevance, count(*) over () as total
      from directory_service s
      join directory_organization o on o.id = s.organization_id
      ${nearJoin(query, centre)}
      ${wantedJoin(query, expansion, own)}
      where ${sql.join(searchConditions(query, expansion, centre), sql` and `)}
    ) found
    order by ${resultOrder(query, centre)}
    limit ${input.limit} offset ${input.offset}`.execute(tx);
  return result.rows.map(({ relevance: _, ...row }) => ({
    ...row,
    miles: row.miles === null ? null : Number(row.miles),
    total: Number(row.total),
  }));
}

/** What a service must be to be found: visible, answering the words, and passing every filter chosen. */
function searchConditions(query: SearchQuery, expansion: Expansion, centre: Centroid | null): RawBuilder<unknown>[] {
  const either = anyOf([...expansion.words, ...expansion.addedWords]);
  const conditions: RawBuilder<unknown>[] = [VISIBLE];

  if (query.q) {
    // Near a postcode the words are tested on the services in the area as they are joined; across
    // the whole county they go through the full-text index (see directory/text-search.ts).
    const byWords = !either ? sql`false` : centre ? sql`s.search_vector @@ ${either}` : serviceMatchesText(either);
    conditions.push(sql`(${byWords} or wanted.service_id is not null)`);
  }
  if (query.kind) conditions.push(taggedWith([query.kind]));
  if (query.free) conditions.push(sql`s.tl_free_or_low_cost`);
  if (query.directPayments) conditions.push(sql`s.tl_accepts_direct_payments`);
  if (query.language) {
    conditions.push(
      sql`exists (select 1 from directory_language dl where dl.service_id = s.id and lower(dl.name) = lower(${query.language}))`,
    );
  }
  if (query.open) conditions.push(openFilter(query.open));
  return conditions;
}

/** Each service's nearest place within the miles asked for, or (with no postcode) a join that adds a null distance. */
function nearJoin(query: SearchQuery, centre: Centroid | null): RawBuilder<unknown> {
  if (!centre) return sql`left join (select null::uuid as service_id, null::double precision as miles) near on false`;
  const box = boundingBox(centre, query.miles);
  const lat = centre.latitude;
  const lng = centre.longitude;
  const miles = sql`2 * ${EARTH_RADIUS_MILES}::float8 * asin(least(1, sqrt(
      power(sin(radians(l.latitude - ${lat}::float8) / 2), 2) +
      cos(radians(${lat}::float8)) * cos(radians(l.latitude)) * power(sin(radians(l.longitude - ${lng}::float8) / 2), 2))))`;
  return sql`join (select sal.service_id, min(${miles}) as miles
        from directory_service_at_location sal join directory_location l on l.id = sal.location_id
        where l.latitude between ${box.minLat}::float8 and ${box.maxLat}::float8
          and l.longitude between ${box.minLng}::float8 and ${box.maxLng}::float8
        group by sal.service_id) near on near.service_id = s.id and near.miles <= ${query.miles}::float8`;
}

/** The weight of the kinds the words point to, or (with no words) a join that adds none. */
function wantedJoin(query: SearchQuery, expansion: Expansion, own: RawBuilder<unknown> | null): RawBuilder<unknown> {
  return query.q
    ? sql`left join (${wantedKinds(expansion, own)}) wanted on wanted.service_id = s.id`
    : sql`left join (select null::uuid as service_id, null::float8 as weight) wanted on false`;
}

/** How well a service answers: kind weight, plus the rank of the person's own words, plus half that of the phrase words. */
function relevance(
  query: SearchQuery,
  own: RawBuilder<unknown> | null,
  added: RawBuilder<unknown> | null,
): RawBuilder<unknown> {
  const rankOf = (tsquery: RawBuilder<unknown> | null) =>
    query.q && tsquery ? sql`ts_rank(s.search_vector, ${tsquery})` : sql`0`;
  // Rounded, so two services that answer equally well (the same kind, the same wording) tie and the nearer comes first.
  return sql`round((coalesce(wanted.weight, 0) + ${rankOf(own)} + 0.5 * ${rankOf(added)})::numeric, 2)`;
}

/** Best match first (nearer breaking ties), or nearest first when asked and there is a postcode. */
function resultOrder(query: SearchQuery, centre: Centroid | null): RawBuilder<unknown> {
  return centre && query.sort === 'nearest'
    ? sql`miles, relevance desc, name, id`
    : sql`relevance desc, miles nulls last, name, id`;
}

export interface Option {
  value: string;
  text: string;
}

/** The "Fenshire service kinds" terms, for the category list and filter. */
export async function serviceKinds(tx: Tx): Promise<Option[]> {
  const result = await sql<{ code: string; name: string }>`
    select distinct t.code, t.name from directory_taxonomy_term t
    join directory_taxonomy x on x.id = t.taxonomy_id
    where x.name = 'Fenshire service kinds' and t.code is not null
    order by t.name`.execute(tx);
  return result.rows.map((r) => ({ value: r.code, text: r.name }));
}

/** Languages some visible service is offered in, for the filter. */
export async function languagesSpoken(tx: Tx): Promise<string[]> {
  const result = await sql<{ name: string }>`
    select distinct initcap(dl.name) as name from directory_language dl
    join directory_service s on s.id = dl.service_id
    where ${VISIBLE}
    order by 1`.execute(tx);
  return result.rows.map((r) => r.name);
}
