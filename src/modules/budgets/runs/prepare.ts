import { sql, type Kysely } from 'kysely';
import type { DB } from '../../../platform/db/schema.js';
import { scopedOrgId, withOrg, type Tx } from '../../../platform/db/scope.js';
import { writeAudit, type AuditContext } from '../../../platform/audit/audit.js';
import { NotFoundError, ValidationError } from '../../../platform/http/errors.js';
import { councilAccount, postJournalBatch, type PostingInput } from '../ledger.js';
import {
  appointedParts,
  collectsContributionsNet,
  contributionsOf,
  partsAfter,
  partsOfPeople,
  payeesFor,
  unpaidBehindCursor,
} from './run-repository.js';
import type { PaymentState } from './run-tables.js';
import {
  paymentKey,
  paymentReference,
  periodFrom,
  planPayments,
  type Period,
  type PlannedPayment,
} from './schedule.js';

/**
 * Preparing a run: a resumable state machine. Each batch of parts is one transaction that writes,
 * for every part, its journal, its payment row and its outbox row (or a held-back payment row), all
 * keyed `${runId}:${partId}:${periodStart}`. A crash loses at most the batch in flight, which rolls
 * back whole; resuming picks up the parts that have no payment in the run yet, so every part is paid
 * exactly once. When no part is left the run becomes 'prepared' with its totals.
 */

export const DEFAULT_BATCH_SIZE = 200;

/** Points where a test (or the kill -9 script) may stop the process. */
export type RunStep = 'created' | 'batch-written' | 'batch-committed' | 'prepared';
export type StepHook = (step: RunStep, detail: { runId: string; batch: number }) => Promise<void> | void;

export interface PrepareOptions {
  batchSize?: number;
  onStep?: StepHook;
}

/** The actor's staff id, or null for the command line. */
function staffId(ctx: AuditContext): string | null {
  return ctx.actor.kind === 'user' ? ctx.actor.userId : null;
}

/**
 * Start a run for the 28 days from `periodStart`. Periods never overlap (checked under a lock per
 * council), so no part is paid twice across runs either.
 */
export async function createRun(db: Kysely<DB>, ctx: AuditContext, periodStart: string): Promise<string> {
  const period = periodFrom(periodStart);
  const runId = await withOrg(db, ctx.actor.orgId, async (tx) => {
    await sql`select pg_advisory_xact_lock(hashtext('payment_run:' || ${ctx.actor.orgId}))`.execute(tx);
    const clash = await tx
      .selectFrom('payment_run')
      .select(['period_start', 'period_end'])
      .where('period_start', '<=', period.end)
      .where('period_end', '>=', period.start)
      .executeTakeFirst();
    if (clash)
      throw new ValidationError([
        {
          text: `There is already a run for ${clash.period_start} to ${clash.period_end}, which overlaps this period`,
          href: '#period-start',
        },
      ]);
    const run = await tx
      .insertInto('payment_run')
      .values({
        org_id: scopedOrgId,
        period_start: period.start,
        period_end: period.end,
        prepared_by: staffId(ctx),
      } as never)
      .returning('id')
      .executeTakeFirstOrThrow();
    await writeAudit(tx, ctx, [{ action: 'payment-run.create', resourceType: 'payment_run', resourceId: run.id }]);
    return run.id;
  });
  return runId;
}

/** What every batch of a run needs and does not change while it is prepared: read once per call. */
interface RunConstants {
  netContributions: boolean;
  accounts: { funding: string; spending: string };
}

/** Prepare (or resume preparing) a run until every part in force has its payment. Safe to call again at any time. */
export async function prepareRun(
  db: Kysely<DB>,
  ctx: AuditContext,
  runId: string,
  options: PrepareOptions = {},
): Promise<void> {
  const batchSize = options.batchSize ?? DEFAULT_BATCH_SIZE;
  let constants: RunConstants | null = null;
  for (let batch = 1; ; batch++) {
    const finished = await withOrg(db, ctx.actor.orgId, async (tx) => {
      const run = await tx
        .selectFrom('payment_run')
        .select(['id', 'status', 'period_start', 'period_end', 'last_part_id'])
        .where('id', '=', runId)
        .forUpdate()
        .executeTakeFirst();
      if (!run) throw new NotFoundError();
      if (run.status !== 'preparing') return true;
      const period = { start: run.period_start, end: run.period_end };
      let parts = await partsAfter(tx, period, run.last_part_id, batchSize);
      if (parts.length === 0) parts = await unpaidBehindCursor(tx, runId, period, batchSize);
      if (parts.length === 0) {
        await finishPreparing(tx, ctx, runId);
        return true;
      }
      constants ??= {
        netContributions: await collectsContributionsNet(tx),
        accounts: {
          funding: await councilAccount(tx, 'council_funding'),
          spending: await councilAccount(tx, 'spending'),
        },
      };
      await payBatch(tx, ctx, runId, period, parts, constants);
      await moveCursor(tx, runId, run.last_part_id, parts.at(-1)!.id);
      await options.onStep?.('batch-written', { runId, batch });
      return false;
    });
    await options.onStep?.(finished ? 'prepared' : 'batch-committed', { runId, batch });
    if (finished) return;
  }
}

/** Move the run's cursor to the batch's last part (a sweep behind the cursor leaves it where it is). */
async function moveCursor(tx: Tx, runId: string, cursor: string | null, lastPartId: string): Promise<void> {
  // uuids order as their lower-case hex text does, so comparing the strings matches the database.
  if (cursor && lastPartId <= cursor) return;
  await tx.updateTable('payment_run').set({ last_part_id: lastPartId }).where('id', '=', runId).execute();
}

