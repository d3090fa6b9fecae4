import { sql, type ExpressionBuilder, type SelectQueryBuilder } from 'kysely';
import type { DB } from '../../platform/db/schema.js';
import type { DirectoryServiceTable } from '../directory/index.js';
import type { Tx } from '../../platform/db/scope.js';
import { boundingBoxSql, distanceSql, readNear, type Near } from './geo.js';
import { nestServices } from './nest.js';
import { pageOf, type Page } from './paging.js';
import { bool, MAX_PER_PAGE_MINIMAL, modifiedAfter, paging, text, uuid, type Paging, type RawQuery } from './query.js';
import { compact, flatOrganization, flatService, SERVICE_COLUMNS, timestamp, type Json } from './serialize.js';
import { serviceMatchesText } from '../directory/index.js';

/**
 * `/services` and `/services/{id}`. Only published entries: withdrawn services (`tl_withdrawn_at`)
 * never appear, whatever their status. A page is three queries (its ids, the total, its rows), plus
 * the batched child queries when `full` asks for nested services.
 */
export interface ServiceFilters {
  search?: string;
  taxonomyTermId?: string;
  taxonomyId?: string;
  organizationId?: string;
  modifiedAfter?: Date;
  near?: Near;
}

export async function readServiceFilters(tx: Tx, query: RawQuery): Promise<ServiceFilters> {
  return {
    search: text(query, 'search'),
    taxonomyTermId: uuid(query, 'taxonomy_term_id'),
    taxonomyId: uuid(query, 'taxonomy_id'),
    organizationId: uuid(query, 'organization_id'),
    modifiedAfter: modifiedAfter(query),
    near: await readNear(tx, query),
  };
}

type WithS = DB & { s: DirectoryServiceTable };
type ServiceQuery = SelectQueryBuilder<WithS, 's', object>;
type Eb = ExpressionBuilder<WithS, 's'>;

/** Published services matching the filters (AND, as HSDS says), without ordering or paging. */
export function publishedServices(tx: Tx, f: ServiceFilters): ServiceQuery {
  let q: ServiceQuery = tx.selectFrom('directory_service as s').where('s.tl_withdrawn_at', 'is', null);
  if (f.search) q = q.where(serviceMatchesText(sql`websearch_to_tsquery('english', ${f.search})`));
  if (f.organizationId) q = q.where('s.organization_id', '=', f.organizationId);
  if (f.modifiedAfter) q = q.where('s.last_modified', '>=', f.modifiedAfter);
  if (f.taxonomyTermId) {
    const termId = f.taxonomyTermId;
    q = q.where((eb: Eb) =>
      eb.exists(
        eb
          .selectFrom('directory_attribute as a')
          .select('a.id')
          .whereRef('a.link_id', '=', 's.id')
          .where('a.taxonomy_term_id', '=', termId),
      ),
    );
  }
  if (f.taxonomyId) {
    const taxonomyId = f.taxonomyId;
    q = q.where((eb: Eb) =>
      eb.exists(
        eb
          .selectFrom('directory_attribute as a')
          .innerJoin('directory_taxonomy_term as t', 't.id', 'a.taxonomy_term_id')
          .select('a.id')
          .whereRef('a.link_id', '=', 's.id')
          .where('t.taxonomy_id', '=', taxonomyId),
      ),
    );
  }
  const near = f.near;
  if (near?.withinMetres !== undefined) {
    const within = { ...near, withinMetres: near.withinMetres };
    q = q.where((eb: Eb) =>
      eb.exists(
        eb
          .selectFrom('directory_service_at_location as sal')
          .innerJoin('directory_location as l', 'l.id', 'sal.location_id')
          .select('sal.id')
          .whereRef('sal.service_id', '=', 's.id')
          .where(boundingBoxSql(within, 'l'))
          .where(sql<boolean>`${distanceSql(near, 'l')} <= ${near.withinMetres}`),
      ),
    );
  }
  return q;
}

