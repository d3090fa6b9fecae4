import type { Tx } from '../../../platform/db/scope.js';
import { dayAfter } from '../../../platform/dates.js';
import type { CldDeliveryMechanism } from '../tables.js';

const ORDER: CldDeliveryMechanism[] = ['Direct payment', 'CASSR managed personal budget', 'CASSR commissioned support'];

/** A weekly part of a budget as the CLD coding needs it. */
export interface HeldPart {
  mechanism: CldDeliveryMechanism;
  weeklyPence: number;
  startsOn: string;
  endsOn: string | null;
}

/**
 * The CLD delivery mechanism of the support a person's budget pays for on a day: the mechanism of the
 * largest weekly share in force that day. CLD has one mechanism per service line and no "part direct
 * payment"; a plan's items do not say which part pays for them, so a budget held in a mix reports the
 * way most of it is held (a direct payment first on a tie). Null when no weekly part is in force. Pure.
 */
export function mechanismOn(parts: readonly HeldPart[], day: string): CldDeliveryMechanism | null {
  const weekly = new Map<CldDeliveryMechanism, number>();
  for (const p of parts)
    if (p.startsOn <= day && (p.endsOn === null || p.endsOn >= day))
      weekly.set(p.mechanism, (weekly.get(p.mechanism) ?? 0) + p.weeklyPence);
  if (weekly.size === 0) return null;
  const share = (m: CldDeliveryMechanism) => weekly.get(m) ?? 0;
  return [...ORDER].sort((a, b) => share(b) - share(a) || ORDER.indexOf(a) - ORDER.indexOf(b))[0]!;
}

/**
 * The mechanism on `from` and on each later day it changes (a part starting, or the day after one
 * ends), in date order, each a change from the one before. Pure.
 */
export function mechanismChanges(
  parts: readonly HeldPart[],
  from: string,
): { from: string; mechanism: CldDeliveryMechanism | null }[] {
  const days = new Set([from]);
  for (const p of parts) {
    if (p.startsOn > from) days.add(p.startsOn);
    if (p.endsOn !== null && p.endsOn >= from) days.add(dayAfter(p.endsOn));
  }
  const changes: { from: string; mechanism: CldDeliveryMechanism | null }[] = [];
  for (const day of [...days].sort()) {
    const mechanism = mechanismOn(parts, day);
    if (changes.length === 0 || changes.at(-1)!.mechanism !== mechanism) changes.push({ from: day, mechanism });
  }
  return changes;
}

/** How the person's budget is held from `from` on, for planning's CLD events (its DeliveryMechanismSource). */
export async function budgetDeliveryMechanisms(tx: Tx, personId: string, from: string) {
  const rows = await tx
    .selectFrom('budget_part')
    .select(['cld_delivery_mechanism', 'weekly_pence', 'starts_on', 'ends_on'])
    .where('person_id', '=', personId)
    .where('route', '<>', 'one_off')
    .where((eb) => eb.or([eb('ends_on', 'is', null), eb('ends_on', '>=', from)]))
    .execute();
  const parts = rows.map((r) => ({
    mechanism: r.cld_delivery_mechanism,
    weeklyPence: Number(r.weekly_pence ?? 0),
    startsOn: r.starts_on,
    endsOn: r.ends_on,
  }));
  return mechanismChanges(parts, from);
}
