import { sql } from 'kysely';
import { isValidNhsNumber, normaliseNhsNumber } from '../../platform/identifiers/nhs-number.js';
import type { Tx } from '../../platform/db/scope.js';
import type { PartnerEventRow, PartnerEventType } from './tables.js';
import { actorId, type Actor } from '../../platform/access/roles.js';
import { visibleTo } from '../people/index.js';

/**
 * What partners send: their events, the person they name, and the events and referrals held until
 * staff match them to a person.
 */

/** The person a partner names by NHS number, if the actor may see them (a partner token never sees restricted records). */
export async function findPersonByNhs(tx: Tx, actor: Actor, nhsNumber: string) {
  return tx
    .selectFrom('person')
    .select(['id', 'patch_id', 'given_name', 'family_name'])
    .where('nhs_number', '=', nhsNumber)
    .where(visibleTo(actor))
    .executeTakeFirst();
}

export async function findPersonByCouncilId(tx: Tx, actor: Actor, councilPersonId: string) {
  return tx
    .selectFrom('person')
    .select(['id', 'patch_id', 'given_name', 'family_name'])
    .where('council_person_id', '=', councilPersonId)
    .where(visibleTo(actor))
    .executeTakeFirst();
}

export async function insertPartnerEvent(
  tx: Tx,
  actor: Actor,
  input: {
    externalId: string;
    eventType: PartnerEventType;
    nhsNumber: string;
    occurredAt: string;
    sourceOrganisation: string;
    details: string | null;
    personId: string | null;
  },
): Promise<PartnerEventRow | undefined> {
  return (
    tx
      .insertInto('partner_event')
      .values({
        org_id: actor.orgId,
        external_id: input.externalId,
        event_type: input.eventType,
        nhs_number: input.nhsNumber,
        occurred_at: input.occurredAt,
        source_organisation: input.sourceOrganisation,
        details: input.details,
        person_id: input.personId,
        received_from: actorId(actor),
        matched_at: input.personId ? new Date() : null,
      })
      // The same event sent twice (or two posts racing) is recorded once: the unique index decides.
      .onConflict((oc) => oc.columns(['org_id', 'external_id']).doNothing())
      .returningAll()
      .executeTakeFirst()
  );
}

export async function findPartnerEventByExternalId(tx: Tx, orgId: string, externalId: string) {
  return tx
    .selectFrom('partner_event')
    .selectAll()
    .where('org_id', '=', orgId)
    .where('external_id', '=', externalId)
    .executeTakeFirst();
}

export async function matchPartnerEvent(
  tx: Tx,
  actor: Actor,
  eventId: string,
  personId: string,
): Promise<PartnerEventRow | undefined> {
  return tx
    .updateTable('partner_event')
    .set({ person_id: personId, matched_by: actorId(actor), matched_at: new Date() })
    .where('id', '=', eventId)
    .where('person_id', 'is', null)
    .returningAll()
    .executeTakeFirst();
}

export async function matchHeldReferral(
  tx: Tx,
  actor: Actor,
  entryId: string,
  person: { id: string; patch_id: string | null },
) {
  return tx
    .updateTable('register_entry')
    .set({
      person_id: person.id,
      held_nhs_number: null,
      status: 'active',
      patch_id: person.patch_id,
      updated_at: new Date(),
      updated_by: actorId(actor),
      version: sql`version + 1`,
    })
    .where('id', '=', entryId)
    .where('status', '=', 'held')
    .returningAll()
    .executeTakeFirst();
}

export async function listHeldEvents(tx: Tx) {
  return tx
    .selectFrom('partner_event')
    .selectAll()
    .where('person_id', 'is', null)
    .orderBy('received_at')
    .orderBy('id')
    .limit(200)
    .execute();
}

export async function listHeldReferrals(tx: Tx) {
  return tx
    .selectFrom('register_entry')
    .selectAll()
    .where('status', '=', 'held')
    .orderBy('created_at')
    .orderBy('id')
    .limit(200)
    .execute();
}

export async function findHeldEvent(tx: Tx, eventId: string) {
  return tx
    .selectFrom('partner_event')
    .selectAll()
    .where('id', '=', eventId)
    .where('person_id', 'is', null)
    .executeTakeFirst();
}

export async function findHeldReferral(tx: Tx, entryId: string) {
  return tx
    .selectFrom('register_entry')
    .selectAll()
    .where('id', '=', entryId)
    .where('status', '=', 'held')
    .executeTakeFirst();
}

/** The partner event an episode came from (the event's own subject may be someone else, e.g. the carer). */
export async function partnerEventFor(tx: Tx, eventId: string) {
  return tx
    .selectFrom('partner_event')
    .select(['id', 'event_type', 'source_organisation', 'occurred_at', 'person_id'])
    .where('id', '=', eventId)
    .executeTakeFirst();
}

/** A council person id (P0001234) or an NHS number, as staff type them. */
export async function findPersonByIdentifier(tx: Tx, actor: Actor, identifier: string) {
  const digits = normaliseNhsNumber(identifier);
  if (/^\d{10}$/.test(digits) && isValidNhsNumber(digits)) return findPersonByNhs(tx, actor, digits);
  return findPersonByCouncilId(tx, actor, identifier.trim().toUpperCase());
}
