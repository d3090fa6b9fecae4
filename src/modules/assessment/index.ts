import type { FastifyInstance } from 'fastify';
import { registerWaitingPage } from './routes.js';
import { registerRequestPages } from './routes-requests.js';
import { registerRequestApi } from './routes-api.js';
import { requestsRecordSection } from './request-record-section.js';
import { addEventLink, addRecordSection, addRecordTabPage } from '../people/index.js';
import { assessmentRecordSection } from './record-section.js';
import { AssessmentRecords } from './record-service.js';
import { registerAssessmentPages } from './record-routes.js';
import { registerAssessmentForms } from './record-routes-forms.js';
import { registerAssessmentDecisions } from './record-routes-decisions.js';
import { assessmentHref } from './record-view.js';
import { addWorkSource } from '../casework/index.js';
import { assessmentsInProgressSource, requestsWaitingSource } from './work-sources.js';

// For other modules: opening a request from their own record, in their transaction.
export {
  openAssessmentRequest,
  PROGRESS_TO_ASSESSMENT,
  DEFAULT_ROUTE_OF_ACCESS,
  type OpenRequestInput,
} from './requests.js';
export type { AssessmentRequestRow } from './tables.js';
// For allocation: the completed assessments a budget is worked out from.
export { listCompletedAssessments, type CompletedAssessment } from './completed.js';
// The records themselves, each checked as its page checks it (the demo seed writes a carer's assessment with them).
export { AssessmentRecords } from './record-service.js';
export { addParticipant, completeAssessment } from './record-complete.js';
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
 * Tier 3: assessment. Requests for an assessment come in here, whichever way (a conversation, a crisis
 * step-up, a partner's API call, a practitioner or a carer asking), and wait on one worklist.
 */
export function registerAssessmentModule(app: FastifyInstance): void {
  registerWaitingPage(app);
  registerRequestPages(app);
  registerRequestApi(app);
  addRecordSection(requestsSection);
  // A person's assessments: strengths, needs, eligibility, who took part, and the CLD event on completion.
  const records = new AssessmentRecords(app.deps.database.db);
  registerAssessmentPages(app, records);
  registerAssessmentForms(app, records);
  registerAssessmentDecisions(app, records);
  addEventLink('assessment', assessmentHref);
  addRecordSection(recordSection);
  addRecordTabPage(app, {
    key: 'assessments',
    label: 'Assessments',
    order: 60,
    policy: 'assessments.view',
    auditAction: 'person.view-assessments',
  });
  // Casework's caseloads and queues pull the requests waiting and the assessments in progress from here.
  addWorkSource(requestsWaitingSource);
  addWorkSource(assessmentsInProgressSource);
}

// On the record's Assessments tab; requests waiting and assessments in progress are also on the summary.
const onTab = { tab: 'assessments', openWork: true };
const requestsSection = { policy: 'assessments.read' as const, ...onTab, load: requestsRecordSection };
const recordSection = { policy: 'assessments.view' as const, ...onTab, load: assessmentRecordSection };
