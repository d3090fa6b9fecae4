import { sql } from 'kysely';
import type { Tx } from '../../platform/db/scope.js';
import type { PartnerEventRow, PartnerEventType, RegisterAlertRow, RegisterEntryRow } from './tables.js';
import { actorId, type Actor } from '../../platform/access/roles.js';
import { visibleTo } from '../people/index.js';
import type { EntryInput, TriggerInput } from './schema.js';

/**
 * The only door to the register tables. Row-level security keeps each organisation's rows apart;
 * what a member of staff may see of a person (restricted records) is applied by joining the person
 * with `visibleTo`, so a list never shows, and a page never finds, a record they may not open.
 */

export function entryColumns(input: EntryInput) {
  return {
    patch_id: input.patchId,
    referrer_kind: input.referrerKind,
    referrer_name: input.referrerName,
    referrer_organisation: input.referrerOrganisation,
    reason: input.reason,
    risk_factors: [...input.riskFactors],
    risk_notes: input.riskNotes,
    consent: input.consent,
    consent_not_given_reason: input.consent === 'not_given' ? input.consentNotGivenReason : null,
    best_interests_decision: input.consent === 'lacks_capacity' ? input.bestInterestsDecision : null,
    consent_recorded_by: input.consentRecordedBy,
    consent_recorded_on: input.consentRecordedOn,
    review_date: input.reviewDate,
  };
}

export async function insertEntry(
  tx: Tx,
  actor: Actor,
  input: EntryInput,
  where: {
    personId: string | null;
    heldNhsNumber?: string | null;
    externalId?: string | null;
    source: 'staff' | 'api';
  },
): Promise<RegisterEntryRow | undefined> {
  return (
    tx
      .insertInto('register_entry')
      .values({
        ...entryColumns(input),
        org_id: actor.orgId,
        person_id: where.personId,
        held_nhs_number: where.personId ? null : (where.heldNhsNumber ?? null),
        external_id: where.externalId ?? null,
        source: where.source,
        status: where.personId ? 'active' : 'held',
        created_by: actorId(actor),
        updated_by: actorId(actor),
        updated_at: new Date(),
      })
      // A partner resending the same referral: the unique index decides, even for concurrent posts.
      .onConflict((oc) => oc.columns(['org_id', 'external_id']).where('external_id', 'is not', null).doNothing())
      .returningAll()
      .executeTakeFirst()
  );
}

export async function findEntryByExternalId(tx: Tx, orgId: string, externalId: string) {
  return tx
    .selectFrom('register_entry')
    .selectAll()
    .where('org_id', '=', orgId)
    .where('external_id', '=', externalId)
    .executeTakeFirst();
}

export async function replaceTriggers(
  tx: Tx,
  orgId: string,
  entryId: string,
  triggers: readonly TriggerInput[],
): Promise<void> {
  await tx.deleteFrom('register_trigger').where('entry_id', '=', entryId).execute();
  if (!triggers.length) return;
  await tx
    .insertInto('register_trigger')
    .values(
      triggers.map((t, position) => ({
        org_id: orgId,
        entry_id: entryId,
        event_type: t.eventType,
        description: t.description,
        related_person_id: t.relatedPersonId,
        position,
      })),
    )
    .execute();
}

/** An entry on a person's record, if the actor may see that person. */
export async function findEntry(
  tx: Tx,
  actor: Actor,
  personId: string,
  entryId: string,
): Promise<RegisterEntryRow | undefined> {
  return tx
    .selectFrom('register_entry')
    .selectAll('register_entry')
    .where('register_entry.id', '=', entryId)
    .where('register_entry.person_id', '=', personId)
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom('person')
          .select(sql`1`.as('one'))
          .whereRef('person.id', '=', 'register_entry.person_id')
          .where(visibleTo(actor)),
      ),
    )
    .executeTakeFirst();
}

export async function listTriggers(tx: Tx, entryId: string) {
  return tx
    .selectFrom('register_trigger as t')
    .leftJoin('person as p', 'p.id', 't.related_person_id')
    .select([
      't.id',
      't.event_type',
      't.description',
      't.related_person_id',
      'p.given_name as related_given_name',
      'p.family_name as related_family_name',
      'p.restricted as related_restricted',
    ])
    .where('t.entry_id', '=', entryId)
    .orderBy('t.position')
    .execute();
}

