import type { Tx } from '../../../platform/db/scope.js';

/**
 * The last day a part has been paid for in advance: the end of the latest period a payment run paid
 * it for, or null when no run has paid it. A switch moves the money paid for the days after it.
 */
export async function paidThrough(tx: Tx, partId: string): Promise<string | null> {
  const row = await tx
    .selectFrom('payment as p')
    .innerJoin('payment_run as r', 'r.id', 'p.run_id')
    .select((eb) => eb.fn.max('r.period_end').as('through'))
    .where('p.part_id', '=', partId)
    .where('p.state', '=', 'posted')
    .executeTakeFirst();
  return (row?.through as string | null | undefined) ?? null;
}
