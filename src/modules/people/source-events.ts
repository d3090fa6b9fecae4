import { sql } from 'kysely';
import type { Tx } from '../../platform/db/scope.js';
import type { Actor } from '../../platform/access/roles.js';
import { insertEvent, markEventInError } from './event-repository.js';
import type { EventInput } from './schema.js';
import type { PersonEventRow } from './tables.js';

/**
 * A module that derives a person's CLD events from its own record (e.g. a crisis episode and its
 * support) hands the people module the full list of events it should have now; this brings the
 * stored events in line: new ones inserted, changed ones updated (version bumped), and ones no
 * longer called for marked recorded in error (an event is never deleted). Unchanged events are not
 * touched, so a repeated sync writes nothing. Returns each source's live event id.
 */
export interface SourcedEvent {
  source: { module: string; id: string };
  event: EventInput;
  /**
   * The source id the event's row is stored under now, when it moves to `source` (a module keeps an
   * earlier line under a new id so a new line can take the old one): the row keeps its id.
   */
  formerly?: string;
}

const keyOf = (module: string, id: string) => `${module}:${id}`;

/** The columns a sourced event sets, as they are stored (what an update compares and writes). */
function columnsOf(e: EventInput) {
  return {
    event_type: e.eventType,
    start_date: e.startDate,
    end_date: e.endDate,
    event_outcome: e.eventOutcome,
    client_type: e.clientType ?? 'Service user',
    linked_person_ids: [...(e.linkedPersonIds ?? [])],
    route_of_access: e.routeOfAccess,
    assessment_type: e.assessmentType,
    method_of_assessment: e.methodOfAssessment,
    service_type: e.serviceType,
    service_component: e.serviceComponent,
    delivery_mechanism: e.deliveryMechanism,
    unit_cost_pence: e.unitCostPence,
    cost_frequency: e.costFrequency,
    planned_units_per_week: e.plannedUnitsPerWeek ?? null,
    summary: e.summary,
  };
}

function changedColumns(row: PersonEventRow, wanted: ReturnType<typeof columnsOf>) {
  const changes: Partial<ReturnType<typeof columnsOf>> = {};
  for (const [column, value] of Object.entries(wanted) as [keyof typeof wanted, never][]) {
    if (JSON.stringify(row[column] ?? null) !== JSON.stringify(value ?? null)) changes[column] = value;
  }
  return changes;
}

/** The person's live (not recorded-in-error) events written from these sources. */
export async function liveEventsFromSources(
  tx: Tx,
  personId: string,
  modules: readonly string[],
  ids: readonly string[],
): Promise<PersonEventRow[]> {
  if (ids.length === 0) return [];
  return tx
    .selectFrom('person_event')
    .selectAll()
    .where('person_id', '=', personId)
    .where('source_module', 'in', [...modules])
    .where('source_id', 'in', [...ids])
    .where('recorded_in_error_at', 'is', null)
    .execute();
}

export async function syncEventsFromSources(
  tx: Tx,
  actor: Actor,
  personId: string,
  existing: readonly PersonEventRow[],
  wanted: readonly SourcedEvent[],
  droppedReason: (row: PersonEventRow) => string,
): Promise<Map<string, string>> {
  const stored = new Map(existing.map((row) => [keyOf(row.source_module, row.source_id ?? ''), row]));
  const ids = new Map<string, string>();
  // Rows that move to another source id first, so the id they leave is free for a new row.
  const moving = wanted.filter((w) => w.formerly !== undefined);
  for (const { source, event, formerly } of [...moving, ...wanted.filter((w) => w.formerly === undefined)]) {
    const key = keyOf(source.module, source.id);
    const storedKey = keyOf(source.module, formerly ?? source.id);
    const row = stored.get(storedKey) ?? stored.get(key);
    stored.delete(storedKey);
    stored.delete(key);
    if (!row) {
      ids.set(key, (await insertEvent(tx, actor, personId, event, source)).id);
      continue;
    }
    ids.set(key, row.id);
    const changes: Record<string, unknown> = changedColumns(row, columnsOf(event));
    if (row.source_id !== source.id) changes.source_id = source.id;
    if (Object.keys(changes).length > 0)
      await tx
        .updateTable('person_event')
        .set({ ...changes, version: sql`version + 1` })
        .where('id', '=', row.id)
        .execute();
  }
  for (const row of stored.values()) await markEventInError(tx, actor, personId, row.id, droppedReason(row));
  return ids;
}
