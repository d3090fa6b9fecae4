import type { Tx } from '../../platform/db/scope.js';
import { PLAN_DELIVERY_MECHANISM, type MechanismFrom } from './plan-events.js';

/**
 * How a person's budget is held decides the CLD delivery mechanism of the support it pays for. The
 * budgets module knows how it is held and builds on planning, so it tells planning through this
 * hook (registered once at start-up, like casework's work sources) rather than planning reaching
 * into budgets. It answers with the mechanism on `from` and on each later day it changes, in date
 * order; `null` means nothing is held that way then, and the support reports as commissioned.
 */
export type DeliveryMechanismSource = (
  tx: Tx,
  personId: string,
  from: string,
) => Promise<{ from: string; mechanism: string | null }[]>;

let source: DeliveryMechanismSource | null = null;

export function setDeliveryMechanismSource(fn: DeliveryMechanismSource): void {
  source = fn;
}

export async function deliveryMechanismsFrom(tx: Tx, personId: string, from: string): Promise<MechanismFrom[]> {
  const held = source ? await source(tx, personId, from) : [];
  return held.map((h) => ({ from: h.from, mechanism: h.mechanism ?? PLAN_DELIVERY_MECHANISM }));
}
