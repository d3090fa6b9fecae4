/**
 * Planning: costing a person-centred support plan against the agreed personal budget, and choosing
 * between quotes. Pure: no tables or pages yet.
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
