import type { Tx } from '../../platform/db/scope.js';
import type { PlanFee } from './costing-types.js';

/**
 * What holding the budget costs each week (a supported managed account's fee) is part of the plan's
 * cost: the budget pays it before it pays for support. The budgets module knows how the budget is
 * held, so it tells planning through this hook (registered at start-up, like the delivery
 * mechanism) rather than planning reaching into its tables. No source, or nothing held: no fees.
 */
export type HoldingFeeSource = (tx: Tx, personId: string, on: string) => Promise<PlanFee[]>;

let source: HoldingFeeSource | null = null;

export function setHoldingFeeSource(fn: HoldingFeeSource): void {
  source = fn;
}

export async function holdingFeesFor(tx: Tx, personId: string, on: string): Promise<PlanFee[]> {
  return source ? source(tx, personId, on) : [];
}
