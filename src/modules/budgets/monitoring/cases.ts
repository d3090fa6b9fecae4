import type { Tx } from '../../../platform/db/scope.js';
import { ConflictError, NotFoundError, ValidationError } from '../../../platform/http/errors.js';
import { formatPounds } from '../../../platform/money.js';
import { accountBalances, councilAccount, postJournal } from '../ledger.js';
import type { BudgetPartRow } from '../tables.js';
import * as repo from './repository.js';
import type { MonitoringCaseRow } from './tables.js';

/**
 * A monitoring case moves flagged → conversation held (notes) → agreed: recover an amount (a surplus
 * only; a 'recover' journal holding → council funding) or keep it (with the reason). Each step names
 * the version the form was opened on; someone else's step in between is a 409.
 */

export type Outcome = { outcome: 'recover'; amountPence: number } | { outcome: 'keep'; reason: string };

export class StaleCaseError extends ConflictError {
  constructor() {
    super('Someone else updated this case after you opened it. Nothing has been saved: check it and try again.');
  }
}

async function lockedCase(tx: Tx, part: BudgetPartRow, caseId: string, openedVersion: number) {
  const found = await repo.findCase(tx, part.id, caseId, { lock: true });
  if (!found) throw new NotFoundError();
  if (found.version !== openedVersion) throw new StaleCaseError();
  return found;
}

export async function recordConversation(
  tx: Tx,
  part: BudgetPartRow,
  caseId: string,
  input: { version: number; notes: string; heldOn: string },
  by: string | null,
): Promise<MonitoringCaseRow> {
  const found = await lockedCase(tx, part, caseId, input.version);
  if (found.status === 'recovered' || found.status === 'kept')
    throw new ValidationError([{ text: 'This case is closed: the outcome has been agreed', href: '#notes' }]);
  return tx
    .updateTable('budget_monitoring_case')
    .set({
      status: 'conversation_held',
      conversation_notes: input.notes,
      conversation_on: input.heldOn,
      version: found.version + 1,
      updated_at: new Date(),
      updated_by: by,
    })
    .where('id', '=', found.id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function recordOutcome(
  tx: Tx,
  part: BudgetPartRow,
  caseId: string,
  input: { version: number; today: string } & Outcome,
  by: string | null,
): Promise<MonitoringCaseRow> {
  const found = await lockedCase(tx, part, caseId, input.version);
  if (found.status !== 'conversation_held')
    throw new ValidationError([
      { text: 'Record the conversation with the person before agreeing what happens', href: '#outcome' },
    ]);
  if (input.outcome === 'keep') {
    return close(tx, found, { status: 'kept', keep_reason: input.reason }, by);
  }
  if (found.reason !== 'surplus')
    throw new ValidationError([{ text: 'Only a surplus can be recovered', href: '#outcome' }]);
  const journalId = await recover(tx, part, found, input.amountPence, input.today, by);
  return close(
    tx,
    found,
    { status: 'recovered', recovered_pence: input.amountPence, recovery_journal_id: journalId },
    by,
  );
}

async function recover(
  tx: Tx,
  part: BudgetPartRow,
  found: MonitoringCaseRow,
  amountPence: number,
  today: string,
  by: string | null,
): Promise<string> {
  const balance = (await accountBalances(tx, [part.account_id])).get(part.account_id) ?? 0;
  if (amountPence > balance)
    throw new ValidationError([
      { text: `The amount to recover must be ${formatPounds(balance)} or less: that is the balance`, href: '#amount' },
    ]);
  const funding = await councilAccount(tx, 'council_funding');
  const journal = await postJournal(tx, by, {
    kind: 'recover',
    description: `Surplus recovered, as agreed with the person (monitoring case ${found.id})`,
    effectiveOn: today,
    personId: part.person_id,
    idempotencyKey: `recover:${found.id}`,
    postings: [
      { accountId: part.account_id, amountPence: -amountPence },
      { accountId: funding, amountPence },
    ],
  });
  return journal.id;
}

function close(
  tx: Tx,
  found: MonitoringCaseRow,
  outcome: {
    status: 'kept' | 'recovered';
    keep_reason?: string;
    recovered_pence?: number;
    recovery_journal_id?: string;
  },
  by: string | null,
) {
  return tx
    .updateTable('budget_monitoring_case')
    .set({ ...outcome, version: found.version + 1, updated_at: new Date(), updated_by: by })
    .where('id', '=', found.id)
    .returningAll()
    .executeTakeFirstOrThrow();
}
