import type { Tx } from '../../platform/db/scope.js';

/**
 * Whether a journal with this idempotency key has been posted: a form sent again (a double click, a
 * retry) is answered as done before its checks run, since the first one's money has already moved
 * and a balance check would now refuse it. postJournal's unique key still decides a race between two.
 */
export async function alreadyPosted(tx: Tx, idempotencyKey: string): Promise<boolean> {
  const row = await tx
    .selectFrom('budget_journal')
    .select('id')
    .where('idempotency_key', '=', idempotencyKey)
    .executeTakeFirst();
  return row !== undefined;
}
