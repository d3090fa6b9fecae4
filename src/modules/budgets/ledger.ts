import { sql } from 'kysely';
import type { Tx } from '../../platform/db/scope.js';
import { scopedOrgId } from '../../platform/db/scope.js';
import { ValidationError } from '../../platform/http/errors.js';
import type { AccountKind, JournalKind } from './tables.js';

/**
 * The ledger: the only way money moves. Every function here runs inside the caller's withOrg
 * transaction, so a journal commits with whatever it records (a payment's state, an outbox row)
 * or not at all; the database refuses a journal that does not balance when that transaction commits.
 */

export interface PostingInput {
  accountId: string;
  /** Positive: money into the account; negative: out of it. Never 0. */
  amountPence: number;
}

export interface JournalInput {
  kind: JournalKind;
  description: string;
  /** The day the money moves ('YYYY-MM-DD'). */
  effectiveOn: string;
  personId?: string | null;
  /** Deterministic key for a movement that must happen once (a payment: run + schedule + period). */
  idempotencyKey?: string | null;
  postings: readonly PostingInput[];
}

export interface PostedJournal {
  id: string;
  /** False when the idempotency key had been used: nothing new was posted, `id` is the earlier journal. */
  created: boolean;
}

/** Thrown for a journal that cannot be right (it never reaches the database). */
export class UnbalancedJournalError extends Error {}

export function journalProblem(postings: readonly PostingInput[]): string | null {
  if (postings.length < 2) return 'A journal moves money between at least two accounts';
  if (postings.some((p) => !Number.isSafeInteger(p.amountPence) || p.amountPence === 0))
    return 'Every posting is a whole number of pence, not 0';
  const total = postings.reduce((sum, p) => sum + p.amountPence, 0);
  return total === 0 ? null : `The postings sum to ${total} pence, not 0`;
}

/**
 * Post one journal. With an idempotency key already used in this council, nothing is posted and
 * the earlier journal is returned (`created: false`): the unique key makes a retry harmless.
 */
export async function postJournal(tx: Tx, createdBy: string | null, input: JournalInput): Promise<PostedJournal> {
  const problem = journalProblem(input.postings);
  if (problem) throw new UnbalancedJournalError(problem);
  const inserted = await tx
    .insertInto('budget_journal')
    .values({
      org_id: scopedOrgId,
      kind: input.kind,
      description: input.description,
      effective_on: input.effectiveOn,
      person_id: input.personId ?? null,
      idempotency_key: input.idempotencyKey ?? null,
      created_by: createdBy,
    } as never)
    .onConflict((oc) => oc.columns(['org_id', 'idempotency_key']).doNothing())
    .returning('id')
    .executeTakeFirst();
  if (!inserted) {
    const earlier = await tx
      .selectFrom('budget_journal')
      .select('id')
      .where('idempotency_key', '=', input.idempotencyKey!)
      .executeTakeFirstOrThrow();
    return { id: earlier.id, created: false };
  }
  await insertPostings(tx, inserted.id, input.postings);
  return { id: inserted.id, created: true };
}

async function insertPostings(tx: Tx, journalId: string, postings: readonly PostingInput[]): Promise<void> {
  await tx
    .insertInto('budget_posting')
    .values(
      postings.map((p) => ({
        org_id: scopedOrgId,
        journal_id: journalId,
        account_id: p.accountId,
        amount_pence: p.amountPence,
      })) as never,
    )
    .execute();
}

/**
 * Reverse a journal: the same postings with their signs turned, as a new journal naming it. A
 * journal is reversed at most once (unique in the database); a second attempt is a validation error.
 */
export async function reverseJournal(
  tx: Tx,
  createdBy: string | null,
  journalId: string,
  opts: { reason: string; effectiveOn: string },
): Promise<string> {
  const original = await tx
    .selectFrom('budget_journal')
    .select(['id', 'kind', 'person_id'])
    .where('id', '=', journalId)
    .executeTakeFirst();
  if (!original) throw new ValidationError([{ text: 'There is no such journal to reverse', href: '#journal' }]);
  if (original.kind === 'reverse')
    throw new ValidationError([{ text: 'A reversal cannot itself be reversed: post a new journal', href: '#journal' }]);
  const lines = await tx
    .selectFrom('budget_posting')
    .select(['account_id', 'amount_pence'])
    .where('journal_id', '=', journalId)
    .orderBy('id')
    .execute();
  const inserted = await tx
    .insertInto('budget_journal')
    .values({
      org_id: scopedOrgId,
      kind: 'reverse',
      description: opts.reason,
      effective_on: opts.effectiveOn,
      person_id: original.person_id,
      reverses_id: journalId,
      created_by: createdBy,
    } as never)
    .onConflict((oc) => oc.column('reverses_id').doNothing())
    .returning('id')
    .executeTakeFirst();
  if (!inserted) throw new ValidationError([{ text: 'This journal has already been reversed', href: '#journal' }]);
  await insertPostings(
    tx,
    inserted.id,
    lines.map((l) => ({ accountId: l.account_id, amountPence: -Number(l.amount_pence) })),
  );
  return inserted.id;
}

/** Balances summed from the postings, for each account asked about (0 for one with none), up to a day if given. */
export async function accountBalances(
  tx: Tx,
  accountIds: readonly string[],
  asOf?: string,
): Promise<Map<string, number>> {
  const balances = new Map(accountIds.map((id) => [id, 0]));
  if (accountIds.length === 0) return balances;
  let query = tx
    .selectFrom('budget_posting as p')
    .select(['p.account_id', sql<string>`sum(p.amount_pence)`.as('balance')])
    .where('p.account_id', 'in', accountIds)
    .groupBy('p.account_id');
  if (asOf)
    query = query.where((eb) =>
      eb.exists(
        eb
          .selectFrom('budget_journal as j')
          .select(sql`1`.as('one'))
          .whereRef('j.id', '=', 'p.journal_id')
          .where('j.effective_on', '<=', asOf),
      ),
    );
  for (const row of await query.execute()) balances.set(row.account_id, Number(row.balance));
  return balances;
}

