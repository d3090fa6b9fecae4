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
export { registerFairnessReport } from './fairness-routes.js';
