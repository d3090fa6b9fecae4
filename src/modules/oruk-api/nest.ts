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
  const ids = services.map((s) => s.id);
  if (ids.length === 0) return [];
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
  const salsBy = groupBy(sals, (r) => r.service_id);
  const salSchedulesBy = groupBy(salSchedules, (r) => r.service_at_location_id);
  const schedulesBy = groupBy(schedules, (r) => r.service_id);
  const areasBy = groupBy(areas, (r) => r.service_id);
  const languagesBy = groupBy(languages, (r) => r.service_id);
  const fundingBy = groupBy(fundings, (r) => r.service_id);
  const costsBy = groupBy(costs, (r) => r.service_id);
  const contactsBy = groupBy(contacts, (r) => r.service_id);
  // Service-level phones only: a contact's phones are shown under that contact.
  const phonesBy = groupBy(
    phones.filter((p) => p.contact_id === null),
    (r) => r.service_id,
  );
  const contactPhonesBy = groupBy(contactPhones, (r) => r.contact_id);

  return services.map((s) =>
    compact({
      ...flatService(s),
      organization: organizations.get(s.organization_id),
      schedules: (schedulesBy.get(s.id) ?? []).map(schedule),
      service_areas: (areasBy.get(s.id) ?? []).map(serviceArea),
      service_at_locations: (salsBy.get(s.id) ?? []).map((sal) =>
        compact({
          id: sal.id,
          service_id: sal.service_id,
          location_id: sal.location_id,
          description: sal.description,
          location: locations.get(sal.location_id),
          schedules: (salSchedulesBy.get(sal.id) ?? []).map(schedule),
        }),
      ),
      languages: (languagesBy.get(s.id) ?? []).map(language),
      funding: (fundingBy.get(s.id) ?? []).map(funding),
      cost_options: (costsBy.get(s.id) ?? []).map(costOption),
      contacts: (contactsBy.get(s.id) ?? []).map((c) =>
        compact({
          ...contact(c),
          phones: (contactPhonesBy.get(c.id) ?? []).map(phone),
          attributes: contactAttributes.get(c.id),
        }),
      ),
      phones: (phonesBy.get(s.id) ?? []).map(phone),
      attributes: attributes.get(s.id),
    }),
  );
}
