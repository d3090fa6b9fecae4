import type { Kysely } from 'kysely';
import type { DB } from '../../../platform/db/schema.js';
import { withOrg, type Tx } from '../../../platform/db/scope.js';
import { writeAudit, type AuditEntry } from '../../../platform/audit/audit.js';
import { actorId } from '../../../platform/access/roles.js';
import { NotFoundError, ValidationError } from '../../../platform/http/errors.js';
import type { RequestContext } from '../../../platform/http/context.js';
import { formatPounds } from '../../../platform/money.js';
import { findVisiblePeople, findVisiblePerson } from '../../people/index.js';
import { accountBalances, councilAccount, openAccount, postJournal } from '../ledger.js';
import { alreadyPosted } from '../already-posted.js';
import * as repo from './repository.js';
import {
  parseApproval,
  parseContribution,
  parseExpense,
  parseMember,
  parseNewPool,
  parseReplacement,
  type Body,
} from './forms.js';
import { equalShares } from './split.js';
import { findMembership, loadRecordSheet } from './record-sheet.js';
import { loadPool, type PoolDetail } from './pool-detail.js';

/** Two distinct signatories, neither the requester, must approve an expense before it is paid (S9). */
export const APPROVALS_NEEDED = 2;

export interface ApprovalOutcome {
  /** False when this signatory had already approved: it counts once. */
  recorded: boolean;
  approvals: number;
  /** True when this approval was the one that paid the expense. */
  paidNow: boolean;
  paid: boolean;
}

/**
 * Pools (issue 14 §4, S9). One transaction per call as the application role, audited in the same
 * transaction. Pool pages name their members, so each view is audited as a listing of them.
 */
export class PoolService {
  constructor(private readonly db: Kysely<DB>) {}

  private run<T>(ctx: RequestContext, work: (tx: Tx) => Promise<{ result: T; audit: AuditEntry }>): Promise<T> {
    return withOrg(this.db, ctx.actor.orgId, async (tx) => {
      const { result, audit } = await work(tx);
      await writeAudit(tx, ctx, [audit]);
      return result;
    });
  }

  private async pool(tx: Tx, poolId: string, opts: { lock?: boolean } = {}) {
    const pool = await repo.findPool(tx, poolId, opts);
    if (!pool) throw new NotFoundError();
    return pool;
  }

  async list(ctx: RequestContext) {
    return this.run(ctx, async (tx) => {
      const pools = await repo.listPools(tx);
      const balances = await accountBalances(
        tx,
        pools.map((p) => p.account_id),
      );
      const result = pools.map((p) => ({ ...p, balancePence: balances.get(p.account_id) ?? 0 }));
      return { result, audit: { action: 'pool.list', resourceType: 'budget_pool' } };
    });
  }

  async create(ctx: RequestContext, body: Body): Promise<string> {
    const input = parseNewPool(body);
    return this.run(ctx, async (tx) => {
      const accountId = await openAccount(tx, { kind: 'pool', personId: null, label: `Pool: ${input.name}` });
      const id = await repo.insertPool(tx, actorId(ctx.actor), { ...input, accountId });
      return { result: id, audit: { action: 'pool.create', resourceType: 'budget_pool', resourceId: id } };
    });
  }

  /** The pool's page: members with their figures, signatories, balance and expenses with their approvals. */
  async get(ctx: RequestContext, poolId: string, action = 'pool.view'): Promise<PoolDetail> {
    return this.run(ctx, async (tx) => {
      const detail = await loadPool(tx, ctx.actor, await this.pool(tx, poolId));
      const personIds = detail.members.filter((m) => m.name !== null).map((m) => m.personId);
      return { result: detail, audit: { action, resourceType: 'budget_pool', resourceId: poolId, personIds } };
    });
  }

  /** The pool parts naming this pool whose people (visible to the viewer) are not yet members. */
  private async joinable(tx: Tx, ctx: RequestContext, poolId: string) {
    const pool = await this.pool(tx, poolId);
    const parts = await repo.partsNotYetMembers(tx, poolId);
    const people = await findVisiblePeople(
      tx,
      ctx.actor,
      parts.map((p) => p.person_id),
    );
    return { pool, people, parts: parts.filter((p) => people.has(p.person_id)) };
  }

  /** The "add a member" form's choices, audited as a listing of the people offered. */
  async joinForm(ctx: RequestContext, poolId: string) {
    return this.run(ctx, async (tx) => {
      const result = await this.joinable(tx, ctx, poolId);
      const personIds = result.parts.map((p) => p.person_id);
      return {
        result,
        audit: { action: 'pool.member.form', resourceType: 'budget_pool', resourceId: poolId, personIds },
      };
    });
  }

