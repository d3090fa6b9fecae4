import type { Tx } from '../../platform/db/scope.js';
import type { ServiceInput } from './model.js';
import { SERVICE_KIND_LINK_TYPE } from './service-kinds.js';
import { findCentroid } from '../../platform/geo/postcodes.js';

/** Provenance and curation fields that are not typed on the form. */
export interface ServiceMeta {
  ownerUserId?: string | null;
  source?: { name: string; id: string } | null;
  createdBy?: string | null;
  /** Organisation details from a feed (the form only knows the name). */
  organization?: { description?: string | null; email?: string | null; website?: string | null } | null;
}

/** The organisation is matched by name within the council's directory, so entries share it. */
async function organizationId(tx: Tx, orgId: string, input: ServiceInput, meta: ServiceMeta): Promise<string> {
  const found = await tx
    .selectFrom('directory_organization')
    .select('id')
    .where('name', '=', input.organizationName)
    .orderBy('id')
    .executeTakeFirst();
  if (found) return found.id;
  const row = await tx
    .insertInto('directory_organization')
    .values({
      org_id: orgId,
      name: input.organizationName,
      description: meta.organization?.description || input.organizationName,
      email: meta.organization?.email ?? null,
      website: meta.organization?.website ?? null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

function serviceColumns(input: ServiceInput) {
  return {
    name: input.name,
    description: input.description,
    url: input.url,
    email: input.email,
    status: input.status,
    eligibility_description: input.eligibilityDescription,
    minimum_age: input.minimumAge,
    maximum_age: input.maximumAge,
    tl_accepts_direct_payments: input.acceptsDirectPayments,
    tl_free_or_low_cost: input.freeOrLowCost,
    tl_owner_name: input.ownerName,
    tl_last_checked: input.lastChecked,
    assured_date: input.lastChecked,
    fees: input.freeOrLowCost ? 'Free or low cost' : null,
    last_modified: new Date(),
  };
}

export async function insertService(tx: Tx, orgId: string, input: ServiceInput, meta: ServiceMeta): Promise<string> {
  const row = await tx
    .insertInto('directory_service')
    .values({
      ...serviceColumns(input),
      org_id: orgId,
      organization_id: await organizationId(tx, orgId, input, meta),
      tl_owner_user_id: meta.ownerUserId ?? null,
      created_by: meta.createdBy ?? null,
      tl_source: meta.source?.name ?? null,
      tl_source_id: meta.source?.id ?? null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await writeChildren(tx, orgId, row.id, input);
  return row.id;
}

/** Update when the version still matches; false when someone else saved first. */
export async function updateService(
  tx: Tx,
  orgId: string,
  id: string,
  version: number,
  input: ServiceInput,
  meta: ServiceMeta,
): Promise<boolean> {
  const organization = await organizationId(tx, orgId, input, meta);
  const result = await tx
    .updateTable('directory_service')
    .set((eb) => ({ ...serviceColumns(input), organization_id: organization, version: eb('version', '+', 1) }))
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) !== 1) return false;
  await writeChildren(tx, orgId, id, input);
  return true;
}

/**
 * Replace everything hanging off the service: an edit sends the whole entry, so the rows are the
 * entry as typed. The location row is kept and updated (other services may share it).
 */
async function writeChildren(tx: Tx, orgId: string, serviceId: string, input: ServiceInput): Promise<void> {
  await deleteChildren(tx, serviceId);
  await insertSchedules(tx, orgId, serviceId, input.schedules);
  await insertContacts(tx, orgId, serviceId, input.contacts);
  await insertCostOptions(tx, orgId, serviceId, input.costOptions);
  await insertLanguages(tx, orgId, serviceId, input.languages);
  await insertServiceAreas(tx, orgId, serviceId, input.serviceAreas);
  await insertKinds(tx, orgId, serviceId, [...new Set(input.kinds)]);
  await writeLocation(tx, orgId, serviceId, input.location);
}

/** Phones first: they hang off the contacts as well as the service. */
async function deleteChildren(tx: Tx, serviceId: string): Promise<void> {
  const contactIds = (
    await tx.selectFrom('directory_contact').select('id').where('service_id', '=', serviceId).execute()
  ).map((c) => c.id);
  await tx.deleteFrom('directory_phone').where('service_id', '=', serviceId).execute();
  if (contactIds.length) await tx.deleteFrom('directory_phone').where('contact_id', 'in', contactIds).execute();
  await tx.deleteFrom('directory_language').where('service_id', '=', serviceId).execute();
  for (const table of [
    'directory_schedule',
    'directory_contact',
    'directory_cost_option',
    'directory_service_area',
    'directory_funding',
  ] as const) {
    await tx.deleteFrom(table).where('service_id', '=', serviceId).execute();
  }
  await tx
    .deleteFrom('directory_attribute')
    .where('link_id', '=', serviceId)
    .where('link_type', '=', SERVICE_KIND_LINK_TYPE)
    .execute();
}

async function insertSchedules(
  tx: Tx,
  orgId: string,
  serviceId: string,
  schedules: ServiceInput['schedules'],
): Promise<void> {
  if (!schedules.length) return;
  await tx
    .insertInto('directory_schedule')
    .values(
      schedules.map((s) => ({
        org_id: orgId,
        service_id: serviceId,
        service_at_location_id: null,
        freq: s.days.length ? ('WEEKLY' as const) : null,
        byday: s.days.length ? s.days.join(',') : null,
        opens_at: s.opensAt,
        closes_at: s.closesAt,
        description: s.description,
        valid_from: null,
        valid_to: null,
        dtstart: null,
        interval: null,
        bymonthday: null,
        schedule_link: null,
        attending_type: null,
        notes: null,
      })),
    )
    .execute();
}

/** One at a time: each contact's phone needs the contact's id. */
async function insertContacts(
  tx: Tx,
  orgId: string,
  serviceId: string,
  contacts: ServiceInput['contacts'],
): Promise<void> {
  for (const c of contacts) {
    const contact = await tx
      .insertInto('directory_contact')
      .values({
        org_id: orgId,
        service_id: serviceId,
        organization_id: null,
        name: c.name,
        email: c.email,
        title: null,
        department: null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    if (c.phone) {
      await tx
        .insertInto('directory_phone')
        .values({
          org_id: orgId,
          service_id: serviceId,
          contact_id: contact.id,
          location_id: null,
          number: c.phone,
          extension: null,
          type: 'voice',
          description: null,
        })
        .execute();
    }
  }
}

async function insertCostOptions(
  tx: Tx,
  orgId: string,
  serviceId: string,
  costOptions: ServiceInput['costOptions'],
): Promise<void> {
  if (!costOptions.length) return;
  await tx
    .insertInto('directory_cost_option')
    .values(
      costOptions.map((c) => ({
        org_id: orgId,
        service_id: serviceId,
        option: c.option,
        amount_pence: c.amountPence,
        amount_description: c.amountDescription,
        currency: 'GBP',
        valid_from: null,
        valid_to: null,
      })),
    )
    .execute();
}

async function insertLanguages(tx: Tx, orgId: string, serviceId: string, languages: string[]): Promise<void> {
  if (!languages.length) return;
  await tx
    .insertInto('directory_language')
    .values(
      languages.map((name) => ({
        org_id: orgId,
        service_id: serviceId,
        location_id: null,
        phone_id: null,
        name,
        code: null,
        note: null,
      })),
    )
    .execute();
}

async function insertServiceAreas(tx: Tx, orgId: string, serviceId: string, serviceAreas: string[]): Promise<void> {
  if (!serviceAreas.length) return;
  await tx
    .insertInto('directory_service_area')
    .values(
      serviceAreas.map((name) => ({
        org_id: orgId,
        service_id: serviceId,
        name,
        description: null,
        extent: null,
        extent_type: null,
        uri: null,
      })),
    )
    .execute();
}

/** The service's kinds are taxonomy terms linked as attributes. */
async function insertKinds(tx: Tx, orgId: string, serviceId: string, termIds: string[]): Promise<void> {
  if (!termIds.length) return;
  await tx
    .insertInto('directory_attribute')
    .values(
      termIds.map((termId) => ({
        org_id: orgId,
        link_id: serviceId,
        link_type: SERVICE_KIND_LINK_TYPE,
        link_entity: 'service',
        taxonomy_term_id: termId,
        value: null,
        label: null,
      })),
    )
    .execute();
}

type EntryLocation = NonNullable<ServiceInput['location']>;

async function writeLocation(
  tx: Tx,
  orgId: string,
  serviceId: string,
  location: ServiceInput['location'],
): Promise<void> {
  const sal = await tx
    .selectFrom('directory_service_at_location')
    .select(['id', 'location_id'])
    .where('service_id', '=', serviceId)
    .orderBy('id')
    .executeTakeFirst();
  if (!location) {
    if (sal) {
      await tx.deleteFrom('directory_schedule').where('service_at_location_id', '=', sal.id).execute();
      await tx.deleteFrom('directory_service_at_location').where('service_id', '=', serviceId).execute();
    }
    return;
  }
  const locationId = await saveLocationRow(tx, orgId, serviceId, sal?.location_id, location);
  await insertAddress(tx, orgId, locationId, location);
}

/**
 * Update the service's location in place (clearing its address and accessibility for rewriting),
 * or make one and link it to the service. Coordinates come from the postcode when we know it.
 */
async function saveLocationRow(
  tx: Tx,
  orgId: string,
  serviceId: string,
  existingId: string | undefined,
  location: EntryLocation,
): Promise<string> {
  const point = await findCentroid(tx, location.postcode.replace(/\s/g, ''));
  const coordinates = point ?? (location.latitude !== null && location.longitude !== null ? location : null);
  const values = {
    name: location.name,
    latitude: coordinates?.latitude ?? null,
    longitude: coordinates?.longitude ?? null,
    last_modified: new Date(),
  };
  if (existingId) {
    await tx.updateTable('directory_location').set(values).where('id', '=', existingId).execute();
    await tx.deleteFrom('directory_address').where('location_id', '=', existingId).execute();
    await tx.deleteFrom('directory_accessibility').where('location_id', '=', existingId).execute();
    return existingId;
  }
  const { id } = await tx
    .insertInto('directory_location')
    .values({ ...values, org_id: orgId, location_type: 'physical' })
    .returning('id')
    .executeTakeFirstOrThrow();
  await tx
    .insertInto('directory_service_at_location')
    .values({ org_id: orgId, service_id: serviceId, location_id: id, description: null })
    .execute();
  return id;
}

async function insertAddress(tx: Tx, orgId: string, locationId: string, location: EntryLocation): Promise<void> {
  await tx
    .insertInto('directory_address')
    .values({
      org_id: orgId,
      location_id: locationId,
      attention: null,
      address_1: location.address1,
      address_2: location.address2,
      city: location.city,
      region: null,
      state_province: location.county,
      postal_code: location.postcode,
      country: 'GB',
      address_type: 'physical',
    })
    .execute();
  if (location.accessibility) {
    await tx
      .insertInto('directory_accessibility')
      .values({ org_id: orgId, location_id: locationId, description: location.accessibility, details: null, url: null })
      .execute();
  }
}
