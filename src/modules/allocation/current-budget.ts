import { sql } from 'kysely';
import { PREPARE_MARK } from '../../platform/db/prepared.js';
import type { Tx } from '../../platform/db/scope.js';
import type { BudgetLine } from './ras-types.js';
import type { BudgetAllocationRow, BudgetStatus } from './tables.js';

/** A person's budget as planning and the record need it: the latest costed assessment's. */
export interface CurrentBudget {
  allocationId: string;
  assessmentId: string;
  versionLabel: string;
  points: number;
  indicativeWeeklyPence: number;
  lines: BudgetLine[];
  status: BudgetStatus;
  /** Set once agreed (status 'agreed'), or proposed while it waits for approval or a panel. */
  agreedWeeklyPence: number | null;
  differenceReason: string | null;
  calculatedOn: string;
}

type CurrentBudgetRow = Pick<
  BudgetAllocationRow,
  | 'id'
  | 'assessment_id'
  | 'points'
  | 'indicative_weekly_pence'
  | 'lines'
  | 'status'
  | 'agreed_weekly_pence'
  | 'difference_reason'
  | 'calculated_on'
> & { label: string };

/**
 * The person's current budget: from their most recent budget allocation (a reassessment's replaces an
 * earlier one), or undefined before any assessment has been costed. One statement.
 */
export async function findCurrentBudget(tx: Tx, personId: string): Promise<CurrentBudget | undefined> {
  // Read on every person page that shows money or a plan: SQL rather than the query builder (building
  // it cost more than running it), prepared once per connection.
  const { rows } = await sql<CurrentBudgetRow>`${sql.raw(PREPARE_MARK)}
    select b.id, b.assessment_id, v.label, b.points, b.indicative_weekly_pence, b.lines, b.status,
      b.agreed_weekly_pence, b.difference_reason, b.calculated_on
    from budget_allocation b join ras_version v on v.id = b.ras_version_id
    where b.person_id = ${personId}
    order by b.calculated_on desc, b.created_at desc
    limit 1`.execute(tx);
  const row = rows[0];
  if (!row) return undefined;
  return {
    allocationId: row.id,
    assessmentId: row.assessment_id,
    versionLabel: row.label,
    points: row.points,
    indicativeWeeklyPence: Number(row.indicative_weekly_pence),
    lines: row.lines as BudgetLine[],
    status: row.status,
    agreedWeeklyPence: row.agreed_weekly_pence === null ? null : Number(row.agreed_weekly_pence),
    differenceReason: row.difference_reason,
    calculatedOn: row.calculated_on,
  };
}