  /** Add the person whose pool part was chosen as a member. */
  async addMember(ctx: RequestContext, poolId: string, body: Body, today: string): Promise<void> {
    return this.run(ctx, async (tx) => {
      const { parts } = await this.joinable(tx, ctx, poolId);
      const input = parseMember(body, new Set(parts.map((p) => p.id)), today);
      const part = parts.find((p) => p.id === input.partId)!;
      const member = { poolId, personId: part.person_id, partId: part.id, joinedOn: input.joinedOn };
      if (!(await repo.insertMember(tx, actorId(ctx.actor), member)))
        throw new ValidationError([{ text: 'They are already a member of this pool', href: '#partId' }]);
      const audit = { action: 'pool.member.add', resourceType: 'budget_pool', resourceId: poolId };
      return { result: undefined, audit: { ...audit, personId: part.person_id } };
    });
  }

  /** A member pays into the pool: their pool part's holding account → the pool's account. */
  async contribute(ctx: RequestContext, poolId: string, body: Body, today: string) {
    return this.run(ctx, async (tx) => {
      const pool = await this.pool(tx, poolId);
      const members = await repo.listMembers(tx, poolId);
      const input = parseContribution(body, new Set(members.map((m) => m.id)), today);
      const member = members.find((m) => m.id === input.memberId)!;
      if (!(await findVisiblePerson(tx, ctx.actor, member.person_id))) throw new NotFoundError();
      const key = `pool-contribution:${input.submission}`;
      const audit = { action: 'pool.contribute', resourceType: 'budget_pool', resourceId: poolId };
      if (await alreadyPosted(tx, key))
        return { result: input.amountPence, audit: { ...audit, personId: member.person_id } };
      const held = (await accountBalances(tx, [member.account_id])).get(member.account_id) ?? 0;
      if (held < input.amountPence)
        throw new ValidationError([
          { text: `Their pool budget holds ${formatPounds(held)}, less than this contribution`, href: '#amount' },
        ]);
      const journal = await postJournal(tx, actorId(ctx.actor), {
        kind: 'pool',
        description: `Paid into the pool ${pool.name}`,
        effectiveOn: input.contributedOn,
        personId: member.person_id,
        idempotencyKey: key,
        postings: [
          { accountId: member.account_id, amountPence: -input.amountPence },
          { accountId: pool.account_id, amountPence: input.amountPence },
        ],
      });
      // The same form sent again finds its journal already posted: nothing more is paid in.
      if (journal.created)
        await repo.insertContribution(tx, actorId(ctx.actor), { ...input, poolId, journalId: journal.id });
      return { result: input.amountPence, audit: { ...audit, personId: member.person_id } };
    });
  }

  /** Ask for an expense: the members who took part share it equally, to the penny; nothing is paid yet. */
  async requestExpense(ctx: RequestContext, poolId: string, body: Body, today: string): Promise<string> {
    return this.run(ctx, async (tx) => {
      const pool = await this.pool(tx, poolId);
      const [members, everyone] = await Promise.all([repo.listMembers(tx, poolId), repo.listSignatories(tx, poolId)]);
      const signatories = everyone.filter(repo.isCurrentSignatory);
      const input = parseExpense(
        body,
        new Set(members.map((m) => m.id)),
        new Map(signatories.map((s) => [s.id, s.name])),
        today,
      );
      const balance = (await accountBalances(tx, [pool.account_id])).get(pool.account_id) ?? 0;
      if (input.amountPence > balance)
        throw new ValidationError([
          { text: `The pool holds ${formatPounds(balance)}, less than this`, href: '#amount' },
        ]);
      // In the members' own order, so the extra penny of an uneven split always goes the same way.
      const tookPart = members.filter((m) => input.memberIds.includes(m.id));
      const shares = equalShares(input.amountPence, tookPart.length);
      const id = await repo.insertExpense(tx, actorId(ctx.actor), {
        ...input,
        poolId,
        requestedByName: input.requesterName,
        shares: tookPart.map((m, i) => ({ memberId: m.id, sharePence: shares[i]! })),
      });
      const personIds = tookPart.map((m) => m.person_id);
      return {
        result: id,
        audit: { action: 'pool.expense.request', resourceType: 'budget_pool_expense', resourceId: id, personIds },
      };
    });
  }

