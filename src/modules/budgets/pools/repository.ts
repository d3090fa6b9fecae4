import { sql } from 'kysely';
import type { Tx } from '../../../platform/db/scope.js';
import { scopedOrgId } from '../../../platform/db/scope.js';

/**
 * Pools' rows. Every function runs inside the caller's withOrg transaction (row-level security keeps
 * it to the council); the rules — who may approve, when an expense is paid — are in service.ts.
 */

export interface PoolRow {
  id: string;
  name: string;
  purpose: string;
  account_id: string;
}

export interface SignatoryRow {
  id: string;
  position: number;
  name: string;
}

export interface MemberRow {
  id: string;
  person_id: string;
  part_id: string;
  joined_on: string;
  account_id: string;
  weekly_pence: number | null;
}

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

const POOL_COLUMNS = ['id', 'name', 'purpose', 'account_id'] as const;

export async function insertPool(
  tx: Tx,
  createdBy: string | null,
  pool: { name: string; purpose: string; accountId: string; signatories: readonly string[] },
): Promise<string> {
  const { id } = await tx
    .insertInto('budget_pool')
    .values({
      org_id: scopedOrgId,
      name: pool.name,
      purpose: pool.purpose,
      account_id: pool.accountId,
      created_by: createdBy,
    } as never)
    .returning('id')
    .executeTakeFirstOrThrow();
  await tx
    .insertInto('budget_pool_signatory')
    .values(pool.signatories.map((name, i) => ({ org_id: scopedOrgId, pool_id: id, position: i + 1, name })) as never)
    .execute();
  return id;
}

export async function listPools(tx: Tx): Promise<PoolRow[]> {
  return tx.selectFrom('budget_pool').select(POOL_COLUMNS).orderBy('name').orderBy('id').execute();
}

/** One pool; locked for the rest of the transaction when paying from it, so two payments cannot both spend its last pound. */
export async function findPool(tx: Tx, poolId: string, opts: { lock?: boolean } = {}): Promise<PoolRow | undefined> {
  const query = tx.selectFrom('budget_pool').select(POOL_COLUMNS).where('id', '=', poolId);
  return (opts.lock ? query.forUpdate() : query).executeTakeFirst();
}

export async function listSignatories(tx: Tx, poolId: string): Promise<SignatoryRow[]> {
  return tx
    .selectFrom('budget_pool_signatory')
    .select(['id', 'position', 'name'])
    .where('pool_id', '=', poolId)
    .orderBy('position')
    .execute();
}

export async function listMembers(tx: Tx, poolId: string): Promise<MemberRow[]> {
  const rows = await tx
    .selectFrom('budget_pool_member as m')
    .innerJoin('budget_part as p', 'p.id', 'm.part_id')
    .select(['m.id', 'm.person_id', 'm.part_id', 'm.joined_on', 'p.account_id', 'p.weekly_pence'])
    .where('m.pool_id', '=', poolId)
    .orderBy('m.joined_on')
    .orderBy('m.created_at')
    .orderBy('m.id')
    .execute();
  return rows.map((r) => ({ ...r, weekly_pence: r.weekly_pence === null ? null : Number(r.weekly_pence) }));
}

/** The budget parts held in this pool (route 'pool', naming it) whose person is not yet a member. */
export async function partsNotYetMembers(tx: Tx, poolId: string) {
  return tx
    .selectFrom('budget_part as p')
    .select(['p.id', 'p.person_id', 'p.holder', 'p.weekly_pence', 'p.starts_on'])
    .where('p.route', '=', 'pool')
    .where('p.pool_id', '=', poolId)
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom('budget_pool_member as m')
            .select(sql`1`.as('one'))
            .whereRef('m.person_id', '=', 'p.person_id')
            .where('m.pool_id', '=', poolId),
        ),
      ),
    )
    .orderBy('p.starts_on')
    .orderBy('p.id')
    .execute();
}

export async function insertMember(
  tx: Tx,
  createdBy: string | null,
  member: { poolId: string; personId: string; partId: string; joinedOn: string },
): Promise<string | null> {
  const row = await tx
    .insertInto('budget_pool_member')
    .values({
      org_id: scopedOrgId,
      pool_id: member.poolId,
      person_id: member.personId,
      part_id: member.partId,
      joined_on: member.joinedOn,
      created_by: createdBy,
    } as never)
    .onConflict((oc) => oc.columns(['pool_id', 'person_id']).doNothing())
    .returning('id')
    .executeTakeFirst();
  return row?.id ?? null;
}

export async function insertContribution(
  tx: Tx,
  createdBy: string | null,
  c: { poolId: string; memberId: string; amountPence: number; contributedOn: string; journalId: string },
): Promise<void> {
  await tx
    .insertInto('budget_pool_contribution')
    .values({
      org_id: scopedOrgId,
      pool_id: c.poolId,
      member_id: c.memberId,
      amount_pence: c.amountPence,
      contributed_on: c.contributedOn,
      journal_id: c.journalId,
      created_by: createdBy,
    } as never)
    .execute();
}

export async function listContributions(tx: Tx, poolId: string, memberId?: string) {
  let query = tx
    .selectFrom('budget_pool_contribution')
    .select(['id', 'member_id', 'amount_pence', 'contributed_on'])
    .where('pool_id', '=', poolId);
  if (memberId) query = query.where('member_id', '=', memberId);
  const rows = await query.orderBy('contributed_on').orderBy('created_at').execute();
  return rows.map((r) => ({ ...r, amount_pence: Number(r.amount_pence) }));
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
