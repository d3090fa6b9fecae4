import type { Kysely } from 'kysely';
import type { DB } from '../../platform/db/schema.js';
import type { Tx } from '../../platform/db/scope.js';
import { withOrg } from '../../platform/db/scope.js';
import { writeAudit } from '../../platform/audit/audit.js';
import type { Actor } from '../../platform/access/roles.js';
import type { RequestContext } from '../../platform/http/context.js';
import { NotFoundError, ValidationError } from '../../platform/http/errors.js';
import { caredForPeople, findVisiblePeople, findVisiblePerson, searchPeople } from '../people/index.js';
import { openAssessmentRequest } from './requests.js';
import * as repo from './requests-repository.js';
import { assessmentForRequest } from './record-repository.js';
import type { RequestApiInput, RequestFormInput } from './requests-schema.js';

/** The modules whose records may be followed to the request they opened ("Assessment requested on …"). */
export const LINKED_SOURCES = ['conversations', 'crisis'] as const;

async function visiblePerson(tx: Tx, actor: Actor, personId: string) {
  const person = await findVisiblePerson(tx, actor, personId);
  if (!person) throw new NotFoundError();
  return person;
}

/** The names of the people this person cares for, for the form's "someone who cares for …" choice. */
async function caredForNames(tx: Tx, actor: Actor, personId: string): Promise<string[]> {
  const ids = await caredForPeople(tx, personId);
  const people = await findVisiblePeople(tx, actor, ids);
  return ids.flatMap((id) => people.get(id)?.name ?? []);
}

/** The "Ask for an assessment" form's data: the person and whom they care for. One audit entry. */
export async function requestFormData(db: Kysely<DB>, ctx: RequestContext, personId: string) {
  return withOrg(db, ctx.actor.orgId, async (tx) => {
    const person = await visiblePerson(tx, ctx.actor, personId);
    const caresFor = await caredForNames(tx, ctx.actor, personId);
    await writeAudit(tx, ctx, [
      { action: 'assessment-request.form', resourceType: 'person', resourceId: personId, personId },
    ]);
    return { person, caresFor };
  });
}

/** A practitioner's request, or a carer's for their own needs, from the person record. */
export async function askForAssessment(db: Kysely<DB>, ctx: RequestContext, personId: string, input: RequestFormInput) {
  return withOrg(db, ctx.actor.orgId, async (tx) => {
    const person = await visiblePerson(tx, ctx.actor, personId);
    const { request } = await openAssessmentRequest(tx, ctx, {
      personId,
      patchId: person.patch_id,
      kind: input.kind,
      cameFrom: input.kind === 'carer' ? 'carer_asked' : 'practitioner',
      source: null,
      reason: input.reason,
      receivedOn: input.receivedOn,
      routeOfAccess: input.routeOfAccess,
    });
    return request;
  });
}

/** One request, with whom it is about; audited as a look at it. */
export async function viewRequest(db: Kysely<DB>, ctx: RequestContext, personId: string, requestId: string) {
  return withOrg(db, ctx.actor.orgId, async (tx) => {
    const person = await visiblePerson(tx, ctx.actor, personId);
    const request = await repo.findRequest(tx, personId, requestId);
    if (!request) throw new NotFoundError();
    const assessment = await assessmentForRequest(tx, requestId);
    await writeAudit(tx, ctx, [
      { action: 'assessment-request.view', resourceType: 'assessment_request', resourceId: requestId, personId },
    ]);
    return { person, request, assessment: assessment ?? null };
  });
}

/**
 * Where the request a conversation or an episode opened lives, for their pages' link. Nothing of the
 * record is shown (the answer is a redirect), so nothing is audited; a person the viewer may not see
 * answers 404 like a request that does not exist.
 */
export async function requestHrefFromSource(db: Kysely<DB>, ctx: RequestContext, module: string, sourceId: string) {
  return withOrg(db, ctx.actor.orgId, async (tx) => {
    const request = await repo.findBySource(tx, module, sourceId);
    if (!request || !(await findVisiblePerson(tx, ctx.actor, request.person_id))) throw new NotFoundError();
    return requestHref(request.person_id, request.id);
  });
}

export const requestHref = (personId: string, requestId: string) =>
  `/people/${personId}/assessment-requests/${requestId}`;

/**
 * A partner's request, the person found by NHS number. Idempotent by the partner's reference: the
 * same external_id again returns the first request. An NHS number nobody here has (or whose record the
 * partner may not see) is refused: a request must be someone's.
 */
export async function receivePartnerRequest(db: Kysely<DB>, ctx: RequestContext, input: RequestApiInput) {
  return withOrg(db, ctx.actor.orgId, async (tx) => {
    const found = (await searchPeople(tx, ctx.actor, input.nhs_number, 1)).rows.find(
      (p) => p.nhs_number === input.nhs_number,
    );
    if (!found)
      throw new ValidationError([{ text: 'No one the council knows has this NHS number', href: '#nhs_number' }]);
    return openAssessmentRequest(tx, ctx, {
      personId: found.id,
      patchId: found.patch_id,
      kind: input.kind,
      cameFrom: 'partner',
      source: { module: 'partner', id: input.external_id },
      referredBy: input.source_organisation,
      reason: input.reason,
      receivedOn: input.received_on,
      routeOfAccess: input.route_of_access,
    });
  });
}