  /**
   * Record a signatory's approval (staff record it on their behalf). The expense row is locked first,
   * so concurrent approvals queue and each counts what the others committed; the second distinct
   * approval pays it — pool → spending, once, under the idempotency key `pool-expense:<id>`.
   */
  async approve(ctx: RequestContext, poolId: string, expenseId: string, body: Body, today: string) {
    return this.run(ctx, async (tx) => {
      await this.pool(tx, poolId);
      const expense = await repo.findExpense(tx, poolId, expenseId, { lock: true });
      if (!expense) throw new NotFoundError();
      const signatories = (await repo.listSignatories(tx, poolId)).filter(repo.isCurrentSignatory);
      const input = parseApproval(body, new Set(signatories.map((s) => s.id)), today);
      if (input.signatoryId === expense.requested_by_signatory_id)
        throw new ValidationError([
          {
            text: `${expense.requested_by_name} asked for this expense, so cannot also approve it`,
            href: '#signatoryId',
          },
        ]);
      const recorded = await repo.insertApproval(tx, actorId(ctx.actor), { poolId, expenseId, ...input });
      const approvals = (await repo.approvalsOf(tx, poolId)).filter((a) => a.expense_id === expenseId).length;
      let paidNow = false;
      if (approvals >= APPROVALS_NEEDED && expense.paid_journal_id === null) {
        await this.pay(tx, ctx, poolId, expense, input.approvedOn);
        paidNow = true;
      }
      const personIds = [...((await repo.sharesOf(tx, poolId)).get(expenseId)?.keys() ?? [])];
      const outcome: ApprovalOutcome = {
        recorded,
        approvals,
        paidNow,
        paid: paidNow || expense.paid_journal_id !== null,
      };
      const audit = { action: 'pool.expense.approve', resourceType: 'budget_pool_expense', resourceId: expenseId };
      return { result: outcome, audit: { ...audit, personIds: await memberPersonIds(tx, poolId, personIds) } };
    });
  }

  /**
   * A new signatory takes over from one standing down (S9: the pool's group changes). The pool is
   * locked so two changes queue; the one leaving keeps their approvals, and the database refuses any
   * approval of theirs dated from the change on (migration 0034).
   */
  async replaceSignatory(ctx: RequestContext, poolId: string, signatoryId: string, body: Body, today: string) {
    return this.run(ctx, async (tx) => {
      await this.pool(tx, poolId, { lock: true });
      const signatories = await repo.listSignatories(tx, poolId);
      const leaving = signatories.find((s) => s.id === signatoryId && repo.isCurrentSignatory(s));
      if (!leaving) throw new NotFoundError();
      const approvedOn = (await repo.approvalsOf(tx, poolId))
        .filter((a) => a.signatory_id === signatoryId)
        .map((a) => a.approved_on)
        .sort();
      const input = parseReplacement(body, {
        today,
        currentNames: signatories.filter(repo.isCurrentSignatory).map((s) => s.name),
        leaving: leaving.name,
        lastApprovedOn: approvedOn.at(-1) ?? null,
      });
      if (!(await repo.replaceSignatory(tx, { poolId, signatory: leaving, ...input }))) throw new NotFoundError();
      return {
        result: { leaving: leaving.name, joining: input.name },
        audit: { action: 'pool.signatory.replace', resourceType: 'budget_pool', resourceId: poolId },
      };
    });
  }

  private async pay(tx: Tx, ctx: RequestContext, poolId: string, expense: repo.ExpenseRow, paidOn: string) {
    const pool = await this.pool(tx, poolId, { lock: true });
    const balance = (await accountBalances(tx, [pool.account_id])).get(pool.account_id) ?? 0;
    if (balance < expense.amount_pence)
      throw new ValidationError([
        {
          text: `The pool holds ${formatPounds(balance)}, less than this expense: add contributions before it is approved`,
          href: '#signatoryId',
        },
      ]);
    const journal = await postJournal(tx, actorId(ctx.actor), {
      kind: 'spend',
      // A journal's description holds 500 characters; a long pool name and description are cut to fit.
      description: `Pool ${pool.name}: ${expense.description}`.slice(0, 500),
      effectiveOn: paidOn,
      idempotencyKey: `pool-expense:${expense.id}`,
      postings: [
        { accountId: pool.account_id, amountPence: -expense.amount_pence },
        { accountId: await councilAccount(tx, 'spending'), amountPence: expense.amount_pence },
      ],
    });
    await repo.markPaid(tx, expense.id, journal.id, paidOn);
  }

  /** A member's record sheet: 404 unless the person is visible and a member of this pool. */
  async recordSheet(ctx: RequestContext, poolId: string, personId: string) {
    return this.run(ctx, async (tx) => {
      const person = await findVisiblePerson(tx, ctx.actor, personId);
      const member = person ? await findMembership(tx, poolId, personId) : undefined;
      if (!person || !member) throw new NotFoundError();
      const sheet = await loadRecordSheet(tx, member);
      const audit = { action: 'pool.record-sheet', resourceType: 'budget_pool', resourceId: poolId, personId };
      return { result: { person, sheet }, audit };
    });
  }
}

/** The people behind member ids. */
async function memberPersonIds(tx: Tx, poolId: string, memberIds: string[]): Promise<string[]> {
  const members = await repo.listMembers(tx, poolId);
  return members.filter((m) => memberIds.includes(m.id)).map((m) => m.person_id);
}