/** Distance from `near` to the service's nearest location (null when it has none with coordinates). */
function nearestSql(near: Near) {
  return sql<number | null>`(select min(${distanceSql(near, 'l')}) from directory_service_at_location sal
    join directory_location l on l.id = sal.location_id
    where sal.service_id = s.id and l.latitude is not null and l.longitude is not null)`;
}

export async function listServices(tx: Tx, query: RawQuery): Promise<Page> {
  const filters = await readServiceFilters(tx, query);
  const minimal = bool(query, 'minimal');
  const full = bool(query, 'full');
  const pg: Paging = paging(query, minimal ? MAX_PER_PAGE_MINIMAL : undefined);

  // The page's ids first, on narrow rows, then only those services in full: sorting ten thousand
  // whole rows (or counting them in a window over whole rows) made every page slow. Nearest first
  // near a point; best match first for a search; otherwise in id order, which the primary key index
  // gives without a sort. The id always breaks ties, so paging is stable.
  let page = publishedServices(tx, filters).select('s.id');
  if (filters.near) page = page.orderBy(sql`${nearestSql(filters.near)} asc nulls last`);
  if (filters.search)
    page = page.orderBy(sql`ts_rank(s.search_vector, websearch_to_tsquery('english', ${filters.search})) desc`);
  const [pageIds, count] = await Promise.all([
    page
      .orderBy('s.id')
      .limit(pg.perPage)
      .offset((pg.page - 1) * pg.perPage)
      .execute(),
    publishedServices(tx, filters)
      .select(sql<number>`count(*)`.as('n'))
      .executeTakeFirstOrThrow(),
  ]);
  const rows = await readPageRows(
    tx,
    pageIds.map((r) => r.id),
  );
  return pageOf(await pageContents(tx, rows, { minimal, full }), Number(count.n), pg);
}

type PageRow = Awaited<ReturnType<typeof readPageRows>>[number];

/** The page's services, each with its organisation's columns, in the order of `ids`. */
async function readPageRows(tx: Tx, ids: string[]) {
  const rows =
    ids.length === 0
      ? []
      : await tx
          .selectFrom('directory_service as s')
          .innerJoin('directory_organization as o', 'o.id', 's.organization_id')
          .select(SERVICE_COLUMNS.map((c) => `s.${c}` as const))
          .select([
            'o.name as org_name',
            'o.description as org_description',
            'o.email as org_email',
            'o.website as org_website',
            'o.logo as org_logo',
            'o.uri as org_uri',
            'o.parent_organization_id as org_parent_organization_id',
          ])
          .where('s.id', 'in', ids)
          .execute();
  const position = new Map(ids.map((id, i) => [id, i]));
  rows.sort((a, b) => (position.get(a.id) ?? 0) - (position.get(b.id) ?? 0));
  return rows;
}

/** Each service as the caller asked: minimal, fully nested, or flat with its organisation. */
async function pageContents(tx: Tx, rows: PageRow[], shape: { minimal: boolean; full: boolean }): Promise<Json[]> {
  if (shape.minimal) {
    // ORUK asks for just the id and modification date; name and status stay so each item still
    // satisfies service_list.json, which requires them.
    return rows.map((r) =>
      compact({ id: r.id, name: r.name, status: r.status, last_modified: timestamp(r.last_modified) }),
    );
  }
  if (shape.full) return nestServices(tx, rows);
  return rows.map((r) =>
    compact({
      ...flatService(r),
      organization: flatOrganization({
        id: r.organization_id,
        name: r.org_name,
        description: r.org_description,
        email: r.org_email,
        website: r.org_website,
        logo: r.org_logo,
        uri: r.org_uri,
        parent_organization_id: r.org_parent_organization_id,
      }),
    }),
  );
}

export async function getService(tx: Tx, id: string): Promise<Json | undefined> {
  const row = await tx
    .selectFrom('directory_service')
    .select(SERVICE_COLUMNS)
    .where('id', '=', id)
    .where('tl_withdrawn_at', 'is', null)
    .executeTakeFirst();
  if (!row) return undefined;
  const [service] = await nestServices(tx, [row]);
  return service;
}
