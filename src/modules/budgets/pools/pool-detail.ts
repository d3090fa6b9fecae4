import type { Tx } from '../../../platform/db/scope.js';
import type { Actor } from '../../../platform/access/roles.js';
import { dayBefore } from '../../../platform/dates.js';
import { findVisiblePeople } from '../../people/index.js';
import { accountBalances } from '../ledger.js';
import * as repo from './repository.js';

/** Everything a pool's page shows, worked out from its rows and the ledger. */
export interface PoolDetail {
  pool: repo.PoolRow;
  balancePence: number;
  /** The three who sign now, each with whom they took over from and when, if anyone. */
  signatories: (repo.SignatoryRow & { took: { from: string; name: string } | null })[];
  /** Those who stood down, with their last day as a signatory. */
  formerSignatories: (repo.SignatoryRow & { lastDay: string })[];
  members: {
    id: string;
    personId: string;
    /** Null when the viewer may not see the person (a restricted record): the row says so, names no one. */
    name: string | null;
    joinedOn: string;
    contributedPence: number;
    spentPence: number;
    remainingPence: number;
  }[];
  expenses: (repo.ExpenseRow & {
    approvedBy: { signatoryId: string; name: string; on: string }[];
    tookPart: number;
    paid: boolean;
  })[];
}

export async function loadPool(tx: Tx, actor: Actor, pool: repo.PoolRow): Promise<PoolDetail> {
  const [everySignatory, members, contributions, expenses, shares, approvals, balances] = await Promise.all([
    repo.listSignatories(tx, pool.id),
    repo.listMembers(tx, pool.id),
    repo.listContributions(tx, pool.id),
    repo.listExpenses(tx, pool.id),
    repo.sharesOf(tx, pool.id),
    repo.approvalsOf(tx, pool.id),
    accountBalances(tx, [pool.account_id]),
  ]);
  const names = await findVisiblePeople(
    tx,
    actor,
    members.map((m) => m.person_id),
  );
  const signatoryName = new Map(everySignatory.map((s) => [s.id, s.name]));
  const byId = new Map(everySignatory.map((s) => [s.id, s]));
  const took = (s: repo.SignatoryRow) => {
    const before = s.replaces_id ? byId.get(s.replaces_id) : undefined;
    return before?.replaced_on ? { from: before.replaced_on, name: before.name } : null;
  };
  const paid = new Set(expenses.filter((e) => e.paid_journal_id !== null).map((e) => e.id));
  const spentBy = new Map<string, number>();
  for (const [expenseId, byMember] of shares) {
    if (!paid.has(expenseId)) continue;
    for (const [memberId, pence] of byMember) spentBy.set(memberId, (spentBy.get(memberId) ?? 0) + pence);
  }
  const contributedBy = new Map<string, number>();
  for (const c of contributions) contributedBy.set(c.member_id, (contributedBy.get(c.member_id) ?? 0) + c.amount_pence);
  return {
    pool,
    balancePence: balances.get(pool.account_id) ?? 0,
    signatories: everySignatory.filter(repo.isCurrentSignatory).map((s) => ({ ...s, took: took(s) })),
    formerSignatories: everySignatory
      .filter((s) => !repo.isCurrentSignatory(s))
      .map((s) => ({ ...s, lastDay: dayBefore(s.replaced_on!) })),
    members: members.map((m) => {
      const contributedPence = contributedBy.get(m.id) ?? 0;
      const spentPence = spentBy.get(m.id) ?? 0;
      return {
        id: m.id,
        personId: m.person_id,
        name: names.get(m.person_id)?.name ?? null,
        joinedOn: m.joined_on,
        contributedPence,
        spentPence,
        remainingPence: contributedPence - spentPence,
      };
    }),
    expenses: expenses.map((e) => ({
      ...e,
      approvedBy: approvals
        .filter((a) => a.expense_id === e.id)
        .map((a) => ({ signatoryId: a.signatory_id, name: signatoryName.get(a.signatory_id)!, on: a.approved_on })),
      tookPart: shares.get(e.id)?.size ?? 0,
      paid: paid.has(e.id),
    })),
  };
}
