import type { FastifyInstance } from 'fastify';
import { registerWaitingPage } from './routes.js';
import { addEventLink, addRecordSection } from '../people/index.js';
import { assessmentRecordSection } from './record-section.js';
import { AssessmentRecords } from './record-service.js';
import { registerAssessmentPages } from './record-routes.js';
import { registerAssessmentForms } from './record-routes-forms.js';
import { registerAssessmentDecisions } from './record-routes-decisions.js';
import { assessmentHref } from './record-view.js';

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
  // A person's assessments: strengths, needs, eligibility, who took part, and the CLD event on completion.
  const records = new AssessmentRecords(app.deps.database.db);
  registerAssessmentPages(app, records);
  registerAssessmentForms(app, records);
  registerAssessmentDecisions(app, records);
  addEventLink('assessment', assessmentHref);
  addRecordSection(recordSection);
}

const recordSection = { policy: 'assessments.view' as const, load: assessmentRecordSection };
