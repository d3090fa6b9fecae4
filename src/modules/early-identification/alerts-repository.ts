import type { Tx } from '../../platform/db/scope.js';
import type { PartnerEventRow, RegisterAlertRow } from './tables.js';
import { actorId, type Actor } from '../../platform/access/roles.js';
import { visibleTo } from '../people/index.js';

/**
 * Register alerts: raising them from a partner event, listing and acknowledging them. A list joins the
 * person with `visibleTo`, so nobody sees an alert about a record they may not open.
 */

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

/** The alerts a partner event raised for one person (the crisis workspace links to the first). */
export async function alertsForEvent(tx: Tx, eventId: string, personId: string) {
  return tx
    .selectFrom('register_alert')
    .select(['id'])
    .where('partner_event_id', '=', eventId)
    .where('person_id', '=', personId)
    .execute();
}

/** What an alert's trigger said and which event it waits for. */
export async function findTrigger(tx: Tx, triggerId: string) {
  return tx
    .selectFrom('register_trigger')
    .select(['description', 'event_type'])
    .where('id', '=', triggerId)
    .executeTakeFirst();
}

/**
 * The person a partner event was about, when that is not the alert's person (the carer): named on the
 * alert page, restricted or not, because the page says so and audits it for them too.
 */
export async function findEventPerson(tx: Tx, personId: string) {
  return tx
    .selectFrom('person')
    .select(['id', 'given_name', 'family_name', 'restricted'])
    .where('id', '=', personId)
    .executeTakeFirst();
}
