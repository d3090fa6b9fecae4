import { sql, type Updateable } from 'kysely';
import type { Tx } from '../../platform/db/scope.js';
import { PREPARE_MARK } from '../../platform/db/prepared.js';
import type { Actor } from '../../platform/access/roles.js';
import { actorId } from '../../platform/access/roles.js';
import type { Determination } from './eligibility.js';
import type { AssessmentTable } from './tables.js';
import type { ParticipantInput, StartInput } from './record-schema.js';

/**
 * The assessment tables' SQL. Every change is guarded by the version the form was opened on and by the
 * assessment being in progress: a completed assessment is the record of what was decided.
 */

type Changes = Updateable<AssessmentTable>;

export async function listAssessments(tx: Tx, personId: string) {
  return tx
    .selectFrom('assessment')
    .selectAll()
    .where('person_id', '=', personId)
    .orderBy('started_on', 'desc')
    .orderBy('created_at', 'desc')
    .execute();
}

/** One of the person's assessments, with the names of who last changed it and who overrode its decision. */
export async function findAssessment(tx: Tx, personId: string, assessmentId: string) {
  return tx
    .selectFrom('assessment as a')
    .modifyFront(sql.raw(PREPARE_MARK))
    .leftJoin('staff_user as u', 'u.id', 'a.updated_by')
    .leftJoin('staff_user as o', 'o.id', 'a.override_by')
    .selectAll('a')
    .select(['u.display_name as updated_by_name', 'o.display_name as override_by_name'])
    .where('a.person_id', '=', personId)
    .where('a.id', '=', assessmentId)
    .executeTakeFirst();
}
/** The assessment that answers a request, if one was started from it. */
export async function assessmentForRequest(tx: Tx, requestId: string) {
  return tx
    .selectFrom('assessment')
    .select(['id', 'started_on', 'status'])
    .where('request_id', '=', requestId)
    .executeTakeFirst();
}

export type FoundAssessment = NonNullable<Awaited<ReturnType<typeof findAssessment>>>;

export async function insertAssessment(
  tx: Tx,
  actor: Actor,
  personId: string,
  input: StartInput,
  requestId: string | null = null,
) {
  return tx
    .insertInto('assessment')
    .values({
      org_id: actor.orgId,
      person_id: personId,
      request_id: requestId,
      kind: input.kind,
      method: input.method,
      started_on: input.startedOn,
      created_by: actorId(actor),
      updated_by: actorId(actor),
    })
    .returning(['id'])
    .executeTakeFirstOrThrow();
}

/** Apply changes only to the version the form was opened on, while in progress; undefined if either has moved. */
export async function updateAssessment(tx: Tx, actor: Actor, assessmentId: string, version: number, changes: Changes) {
  return tx
    .updateTable('assessment')
    .set({
      ...changes,
      updated_at: sql<Date>`now()`,
      updated_by: actorId(actor),
      version: sql<number>`version + 1`,
    })
    .where('id', '=', assessmentId)
    .where('version', '=', version)
    .where('status', '=', 'in_progress')
    .returning(['id', 'version'])
    .executeTakeFirst();
}

/** The CLD event completion wrote: set once, in the same transaction, not a change anyone made. */
export async function setEventId(tx: Tx, assessmentId: string, eventId: string) {
  await tx.updateTable('assessment').set({ cld_event_id: eventId }).where('id', '=', assessmentId).execute();
}

export const determinationJson = (d: Determination) => JSON.stringify(d);

export async function listParticipants(tx: Tx, assessmentId: string) {
  return tx
    .selectFrom('assessment_participant as p')
    .modifyFront(sql.raw(PREPARE_MARK))
    .leftJoin('staff_user as u', 'u.id', 'p.created_by')
    .selectAll('p')
    .select('u.display_name as recorded_by_name')
    .where('p.assessment_id', '=', assessmentId)
    .orderBy('p.created_at')
    .orderBy('p.id')
    .execute();
}

export async function insertParticipant(tx: Tx, actor: Actor, assessmentId: string, input: ParticipantInput) {
  return tx
    .insertInto('assessment_participant')
    .values({
      org_id: actor.orgId,
      assessment_id: assessmentId,
      role: input.role,
      name: input.name,
      organisation: input.organisation,
      contribution: input.contribution,
      created_by: actorId(actor),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
}
