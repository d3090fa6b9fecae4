import type { Tx } from '../../platform/db/scope.js';
import { formatPounds } from '../../platform/money.js';
import { formatDate } from '../../platform/views/format.js';
import type { RecordSection } from '../people/index.js';
import { findCurrentBudget } from './current-budget.js';
import { STATUS_TEXT } from './budget-presenters.js';

/**
 * The budget on the person's record: the current one in a line, and where it stands. Read inside the
 * record's own transaction, so the record's audit entry covers it.
 */
export async function budgetRecordSection(tx: Tx, personId: string): Promise<RecordSection> {
  const href = `/people/${personId}/budget`;
  const budget = await findCurrentBudget(tx, personId);
  const agreed = budget?.agreedWeeklyPence ?? null;
  return {
    id: 'budget',
    heading: 'Budget',
    items: budget
      ? [
          {
            href,
            text: `Indicative budget ${formatPounds(budget.indicativeWeeklyPence)} a week (${budget.points} points, ${budget.versionLabel})`,
            detail:
              agreed === null
                ? `Worked out for the assessment completed on ${formatDate(budget.calculatedOn)}`
                : `${budget.status === 'agreed' ? 'Agreed' : 'Proposed'}: ${formatPounds(agreed)} a week`,
            tag: STATUS_TEXT[budget.status],
            // Shown under "Open now" on the summary: the budget is part of the ongoing work, whatever its stage.
            open: true,
          },
        ]
      : [],
    empty: 'No budget worked out yet.',
    actions: [{ href, text: 'See or work out the budget', policy: 'budgets.write' }],
  };
}
