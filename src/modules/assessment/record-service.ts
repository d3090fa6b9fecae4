import type { Kysely } from 'kysely';
import type { DB } from '../../platform/db/schema.js';
import type { Tx } from '../../platform/db/scope.js';
import { withOrg } from '../../platform/db/scope.js';
import { writeAudit } from '../../platform/audit/audit.js';
import { ConflictError, NotFoundError, ValidationError } from '../../platform/http/errors.js';
import type { RequestContext } from '../../platform/http/context.js';
import type { Determination } from './eligibility.js';
import * as repo from './record-repository.js';
import { caringContext, visiblePerson } from './record-context.js';
import { OWN_WORDS_MISSING, type StartInput, type StrengthsInput } from './record-schema.js';
import { judge } from './record-answers.js';
import { startFromRequest, waitingRequest } from './record-start.js';

export type AssessmentAction =
  | 'assessment.view'
  | 'assessment.strengths-form'
  | 'assessment.eligibility-form'
  | 'assessment.strengths'
  | 'assessment.eligibility'
  | 'assessment.override'
  | 'assessment.participant'
  | 'assessment.complete';

const STALE =
  'Someone else changed this assessment after you opened it. Your changes have not been saved. Check what changed below, then make yours again.';
const COMPLETED = 'This assessment has been completed, so it can no longer be changed.';

/** What a refused change says: the assessment was completed, or changed by someone else (and what). */
export function staleOrCompleted(current: repo.FoundAssessment, changes: ConflictError['changes'] = []): ConflictError {
  if (current.status === 'completed') return new ConflictError(COMPLETED);
  const by = current.updated_by_name ? ` Last changed by ${current.updated_by_name}.` : '';
  return new ConflictError(`${STALE}${by}`, changes);
}

export const storedDetermination = (row: { determination: unknown }) =>
  (row.determination ?? null) as Determination | null;

/** Strength fields as the conflict list names them. */
const STRENGTH_FIELDS = [
  ['can_do', 'canDo', 'What they can do and want to do'],
  ['matters', 'matters', 'What matters to them'],
  ['network_does', 'networkDoes', 'What their network already does'],
  ['needs', 'needs', 'Their needs'],
  ['own_words', 'ownWords', 'In their own words'],
] as const;

/**
 * A person's tier 3 assessments. Each method is one transaction as the application role, checks the
 * person is visible (404 otherwise) and writes its audit entry last.
 */
export class AssessmentRecords {
  constructor(readonly db: Kysely<DB>) {}

  async list(ctx: RequestContext, personId: string) {
    return withOrg(this.db, ctx.actor.orgId, async (tx) => {
      const person = await visiblePerson(tx, ctx.actor, personId);
      const [assessments, caring] = await Promise.all([
        repo.listAssessments(tx, personId),
        caringContext(tx, personId),
      ]);
      await writeAudit(tx, ctx, [
        { action: 'assessment.list', resourceType: 'person', resourceId: personId, personId },
      ]);
      return { person, assessments, caring };
    });
  }

  async startForm(ctx: RequestContext, personId: string, requestId: string | null = null) {
    return withOrg(this.db, ctx.actor.orgId, async (tx) => {
      const person = await visiblePerson(tx, ctx.actor, personId);
      const caring = await caringContext(tx, personId);
      const request = requestId ? await waitingRequest(tx, personId, requestId) : null;
      await writeAudit(tx, ctx, [
        { action: 'assessment.start-form', resourceType: 'person', resourceId: personId, personId },
      ]);
      return { person, caring, request };
    });
  }

  /** Start an assessment; from a request (`requestId`), the request is closed with it. */
  async start(ctx: RequestContext, personId: string, input: StartInput, requestId: string | null = null) {
    return withOrg(this.db, ctx.actor.orgId, async (tx) => {
      await visiblePerson(tx, ctx.actor, personId);
      const row = requestId
        ? await startFromRequest(tx, ctx.actor, personId, input, requestId)
        : await repo.insertAssessment(tx, ctx.actor, personId, input);
      await writeAudit(tx, ctx, [
        { action: 'assessment.start', resourceType: 'assessment', resourceId: row.id, personId },
      ]);
      return row;
    });
  }

