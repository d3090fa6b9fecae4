import type { FastifyInstance } from 'fastify';
import { registerWaitingPage } from './routes.js';

export { addAssessmentSource, type AssessmentSource, type WaitingForAssessment } from './sources.js';
export {
  applyOverride,
  determineAdultEligibility,
  determineCarerEligibility,
  type CountedOutcome,
  type Determination,
  type DeterminationResult,
  type EligibilityOverride,
  type OverrideResult,
} from './eligibility.js';
export {
  ADULT_OUTCOMES,
  ADULT_WAYS,
  CARER_OUTCOMES,
  CARER_WAYS,
  UNABLE_WAYS,
  type AdultOutcomeKey,
  type CarerOutcomeKey,
  type UnableWayKey,
} from './eligibility-outcomes.js';
export {
  adultAnswersSchema,
  carerAnswersSchema,
  type AdultAnswers,
  type AdultAnswersInput,
  type CarerAnswers,
  type CarerAnswersInput,
  type EligibilityProblem,
  type OutcomeAnswer,
} from './eligibility-schema.js';

/**
 * Tier 3: assessment. Until assessments are recorded here (the next issue), this module keeps the
 * queue of people other modules have said need one, so that a manager can see them all in one place.
 */
export function registerAssessmentModule(app: FastifyInstance): void {
  registerWaitingPage(app);
}
