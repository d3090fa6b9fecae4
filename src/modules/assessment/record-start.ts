import type { Tx } from '../../platform/db/scope.js';
import type { Actor } from '../../platform/access/roles.js';
import { ConflictError, NotFoundError, ValidationError } from '../../platform/http/errors.js';
import * as repo from './record-repository.js';
import type { StartInput } from './record-schema.js';
import type { AssessmentRequestRow } from './tables.js';

/**
 * Starting an assessment from the request it answers (issue 13 §1): the assessment names the request,
 * and the request is closed ("Assessment started") in the same transaction, so a request is never
 * both waiting and answered, and two people starting from it at once cannot both succeed (the row is
 * locked; a unique index on assessment.request_id backs it). A carer's request starts a carer's
 * assessment.
 */
export const ASSESSMENT_STARTED = 'Assessment started';

/** The person's request, still waiting (locked when about to be answered); 404 or 409 otherwise. */
export async function waitingRequest(
  tx: Tx,
  personId: string,
  requestId: string,
  opts: { lock?: boolean } = {},
): Promise<AssessmentRequestRow> {
  let query = tx
    .selectFrom('assessment_request')
    .selectAll()
    .where('id', '=', requestId)
    .where('person_id', '=', personId);
  if (opts.lock) query = query.forUpdate();
  const request = await query.executeTakeFirst();
  if (!request) throw new NotFoundError();
  if (request.status !== 'waiting')
    throw new ConflictError(`This request has already been closed (${request.closed_reason ?? 'closed'}).`);
  return request;
}

export const assessmentKindFor = (request: AssessmentRequestRow) => (request.kind === 'carer' ? 'carer' : 'adult');

export async function startFromRequest(
  tx: Tx,
  actor: Actor,
  personId: string,
  input: StartInput,
  requestId: string,
): Promise<{ id: string }> {
  const request = await waitingRequest(tx, personId, requestId, { lock: true });
  if (input.kind !== assessmentKindFor(request))
    throw new ValidationError([
      {
        text:
          request.kind === 'carer'
            ? 'This request is for their own needs as someone who cares: start that assessment'
            : 'This request is for their own care and support needs: start that assessment',
        href: '#kind',
      },
    ]);
  const row = await repo.insertAssessment(tx, actor, personId, input, requestId);
  await tx
    .updateTable('assessment_request')
    .set((eb) => ({
      status: 'closed',
      closed_reason: ASSESSMENT_STARTED,
      closed_on: input.startedOn,
      version: eb('version', '+', 1),
    }))
    .where('id', '=', requestId)
    .execute();
  return row;
}