  /** The assessment with everything its pages show, audited once under the given action. */
  async read(ctx: RequestContext, personId: string, assessmentId: string, action: AssessmentAction) {
    return withOrg(this.db, ctx.actor.orgId, async (tx) => {
      const loaded = await this.load(tx, ctx, personId, assessmentId);
      await writeAudit(tx, ctx, [{ action, resourceType: 'assessment', resourceId: assessmentId, personId }]);
      return loaded;
    });
  }

  /** When the assessment started, for checking a completion date; nothing of the person is shown. */
  async startedOn(ctx: RequestContext, personId: string, assessmentId: string): Promise<string> {
    return withOrg(this.db, ctx.actor.orgId, async (tx) => {
      const { assessment } = await this.load(tx, ctx, personId, assessmentId);
      return assessment.started_on;
    });
  }

  async load(tx: Tx, ctx: RequestContext, personId: string, assessmentId: string) {
    const person = await visiblePerson(tx, ctx.actor, personId);
    const assessment = await repo.findAssessment(tx, personId, assessmentId);
    if (!assessment) throw new NotFoundError();
    const [participants, caring] = await Promise.all([
      repo.listParticipants(tx, assessmentId),
      caringContext(tx, personId),
    ]);
    return { person, assessment, participants, caring };
  }

  async saveStrengths(ctx: RequestContext, personId: string, assessmentId: string, input: StrengthsInput) {
    return withOrg(this.db, ctx.actor.orgId, async (tx) => {
      const { assessment } = await this.load(tx, ctx, personId, assessmentId);
      if (
        assessment.method === 'supported_self_assessment' &&
        input.ownWords === '' &&
        assessment.status !== 'completed'
      )
        throw new ValidationError([OWN_WORDS_MISSING]);
      const saved = await repo.updateAssessment(tx, ctx.actor, assessmentId, input.version, {
        can_do: input.canDo,
        matters: input.matters,
        network_does: input.networkDoes,
        needs: input.needs,
        own_words: input.ownWords,
      });
      if (!saved) {
        const changes = STRENGTH_FIELDS.filter(([column, field]) => assessment[column] !== input[field]).map(
          ([column, field, label]) => ({ field: label, yours: input[field], theirs: assessment[column] }),
        );
        throw staleOrCompleted(assessment, changes);
      }
      await writeAudit(tx, ctx, [
        { action: 'assessment.strengths', resourceType: 'assessment', resourceId: assessmentId, personId },
      ]);
      return { ...saved, eligibilityAnswered: assessment.determination !== null };
    });
  }

  /**
   * The eligibility answers and the rule's determination, saved together. New answers make a new
   * determination, so an earlier override (a decision about the old answers) is cleared with them.
   */
  async saveEligibility(
    ctx: RequestContext,
    personId: string,
    assessmentId: string,
    version: number,
    body: Record<string, unknown>,
  ) {
    return withOrg(this.db, ctx.actor.orgId, async (tx) => {
      const { assessment } = await this.load(tx, ctx, personId, assessmentId);
      if (assessment.status === 'completed') throw staleOrCompleted(assessment);
      const judged = judge(assessment.kind, body);
      if (!judged.ok) throw new ValidationError(judged.errors);
      const { answers, determination } = judged;
      const saved = await repo.updateAssessment(tx, ctx.actor, assessmentId, version, {
        answers: JSON.stringify(answers),
        determination: repo.determinationJson(determination),
        eligible: determination.eligible,
        override_eligible: null,
        override_reason: null,
        override_by: null,
        override_at: null,
      });
      if (!saved) {
        const before = storedDetermination(assessment);
        const decision = (d: Determination | null) =>
          d === null ? 'Not answered yet' : d.eligible ? 'Eligible' : 'Not eligible';
        const changes = [{ field: 'Eligibility decision', yours: decision(determination), theirs: decision(before) }];
        throw staleOrCompleted(assessment, changes);
      }
      await writeAudit(tx, ctx, [
        { action: 'assessment.eligibility', resourceType: 'assessment', resourceId: assessmentId, personId },
      ]);
      return { saved, hadOverride: assessment.override_eligible !== null };
    });
  }
}
