import type { Tx } from '../../../platform/db/scope.js';
import { scopedOrgId } from '../../../platform/db/scope.js';

/**
 * A pool's expenses, each member's share of them and the signatories' approvals (re-exported by
 * repository.ts). The rules — who may approve, when an expense is paid — are in service.ts.
 */

export interface ExpenseRow {
  id: string;
  amount_pence: number;
  description: string;
  spent_on: string;
  requested_by_name: string;
  requested_by_signatory_id: string | null;
  paid_journal_id: string | null;
  paid_on: string | null;
}

export async function listExpenses(tx: Tx, poolId: string): Promise<ExpenseRow[]> {
  const rows = await tx
    .selectFrom('budget_pool_expense')
    .select(EXPENSE_COLUMNS)
    .where('pool_id', '=', poolId)
    .orderBy('spent_on', 'desc')
    .orderBy('created_at', 'desc')
    .execute();
  return rows.map(expenseOf);
}

const EXPENSE_COLUMNS = [
  'id',
  'amount_pence',
  'description',
  'spent_on',
  'requested_by_name',
  'requested_by_signatory_id',
  'paid_journal_id',
  'paid_on',
] as const;

const expenseOf = (r: Omit<ExpenseRow, 'amount_pence'> & { amount_pence: string | number }): ExpenseRow => ({
  ...r,
  amount_pence: Number(r.amount_pence),
});

/** One expense of the pool; locked while an approval is recorded, so concurrent approvals queue and each sees the last. */
export async function findExpense(
  tx: Tx,
  poolId: string,
  expenseId: string,
  opts: { lock?: boolean } = {},
): Promise<ExpenseRow | undefined> {
  const query = tx
    .selectFrom('budget_pool_expense')
    .select(EXPENSE_COLUMNS)
    .where('pool_id', '=', poolId)
    .where('id', '=', expenseId);
  const row = await (opts.lock ? query.forUpdate() : query).executeTakeFirst();
  return row ? expenseOf(row) : undefined;
}

export async function insertExpense(
  tx: Tx,
  createdBy: string | null,
  e: {
    poolId: string;
    amountPence: number;
    description: string;
    spentOn: string;
    requestedByName: string;
    requestedBySignatoryId: string | null;
    shares: readonly { memberId: string; sharePence: number }[];
  },
): Promise<string> {
  const { id } = await tx
    .insertInto('budget_pool_expense')
    .values({
      org_id: scopedOrgId,
      pool_id: e.poolId,
      amount_pence: e.amountPence,
      description: e.description,
      spent_on: e.spentOn,
      requested_by_name: e.requestedByName,
      requested_by_signatory_id: e.requestedBySignatoryId,
      created_by: createdBy,
    } as never)
    .returning('id')
    .executeTakeFirstOrThrow();
  await tx
    .insertInto('budget_pool_expense_share')
    .values(
      e.shares.map((s) => ({
        org_id: scopedOrgId,
        pool_id: e.poolId,
        expense_id: id,
        member_id: s.memberId,
        share_pence: s.sharePence,
      })) as never,
    )
    .execute();
  return id;
}

/** Each expense's shares, by expense id then member id. */
export async function sharesOf(tx: Tx, poolId: string): Promise<Map<string, Map<string, number>>> {
  const rows = await tx
    .selectFrom('budget_pool_expense_share')
    .select(['expense_id', 'member_id', 'share_pence'])
    .where('pool_id', '=', poolId)
    .execute();
  const byExpense = new Map<string, Map<string, number>>();
  for (const r of rows) {
    const shares = byExpense.get(r.expense_id) ?? new Map<string, number>();
    shares.set(r.member_id, Number(r.share_pence));
    byExpense.set(r.expense_id, shares);
  }
  return byExpense;
}

/** Record a signatory's approval; false when they had already approved (it counts once). */
export async function insertApproval(
  tx: Tx,
  recordedBy: string | null,
  a: { poolId: string; expenseId: string; signatoryId: string; approvedOn: string },
): Promise<boolean> {
  const row = await tx
    .insertInto('budget_pool_approval')
    .values({
      org_id: scopedOrgId,
      pool_id: a.poolId,
      expense_id: a.expenseId,
      signatory_id: a.signatoryId,
      approved_on: a.approvedOn,
      recorded_by: recordedBy,
    } as never)
    .onConflict((oc) => oc.columns(['expense_id', 'signatory_id']).doNothing())
    .returning('id')
    .executeTakeFirst();
  return row !== undefined;
}

/** Who has approved each of the pool's expenses, in the order they approved. */
export async function approvalsOf(tx: Tx, poolId: string) {
  return tx
    .selectFrom('budget_pool_approval')
    .select(['expense_id', 'signatory_id', 'approved_on'])
    .where('pool_id', '=', poolId)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
}

export async function markPaid(tx: Tx, expenseId: string, journalId: string, paidOn: string): Promise<void> {
  await tx
    .updateTable('budget_pool_expense')
    .set({ paid_journal_id: journalId, paid_on: paidOn })
    .where('id', '=', expenseId)
    .where('paid_journal_id', 'is', null)
    .execute();
}
