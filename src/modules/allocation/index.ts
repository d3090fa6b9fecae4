/**
 * Allocation: the resource allocation system (RAS) that turns comparative need into an indicative
 * weekly personal budget, versioned and explained line by line. Pure: no tables or pages yet.
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
