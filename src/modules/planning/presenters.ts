import { formatPounds } from '../../platform/money.js';
import { CONVERSION_RULES, FREQUENCIES, FUNDING_SOURCES, type PlanFee } from './costing-types.js';
import { costSupportPlan } from './costing.js';
import type { PlanBudget } from './plan-budget.js';
import { PROFILE_SECTIONS, giverLabel, writerLabel, type PlanContent } from './plan-content.js';

/** The support plan as its pages show it: plain words and pounds, worked out from the stored plan. Pure. */

const frequencyLabel = (key: string) => FREQUENCIES.find((f) => f.key === key)?.phrase ?? key;
const fundingLabel = (key: string) => FUNDING_SOURCES.find((f) => f.key === key)?.label ?? key;

/**
 * The plan's cost to the budget: what the budget pays for, worked out exactly (pure). Fees are the
 * plan's own (a payroll service's, typed on the plan) and what holding the budget costs (a managed
 * account's fee, from how the budget is held now).
 */
export const costPlan = (content: PlanContent, budgetWeeklyPence = 0, holdingFees: readonly PlanFee[] = []) =>
  costSupportPlan({
    items: content.items,
    contingencyPence: content.contingencyPence,
    fees: [...(content.fee ? [content.fee] : []), ...holdingFees],
    agreedWeeklyBudgetPence: budgetWeeklyPence,
  });

/** What the plan is costed against, in words: the agreed budget, the indicative one, or none yet. */
function budgetWords(budget: PlanBudget | null) {
  if (!budget)
    return { label: '', status: 'No budget has been worked out yet, so the plan cannot be checked against one.' };
  const weekly = formatPounds(budget.weeklyPence);
  if (budget.agreed) return { label: 'Agreed budget', status: `The budget was agreed at ${weekly} a week.` };
  return {
    label: 'Indicative budget (not agreed yet)',
    status: `${weekly} a week is the indicative budget from the assessment (${budget.versionLabel}). It is not agreed yet: the plan can be approved only once it is.`,
  };
}

/** The costing of what the budget pays, with the rules it follows, against the person's current budget. */
export function costingView(content: PlanContent, budget: PlanBudget | null, holdingFees: readonly PlanFee[] = []) {
  const costed = costPlan(content, budget?.weeklyPence ?? 0, holdingFees);
  const words = budgetWords(budget);
  const paid = costed.items.filter((i) => i.countsInCost);
  return {
    rows: [
      ...paid.map((i) => ({
        what: i.what,
        how: frequencyLabel(i.frequency),
        weekly: formatPounds(i.weeklyEquivalentPence),
        annual: formatPounds(i.annualPence),
      })),
      {
        what: 'Contingency',
        how: 'every week',
        weekly: formatPounds(costed.contingency.weeklyPence),
        annual: formatPounds(costed.contingency.annualPence),
      },
      ...costed.fees.map((f) => ({
        what: f.label,
        how: 'every week',
        weekly: formatPounds(f.weeklyPence),
        annual: formatPounds(f.annualPence),
      })),
    ],
    weeklyCost: formatPounds(costed.weeklyCostPence),
    annualCost: formatPounds(costed.annualCostPence),
    hasBudget: budget !== null,
    budgetLabel: words.label,
    budgetStatus: words.status,
    weeklyBudget: formatPounds(costed.weeklyBudgetPence),
    annualBudget: formatPounds(costed.annualBudgetPence),
    remaining: formatPounds(Math.max(costed.remainingAnnualPence, 0)),
    warning:
      budget === null || !costed.warning ? null : `${costed.warning}${budget.agreed ? '' : ' (the indicative budget)'}`,
    notCounted: costed.items.filter((i) => !i.countsInCost).map((i) => i.text),
    rules: CONVERSION_RULES,
  };
}

/** The profile's sections that have been written, in page order, each with its fields' labels and who wrote it. */
export function profileView(content: PlanContent) {
  return PROFILE_SECTIONS.flatMap((section) => {
    const entry = content.profile[section.key];
    if (!entry) return [];
    return [
      {
        key: section.key,
        title: section.title,
        writtenBy: writerLabel(entry.writtenBy),
        fields: section.fields
          .map((f) => ({ label: f.label, text: entry.fields[f.key] ?? '' }))
          .filter((f) => f.text !== ''),
      },
    ];
  });
}

export function itemsView(content: PlanContent) {
  return content.items.map((item) => ({
    id: item.id,
    what: item.what,
    who: item.giverName ? `${item.giverName} (${giverLabel(item.giver).toLowerCase()})` : giverLabel(item.giver),
    when: [item.when, frequencyLabel(item.frequency)].filter(Boolean).join(', '),
    price: item.units === 1 ? formatPounds(item.amountPence) : `${item.units} × ${formatPounds(item.amountPence)}`,
    funding: fundingLabel(item.funding),
    paid: item.funding === 'personal_budget',
    quotes: item.quotes.map((q) => ({ text: `${q.supplier}: ${formatPounds(q.amountPence)}`, chosen: q.chosen })),
    outcomes: content.outcomes.filter((o) => o.itemIds.includes(item.id)).map((o) => o.words),
  }));
}

export function outcomesView(content: PlanContent) {
  return content.outcomes.map((o) => ({
    id: o.id,
    words: o.words,
    servedBy: o.itemIds.map((id) => content.items.find((i) => i.id === id)?.what).filter((w): w is string => !!w),
  }));
}

export const helpedByView = (content: PlanContent) => content.helpedBy.map(writerLabel);
