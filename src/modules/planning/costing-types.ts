/**
 * What a support plan's costing is made of: the support items (paid and unpaid), a contingency, any
 * fees (a managed account's, a payroll service's) and the agreed weekly personal budget.
 */

export const FREQUENCIES = [
  { key: 'weekly', label: 'Every week', phrase: 'every week', perYear: 52 },
  { key: 'fortnightly', label: 'Every 2 weeks', phrase: 'every 2 weeks', perYear: 26 },
  { key: 'four_weekly', label: 'Every 4 weeks', phrase: 'every 4 weeks', perYear: 13 },
  { key: 'monthly', label: 'Every month', phrase: 'every month', perYear: 12 },
  { key: 'annual', label: 'Once a year', phrase: 'once a year', perYear: 1 },
  { key: 'one_off', label: 'Once only', phrase: 'once only', perYear: 1 },
] as const;
export type Frequency = (typeof FREQUENCIES)[number]['key'];

/** Who pays. Only the personal budget's items count in the plan's cost; the rest are in the plan all the same. */
export const FUNDING_SOURCES = [
  { key: 'personal_budget', label: 'Personal budget', countsInCost: true },
  { key: 'own_money', label: 'Their own money', countsInCost: false },
  { key: 'nhs', label: 'The NHS', countsInCost: false },
  { key: 'free', label: 'Free', countsInCost: false },
  { key: 'unpaid', label: 'Unpaid: family, friends, neighbours or volunteers', countsInCost: false },
] as const;
export type Funding = (typeof FUNDING_SOURCES)[number]['key'];

export interface SupportItem {
  id: string;
  what: string;
  /** Price per occurrence or unit (an hour, a visit), in pence. */
  amountPence: number;
  /** How many units each time, up to 2 decimal places (7.5 hours). */
  units: number;
  frequency: Frequency;
  funding: Funding;
}

export interface PlanFee {
  label: string;
  weeklyPence: number;
}

export interface PlanCostingInput {
  items: readonly SupportItem[];
  /** A small float each week for the unexpected (bank-holiday rates, cover), from the budget. */
  contingencyPence: number;
  fees: readonly PlanFee[];
  agreedWeeklyBudgetPence: number;
}

export interface CostedItem {
  id: string;
  what: string;
  funding: Funding;
  frequency: Frequency;
  unitsHundredths: number;
  amountPence: number;
  /** amountPence × units, rounded once to the penny, half up. */
  perOccurrencePence: number;
  /** Exact. */
  annualPence: number;
  /** annualPence ÷ 52, rounded to the penny, half up: for showing only. */
  weeklyEquivalentPence: number;
  countsInCost: boolean;
  text: string;
}

export interface CostedPlan {
  items: CostedItem[];
  contingency: { weeklyPence: number; annualPence: number };
  fees: { label: string; weeklyPence: number; annualPence: number }[];
  /** Exact: personal-budget items' annual costs + contingency × 52 + fees × 52. */
  annualCostPence: number;
  /** annualCostPence ÷ 52, rounded to the penny, half up. */
  weeklyCostPence: number;
  annualBudgetPence: number;
  weeklyBudgetPence: number;
  /** annualBudgetPence − annualCostPence; negative when over. */
  remainingAnnualPence: number;
  /** How much the year's cost is over the year's budget; 0 when within it. */
  overBudgetByPence: number;
  /** overBudgetByPence ÷ 52, rounded to the penny, half up. */
  overBudgetWeeklyPence: number;
  /** Present exactly when the plan is over budget. */
  warning: string | null;
}

/** The rules of the costing, in plain English, for the plan's page. */
export const CONVERSION_RULES: readonly string[] = [
  "An item's cost each time is its price times its units (hours, visits), rounded once to the nearest penny, half a penny up.",
  'A year has 52 weekly items, 26 fortnightly ones, 13 every four weeks, 12 monthly ones and 1 yearly one. A one-off item is counted once, in the plan year.',
  'Only items paid from the personal budget count in its cost, with the contingency and any fees, each times 52. Support paid from their own money, by the NHS, free or unpaid is part of the plan but not of its cost.',
  'The yearly figures are exact. A weekly figure is the yearly figure divided by 52, rounded to the nearest penny, half a penny up, so weekly figures may differ from the weekly total by a penny or two.',
  "The year's budget is the agreed weekly budget times 52; what is left is the year's budget less the year's cost.",
  'A plan that costs more than its budget says by how much, a week and a year.',
];
