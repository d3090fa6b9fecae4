import type { Tx } from '../../platform/db/scope.js';
import type { ServiceInput } from './model.js';
import { findCentroid } from '../../platform/geo/postcodes.js';

type EntryLocation = NonNullable<ServiceInput['location']>;

/** The service's one location: kept and updated in place, made when new, unlinked when the entry has none. */
export async function writeLocation(
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
