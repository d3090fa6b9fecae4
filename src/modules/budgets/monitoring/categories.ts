import type { Tx } from '../../../platform/db/scope.js';
import { ConflictError, NotFoundError, ValidationError } from '../../../platform/http/errors.js';
import * as repo from './repository.js';

/** What a statement line was for: an item of the person's support plan, or this. */
export const NOT_IN_THE_PLAN = 'Not in the plan';

/** The choices for a line: the plan's item names once each, in the plan's order, then 'Not in the plan'. */
export function categoryChoices(planItemNames: readonly string[]): string[] {
  const names = planItemNames.map((n) => n.trim()).filter((n) => n !== '' && n !== NOT_IN_THE_PLAN);
  return [...new Set(names), NOT_IN_THE_PLAN];
}

/**
 * Set a line's category to one of `allowed` (see categoryChoices). Only the category (and who set
 * it) may change on a statement line; the database grants nothing else.
 */
export async function setCategory(
  tx: Tx,
  partId: string,
  transactionId: string,
  input: { version: number; category: string; allowed: readonly string[] },
  by: string | null,
) {
  const found = await repo.findTransaction(tx, partId, transactionId);
  if (!found) throw new NotFoundError();
  if (!input.allowed.includes(input.category))
    throw new ValidationError([{ text: 'Choose what this was for from the list', href: '#category' }]);
  const updated = await tx
    .updateTable('budget_transaction')
    .set({ category: input.category, categorised_at: new Date(), categorised_by: by, version: input.version + 1 })
    .where('id', '=', found.id)
    .where('version', '=', input.version)
    .returning('id')
    .executeTakeFirst();
  if (!updated)
    throw new ConflictError(
      'Someone else set what this was for after you opened it. Nothing has been saved: check it and try again.',
    );
}
