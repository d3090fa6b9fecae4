import { sql } from 'kysely';
import type { Tx } from '../../platform/db/scope.js';
import type { Actor } from '../../platform/access/roles.js';
import type { Selectable } from 'kysely';
import type { DirectoryServiceTable } from './tables.js';
import { NotFoundError } from '../../platform/http/errors.js';
import type { ServiceInput } from './model.js';
import { SERVICE_KIND_LINK_TYPE } from './service-kinds.js';
import { isCanonicalId } from '../../platform/http/ids.js';

export type ServiceRow = Selectable<DirectoryServiceTable>;
export const PAGE_SIZE = 25;

/**
 * Partners (provider users) curate only the entries they own; everyone else with the curate policy
 * sees the whole directory. An entry someone may not curate answers 404, so its existence never leaks.
 */
export function ownsOnly(actor: Actor): string | null {
  return actor.kind === 'user' && actor.role === 'provider_user' ? actor.userId : null;
}

export async function findService(tx: Tx, actor: Actor, id: string): Promise<ServiceRow> {
  if (!isCanonicalId(id)) throw new NotFoundError();
  let query = tx.selectFrom('directory_service').selectAll().where('id', '=', id);
  const owner = ownsOnly(actor);
  if (owner) query = query.where('tl_owner_user_id', '=', owner);
  const row = await query.executeTakeFirst();
  if (!row) throw new NotFoundError();
  return row;
}

export interface ServiceListFilter {
  q: string;
  due: string | null;
  withdrawn: boolean;
  page: number;
}