/** The council's own account of a kind (funding, spending), opened the first time it is needed. */
export async function councilAccount(tx: Tx, kind: 'council_funding' | 'spending'): Promise<string> {
  const label = kind === 'council_funding' ? 'Council: personal budgets funding' : 'Spent on support';
  const existing = await tx.selectFrom('budget_account').select('id').where('kind', '=', kind).executeTakeFirst();
  if (existing) return existing.id;
  const opened = await tx
    .insertInto('budget_account')
    .values({ org_id: scopedOrgId, kind, label } as never)
    .onConflict((oc) => oc.columns(['org_id', 'kind']).where('kind', 'in', ['council_funding', 'spending']).doNothing())
    .returning('id')
    .executeTakeFirst();
  if (opened) return opened.id;
  return (await tx.selectFrom('budget_account').select('id').where('kind', '=', kind).executeTakeFirstOrThrow()).id;
}

/** Open an account: a holding account for a budget part, a person's contributions account, or a pool's. */
export async function openAccount(
  tx: Tx,
  account: { kind: Exclude<AccountKind, 'council_funding' | 'spending'>; personId: string | null; label: string },
): Promise<string> {
  const opened = await tx
    .insertInto('budget_account')
    .values({ org_id: scopedOrgId, kind: account.kind, person_id: account.personId, label: account.label } as never)
    .returning('id')
    .executeTakeFirstOrThrow();
  return opened.id;
}

export interface LedgerCheck {
  journals: number;
  postings: number;
  /** Sum of every posting in the council: always 0. */
  trialBalancePence: number;
  /** Journals whose postings do not sum to 0, or that have fewer than two. */
  unbalancedJournalIds: string[];
  /** Journals reversed more than once (the database forbids it; listed in case a restore brought one back). */
  reversedTwiceIds: string[];
}

/** Check the whole of the council's ledger from its postings (`cli budgets verify` and the tests). */
export async function verifyLedger(tx: Tx): Promise<LedgerCheck> {
  const totals = await sql<{ journals: string; postings: string; total: string }>`
    select (select count(*) from budget_journal) as journals,
           (select count(*) from budget_posting) as postings,
           (select coalesce(sum(amount_pence), 0) from budget_posting) as total`.execute(tx);
  const unbalanced = await sql<{ id: string }>`
    select j.id from budget_journal j left join budget_posting p on p.journal_id = j.id
    group by j.id having count(p.id) < 2 or coalesce(sum(p.amount_pence), 0) <> 0 order by j.id`.execute(tx);
  const twice = await sql<{ id: string }>`
    select reverses_id as id from budget_journal where reverses_id is not null
    group by reverses_id having count(*) > 1`.execute(tx);
  const row = totals.rows[0]!;
  return {
    journals: Number(row.journals),
    postings: Number(row.postings),
    trialBalancePence: Number(row.total),
    unbalancedJournalIds: unbalanced.rows.map((r) => r.id),
    reversedTwiceIds: twice.rows.map((r) => r.id),
  };
}

/**
 * Post many keyed journals in a few statements (a payment run's batch): the same rules as
 * `postJournal` — each must balance, and a key already used posts nothing and answers the earlier
 * journal with `created: false`. Returned in the order given.
 */
export async function postJournalBatch(
  tx: Tx,
  createdBy: string | null,
  inputs: readonly (JournalInput & { idempotencyKey: string })[],
): Promise<PostedJournal[]> {
  if (inputs.length === 0) return [];
  for (const input of inputs) {
    const problem = journalProblem(input.postings);
    if (problem) throw new UnbalancedJournalError(`${input.idempotencyKey}: ${problem}`);
  }
  const inserted = await tx
    .insertInto('budget_journal')
    .values(
      inputs.map((input) => ({
        org_id: scopedOrgId,
        kind: input.kind,
        description: input.description,
        effective_on: input.effectiveOn,
        person_id: input.personId ?? null,
        idempotency_key: input.idempotencyKey,
        created_by: createdBy,
      })) as never,
    )
    .onConflict((oc) => oc.columns(['org_id', 'idempotency_key']).doNothing())
    .returning(['id', 'idempotency_key'])
    .execute();
  const created = new Map(inserted.map((row) => [row.idempotency_key!, row.id]));
  const fresh = inputs.filter((input) => created.has(input.idempotencyKey));
  if (fresh.length)
    await tx
      .insertInto('budget_posting')
      .values(
        fresh.flatMap((input) =>
          input.postings.map((p) => ({
            org_id: scopedOrgId,
            journal_id: created.get(input.idempotencyKey)!,
            account_id: p.accountId,
            amount_pence: p.amountPence,
          })),
        ) as never,
      )
      .execute();
  const earlier = await earlierJournals(
    tx,
    inputs.filter((input) => !created.has(input.idempotencyKey)).map((input) => input.idempotencyKey),
  );
  return inputs.map((input) =>
    created.has(input.idempotencyKey)
      ? { id: created.get(input.idempotencyKey)!, created: true }
      : { id: earlier.get(input.idempotencyKey)!, created: false },
  );
}

async function earlierJournals(tx: Tx, keys: readonly string[]): Promise<Map<string, string>> {
  if (keys.length === 0) return new Map();
  const rows = await tx
    .selectFrom('budget_journal')
    .select(['id', 'idempotency_key'])
    .where('idempotency_key', 'in', keys)
    .execute();
  return new Map(rows.map((row) => [row.idempotency_key!, row.id]));
}