/** Optimistic update: the version check is part of the UPDATE, so two writers can never both win. */
export async function updateEntry(
  tx: Tx,
  actor: Actor,
  entryId: string,
  version: number,
  input: EntryInput,
): Promise<RegisterEntryRow | undefined> {
  return tx
    .updateTable('register_entry')
    .set({ ...entryColumns(input), updated_at: new Date(), updated_by: actorId(actor), version: sql`version + 1` })
    .where('id', '=', entryId)
    .where('version', '=', version)
    .where('status', '=', 'active')
    .returningAll()
    .executeTakeFirst();
}

export async function closeEntry(
  tx: Tx,
  actor: Actor,
  entryId: string,
  version: number,
  reason: string,
): Promise<RegisterEntryRow | undefined> {
  return tx
    .updateTable('register_entry')
    .set({
      status: 'closed',
      closed_reason: reason,
      closed_at: new Date(),
      closed_by: actorId(actor),
      updated_at: new Date(),
      updated_by: actorId(actor),
      version: sql`version + 1`,
    })
    .where('id', '=', entryId)
    .where('version', '=', version)
    .where('status', '=', 'active')
    .returningAll()
    .executeTakeFirst();
}

export async function listEntriesForPerson(tx: Tx, personId: string) {
  return tx
    .selectFrom('register_entry')
    .selectAll()
    .where('person_id', '=', personId)
    .orderBy('created_at', 'desc')
    .execute();
}

export interface RegisterFilter {
  patchId: string | null;
  reviewDueBy: string | null;
}

function registerQuery(tx: Tx, actor: Actor, filter: RegisterFilter) {
  let query = tx
    .selectFrom('register_entry as e')
    .innerJoin('person', 'person.id', 'e.person_id')
    .where('e.status', '=', 'active')
    .where(visibleTo(actor));
  if (filter.patchId) query = query.where('e.patch_id', '=', filter.patchId);
  if (filter.reviewDueBy) query = query.where('e.review_date', '<=', filter.reviewDueBy);
  return query;
}

/** One page of the active entries the actor may see, soonest review first. */
export async function listRegister(
  tx: Tx,
  actor: Actor,
  filter: RegisterFilter,
  page: { limit: number; offset: number },
) {
  return registerQuery(tx, actor, filter)
    .leftJoin('team', 'team.id', 'e.patch_id')
    .select([
      'e.id',
      'e.person_id',
      'e.reason',
      'e.review_date',
      'e.consent',
      'e.referrer_kind',
      'e.risk_factors',
      'e.patch_id',
      'team.name as patch_name',
      'person.given_name',
      'person.family_name',
      'person.council_person_id',
    ])
    .orderBy('e.review_date')
    .orderBy('person.family_name')
    .orderBy('e.id')
    .limit(page.limit)
    .offset(page.offset)
    .execute();
}

