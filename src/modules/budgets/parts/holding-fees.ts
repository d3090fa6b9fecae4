import { sql } from 'kysely';
import type { Tx } from '../../../platform/db/scope.js';
import { PREPARE_MARK } from '../../../platform/db/prepared.js';
import type { PlanFee } from '../../planning/index.js';
import { HOLDING_ROUTES } from './holding-routes.js';

/**
 * What holding the budget costs each week on a day: the fee of every part in force then that has one
 * (a supported managed account's), named by route and holder, for the support plan's costing. One
 * prepared statement: the support plan page asks on every view.
 */
export async function budgetHoldingFees(tx: Tx, personId: string, on: string): Promise<PlanFee[]> {
  const rows = await tx
    .selectFrom('budget_part')
    .modifyFront(sql.raw(PREPARE_MARK))
    .select(['route', 'holder', 'fee_weekly_pence'])
    .where('person_id', '=', personId)
    .where('fee_weekly_pence', '>', 0)
    .where('starts_on', '<=', on)
    .where((eb) => eb.or([eb('ends_on', 'is', null), eb('ends_on', '>=', on)]))
    .orderBy('starts_on')
    .orderBy('created_at')
    .execute();
  return rows.map((r) => ({
    label: `${HOLDING_ROUTES[r.route].label} fee (${r.holder})`,
    weeklyPence: Number(r.fee_weekly_pence),
  }));
}
