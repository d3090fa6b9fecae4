import type { Tx } from '../../../platform/db/scope.js';
import type { Actor } from '../../../platform/access/roles.js';
import { refreshPlanEvents } from '../../planning/index.js';
import type { CldDeliveryMechanism } from '../tables.js';

const ORDER: CldDeliveryMechanism[] = ['Direct payment', 'CASSR managed personal budget', 'CASSR commissioned support'];

/**
 * The CLD delivery mechanism of the support a person's budget pays for, from how it is held on a day
 * (or from then on): the mechanism of the largest weekly share. CLD has one mechanism per service
 * line and no "part direct payment"; a plan's items do not say which part pays for them, so a budget
 * held in a mix reports the way most of it is held (a direct payment first on a tie). Null when no
 * weekly part is set up: the support then reports as commissioned.
 */
export async function budgetDeliveryMechanism(
  tx: Tx,
  personId: string,
  on: string,
): Promise<CldDeliveryMechanism | null> {
  const rows = await tx
    .selectFrom('budget_part')
    .select(['cld_delivery_mechanism as mechanism', (eb) => eb.fn.sum<string>('weekly_pence').as('weekly')])
    .where('person_id', '=', personId)
    .where('route', '<>', 'one_off')
    .where((eb) => eb.or([eb('ends_on', 'is', null), eb('ends_on', '>=', on)]))
    .groupBy('cld_delivery_mechanism')
    .execute();
  if (!rows.length) return null;
  const weekly = (m: CldDeliveryMechanism) => Number(rows.find((r) => r.mechanism === m)?.weekly ?? 0);
  return [...ORDER].sort((a, b) => weekly(b) - weekly(a) || ORDER.indexOf(a) - ORDER.indexOf(b))[0]!;
}

/** After the way a budget is held changes: the approved plan's events report the new mechanism. */
export async function reportHoldingToCld(tx: Tx, actor: Actor, personId: string, today: string): Promise<void> {
  const mechanism = await budgetDeliveryMechanism(tx, personId, today);
  if (mechanism) await refreshPlanEvents(tx, actor, personId, mechanism);
}