/** How many active entries the actor may see with this filter (for "N on the register" and paging). */
export async function countRegister(tx: Tx, actor: Actor, filter: RegisterFilter): Promise<number> {
  const row = await registerQuery(tx, actor, filter)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

const alertSelection = [
  'a.id',
  'a.entry_id',
  'a.person_id',
  'a.status',
  'a.created_at',
  'a.patch_id',
  'a.trigger_id',
  'a.partner_event_id',
  'a.acknowledged_at',
  'a.acknowledged_note',
  'team.name as patch_name',
  'person.given_name',
  'person.family_name',
  'ev.event_type',
  'ev.occurred_at',
  'ev.source_organisation',
  'ev.details',
  'ev.person_id as event_person_id',
] as const;

function alertsQuery(tx: Tx, actor: Actor) {
  return tx
    .selectFrom('register_alert as a')
    .innerJoin('person', 'person.id', 'a.person_id')
    .innerJoin('partner_event as ev', 'ev.id', 'a.partner_event_id')
    .leftJoin('team', 'team.id', 'a.patch_id')
    .select(alertSelection)
    .where(visibleTo(actor));
}

export async function listOpenAlerts(tx: Tx, actor: Actor, patchId: string | null, limit = 100) {
  let query = alertsQuery(tx, actor).where('a.status', '=', 'open');
  if (patchId) query = query.where('a.patch_id', '=', patchId);
  return query.orderBy('a.created_at', 'desc').orderBy('a.id').limit(limit).execute();
}

export async function findAlert(tx: Tx, actor: Actor, alertId: string) {
  return alertsQuery(tx, actor).where('a.id', '=', alertId).executeTakeFirst();
}

/** Alerts about a person, newest first (for the record, and for tier 2's crisis work). */
export async function alertsForPerson(tx: Tx, actor: Actor, personId: string) {
  return alertsQuery(tx, actor).where('a.person_id', '=', personId).orderBy('a.created_at', 'desc').execute();
}

export async function acknowledgeAlert(tx: Tx, actor: Actor, alertId: string, note: string | null) {
  return tx
    .updateTable('register_alert')
    .set({
      status: 'acknowledged',
      acknowledged_by: actorId(actor),
      acknowledged_at: new Date(),
      acknowledged_note: note,
    })
    .where('id', '=', alertId)
    .where('status', '=', 'open')
    .returningAll()
    .executeTakeFirst();
}

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

/**
 * Raise an alert on every active register entry the event matters to: the person's own entries, and
 * entries whose trigger names this person as the related person for this kind of event (Mr Jones's
 * admission raises an alert on Mrs Jones's entry). Raising twice for the same event is a no-op.
 */
export async function raiseAlerts(
  tx: Tx,
  orgId: string,
  event: PartnerEventRow,
  personId: string,
): Promise<RegisterAlertRow[]> {
  const direct = await tx
    .selectFrom('register_entry as e')
    .select(['e.id as entry_id', 'e.person_id', 'e.patch_id'])
    .select((eb) =>
      eb
        .selectFrom('register_trigger as t')
        .select('t.id')
        .whereRef('t.entry_id', '=', 'e.id')
        .where('t.related_person_id', 'is', null)
        .where('t.event_type', '=', event.event_type)
        .orderBy('t.position')
        .limit(1)
        .as('trigger_id'),
    )
    .where('e.person_id', '=', personId)
    .where('e.status', '=', 'active')
    .execute();
  const related = await tx
    .selectFrom('register_trigger as t')
    .innerJoin('register_entry as e', 'e.id', 't.entry_id')
    .select(['e.id as entry_id', 'e.person_id', 'e.patch_id', 't.id as trigger_id'])
    .where('t.related_person_id', '=', personId)
    .where('t.event_type', '=', event.event_type)
    .where('e.status', '=', 'active')
    .orderBy('t.position')
    .execute();
  const byEntry = new Map<
    string,
    { entry_id: string; person_id: string; patch_id: string | null; trigger_id: string | null }
  >();
  for (const row of [...direct, ...related])
    if (row.person_id && !byEntry.has(row.entry_id)) byEntry.set(row.entry_id, { ...row, person_id: row.person_id });
  if (!byEntry.size) return [];
  return tx
    .insertInto('register_alert')
    .values(
      [...byEntry.values()].map((m) => ({
        org_id: orgId,
        entry_id: m.entry_id,
        person_id: m.person_id,
        partner_event_id: event.id,
        trigger_id: m.trigger_id,
        patch_id: m.patch_id,
      })),
    )
    .onConflict((oc) => oc.columns(['entry_id', 'partner_event_id']).doNothing())
    .returningAll()
    .execute();
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

/** People the person's triggers can name: those in their network who are on the system. */
export async function relatedPeople(tx: Tx, actor: Actor, personId: string) {
  return tx
    .selectFrom('relationship as r')
    .innerJoin('person', 'person.id', 'r.related_person_id')
    .select(['person.id', 'person.given_name', 'person.family_name', 'r.relationship_type'])
    .where('r.person_id', '=', personId)
    .where('r.ended_on', 'is', null)
    .where(visibleTo(actor))
    .orderBy('person.family_name')
    .orderBy('person.given_name')
    .execute();
}

/** The partner event an episode came from (the event's own subject may be someone else, e.g. the carer). */
export async function partnerEventFor(tx: Tx, eventId: string) {
  return tx
    .selectFrom('partner_event')
    .select(['id', 'event_type', 'source_organisation', 'occurred_at', 'person_id'])
    .where('id', '=', eventId)
    .executeTakeFirst();
}

/** The alerts a partner event raised for one person (the crisis workspace links to the first). */
export async function alertsForEvent(tx: Tx, eventId: string, personId: string) {
  return tx
    .selectFrom('register_alert')
    .select(['id'])
    .where('partner_event_id', '=', eventId)
    .where('person_id', '=', personId)
    .execute();
}

/** What a register trigger says, for the reason of an episode it opened. */
export async function triggerDescription(tx: Tx, triggerId: string): Promise<string | undefined> {
  const row = await tx
    .selectFrom('register_trigger')
    .select('description')
    .where('id', '=', triggerId)
    .executeTakeFirst();
  return row?.description;
}
