import { formatPounds } from '../../platform/money.js';
import {
  FREQUENCIES,
  FUNDING_SOURCES,
  type CostedItem,
  type CostedPlan,
  type Funding,
  type PlanCostingInput,
  type SupportItem,
} from './costing-types.js';

/**
 * A support plan's costing, exact in integer pence whatever the mix of items (the rules, in the words
 * the page shows, are CONVERSION_RULES). Totals are summed as BigInt, so no mix can lose a penny.
 */

const WEEKS = 52;
const MAX_PENCE = 1_000_000_000;
const MAX_UNITS = 10_000;

/** n / d to the nearest whole, half up (n ≥ 0). */
const roundHalfUp = (n: bigint, d: bigint): bigint => (2n * n + d) / (2n * d);

/** 7.5 → 750 hundredths; null when not a number from 0 to 10,000 with at most 2 decimal places. */
export function unitsToHundredths(units: number): number | null {
  if (typeof units !== 'number' || !Number.isFinite(units) || units < 0 || units > MAX_UNITS) return null;
  const hundredths = Math.round(units * 100);
  // Floating point stores 7.29 as 7.28999…: within a millionth of a whole hundredth is that hundredth.
  return Math.abs(hundredths - units * 100) < 1e-6 ? hundredths : null;
}

const isPence = (n: unknown): n is number => typeof n === 'number' && Number.isInteger(n) && n >= 0 && n <= MAX_PENCE;

function itemProblems(item: SupportItem, index: number): string[] {
  const name = item.what?.trim() ? `‘${item.what.trim()}’` : `support item ${index + 1}`;
  const problems: string[] = [];
  if (!item.what?.trim()) problems.push(`Enter what support item ${index + 1} is`);
  if (!isPence(item.amountPence)) problems.push(`The cost of ${name} must be a whole number of pence, 0 or more`);
  if (unitsToHundredths(item.units) === null) {
    problems.push(
      `The units of ${name} must be a number from 0 to 10,000 with no more than 2 decimal places, like 7.5`,
    );
  }
  if (!FREQUENCIES.some((f) => f.key === item.frequency)) problems.push(`Select how often ${name} happens`);
  if (!FUNDING_SOURCES.some((f) => f.key === item.funding)) problems.push(`Select who pays for ${name}`);
  return problems;
}

/** Everything wrong with a costing's input; empty means it can be costed. */
export function costingProblems(plan: PlanCostingInput): string[] {
  const problems = plan.items.flatMap(itemProblems);
  const ids = plan.items.map((i) => i.id);
  for (const id of new Set(ids.filter((id, i) => ids.indexOf(id) !== i))) {
    problems.push(`Each support item needs its own id: ‘${id}’ is used twice`);
  }
  if (!isPence(plan.contingencyPence)) problems.push('The contingency must be a whole number of pence, 0 or more');
  if (!isPence(plan.agreedWeeklyBudgetPence)) {
    problems.push('The agreed weekly budget must be a whole number of pence, 0 or more');
  }
  plan.fees.forEach((fee, i) => {
    if (!fee.label?.trim()) problems.push(`Enter what fee ${i + 1} is for`);
    if (!isPence(fee.weeklyPence)) problems.push(`Fee ${i + 1} must be a whole number of pence a week, 0 or more`);
  });
  return problems;
}

function unitsText(hundredths: number): string {
  const whole = Math.floor(hundredths / 100);
  const fraction = String(hundredths % 100)
    .padStart(2, '0')
    .replace(/0+$/, '');
  return fraction === '' ? String(whole) : `${whole}.${fraction}`;
}

const NOT_COUNTED: Record<Exclude<Funding, 'personal_budget'>, string> = {
  own_money: 'paid from their own money',
  nhs: 'paid by the NHS',
  free: 'free',
  unpaid: 'unpaid',
};

