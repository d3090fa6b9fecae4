import type { Tx } from '../../platform/db/scope.js';
import {
  accessibility,
  address,
  compact,
  contact,
  costOption,
  flatLocation,
  flatOrganization,
  flatService,
  funding,
  language,
  organizationIdentifier,
  phone,
  schedule,
  serviceArea,
  taxonomyTerm,
  type Json,
  type OrganizationRow,
  type ServiceRow,
} from './serialize.js';

/**
 * Fully nested services and organisations (ORUK 3.0 `service.json`, README §4.5) for a whole page
 * at once: every kind of child row is read in one query for all the page's services, so a page
 * costs about a dozen queries whatever its size — never one query per service.
 */
type Grouped<T> = Map<string, T[]>;

function groupBy<T>(rows: readonly T[], key: (row: T) => string | null): Grouped<T> {
  const groups: Grouped<T> = new Map();
  for (const row of rows) {
    const k = key(row);
    if (k === null) continue;
    const list = groups.get(k);
    if (list) list.push(row);
    else groups.set(k, [row]);
  }
  return groups;
}

/** Tagging links (`attributes[]`) for any records, each with its taxonomy term embedded. */
export async function loadAttributes(tx: Tx, linkIds: readonly string[]): Promise<Grouped<Json>> {
  if (linkIds.length === 0) return new Map();
  const rows = await tx
    .selectFrom('directory_attribute as a')
    .innerJoin('directory_taxonomy_term as t', 't.id', 'a.taxonomy_term_id')
    .select(['a.id as attribute_id', 'a.link_id', 'a.link_type', 'a.link_entity', 'a.value', 'a.label'])
    .selectAll('t')
    .where('a.link_id', 'in', [...new Set(linkIds)])
    .orderBy('t.name')
    .orderBy('a.id')
    .execute();
  const attributes = rows.map((r) => ({
    linkId: r.link_id,
    json: compact({
      id: r.attribute_id,
      link_id: r.link_id,
      taxonomy_term_id: r.id,
      link_type: r.link_type,
      link_entity: r.link_entity,
      value: r.value,
      label: r.label,
      taxonomy_term: taxonomyTerm(r),
    }),
  }));
  const grouped = groupBy(attributes, (a) => a.linkId);
  return new Map([...grouped].map(([k, list]) => [k, list.map((a) => a.json)]));
}

/** Organisations with their identifiers and attributes, by id. */
export async function nestOrganizations(tx: Tx, organizations: readonly OrganizationRow[]): Promise<Map<string, Json>> {
  const ids = organizations.map((o) => o.id);
  if (ids.length === 0) return new Map();
  const [identifiers, attributes] = await Promise.all([
    tx
      .selectFrom('directory_organization_identifier')
      .selectAll()
      .where('organization_id', 'in', ids)
      .orderBy('id')
      .execute(),
    loadAttributes(tx, ids),
  ]);
  const byOrg = groupBy(identifiers, (r) => r.organization_id);
  return new Map(
    organizations.map((o) => [
      o.id,
      compact({
        ...flatOrganization(o),
        organization_identifiers: (byOrg.get(o.id) ?? []).map(organizationIdentifier),
        attributes: attributes.get(o.id),
      }),
    ]),
  );
}

/** Locations with their addresses, accessibility and attributes, by id. */
export async function nestLocations(tx: Tx, locationIds: readonly string[]): Promise<Map<string, Json>> {
  const ids = [...new Set(locationIds)];
  if (ids.length === 0) return new Map();
  const [locations, addresses, access, attributes] = await Promise.all([
    tx.selectFrom('directory_location').selectAll().where('id', 'in', ids).execute(),
    tx.selectFrom('directory_address').selectAll().where('location_id', 'in', ids).orderBy('id').execute(),
    tx.selectFrom('directory_accessibility').selectAll().where('location_id', 'in', ids).orderBy('id').execute(),
    loadAttributes(tx, ids),
  ]);
  const addressesBy = groupBy(addresses, (r) => r.location_id);
  const accessBy = groupBy(access, (r) => r.location_id);
  return new Map(
    locations.map((l) => [
      l.id,
      compact({
        ...flatLocation(l),
        addresses: (addressesBy.get(l.id) ?? []).map(address),
        accessibility: (accessBy.get(l.id) ?? []).map(accessibility),
        attributes: attributes.get(l.id),
      }),
    ]),
  );
}

/** Services nested per ORUK 3.0, in the order given. The rows must already be the published ones. */
export async function nestServices(tx: Tx, services: readonly ServiceRow[]): Promise<Json[]> {
  if (services.length === 0) return [];
  const rows = await readServiceChildren(tx, services);
  const nested = await readNestedChildren(tx, rows);
  const children = groupChildren(rows, nested);
  return services.map((s) => nestService(s, children));
}

type ServiceChildren = Awaited<ReturnType<typeof readServiceChildren>>;
type NestedChildren = Awaited<ReturnType<typeof readNestedChildren>>;
type GroupedChildren = ReturnType<typeof groupChildren>;

