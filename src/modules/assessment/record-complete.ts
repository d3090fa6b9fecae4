import type { Tx } from '../../platform/db/scope.js';
import { withOrg } from '../../platform/db/scope.js';
import { writeAudit } from '../../platform/audit/audit.js';
import { actorId, type Actor } from '../../platform/access/roles.js';
import { ValidationError, type FieldError } from '../../platform/http/errors.js';
import type { RequestContext } from '../../platform/http/context.js';
import { caredForPeople, insertEvent } from '../people/index.js';
import { applyOverride } from './eligibility.js';
import * as repo from './record-repository.js';
import { METHODS, type OverrideInput, type ParticipantInput } from './record-schema.js';
import { staleOrCompleted, storedDetermination, type AssessmentRecords } from './record-service.js';

/**
 * The decisions on an assessment: an override of the rule's determination (only with a reason), who
 * else took part, and completion — which writes the CLD Assessment event in the same transaction.
 */

export async function overrideDecision(
  records: AssessmentRecords,
  ctx: RequestContext,
  personId: string,
  assessmentId: string,
  input: OverrideInput,
) {
  return withOrg(records.db, ctx.actor.orgId, async (tx) => {
    const { assessment } = await records.load(tx, ctx, personId, assessmentId);
    if (assessment.status === 'completed') throw staleOrCompleted(assessment);
    const determination = storedDetermination(assessment);
    if (!determination)
      throw new ValidationError([
        { text: 'Answer the eligibility questions before changing the decision', href: '#eligible' },
      ]);
    const result = applyOverride(determination, {
      eligible: input.eligible,
      reason: input.reason,
      decidedBy: ctx.actor.displayName,
    });
    if (!result.ok) throw new ValidationError([{ text: result.error, href: '#eligible' }]);
    const saved = await repo.updateAssessment(tx, ctx.actor, assessmentId, input.version, {
      determination: repo.determinationJson(result.determination),
      eligible: result.determination.eligible,
      override_eligible: input.eligible,
      override_reason: input.reason,
      override_by: actorId(ctx.actor),
      override_at: new Date(),
    });
    if (!saved) throw staleOrCompleted(assessment);
    await writeAudit(tx, ctx, [
      { action: 'assessment.override', resourceType: 'assessment', resourceId: assessmentId, personId },
    ]);
    return saved;
  });
}

export async function addParticipant(
  records: AssessmentRecords,
  ctx: RequestContext,
  personId: string,
  assessmentId: string,
  input: ParticipantInput,
) {
  return withOrg(records.db, ctx.actor.orgId, async (tx) => {
    const { assessment } = await records.load(tx, ctx, personId, assessmentId);
    if (assessment.status === 'completed') throw staleOrCompleted(assessment);
    const row = await repo.insertParticipant(tx, ctx.actor, assessmentId, input);
    await writeAudit(tx, ctx, [
      { action: 'assessment.participant', resourceType: 'assessment', resourceId: assessmentId, personId },
    ]);
    return row;
  });
}

/** What must be done before an assessment can be completed, as errors linking to each task. */
function unfinished(assessment: repo.FoundAssessment): FieldError[] {
  const errors: FieldError[] = [];
  if (assessment.can_do === '')
    errors.push({ text: 'Record their strengths and needs before completing the assessment', href: '#task-strengths' });
  if (assessment.determination === null)
    errors.push({
      text: 'Answer the eligibility questions before completing the assessment',
      href: '#task-eligibility',
    });
  return errors;
}

export async function completeAssessment(
  records: AssessmentRecords,
  ctx: RequestContext,
  personId: string,
  assessmentId: string,
  input: { version: number; completedOn: string },
) {
  return withOrg(records.db, ctx.actor.orgId, async (tx) => {
    const { assessment } = await records.load(tx, ctx, personId, assessmentId);
    if (assessment.status === 'completed') throw staleOrCompleted(assessment);
    const problems = unfinished(assessment);
    if (problems.length) throw new ValidationError(problems);
    const saved = await repo.updateAssessment(tx, ctx.actor, assessmentId, input.version, {
      status: 'completed',
      completed_on: input.completedOn,
    });
    if (!saved) throw staleOrCompleted(assessment);
    const event = await writeAssessmentEvent(tx, ctx.actor, { ...assessment, completed_on: input.completedOn });
    await repo.setEventId(tx, assessmentId, event.id);
    await writeAudit(tx, ctx, [
      { action: 'assessment.complete', resourceType: 'assessment', resourceId: assessmentId, personId },
    ]);
    return saved;
  });
}

/**
 * The CLD Assessment event (cld.md §2.3): a Care Act eligibility determination was made, so the type is
 * "Long term assessment", for a carer's assessment too. Eligible needs → "Progress to support planning
 * or services". Not eligible → "NFA: Information and advice or signposting", because the Care Act
 * (s.13(5)) requires written information and advice on meeting or reducing the needs whenever a
 * determination finds none eligible: that advice is the outcome, not "no further action" alone.
 * A carer's event is an unpaid carer's, linked to the people they care for, whatever word they accept.
 */
async function writeAssessmentEvent(tx: Tx, actor: Actor, assessment: repo.FoundAssessment) {
  const eligible = assessment.eligible === true;
  const carer = assessment.kind === 'carer';
  const method = METHODS.find((m) => m.value === assessment.method)!;
  const linked = carer ? await caredForPeople(tx, assessment.person_id) : [];
  return insertEvent(
    tx,
    actor,
    assessment.person_id,
    {
      eventType: 'Assessment',
      clientType: carer ? 'Unpaid carer' : 'Service user',
      linkedPersonIds: linked,
      startDate: assessment.started_on,
      endDate: assessment.completed_on,
      routeOfAccess: null,
      eventOutcome: eligible
        ? 'Progress to support planning or services'
        : 'NFA: Information and advice or signposting',
      assessmentType: 'Long term assessment',
      eligibleNeedsIdentified: eligible ? 'Yes' : 'No',
      methodOfAssessment: method.cld,
      serviceType: null,
      serviceComponent: null,
      deliveryMechanism: null,
      reviewReason: null,
      reviewOutcomesAchieved: null,
      methodOfReview: null,
      unitCostPence: null,
      costFrequency: null,
      summary: `${carer ? 'Assessment of the care they give' : 'Assessment of care and support needs'}: ${eligible ? 'eligible needs' : 'no eligible needs'} (${method.text.toLowerCase()})`,
    },
    { module: 'assessment', id: assessment.id },
  );
}