function itemText(item: SupportItem, hundredths: number, perOccurrence: number, annual: number): string {
  const what = item.what.trim();
  const frequency = FREQUENCIES.find((f) => f.key === item.frequency)!.phrase;
  const price =
    hundredths === 100
      ? formatPounds(perOccurrence)
      : `${unitsText(hundredths)} × ${formatPounds(item.amountPence)} = ${formatPounds(perOccurrence)}`;
  const cost = `${price} ${frequency}, ${formatPounds(annual)} a year`;
  if (item.funding === 'personal_budget') return `${what}: ${cost}`;
  const source = NOT_COUNTED[item.funding];
  // Unpaid and free help usually has no price; when one is given (a value put on it), it is shown too.
  const shown = perOccurrence === 0 ? `${source}, ${frequency}` : `${cost}, ${source}`;
  return `${what}: ${shown} (not part of the budget's cost)`;
}

function costItem(item: SupportItem): CostedItem {
  const hundredths = unitsToHundredths(item.units)!;
  // Units × price is rounded once, here, half up; every later figure is a whole-pence multiple of it.
  const perOccurrence = roundHalfUp(BigInt(item.amountPence) * BigInt(hundredths), 100n);
  const perYear = FREQUENCIES.find((f) => f.key === item.frequency)!.perYear;
  const annual = perOccurrence * BigInt(perYear);
  const countsInCost = FUNDING_SOURCES.find((f) => f.key === item.funding)!.countsInCost;
  return {
    id: item.id,
    what: item.what.trim(),
    funding: item.funding,
    frequency: item.frequency,
    unitsHundredths: hundredths,
    amountPence: item.amountPence,
    perOccurrencePence: safe(perOccurrence),
    annualPence: safe(annual),
    weeklyEquivalentPence: safe(roundHalfUp(annual, BigInt(WEEKS))),
    countsInCost,
    text: itemText(item, hundredths, safe(perOccurrence), safe(annual)),
  };
}

function safe(pence: bigint): number {
  const n = Number(pence);
  if (!Number.isSafeInteger(n)) throw new RangeError(`${pence} pence is too large to be a plan's cost`);
  return n;
}

function overBudgetWarning(overAnnual: bigint): string | null {
  if (overAnnual <= 0n) return null;
  const weekly = formatPounds(safe(roundHalfUp(overAnnual, BigInt(WEEKS))));
  return `This plan is ${weekly} a week (${formatPounds(safe(overAnnual))} a year) over the budget`;
}

/**
 * The plan's costing. Throws on input that costingProblems finds wrong: forms check first, and a
 * costing worked out from a bad amount would be wrong money.
 */
export function costSupportPlan(plan: PlanCostingInput): CostedPlan {
  const problems = costingProblems(plan);
  if (problems.length > 0) throw new RangeError(`Cannot cost this plan: ${problems.join('; ')}`);
  const items = plan.items.map(costItem);
  const fees = plan.fees.map((f) => ({
    label: f.label.trim(),
    weeklyPence: f.weeklyPence,
    annualPence: f.weeklyPence * WEEKS,
  }));
  const contingency = { weeklyPence: plan.contingencyPence, annualPence: plan.contingencyPence * WEEKS };
  const annualCost =
    items.filter((i) => i.countsInCost).reduce((sum, i) => sum + BigInt(i.annualPence), 0n) +
    BigInt(contingency.annualPence) +
    fees.reduce((sum, f) => sum + BigInt(f.annualPence), 0n);
  const annualBudget = BigInt(plan.agreedWeeklyBudgetPence) * BigInt(WEEKS);
  const over = annualCost > annualBudget ? annualCost - annualBudget : 0n;
  return {
    items,
    contingency,
    fees,
    annualCostPence: safe(annualCost),
    weeklyCostPence: safe(roundHalfUp(annualCost, BigInt(WEEKS))),
    annualBudgetPence: safe(annualBudget),
    weeklyBudgetPence: plan.agreedWeeklyBudgetPence,
    remainingAnnualPence: safe(annualBudget - annualCost),
    overBudgetByPence: safe(over),
    overBudgetWeeklyPence: safe(roundHalfUp(over, BigInt(WEEKS))),
    warning: overBudgetWarning(over),
  };
}
