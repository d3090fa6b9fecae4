import { todayInLondon } from '../../platform/dates.js';
import type { OpenWork, WorkSource } from '../casework/index.js';
import { listBudgetsAwaitingSignOff, type BudgetAwaitingSignOff } from './sign-off.js';

/**
 * Budgets awaiting sign-off, for casework's caseloads and queues (the fourth part of the practitioner's
 * worklist): a proposal over its proposer's limit waits for someone with a higher one, and one above
 * every limit for a panel. A budget has no patch of its own, so it waits in the person's.
 */
function budgetWork(budget: BudgetAwaitingSignOff): OpenWork {
  const panel = budget.status === 'awaiting_panel';
  return {
    workId: budget.allocationId,
    personId: budget.personId,
    teamId: null,
    what: panel ? 'Budget awaiting a panel' : 'Budget awaiting approval',
    since: todayInLondon(budget.since).toString(),
    due: { text: panel ? 'Record the panel’s decision' : 'Approve the budget', on: null },
    href: `/people/${budget.personId}/budget`,
  };
}

export const budgetsAwaitingSignOffSource: WorkSource = {
  kind: 'budget-sign-off',
  label: 'Budgets awaiting sign-off',
  policy: 'budgets.read',
  listOpen: async (tx, q) =>
    (await listBudgetsAwaitingSignOff(tx, { ids: q.workIds, personId: q.personId })).map(budgetWork),
};
