import type { FastifyInstance } from 'fastify';
import { addRecordSection, addRecordTab } from '../people/index.js';
import { addWorkSource } from '../casework/index.js';
import { budgetsAwaitingSignOffSource } from './work-source.js';
import { registerBudgetPages } from './budget-routes.js';
import { registerVersionPages } from './version-routes.js';
import { registerLimitsPage } from './limits-routes.js';
import { budgetRecordSection } from './record-section.js';

/**
 * Allocation: the resource allocation system (RAS) that turns comparative need into an indicative
 * weekly personal budget, versioned and explained line by line; the delegated limits for approving it.
 */
export { apportion, roundHalfUp } from './apportion.js';
export { DEMO_RAS_VERSIONS, rasVersion2025, rasVersion2026 } from './demo-versions.js';
export { WEEKS_IN_A_YEAR, carerAllocation, indicativeBudget, priceForPoints } from './ras.js';
export {
  RAS_RULES,
  type BudgetLine,
  type CarerBand,
  type IndicativeBudget,
  type PriceBand,
  type RasAnswerOption,
  type RasAnswers,
  type RasDomain,
  type RasQuestion,
  type RasVersion,
} from './ras-types.js';
export { defineRasVersion, deriveRasVersion, rasAnswerProblems, validateRasVersion } from './ras-validate.js';
export {
  DEFAULT_APPROVAL_LIMITS,
  checkApproval,
  findApprovalLimits,
  type ApprovalCheck,
  type ApprovalLimit,
} from './approval-limits.js';
export type { BudgetAllocationRow, BudgetStatus, RasVersionRow } from './tables.js';
export { findCurrentBudget, type CurrentBudget } from './current-budget.js';
import { registerFairnessReport } from './fairness-routes.js';
export { listBudgetsAwaitingSignOff, type BudgetAwaitingSignOff } from './sign-off.js';

/** The budget pages on a person's record, the RAS versions' pages, the delegated limits page and the fairness report. */
export function registerAllocationModule(app: FastifyInstance): void {
  registerBudgetPages(app);
  registerVersionPages(app);
  registerLimitsPage(app);
  registerFairnessReport(app);
  addRecordSection(recordSection);
  addRecordTab(budgetTab);
  // Budgets awaiting sign-off are open work on caseloads and in team queues (casework pulls them from here).
  addWorkSource(budgetsAwaitingSignOffSource);
}

// The budget's status is on the summary's "Open now"; the Budget tab is the budget page itself.
const recordSection = { policy: 'budgets.read' as const, tab: 'budget', openWork: true, load: budgetRecordSection };
const budgetTab = {
  key: 'budget',
  label: 'Budget',
  order: 80,
  policy: 'budgets.read' as const,
  href: (personId: string) => `/people/${personId}/budget`,
};