/** Entries for the curation list: text search, "due for review" (checked before `due` or never), withdrawn or live. */
export async function listServices(tx: Tx, actor: Actor, filter: ServiceListFilter) {
  let query = tx
    .selectFrom('directory_service as s')
    .innerJoin('directory_organization as o', 'o.id', 's.organization_id');
  const owner = ownsOnly(actor);
  if (owner) query = query.where('s.tl_owner_user_id', '=', owner);
  query = filter.withdrawn
    ? query.where('s.tl_withdrawn_at', 'is not', null)
    : query.where('s.tl_withdrawn_at', 'is', null);
  if (filter.due) {
    const due = filter.due;
    query = query.where((eb) => eb.or([eb('s.tl_last_checked', 'is', null), eb('s.tl_last_checked', '<', due)]));
  }
  if (filter.q) {
    const like = `%${filter.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    query = query.where((eb) =>
      eb.or([
        sql<boolean>`s.search_vector @@ plainto_tsquery('english', ${filter.q})`,
        eb('s.name', 'ilike', like),
        eb('o.name', 'ilike', like),
      ]),
    );
  }
  const total = Number((await query.select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
  const rows = await query
    .select([
      's.id',
      's.name',
      's.status',
      's.tl_last_checked',
      's.tl_owner_name',
      's.tl_source',
      's.tl_withdrawn_reason',
      'o.name as organization_name',
    ])
    // Never-checked entries head the review list.
    .$call((q) => (filter.due ? q.orderBy('s.tl_last_checked', (o) => o.asc().nullsFirst()) : q.orderBy('s.name')))
    .orderBy('s.id')
    .limit(PAGE_SIZE)
    .offset((filter.page - 1) * PAGE_SIZE)
    .execute();
  return { rows, total };
}

/** Rebuild the form's view of an entry from its HSDS rows. */
export async function loadServiceInput(tx: Tx, row: ServiceRow): Promise<ServiceInput> {
  const [org, sal, schedules, contacts, phones, costs, languages, areas, kinds] = await readServiceRows(tx, row);
  const location = sal ? await loadLocation(tx, sal.location_id) : null;
  const age = (v: string | null) => (v === null ? null : Number(v));
  return {
    name: row.name,
    description: row.description ?? '',
    organizationName: org.name,
    url: row.url,
    email: row.email,
    status: row.status,
    eligibilityDescription: row.eligibility_description,
    minimumAge: age(row.minimum_age),
    maximumAge: age(row.maximum_age),
    location,
    schedules: schedules.map((s) => ({
      days: (s.byday ?? '').split(',').filter(Boolean) as ServiceInput['schedules'][number]['days'],
      opensAt: s.opens_at?.slice(0, 5) ?? null,
      closesAt: s.closes_at?.slice(0, 5) ?? null,
      description: s.description,
    })),
    contacts: contacts.map((c) => ({
      name: c.name,
      email: c.email,
      phone: phones.find((p) => p.contact_id === c.id)?.number ?? null,
    })),
    costOptions: costs.map((c) => ({
      option: c.option,
      amountPence: c.amount_pence,
      amountDescription: c.amount_description,
    })),
    languages: languages.map((l) => l.name),
    serviceAreas: areas.map((a) => a.name ?? '').filter(Boolean),
    kinds: kinds.map((k) => k.taxonomy_term_id).sort(),
    acceptsDirectPayments: row.tl_accepts_direct_payments,
    freeOrLowCost: row.tl_free_or_low_cost,
    ownerName: row.tl_owner_name,
    lastChecked: row.tl_last_checked,
  };
}

/** The service's organisation, first location link and every child row, read together. */
function readServiceRows(tx: Tx, row: ServiceRow) {
  const id = row.id;
  return Promise.all([
    tx
      .selectFrom('directory_organization')
      .select('name')
      .where('id', '=', row.organization_id)
      .executeTakeFirstOrThrow(),
    tx
      .selectFrom('directory_service_at_location')
      .select('location_id')
      .where('service_id', '=', id)
      .orderBy('id')
      .executeTakeFirst(),
    tx
      .selectFrom('directory_schedule')
      .selectAll()
      .where('service_id', '=', id)
      .orderBy('opens_at')
      .orderBy('id')
      .execute(),
    tx.selectFrom('directory_contact').selectAll().where('service_id', '=', id).orderBy('name').orderBy('id').execute(),
    tx.selectFrom('directory_phone').select(['contact_id', 'number']).where('service_id', '=', id).execute(),
    tx
      .selectFrom('directory_cost_option')
      .selectAll()
      .where('service_id', '=', id)
      .orderBy('amount_pence')
      .orderBy('id')
      .execute(),
    tx.selectFrom('directory_language').select('name').where('service_id', '=', id).orderBy('name').execute(),
    tx.selectFrom('directory_service_area').select('name').where('service_id', '=', id).orderBy('name').execute(),
    tx
      .selectFrom('directory_attribute')
      .select('taxonomy_term_id')
      .where('link_id', '=', id)
      .where('link_type', '=', SERVICE_KIND_LINK_TYPE)
      .execute(),
  ]);
}

/** The entry's location as the form shows it, or null when the location has no address. */
async function loadLocation(tx: Tx, locationId: string): Promise<ServiceInput['location']> {
  const [loc, address, access] = await Promise.all([
    tx
      .selectFrom('directory_location')
      .select(['name', 'latitude', 'longitude'])
      .where('id', '=', locationId)
      .executeTakeFirstOrThrow(),
    tx
      .selectFrom('directory_address')
      .selectAll()
      .where('location_id', '=', locationId)
      .orderBy('id')
      .executeTakeFirst(),
    tx
      .selectFrom('directory_accessibility')
      .select('description')
      .where('location_id', '=', locationId)
      .orderBy('id')
      .executeTakeFirst(),
  ]);
  if (!address) return null;
  return {
    name: loc.name,
    address1: address.address_1,
    address2: address.address_2,
    city: address.city,
    county: address.state_province,
    postcode: address.postal_code,
    accessibility: access?.description ?? null,
    latitude: loc.latitude,
    longitude: loc.longitude,
  };
}

/** Published community directory services by id (withdrawn ones cannot be newly linked or planned). */
export async function findPublishedServices(tx: Tx, ids: readonly string[]): Promise<{ id: string; name: string }[]> {
  if (ids.length === 0) return [];
  return tx
    .selectFrom('directory_service')
    .select(['id', 'name'])
    .where('id', 'in', [...ids])
    .where('tl_withdrawn_at', 'is', null)
    .execute();
}

/**
 * Published services whose name, organisation or words match what staff typed, to pick one by name
 * (the crisis close form's community connections): at most `limit`, names first.
 */
export async function findPublishedServicesByName(
  tx: Tx,
  words: string,
  limit = 20,
): Promise<{ id: string; name: string; organizationName: string }[]> {
  const q = words.trim();
  if (!q) return [];
  const like = `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  return tx
    .selectFrom('directory_service as s')
    .innerJoin('directory_organization as o', 'o.id', 's.organization_id')
    .select(['s.id', 's.name', 'o.name as organizationName'])
    .where('s.tl_withdrawn_at', 'is', null)
    .where((eb) =>
      eb.or([
        eb('s.name', 'ilike', like),
        eb('o.name', 'ilike', like),
        sql<boolean>`s.search_vector @@ plainto_tsquery('english', ${q})`,
      ]),
    )
    .orderBy(sql`s.name ilike ${like}`, 'desc')
    .orderBy('s.name')
    .orderBy('s.id')
    .limit(limit)
    .execute();
}