async function payBatch(
  tx: Tx,
  ctx: AuditContext,
  runId: string,
  period: Period,
  parts: PlannedPayment['part'][],
  { netContributions, accounts }: RunConstants,
) {
  const personIds = [...new Set(parts.map((p) => p.personId))];
  const contributions = netContributions ? await contributionsOf(tx, personIds, period) : new Map();
  const planned = planPayments(parts, {
    period,
    netContributions,
    // Only the people who contribute need all their parts, to share the contribution across them.
    personParts: await partsOfPeople(tx, [...contributions.keys()], period),
    contributions,
    appointedPartIds: await appointedParts(
      tx,
      parts.filter((p) => p.route === 'suitable_person').map((p) => p.id),
    ),
    payeeFor: await payeesFor(tx, parts),
  });
  const toPay = planned.filter((p) => p.heldBackReason === null && p.grossPence > 0);
  const journals = await postJournalBatch(
    tx,
    staffId(ctx),
    toPay.map((p) => ({
      kind: 'pay' as const,
      description: `Payment run ${period.start} to ${period.end}: ${p.part.route.replaceAll('_', ' ')} (${p.part.holder})`,
      effectiveOn: period.start,
      personId: p.part.personId,
      idempotencyKey: paymentKey(runId, p.part.id, period.start),
      postings: paymentPostings(p, accounts),
    })),
  );
  const journalByPart = new Map(toPay.map((p, i) => [p.part.id, journals[i]!.id]));
  await writePayments(tx, runId, period, planned, journalByPart);
  await writeAudit(tx, ctx, [
    { action: 'payment-run.prepare-batch', resourceType: 'payment_run', resourceId: runId, personIds },
  ]);
}

/**
 * How a payment moves money (sign: + into the account). To a holder (direct payment, card, managed
 * account, trust, ISF at a provider, pool, one-off): council funding → the part's holding account,
 * the person's contribution (net collection) making up the rest. Council-managed: the council pays
 * the provider itself, so the money passes through the person's virtual budget account straight to
 * spending in the same journal — the account shows what was spent for them and holds nothing.
 */
export function paymentPostings(p: PlannedPayment, accounts: { funding: string; spending: string }): PostingInput[] {
  const postings: PostingInput[] = [];
  if (p.netPence > 0) postings.push({ accountId: accounts.funding, amountPence: -p.netPence });
  for (const c of p.contributions) postings.push({ accountId: c.accountId, amountPence: -c.pence });
  postings.push({ accountId: p.part.accountId, amountPence: p.grossPence });
  if (p.part.route === 'council_managed')
    postings.push(
      { accountId: p.part.accountId, amountPence: -p.grossPence },
      { accountId: accounts.spending, amountPence: p.grossPence },
    );
  return postings;
}

async function writePayments(
  tx: Tx,
  runId: string,
  period: Period,
  planned: PlannedPayment[],
  journalByPart: Map<string, string>,
) {
  if (planned.length === 0) return;
  const inserted = await tx
    .insertInto('payment')
    .values(
      planned.map((p) => ({
        org_id: scopedOrgId,
        run_id: runId,
        part_id: p.part.id,
        person_id: p.part.personId,
        period_start: period.start,
        route: p.part.route,
        gross_pence: p.grossPence,
        contribution_pence: p.grossPence - p.netPence,
        amount_pence: p.netPence,
        state: paymentState(p),
        held_back_reason: p.heldBackReason,
        journal_id: journalByPart.get(p.part.id) ?? null,
        idempotency_key: paymentKey(runId, p.part.id, period.start),
      })) as never,
    )
    .onConflict((oc) => oc.column('idempotency_key').doNothing())
    .returning(['id', 'part_id'])
    .execute();
  const paymentIds = new Map(inserted.map((r) => [r.part_id, r.id]));
  const toOutbox = planned.filter((p) => !p.heldBackReason && p.netPence > 0 && paymentIds.has(p.part.id));
  if (toOutbox.length === 0) return;
  await tx
    .insertInto('payment_outbox')
    .values(
      toOutbox.map((p) => ({
        org_id: scopedOrgId,
        run_id: runId,
        payment_id: paymentIds.get(p.part.id)!,
        idempotency_key: paymentKey(runId, p.part.id, period.start),
        payee_name: p.payee!.name,
        sort_code: p.payee!.sortCode,
        account_number: p.payee!.accountNumber,
        amount_pence: p.netPence,
        reference: paymentReference(p.part.id, period.start),
        payment_date: period.start,
      })) as never,
    )
    .execute();
}

function paymentState(p: PlannedPayment): PaymentState {
  if (p.heldBackReason) return 'held_back';
  return p.grossPence === 0 ? 'nothing_due' : 'posted';
}

async function finishPreparing(tx: Tx, ctx: AuditContext, runId: string) {
  const totals = await tx
    .selectFrom('payment_outbox')
    .select([sql<string>`count(*)`.as('count'), sql<string>`coalesce(sum(amount_pence), 0)`.as('total')])
    .where('run_id', '=', runId)
    .executeTakeFirstOrThrow();
  const heldBack = await tx
    .selectFrom('payment')
    .select(sql<string>`count(*)`.as('count'))
    .where('run_id', '=', runId)
    .where('state', '=', 'held_back')
    .executeTakeFirstOrThrow();
  await tx
    .updateTable('payment_run')
    .set({
      status: 'prepared',
      prepared_at: new Date(),
      payment_count: Number(totals.count),
      total_pence: Number(totals.total),
      held_back_count: Number(heldBack.count),
    })
    .where('id', '=', runId)
    .execute();
  await writeAudit(tx, ctx, [{ action: 'payment-run.prepared', resourceType: 'payment_run', resourceId: runId }]);
}
