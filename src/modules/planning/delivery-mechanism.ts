import type { Tx } from '../../platform/db/scope.js';
import { PLAN_DELIVERY_MECHANISM } from './plan-events.js';

/**
 * How a person's budget is held decides the CLD delivery mechanism of the support it pays for. The
 * budgets module knows how it is held and builds on planning, so it tells planning through this
 * hook (registered once at start-up, like casework's work sources) rather than planning reaching
 * into budgets: `null` means nothing is set up, and the support reports as commissioned.
 */
export type DeliveryMechanismSource = (tx: Tx, personId: string, on: string) => Promise<string | null>;

let source: DeliveryMechanismSource | null = null;

export function setDeliveryMechanismSource(fn: DeliveryMechanismSource): void {
  source = fn;
}

export async function deliveryMechanismFor(tx: Tx, personId: string, on: string): Promise<string> {
  return (source ? await source(tx, personId, on) : null) ?? PLAN_DELIVERY_MECHANISM;
}
