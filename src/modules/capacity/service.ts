import type { Kysely } from 'kysely';
import type { DB } from '../../platform/db/schema.js';
import type { Tx } from '../../platform/db/scope.js';
import { ConflictError, NotFoundError, ValidationError, type FieldError } from '../../platform/http/errors.js';
import type { RequestContext } from '../../platform/http/context.js';
import { onVisibleRecord, type PersonRow } from '../people/index.js';
import * as repo from './repository.js';
import { directPaymentConsentStatus } from './consent.js';
import { parseAssessmentForm, parseBestInterestsForm, parseEndPowerForm, parsePowerForm } from './schema.js';

type Body = Record<string, unknown>;
type ResourceType = 'capacity_assessment' | 'best_interests_decision' | 'legal_power' | 'person';
interface Done<T> {
  result: T;
  action: string;
  resourceType?: ResourceType;
  resourceId?: string;
}

function parsed<T>(result: { data: T; errors: null } | { data: null; errors: FieldError[] }): T {
  if (result.errors) throw new ValidationError(result.errors);
  return result.data;
}

/**
 * Mental capacity, best interests and legal powers: one transaction per call as the application
 * role, the person's visibility checked first (a restricted or unknown person is "not found"), and
 * one audit entry written last, in the same transaction, so nothing is shown or saved unaudited.
 */
export class CapacityService {
  constructor(private readonly db: Kysely<DB>) {}

  private run<T>(ctx: RequestContext, personId: string, work: (tx: Tx, person: PersonRow) => Promise<Done<T>>) {
    return onVisibleRecord(this.db, ctx, personId, async (tx, person) => {
      const { result, action, resourceType = 'person', resourceId } = await work(tx, person);
      return { result, audit: { action, resourceType, resourceId: resourceId ?? personId } };
    });
  }

  /** The person's capacity page: every assessment, and the powers others hold for them. */
  overview(ctx: RequestContext, personId: string) {
    return this.run(ctx, personId, async (tx, person) => {
      const [assessments, powers, consent] = await Promise.all([
        repo.listAssessments(tx, personId),
        repo.listPowers(tx, personId),
        directPaymentConsentStatus(tx, personId),
      ]);
      return { result: { person, assessments, powers, consent }, action: 'capacity.view' };
    });
  }

  /** A form about the person (an assessment, a power): it shows who they are, so it is audited. */
  formFor(ctx: RequestContext, personId: string) {
    return this.run(ctx, personId, async (_tx, person) => ({ result: { person }, action: 'capacity.form' }));
  }

  recordAssessment(ctx: RequestContext, personId: string, body: Body): Promise<string> {
    return this.run(ctx, personId, async (tx) => {
      const id = await repo.insertAssessment(tx, ctx.actor, personId, parsed(parseAssessmentForm(body)));
      return { result: id, action: 'capacity-assessment.create', resourceType: 'capacity_assessment', resourceId: id };
    });
  }

  /** One assessment, with the best-interests decisions that follow it. */
  assessment(ctx: RequestContext, personId: string, assessmentId: string) {
    return this.run(ctx, personId, async (tx, person) => {
      const assessment = await repo.findAssessment(tx, personId, assessmentId);
      if (!assessment) throw new NotFoundError();
      const bestInterests = await repo.listBestInterests(tx, assessmentId);
      return {
        result: { person, assessment, bestInterests },
        action: 'capacity-assessment.view',
        resourceType: 'capacity_assessment',
        resourceId: assessmentId,
      };
    });
  }

  /** What the best-interests form needs: the assessment it follows (shown at the top of the form). */
  bestInterestsForm(ctx: RequestContext, personId: string, assessmentId: string) {
    return this.run(ctx, personId, async (tx, person) => {
      const assessment = await repo.findAssessment(tx, personId, assessmentId);
      if (!assessment) throw new NotFoundError();
      return {
        result: { person, assessment },
        action: 'capacity.form',
        resourceType: 'capacity_assessment',
        resourceId: assessmentId,
      };
    });
  }

  /**
   * A best-interests decision (s.4) is made for someone only when they lack capacity for that
   * decision: following an assessment that found capacity, it is refused.
   */
  recordBestInterests(ctx: RequestContext, personId: string, assessmentId: string, body: Body): Promise<string> {
    return this.run(ctx, personId, async (tx) => {
      const assessment = await repo.findAssessment(tx, personId, assessmentId);
      if (!assessment) throw new NotFoundError();
      if (assessment.result !== 'lacks_capacity') throw new ConflictError(NOT_FOR_CAPACITY);
      const input = parsed(parseBestInterestsForm(body, assessment.assessed_on));
      const id = await repo.insertBestInterests(tx, ctx.actor, assessment, input);
      return { result: id, action: 'best-interests.create', resourceType: 'best_interests_decision', resourceId: id };
    });
  }

  recordPower(ctx: RequestContext, personId: string, body: Body): Promise<string> {
    return this.run(ctx, personId, async (tx) => {
      const id = await repo.insertPower(tx, ctx.actor, personId, parsed(parsePowerForm(body)));
      return { result: id, action: 'legal-power.create', resourceType: 'legal_power', resourceId: id };
    });
  }

  powerForm(ctx: RequestContext, personId: string, powerId: string) {
    return this.run(ctx, personId, async (tx, person) => {
      const power = await repo.findPower(tx, personId, powerId);
      if (!power) throw new NotFoundError();
      return { result: { person, power }, action: 'capacity.form', resourceType: 'legal_power', resourceId: powerId };
    });
  }

  /** End a power from a date; one already ended is refused (whoever ended it first stands). */
  endPower(ctx: RequestContext, personId: string, powerId: string, body: Body): Promise<void> {
    return this.run(ctx, personId, async (tx) => {
      const power = await repo.findPower(tx, personId, powerId, { lock: true });
      if (!power) throw new NotFoundError();
      if (power.ended_on) throw new ConflictError(ALREADY_ENDED);
      const input = parsed(parseEndPowerForm(body, power.registered_on));
      if (!(await repo.endPower(tx, ctx.actor, powerId, input))) throw new ConflictError(ALREADY_ENDED);
      return { result: undefined, action: 'legal-power.end', resourceType: 'legal_power', resourceId: powerId };
    });
  }
}

export const NOT_FOR_CAPACITY =
  'This assessment found the person has capacity for this decision, so they make it themselves: a best-interests decision cannot be recorded for it.';
export const ALREADY_ENDED = 'This power has already been ended. Nothing has been changed.';
