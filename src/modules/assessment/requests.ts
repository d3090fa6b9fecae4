import { randomUUID } from 'node:crypto';
import type { Tx } from '../../platform/db/scope.js';
import type { RequestContext } from '../../platform/http/context.js';
import { writeAudit } from '../../platform/audit/audit.js';
import { actorId } from '../../platform/access/roles.js';
import { caredForPeople, EMPTY_EVENT_FIELDS, insertEvent } from '../people/index.js';
import * as repo from './requests-repository.js';
import type { AssessmentRequestRow, RequestCameFrom, RequestKind } from './tables.js';

/** The request's decision is to assess: the CLD outcome every request opened here carries. */
export const PROGRESS_TO_ASSESSMENT = 'Progress to assessment, review or reassessment';
/** CLD guidance's default route when it is not known (and for carers). */
export const DEFAULT_ROUTE_OF_ACCESS = 'Community / Other route';

export interface OpenRequestInput {
  personId: string;
  /** The person's patch, for the worklist's filter. */
  patchId: string | null;
  kind: RequestKind;
  cameFrom: RequestCameFrom;
  /** The record that asked (a conversation, an episode, a partner's reference): at most one request each. */
  source: { module: string; id: string } | null;
  referredBy?: string | null;
  reason: string;
  receivedOn: string;
  routeOfAccess?: string;
  /** The CLD Request event the source already wrote (conversation, crisis step-up); none is written here then. */
  requestEventId?: string | null;
}

/**
 * Ways in that already wrote their own CLD Request event: a conversation's request ends in "progress
 * to assessment", and a crisis episode's request is the one that opened the episode (its step up is
 * that request's outcome). A second Request event would count the same contact twice in CLD and SALT.
 */
const WROTE_THEIR_OWN_REQUEST: readonly RequestCameFrom[] = ['conversation', 'crisis_step_up'];

/**
 * Open an assessment request, with its CLD Request event and audit entry, in the caller's transaction.
 * The caller has already checked the person is visible to the actor. With a source, a repeat (the same
 * conversation, episode or partner reference) returns the first request and writes nothing.
 */
export async function openAssessmentRequest(
  tx: Tx,
  ctx: RequestContext,
  input: OpenRequestInput,
): Promise<{ request: AssessmentRequestRow; created: boolean }> {
  const earlier = input.source ? await repo.findBySource(tx, input.source.module, input.source.id) : undefined;
  if (earlier) return { request: earlier, created: false };
  const id = randomUUID();
  const ownEvent = WROTE_THEIR_OWN_REQUEST.includes(input.cameFrom);
  const eventId = ownEvent ? (input.requestEventId ?? null) : await writeRequestEvent(tx, ctx, id, input);
  const request = await repo.insertRequest(tx, {
    id,
    org_id: ctx.actor.orgId,
    person_id: input.personId,
    patch_id: input.patchId,
    kind: input.kind,
    came_from: input.cameFrom,
    source_module: input.source?.module ?? null,
    source_id: input.source?.id ?? null,
    referred_by: input.referredBy ?? null,
    reason: input.reason,
    received_on: input.receivedOn,
    cld_request_event_id: eventId,
    created_by: actorId(ctx.actor),
  });
  if (!request) throw new Error('assessment request conflict: a concurrent request from the same source');
  await writeAudit(tx, ctx, [
    { action: 'assessment-request.open', resourceType: 'assessment_request', resourceId: id, personId: input.personId },
  ]);
  return { request, created: true };
}

function requestSummary(input: OpenRequestInput): string {
  const reason = input.reason.length > 160 ? `${input.reason.slice(0, 157)}…` : input.reason;
  const what = input.kind === 'carer' ? 'Asked for a carer’s assessment' : 'Asked for an assessment';
  return `${what}. ${reason}`;
}

/**
 * The request's CLD Request event: it ends the day it arrives, with the decision to assess. A carer's
 * own request is an unpaid carer's, linked to the people they care for (CLD fields 14, 37–39).
 */
async function writeRequestEvent(tx: Tx, ctx: RequestContext, requestId: string, input: OpenRequestInput) {
  const caresFor = input.kind === 'carer' ? await caredForPeople(tx, input.personId) : [];
  const event = await insertEvent(
    tx,
    ctx.actor,
    input.personId,
    {
      ...EMPTY_EVENT_FIELDS,
      eventType: 'Request',
      clientType: input.kind === 'carer' ? 'Unpaid carer' : 'Service user',
      linkedPersonIds: caresFor,
      startDate: input.receivedOn,
      endDate: input.receivedOn,
      routeOfAccess: input.routeOfAccess ?? DEFAULT_ROUTE_OF_ACCESS,
      eventOutcome: PROGRESS_TO_ASSESSMENT,
      summary: requestSummary(input),
    },
    { module: 'assessment-request', id: requestId },
  );
  return event.id;
}
