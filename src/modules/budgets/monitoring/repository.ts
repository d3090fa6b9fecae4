import { sql } from 'kysely';
import type { Tx } from '../../../platform/db/scope.js';
import { scopedOrgId } from '../../../platform/db/scope.js';
import { DEFAULT_SURPLUS_WEEKS } from './rules.js';
import type { BudgetPartRow } from '../tables.js';
import type { MonitoringReason } from './tables.js';

/** Queries over the monitoring tables and the parts they watch; every one runs in the caller's withOrg transaction. */

/** A person's budget part, or undefined if it is not theirs (the page answers 404). Locked when asked. */
export async function findPersonPart(
  tx: Tx,
  personId: string,
  partId: string,
  opts: { lock?: boolean } = {},
): Promise<BudgetPartRow | undefined> {
  let query = tx.selectFrom('budget_part').selectAll().where('id', '=', partId).where('person_id', '=', personId);
  if (opts.lock) query = query.forUpdate();
  return query.executeTakeFirst();
}

export async function surplusWeeks(tx: Tx): Promise<number> {
  const row = await tx.selectFrom('budget_settings').select('surplus_weeks').executeTakeFirst();
  return row?.surplus_weeks ?? DEFAULT_SURPLUS_WEEKS;
}

/** The holding account's balance and how much of it moved as spending (less refunds) and recoveries. */
export async function accountMovements(tx: Tx, accountId: string) {
  const rows = await tx
    .selectFrom('budget_posting as p')
    .innerJoin('budget_journal as j', 'j.id', 'p.journal_id')
    .select(['j.kind', sql<string>`sum(p.amount_pence)`.as('total')])
    .where('p.account_id', '=', accountId)
    .groupBy('j.kind')
    .execute();
  const byKind = new Map(rows.map((r) => [r.kind, Number(r.total)]));
  const of = (kind: string) => byKind.get(kind as never) ?? 0;
  return {
    actualPence: rows.reduce((sum, r) => sum + Number(r.total), 0),
    spentPence: -(of('spend') + of('refund')),
    recoveredPence: -of('recover'),
  };
}

export async function existingHashes(tx: Tx, hashes: readonly string[]): Promise<Set<string>> {
  if (hashes.length === 0) return new Set();
  const rows = await tx.selectFrom('budget_transaction').select('row_hash').where('row_hash', 'in', hashes).execute();
  return new Set(rows.map((r) => r.row_hash));
}

export function listTransactions(tx: Tx, partId: string) {
  return tx
    .selectFrom('budget_transaction')
    .selectAll()
    .where('part_id', '=', partId)
    .orderBy('occurred_on', 'desc')
    .orderBy('created_at', 'desc')
    .limit(500)
    .execute();
}

export function findTransaction(tx: Tx, partId: string, transactionId: string) {
  return tx
    .selectFrom('budget_transaction')
    .selectAll()
    .where('part_id', '=', partId)
    .where('id', '=', transactionId)
    .executeTakeFirst();
}

export function listImports(tx: Tx, partId: string) {
  return tx
    .selectFrom('budget_statement_import')
    .selectAll()
    .where('part_id', '=', partId)
    .orderBy('created_at', 'desc')
    .limit(20)
    .execute();
}

export function listCases(tx: Tx, partId: string) {
  return tx
    .selectFrom('budget_monitoring_case')
    .selectAll()
    .where('part_id', '=', partId)
    .orderBy('flagged_on', 'desc')
    .orderBy('created_at', 'desc')
    .execute();
}

export function findCase(tx: Tx, partId: string, caseId: string, opts: { lock?: boolean } = {}) {
  let query = tx
    .selectFrom('budget_monitoring_case')
    .selectAll()
    .where('part_id', '=', partId)
    .where('id', '=', caseId);
  if (opts.lock) query = query.forUpdate();
  return query.executeTakeFirst();
}

export interface NewCase {
  partId: string;
  personId: string;
  reason: MonitoringReason;
  transactionId?: string | null;
  detail: string;
  amountPence: number | null;
  flaggedOn: string;
  createdBy: string | null;
}

/** Open a case unless one is already open for the same part, reason and transaction; true if opened. */
export async function openCase(tx: Tx, c: NewCase): Promise<boolean> {
  const opened = await tx
    .insertInto('budget_monitoring_case')
    .values({
      org_id: scopedOrgId,
      part_id: c.partId,
      person_id: c.personId,
      reason: c.reason,
      transaction_id: c.transactionId ?? null,
      detail: c.detail,
      amount_pence: c.amountPence,
      flagged_on: c.flaggedOn,
      created_by: c.createdBy,
      updated_by: c.createdBy,
    } as never)
    .onConflict((oc) => oc.doNothing())
    .returning('id')
    .executeTakeFirst();
  return opened !== undefined;
}

/** Parts whose money someone else holds and should send statements for, live today. */
export function liveParts(tx: Tx, routes: readonly string[], today: string) {
  return tx
    .selectFrom('budget_part')
    .selectAll()
    .where('route', 'in', routes as never)
    .where('starts_on', '<=', today)
    .where((eb) => eb.or([eb('ends_on', 'is', null), eb('ends_on', '>=', today)]))
    .execute();
}

/** The day each part's latest statement was imported. */
export async function lastImportDays(tx: Tx, partIds: readonly string[]): Promise<Map<string, string>> {
  if (partIds.length === 0) return new Map();
  const rows = await tx
    .selectFrom('budget_statement_import')
    .select(['part_id', sql<string>`max((created_at at time zone 'Europe/London')::date)::text`.as('day')])
    .where('part_id', 'in', partIds)
    .groupBy('part_id')
    .execute();
  return new Map(rows.map((r) => [r.part_id, r.day]));
}

export function openCases(tx: Tx) {
  return tx
    .selectFrom('budget_monitoring_case')
    .selectAll()
    .where('status', 'in', ['flagged', 'conversation_held'])
    .orderBy('flagged_on')
    .orderBy('created_at')
    .limit(500)
    .execute();
}

export async function savedHours(tx: Tx, partId: string) {
  return tx
    .selectFrom('budget_saved_hours')
    .selectAll()
    .where('part_id', '=', partId)
    .orderBy('week_of', 'desc')
    .orderBy('created_at', 'desc')
    .execute();
}

export async function savedHoursBalance(tx: Tx, partId: string): Promise<number> {
  const row = await tx
    .selectFrom('budget_saved_hours')
    .select(sql<string>`coalesce(sum(hundredths), 0)`.as('total'))
    .where('part_id', '=', partId)
    .executeTakeFirstOrThrow();
  return Number(row.total);
}
