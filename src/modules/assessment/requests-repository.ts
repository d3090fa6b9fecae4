import type { Tx } from '../../platform/db/scope.js';
import type { Insertable } from 'kysely';
import type { AssessmentRequestRow, AssessmentRequestTable } from './tables.js';

/** The assessment module's SQL for requests. Row-level security keeps every statement to the council. */

export async function findBySource(tx: Tx, module: string, id: string): Promise<AssessmentRequestRow | undefined> {
  return tx
    .selectFrom('assessment_request')
    .selectAll()
    .where('source_module', '=', module)
    .where('source_id', '=', id)
    .executeTakeFirst();
}

/** Insert, or nothing when a request from the same source already exists (a repeat, or a race lost). */
export async function insertRequest(
  tx: Tx,
  row: Insertable<AssessmentRequestTable>,
): Promise<AssessmentRequestRow | undefined> {
  return tx
    .insertInto('assessment_request')
    .values(row)
    .onConflict((oc) =>
      oc.columns(['org_id', 'source_module', 'source_id']).where('source_id', 'is not', null).doNothing(),
    )
    .returningAll()
    .executeTakeFirst();
}

export async function findRequest(tx: Tx, personId: string, id: string): Promise<AssessmentRequestRow | undefined> {
  return tx
    .selectFrom('assessment_request')
    .selectAll()
    .where('id', '=', id)
    .where('person_id', '=', personId)
    .executeTakeFirst();
}

export async function requestsForPerson(tx: Tx, personId: string): Promise<AssessmentRequestRow[]> {
  return tx
    .selectFrom('assessment_request')
    .selectAll()
    .where('person_id', '=', personId)
    .orderBy('received_on', 'desc')
    .orderBy('created_at', 'desc')
    .execute();
}

/**
 * Every waiting request in a patch (or all), oldest first. Visibility of the people is decided by the
 * people module afterwards (findVisiblePeople), as this module may not join their table.
 */
export async function waitingRequests(tx: Tx, patchId: string | null): Promise<AssessmentRequestRow[]> {
  let query = tx.selectFrom('assessment_request').selectAll().where('status', '=', 'waiting');
  if (patchId) query = query.where('patch_id', '=', patchId);
  return query.orderBy('received_on').orderBy('created_at').orderBy('id').execute();
}
