import type { Tx } from '../../../platform/db/scope.js';
import { scopedOrgId } from '../../../platform/db/scope.js';
import { councilAccount, postJournal } from '../ledger.js';
import type { BudgetPartRow } from '../tables.js';
import { checkLines, checkSurplus } from './checks.js';
import * as repo from './repository.js';
import { parseStatement, type StatementLine } from './statement-csv.js';
import type { RefusedRow } from './tables.js';

export type ImportReport =
  | { ok: true; importId: string; accepted: StatementLine[]; refused: RefusedRow[]; flagsOpened: number }
  | { ok: false; problem: string };

/**
 * Import a statement into a part, all in the caller's transaction: a file that cannot be read is
 * refused before anything is written; otherwise each line is accepted (a transaction and its journal
 * — spending holding → spending, money in spending → holding, keyed by the line's hash so it posts
 * once) or refused with its reason, and the import is recorded with its report. The part is locked
 * first, so two imports of the same part one after the other see each other's lines.
 */
export async function importStatement(
  tx: Tx,
  part: BudgetPartRow,
  text: string,
  today: string,
  by: string | null,
): Promise<ImportReport> {
  const parsed = parseStatement(text, part.id, today);
  if (!parsed.ok) return parsed;
  const already = await repo.existingHashes(
    tx,
    parsed.lines.map((l) => l.rowHash),
  );
  const accepted = parsed.lines.filter((l) => !already.has(l.rowHash));
  const refused = [
    ...parsed.refused,
    ...parsed.lines
      .filter((l) => already.has(l.rowHash))
      .map((l) => ({ line: l.line, reason: 'Already imported: the same date, amount, description and reference' })),
  ].sort((a, b) => a.line - b.line);
  const source = part.route === 'prepaid_card' ? 'card' : 'bank';
  const { id: importId } = await tx
    .insertInto('budget_statement_import')
    .values({
      org_id: scopedOrgId,
      part_id: part.id,
      source,
      rows_accepted: accepted.length,
      rows_refused: refused.length,
      refused: JSON.stringify(refused),
      created_by: by,
    } as never)
    .returning('id')
    .executeTakeFirstOrThrow();
  const saved = [];
  for (const line of accepted) saved.push({ ...line, id: await saveLine(tx, part, importId, line, by) });
  const flagsOpened = (await checkLines(tx, part, saved, today, by)) + Number(await checkSurplus(tx, part, today, by));
  return { ok: true, importId, accepted, refused, flagsOpened };
}

async function saveLine(
  tx: Tx,
  part: BudgetPartRow,
  importId: string,
  line: StatementLine,
  by: string | null,
): Promise<string> {
  const spending = await councilAccount(tx, 'spending');
  const out = line.amountPence < 0;
  const amount = Math.abs(line.amountPence);
  const journal = await postJournal(tx, by, {
    kind: out ? 'spend' : 'refund',
    description: `${out ? 'Spent' : 'Money in'}: ${line.description}`.slice(0, 500),
    effectiveOn: line.occurredOn,
    personId: part.person_id,
    idempotencyKey: `statement:${line.rowHash}`,
    postings: [
      { accountId: part.account_id, amountPence: line.amountPence },
      { accountId: spending, amountPence: out ? amount : -amount },
    ],
  });
  const row = await tx
    .insertInto('budget_transaction')
    .values({
      org_id: scopedOrgId,
      part_id: part.id,
      import_id: importId,
      occurred_on: line.occurredOn,
      description: line.description,
      amount_pence: line.amountPence,
      balance_pence: line.balancePence,
      reference: line.reference,
      row_hash: line.rowHash,
      journal_id: journal.id,
    } as never)
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}
