import { sql } from 'kysely';
import type { Tx } from '../../platform/db/scope.js';
import { boundingBoxSql, distanceSql } from './geo.js';
import { nestLocations, nestServices } from './nest.js';
import { pageOf, type Page } from './paging.js';
import { bool, paging, type RawQuery } from './query.js';
import {
  compact,
  flatLocation,
  flatOrganization,
  flatService,
  schedule,
  SERVICE_COLUMNS,
  type Json,
} from './serialize.js';
import { publishedServices, readServiceFilters } from './services.js';

/**
 * `/service_at_locations` and `/service_at_locations/{id}`: where each published service is
 * delivered. The service filters apply to the service; `postcode`/`proximity` to this location.
 */
export async function listServiceAtLocations(tx: Tx, query: RawQuery): Promise<Page> {
  const { near, ...serviceFilters } = await readServiceFilters(tx, query);
  const full = bool(query, 'full');
  const pg = paging(query);
  let q = publishedServices(tx, serviceFilters)
    .innerJoin('directory_service_at_location as sal', 'sal.service_id', 's.id')
    .innerJoin('directory_location as l', 'l.id', 'sal.location_id');
  if (near?.withinMetres !== undefined) {
    q = q
      .where(boundingBoxSql({ ...near, withinMetres: near.withinMetres }, 'l'))
      .where(sql<boolean>`${distanceSql(near, 'l')} <= ${near.withinMetres}`);
  }
  // The page's ids first (narrow rows, primary-key order), then only its rows: see services.ts.
  let page = q.select('sal.id');
  if (near) page = page.orderBy(sql`${distanceSql(near, 'l')} asc nulls last`);
  const [pageIds, count] = await Promise.all([
    page
      .orderBy('sal.id')
      .limit(pg.perPage)
      .offset((pg.page - 1) * pg.perPage)
      .execute(),
    q.select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow(),
  ]);
  const rows = await readPageRows(
    tx,
    pageIds.map((r) => r.id),
  );
  const services = await flatServices(tx, [...new Set(rows.map((r) => r.service_id))]);
  const locations = full
    ? await nestLocations(
        tx,
        rows.map((r) => r.id),
      )
    : new Map<string, Json>();

  const contents = rows.map((r) =>
    compact({
      id: r.sal_id,
      service_id: r.service_id,
      location_id: r.id,
      description: r.sal_description,
      location: locations.get(r.id) ?? flatLocation(r),
      service: services.get(r.service_id),
    }),
  );
  return pageOf(contents, Number(count.n), pg);
}

/** The page's service-at-location rows with their locations' columns, in the order of `ids`. */
async function readPageRows(tx: Tx, ids: string[]) {
  const rows =
    ids.length === 0
      ? []
      : await tx
          .selectFrom('directory_service_at_location as sal')
          .innerJoin('directory_location as l', 'l.id', 'sal.location_id')
          .selectAll('l')
          .select(['sal.id as sal_id', 'sal.service_id', 'sal.description as sal_description'])
          .where('sal.id', 'in', ids)
          .execute();
  const position = new Map(ids.map((id, i) => [id, i]));
  rows.sort((a, b) => (position.get(a.sal_id) ?? 0) - (position.get(b.sal_id) ?? 0));
  return rows;
}

/** The services by id, flat, each with its organisation (flat) embedded. */
async function flatServices(tx: Tx, serviceIds: string[]): Promise<Map<string, Json>> {
  const serviceRows =
    serviceIds.length === 0
      ? []
      : await tx.selectFrom('directory_service').select(SERVICE_COLUMNS).where('id', 'in', serviceIds).execute();
  const organizationRows =
    serviceRows.length === 0
      ? []
      : await tx
          .selectFrom('directory_organization')
          .selectAll()
          .where('id', 'in', [...new Set(serviceRows.map((s) => s.organization_id))])
          .execute();
  const organizations = new Map(organizationRows.map((o) => [o.id, flatOrganization(o)]));
  return new Map(
    serviceRows.map((s) => [s.id, compact({ ...flatService(s), organization: organizations.get(s.organization_id) })]),
  );
}

/** One service-at-location with its location fully nested (and the service, nested, as an extra). */
export async function getServiceAtLocation(tx: Tx, id: string): Promise<Json | undefined> {
  const sal = await tx
    .selectFrom('directory_service_at_location as sal')
    .innerJoin('directory_service as s', 's.id', 'sal.service_id')
    .selectAll('sal')
    .where('sal.id', '=', id)
    .where('s.tl_withdrawn_at', 'is', null)
    .executeTakeFirst();
  if (!sal) return undefined;
  const [locations, schedules, serviceRow] = await Promise.all([
    nestLocations(tx, [sal.location_id]),
    tx
      .selectFrom('directory_schedule')
      .selectAll()
      .where('service_at_location_id', '=', sal.id)
      .orderBy('id')
      .execute(),
    tx
      .selectFrom('directory_service')
      .select(SERVICE_COLUMNS)
      .where('id', '=', sal.service_id)
      .executeTakeFirstOrThrow(),
  ]);
  const [service] = await nestServices(tx, [serviceRow]);
  return compact({
    id: sal.id,
    service_id: sal.service_id,
    location_id: sal.location_id,
    description: sal.description,
    location: locations.get(sal.location_id),
    schedules: schedules.map(schedule),
    service,
  });
}
