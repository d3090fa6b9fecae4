import { sql } from 'kysely';
import type { Tx } from '../../platform/db/scope.js';
import type { PersonEventRow, PersonEventTable } from './tables.js';
import type { Updateable } from 'kysely';
import { actorId, type Actor } from '../../platform/access/roles.js';
import { DEFAULT_CLIENT_TYPE, type EventInput } from './schema.js';

export async function insertEvent(
  tx: Tx,
  actor: Actor,
  personId: string,
  input: EventInput,
  source: { module: string; id?: string } = { module: 'people' },
): Promise<PersonEventRow> {
  return tx
    .insertInto('person_event')
    .values({
      org_id: actor.orgId,
      person_id: personId,
      event_type: input.eventType,
      start_date: input.startDate,
      end_date: input.endDate,
      event_outcome: input.eventOutcome,
      client_type: input.clientType ?? DEFAULT_CLIENT_TYPE,
      linked_person_ids: [...(input.linkedPersonIds ?? [])],
      client_funding_status: input.clientFundingStatus ?? null,
      has_unpaid_carer: input.hasUnpaidCarer ?? null,
      adults_cared_for: input.adultsCaredFor ?? null,
      hours_caring_per_week: input.hoursCaringPerWeek ?? null,
      provider_cqc_location_id: input.providerCqcLocationId ?? null,
      planned_units_per_week: input.plannedUnitsPerWeek ?? null,
      route_of_access: input.routeOfAccess,
      assessment_type: input.assessmentType,
      eligible_needs_identified: input.eligibleNeedsIdentified,
      method_of_assessment: input.methodOfAssessment,
      service_type: input.serviceType,
      service_component: input.serviceComponent,
      delivery_mechanism: input.deliveryMechanism,
      review_reason: input.reviewReason,
      review_outcomes_achieved: input.reviewOutcomesAchieved,
      method_of_review: input.methodOfReview,
      unit_cost_pence: input.unitCostPence,
      cost_frequency: input.costFrequency,
      summary: input.summary,
      source_module: source.module,
      source_id: source.id ?? null,
      created_by: actorIdOrNull(actor),
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

/**
 * The CLD fields a module may correct on an event it wrote (never whose it is, where it came from,
 * or whether it was recorded in error: that is markEventInError's, with its reason and audit).
 */
export type SourceEventChanges = Omit<
  Updateable<PersonEventTable>,
  | 'id'
  | 'org_id'
  | 'person_id'
  | 'source_module'
  | 'source_id'
  | 'created_at'
  | 'created_by'
  | 'version'
  | 'recorded_in_error_at'
  | 'recorded_in_error_by'
  | 'recorded_in_error_reason'
>;

/**
 * A module keeps the CLD event it wrote in step with its own record (e.g. a corrected tier-one
 * conversation corrects its request event): found by source, version bumped.
 */
export async function updateEventFromSource(
  tx: Tx,
  source: { module: string; id: string },
  changes: SourceEventChanges,
): Promise<void> {
  await tx
    .updateTable('person_event')
    .set({ ...changes, version: sql`version + 1` })
    .where('source_module', '=', source.module)
    .where('source_id', '=', source.id)
    .where('recorded_in_error_at', 'is', null)
    .execute();
}

/**
 * Marks an event recorded in error. An event is never deleted (the record must show what was
 * written); a marked one stays on the timeline, struck through, and nothing counts it. Returns the
 * event, or undefined when the person has no such event or it is already marked.
 */
export async function markEventInError(
  tx: Tx,
  actor: Actor,
  personId: string,
  eventId: string,
  reason: string,
): Promise<PersonEventRow | undefined> {
  return tx
    .updateTable('person_event')
    .set({
      recorded_in_error_at: new Date(),
      recorded_in_error_by: actorIdOrNull(actor),
      recorded_in_error_reason: reason,
      version: sql`version + 1`,
    })
    .where('id', '=', eventId)
    .where('person_id', '=', personId)
    .where('recorded_in_error_at', 'is', null)
    .returningAll()
    .executeTakeFirst();
}

export async function findEvent(tx: Tx, personId: string, eventId: string): Promise<PersonEventRow | undefined> {
  return tx
    .selectFrom('person_event')
    .selectAll()
    .where('id', '=', eventId)
    .where('person_id', '=', personId)
    .executeTakeFirst();
}

/** The people among `ids` in the actor's organisation (a carer's event may only link to those). */
export async function peopleInOrg(tx: Tx, actor: Actor, ids: readonly string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await tx
    .selectFrom('person')
    .select('id')
    .where('org_id', '=', actor.orgId)
    .where('id', 'in', [...ids])
    .execute();
  return new Set(rows.map((r) => r.id));
}

/** Who made the change: a staff user or a partner token (the audit log has the full story). */
function actorIdOrNull(actor: Actor): string {
  return actorId(actor);
}
