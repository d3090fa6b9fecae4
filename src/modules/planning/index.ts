import type { FastifyInstance } from 'fastify';
import { addRecordSection, addRecordTab } from '../people/index.js';
import { registerSupportPlanPages } from './routes.js';
import { supportPlanRecordSection } from './record-section.js';
import { addWorkSource } from '../casework/index.js';
import { unapprovedPlansSource } from './work-source.js';

/**
 * Planning: the support plan the person leads (its sections, outcomes, support, risks and costing,
 * versioned), costed against the agreed personal budget with the pure costing.ts, and quotes.
 */
export { costSupportPlan, costingProblems, unitsToHundredths } from './costing.js';
export {
  CONVERSION_RULES,
  FREQUENCIES,
  FUNDING_SOURCES,
  type CostedItem,
  type CostedPlan,
  type Frequency,
  type Funding,
  type PlanCostingInput,
  type PlanFee,
  type SupportItem,
} from './costing-types.js';
export { applyChosenQuotes, chooseQuote, chosenQuote, quoteProblems, quoteText, type Quote } from './quotes.js';
export { SupportPlanService } from './service.js';
// Approval as the approve page does it (the demo seed approves its plans at every stage with it).
export { PlanApprovals, refreshPlanEvents } from './approval-service.js';
// The budgets module says how the budget is held, and so the delivery mechanism of what it pays for.
export { setDeliveryMechanismSource, type DeliveryMechanismSource } from './delivery-mechanism.js';
export { setHoldingFeeSource, type HoldingFeeSource } from './holding-fees.js';
export { itemCosts, PLAN_DELIVERY_MECHANISM } from './plan-events.js';
export type { ApprovalDecision, PanelDecision } from './approval.js';
export type { PlanContent, PlanItem } from './plan-content.js';
// What SupportPlanService.save takes: one part of the plan changed (the demo seed writes plans with it).
export type { PlanEdit } from './plan-changes.js';
export type { SupportPlanRow, SupportPlanVersionRow } from './tables.js';

// The Plan tab is the support plan page; the plan's status is on the summary's "Open now".
const recordSection = {
  policy: 'support-plans.read' as const,
  tab: 'plan',
  openWork: true,
  load: supportPlanRecordSection,
};
const planTab = {
  key: 'plan',
  label: 'Plan',
  order: 70,
  policy: 'support-plans.read' as const,
  href: (personId: string) => `/people/${personId}/support-plan`,
};

export function registerPlanningModule(app: FastifyInstance): void {
  registerSupportPlanPages(app);
  addRecordSection(recordSection);
  addRecordTab(planTab);
  // Plans not yet approved are open work on caseloads and in team queues (casework pulls them from here).
  addWorkSource(unapprovedPlansSource);
}
