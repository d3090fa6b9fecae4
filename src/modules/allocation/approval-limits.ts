import type { Role } from '../../platform/access/roles.js';
import type { Tx } from '../../platform/db/scope.js';
import { formatPounds } from '../../platform/money.js';

/**
 * Delegated limits: the most weekly budget (in pence) each role may approve, as the council sets them.
 * A role not listed may approve nothing. Above every role's limit, a panel decides and its decision is
 * recorded with who sat on it. Used for agreed budgets here and for support plans (planning), so one
 * table says who may sign off what.
 */
export interface ApprovalLimit {
  role: Role;
  maxWeeklyPence: number;
}

/** The demo county's limits, and the default a new council starts from. */
export const DEFAULT_APPROVAL_LIMITS: readonly ApprovalLimit[] = [
  { role: 'practitioner', maxWeeklyPence: 25_000 },
  { role: 'team_manager', maxWeeklyPence: 80_000 },
];

export type ApprovalCheck =
  | { kind: 'within'; limitPence: number }
  | { kind: 'over_own_limit'; limitPence: number; reason: string }
  | { kind: 'panel'; topLimitPence: number; reason: string };

/**
 * May someone in `role` approve `weeklyPence` a week? Pure. "within" — yes; "over_own_limit" — a role
 * with a higher limit must; "panel" — above every limit, only a recorded panel decision will do.
 */
export function checkApproval(limits: readonly ApprovalLimit[], role: Role, weeklyPence: number): ApprovalCheck {
  const top = Math.max(0, ...limits.map((l) => l.maxWeeklyPence));
  if (weeklyPence > top)
    return {
      kind: 'panel',
      topLimitPence: top,
      reason: `${formatPounds(weeklyPence)} a week is more than anyone may approve alone (the highest limit is ${formatPounds(top)}): a panel must decide`,
    };
  const own = limits.find((l) => l.role === role)?.maxWeeklyPence ?? null;
  if (own !== null && weeklyPence <= own) return { kind: 'within', limitPence: own };
  return {
    kind: 'over_own_limit',
    limitPence: own ?? 0,
    reason:
      own === null
        ? 'Your role cannot approve budgets: ask a manager'
        : `${formatPounds(weeklyPence)} a week is more than your limit of ${formatPounds(own)}: ask someone with a higher limit`,
  };
}

/** The council's limits (the defaults until it sets its own). */
export async function findApprovalLimits(tx: Tx): Promise<ApprovalLimit[]> {
  const rows = await tx.selectFrom('budget_approval_limit').select(['role', 'max_weekly_pence']).execute();
  if (!rows.length) return [...DEFAULT_APPROVAL_LIMITS];
  return rows.map((r) => ({ role: r.role as Role, maxWeeklyPence: Number(r.max_weekly_pence) }));
}
