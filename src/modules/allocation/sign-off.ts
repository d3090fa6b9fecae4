import type { Tx } from '../../platform/db/scope.js';

/** A budget waiting for someone to sign it off: a manager within their limit, or a panel. */
export interface BudgetAwaitingSignOff {
  allocationId: string;
  personId: string;
  status: 'awaiting_approval' | 'awaiting_panel';
  /** The proposed agreed weekly amount, in pence. */
  proposedWeeklyPence: number;
  indicativeWeeklyPence: number;
  /** When it started waiting (the proposal was saved). */
  since: Date;
}

/**
 * Budgets waiting for approval or a panel, oldest first, for a worklist (casework). Read in the
 * caller's transaction; the caller leaves out people the viewer may not see and audits what it shows.
 */
export async function listBudgetsAwaitingSignOff(
  tx: Tx,
  opts: {
    status?: 'awaiting_approval' | 'awaiting_panel';
    limit?: number;
    /** Only these allocations (an empty list: none). */
    ids?: readonly string[];
    personId?: string;
  } = {},
): Promise<BudgetAwaitingSignOff[]> {
  if (opts.ids !== undefined && opts.ids.length === 0) return [];
  let query = tx
    .selectFrom('budget_allocation')
    .select(['id', 'person_id', 'status', 'agreed_weekly_pence', 'indicative_weekly_pence', 'updated_at'])
    .where('status', 'in', opts.status ? [opts.status] : ['awaiting_approval', 'awaiting_panel'])
    .orderBy('updated_at')
    .orderBy('id');
  if (opts.ids) query = query.where('id', 'in', [...opts.ids]);
  if (opts.personId) query = query.where('person_id', '=', opts.personId);
  if (opts.limit) query = query.limit(opts.limit);
  const rows = await query.execute();
  return rows.map((r) => ({
    allocationId: r.id,
    personId: r.person_id,
    status: r.status as BudgetAwaitingSignOff['status'],
    proposedWeeklyPence: Number(r.agreed_weekly_pence ?? 0),
    indicativeWeeklyPence: Number(r.indicative_weekly_pence),
    since: r.updated_at,
  }));
}
