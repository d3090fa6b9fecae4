import type { FastifyInstance } from 'fastify';
import { addWorkSource } from '../../casework/index.js';
import { AssistantService } from './service.js';
import { registerAssistantPages } from './routes.js';
import { registerCouncilPages } from './council-routes.js';
import { insuranceRenewalSource } from './work-source.js';

/**
 * People who employ personal assistants (issue 14 §5): each PA with their checks, insurance and
 * payroll; reminders before employer's liability insurance lapses; and the direct payment support
 * matrix with the decision recorded against it.
 */
export function registerAssistants(app: FastifyInstance): void {
  const service = new AssistantService(app.deps.database.db);
  registerAssistantPages(app, service);
  registerCouncilPages(app, service);
  // Lapsed or soon-to-lapse insurance is open work on caseloads and in team queues.
  addWorkSource(insuranceRenewalSource);
}

// The records as the pages write them (the demo seed writes S5's and S6's PAs with it).
export { AssistantService } from './service.js';
export { DEFAULT_SUPPORT_MATRIX, recommendedLevel, type SupportMatrix } from './matrix.js';
// For the lead to place on the person's record (addRecordSection), with today's date.
export { assistantsRecordSection } from './record-section.js';
export { insuranceState, listRenewals, type InsuranceState, type Renewal } from './renewals.js';
// The tables' types, for the budgets module's one declaration of its tables (../tables.ts).
export type {
  DpSupportDecisionTable,
  DpSupportMatrixTable,
  PersonalAssistantHistoryTable,
  PersonalAssistantTable,
} from './tables.js';