/** Every kind of row hanging directly off the page's services, one query per kind. */
async function readServiceChildren(tx: Tx, services: readonly ServiceRow[]) {
  const ids = services.map((s) => s.id);
  const orgIds = [...new Set(services.map((s) => s.organization_id))];
  const [organizationRows, sals, schedules, areas, languages, fundings, costs, contacts, phones, attributes] =
    await Promise.all([
      tx.selectFrom('directory_organization').selectAll().where('id', 'in', orgIds).execute(),
      tx.selectFrom('directory_service_at_location').selectAll().where('service_id', 'in', ids).orderBy('id').execute(),
      tx.selectFrom('directory_schedule').selectAll().where('service_id', 'in', ids).orderBy('id').execute(),
      tx.selectFrom('directory_service_area').selectAll().where('service_id', 'in', ids).orderBy('id').execute(),
      tx
        .selectFrom('directory_language')
        .selectAll()
        .where('service_id', 'in', ids)
        .orderBy('name')
        .orderBy('id')
        .execute(),
      tx.selectFrom('directory_funding').selectAll().where('service_id', 'in', ids).orderBy('id').execute(),
      tx.selectFrom('directory_cost_option').selectAll().where('service_id', 'in', ids).orderBy('id').execute(),
      tx.selectFrom('directory_contact').selectAll().where('service_id', 'in', ids).orderBy('id').execute(),
      tx.selectFrom('directory_phone').selectAll().where('service_id', 'in', ids).orderBy('id').execute(),
      loadAttributes(tx, ids),
    ]);
  return { organizationRows, sals, schedules, areas, languages, fundings, costs, contacts, phones, attributes };
}

/** The next level down: organisations, locations, schedules at locations, contacts' attributes and phones. */
async function readNestedChildren(tx: Tx, { organizationRows, sals, contacts }: ServiceChildren) {
  const [organizations, locations, salSchedules, contactAttributes, contactPhones] = await Promise.all([
    nestOrganizations(tx, organizationRows),
    nestLocations(
      tx,
      sals.map((s) => s.location_id),
    ),
    sals.length === 0
      ? []
      : tx
          .selectFrom('directory_schedule')
          .selectAll()
          .where(
            'service_at_location_id',
            'in',
            sals.map((s) => s.id),
          )
          .orderBy('id')
          .execute(),
    loadAttributes(
      tx,
      contacts.map((c) => c.id),
    ),
    contacts.length === 0
      ? []
      : tx
          .selectFrom('directory_phone')
          .selectAll()
          .where(
            'contact_id',
            'in',
            contacts.map((c) => c.id),
          )
          .orderBy('id')
          .execute(),
  ]);
  return { organizations, locations, salSchedules, contactAttributes, contactPhones };
}

function groupChildren(rows: ServiceChildren, nested: NestedChildren) {
  return {
    organizations: nested.organizations,
    locations: nested.locations,
    attributes: rows.attributes,
    contactAttributes: nested.contactAttributes,
    salsBy: groupBy(rows.sals, (r) => r.service_id),
    salSchedulesBy: groupBy(nested.salSchedules, (r) => r.service_at_location_id),
    schedulesBy: groupBy(rows.schedules, (r) => r.service_id),
    areasBy: groupBy(rows.areas, (r) => r.service_id),
    languagesBy: groupBy(rows.languages, (r) => r.service_id),
    fundingBy: groupBy(rows.fundings, (r) => r.service_id),
    costsBy: groupBy(rows.costs, (r) => r.service_id),
    contactsBy: groupBy(rows.contacts, (r) => r.service_id),
    // Service-level phones only: a contact's phones are shown under that contact.
    phonesBy: groupBy(
      rows.phones.filter((p) => p.contact_id === null),
      (r) => r.service_id,
    ),
    contactPhonesBy: groupBy(nested.contactPhones, (r) => r.contact_id),
  };
}

function nestService(s: ServiceRow, c: GroupedChildren): Json {
  return compact({
    ...flatService(s),
    organization: c.organizations.get(s.organization_id),
    schedules: (c.schedulesBy.get(s.id) ?? []).map(schedule),
    service_areas: (c.areasBy.get(s.id) ?? []).map(serviceArea),
    service_at_locations: (c.salsBy.get(s.id) ?? []).map((sal) =>
      compact({
        id: sal.id,
        service_id: sal.service_id,
        location_id: sal.location_id,
        description: sal.description,
        location: c.locations.get(sal.location_id),
        schedules: (c.salSchedulesBy.get(sal.id) ?? []).map(schedule),
      }),
    ),
    languages: (c.languagesBy.get(s.id) ?? []).map(language),
    funding: (c.fundingBy.get(s.id) ?? []).map(funding),
    cost_options: (c.costsBy.get(s.id) ?? []).map(costOption),
    contacts: (c.contactsBy.get(s.id) ?? []).map((contactRow) =>
      compact({
        ...contact(contactRow),
        phones: (c.contactPhonesBy.get(contactRow.id) ?? []).map(phone),
        attributes: c.contactAttributes.get(contactRow.id),
      }),
    ),
    phones: (c.phonesBy.get(s.id) ?? []).map(phone),
    attributes: c.attributes.get(s.id),
  });
}
