import type { Tx } from '../../../platform/db/scope.js';
import { listContributions, type ExpenseRow } from './repository.js';

/**
 * A member's record sheet (S9): what they paid into the pool, the activities they took part in with
 * their share of each, and what remains of their contributions. Only paid expenses count as spent;
 * one still awaiting approval is shown beside, not taken off.
 */
export interface RecordSheet {
  poolId: string;
  poolName: string;
  memberId: string;
  personId: string;
  joinedOn: string;
  contributions: { on: string; pence: number }[];
  activities: {
    expenseId: string;
    on: string;
    description: string;
    amountPence: number;
    sharePence: number;
    paid: boolean;
    /** How many members took part, this one included. */
    tookPart: number;
  }[];
  contributedPence: number;
  spentPence: number;
  awaitingPence: number;
  /** Contributed less their shares of paid expenses. */
  remainingPence: number;
}

type Membership = { id: string; pool_id: string; person_id: string; joined_on: string; pool_name: string };

/** The record sheet of one membership. */
export async function loadRecordSheet(tx: Tx, member: Membership): Promise<RecordSheet> {
  const [contributions, shares] = await Promise.all([
    listContributions(tx, member.pool_id, member.id),
    tx
      .selectFrom('budget_pool_expense_share as s')
      .innerJoin('budget_pool_expense as e', 'e.id', 's.expense_id')
      .select([
        'e.id',
        'e.spent_on',
        'e.description',
        'e.amount_pence',
        'e.paid_journal_id',
        's.share_pence',
        (eb) =>
          eb
            .selectFrom('budget_pool_expense_share as o')
            .select((o) => o.fn.countAll<string>().as('n'))
            .whereRef('o.expense_id', '=', 'e.id')
            .as('took_part'),
      ])
      .where('s.member_id', '=', member.id)
      .orderBy('e.spent_on')
      .orderBy('e.created_at')
      .execute(),
  ]);
  const activities = shares.map((s) => ({
    expenseId: s.id,
    on: s.spent_on,
    description: s.description,
    amountPence: Number(s.amount_pence),
    sharePence: Number(s.share_pence),
    paid: s.paid_journal_id !== null,
    tookPart: Number(s.took_part ?? 0),
  }));
  const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);
  const contributedPence = sum(contributions.map((c) => c.amount_pence));
  const spentPence = sum(activities.filter((a) => a.paid).map((a) => a.sharePence));
  return {
    poolId: member.pool_id,
    poolName: member.pool_name,
    memberId: member.id,
    personId: member.person_id,
    joinedOn: member.joined_on,
    contributions: contributions.map((c) => ({ on: c.contributed_on, pence: c.amount_pence })),
    activities,
    contributedPence,
    spentPence,
    awaitingPence: sum(activities.filter((a) => !a.paid).map((a) => a.sharePence)),
    remainingPence: contributedPence - spentPence,
  };
}

function memberships(tx: Tx) {
  return tx
    .selectFrom('budget_pool_member as m')
    .innerJoin('budget_pool as p', 'p.id', 'm.pool_id')
    .select(['m.id', 'm.pool_id', 'm.person_id', 'm.joined_on', 'p.name as pool_name']);
}

/** The person's membership of one pool, or undefined. */
export async function findMembership(tx: Tx, poolId: string, personId: string): Promise<Membership | undefined> {
  return memberships(tx).where('m.pool_id', '=', poolId).where('m.person_id', '=', personId).executeTakeFirst();
}

/**
 * Every pool record sheet of a person, for their record (exported from the budgets module). The
 * caller has checked that the viewer may see the person and audits the view in its transaction.
 */
export async function poolRecordSheetsFor(tx: Tx, personId: string): Promise<RecordSheet[]> {
  const rows = await memberships(tx).where('m.person_id', '=', personId).orderBy('m.joined_on').execute();
  return Promise.all(rows.map((m) => loadRecordSheet(tx, m)));
}

/** Whether an expense has been paid (its journal posted). */
export const isPaid = (e: Pick<ExpenseRow, 'paid_journal_id'>) => e.paid_journal_id !== null;
