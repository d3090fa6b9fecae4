import type { Tx } from '../../platform/db/scope.js';
import type { ServiceInput } from './model.js';
import { SERVICE_KIND_LINK_TYPE } from './service-kinds.js';
import { writeLocation } from './repository-write-location.js';

/**
 * Replace everything hanging off the service: an edit sends the whole entry, so the rows are the
 * entry as typed. The location row is kept and updated (other services may share it).
 */
export async function writeChildren(tx: Tx, orgId: string, serviceId: string, input: ServiceInput): Promise<void> {
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
