import { sql, type Kysely } from 'kysely';
import type { DB } from '../../../platform/db/schema.js';
import { withOrg, type Tx } from '../../../platform/db/scope.js';
import { writeAudit, type AuditContext } from '../../../platform/audit/audit.js';
import { NotFoundError, ValidationError } from '../../../platform/http/errors.js';
import type { RequestContext } from '../../../platform/http/context.js';
import { visiblePeople } from '../../people/index.js';
import { ledgerTotalForRun, originatorOf, outboxLines, paymentBacs, paymentCsv } from './files.js';
import type { RunStatus } from './run-tables.js';
import { NO_BANK_DETAILS, PROVIDER_ROUTES } from './schedule.js';
import type { HoldingRoute } from '../tables.js';

/** What the run pages show, and the files. */

export interface RunSummary {
  id: string;
  periodStart: string;
  periodEnd: string;
  status: RunStatus;
  preparedBy: string | null;
  releasedBy: string | null;
  paymentCount: number;
  totalPence: number;
  heldBackCount: number;
}

const runColumns = [
  'id',
  'period_start',
  'period_end',
  'status',
  'prepared_by',
  'released_by',
  'payment_count',
  'total_pence',
  'held_back_count',
] as const;

function toSummary(r: {
  id: string;
  period_start: string;
  period_end: string;
  status: RunStatus;
  prepared_by: string | null;
  released_by: string | null;
  payment_count: number;
  total_pence: string | number;
  held_back_count: number;
}): RunSummary {
  return {
    id: r.id,
    periodStart: r.period_start,
    periodEnd: r.period_end,
    status: r.status,
    preparedBy: r.prepared_by,
    releasedBy: r.released_by,
    paymentCount: r.payment_count,
    totalPence: Number(r.total_pence),
    heldBackCount: r.held_back_count,
  };
}

/** Every run, newest period first (no person's data: counts and totals only). */
export async function listRuns(db: Kysely<DB>, orgId: string): Promise<RunSummary[]> {
  const rows = await withOrg(db, orgId, (tx) =>
    tx.selectFrom('payment_run').select(runColumns).orderBy('period_start', 'desc').limit(100).execute(),
  );
  return rows.map(toSummary);
}

export interface HeldBackPayment {
  partId: string;
  personId: string;
  route: string;
  holder: string;
  grossPence: number;
  reason: string;
  /** Where the payee's bank details are recorded (the provider's for council-managed parts and ISFs), when they are missing. */
  bankHref: string | null;
}

export interface RunDetail {
  run: RunSummary;
  /** Payments posted so far (while preparing, the progress). */
  posted: number;
  postedPence: number;
  heldBack: HeldBackPayment[];
  /** The funding the ledger shows leaving for the run: equals the files' total. */
  ledgerPence: number;
}

async function findRun(tx: Tx, runId: string): Promise<RunSummary> {
  const row = await tx.selectFrom('payment_run').select(runColumns).where('id', '=', runId).executeTakeFirst();
  if (!row) throw new NotFoundError();
  return toSummary(row);
}

/** A run's page: its figures and the held-back payments with their reasons (audited: they name people's parts). */
export async function runDetail(db: Kysely<DB>, ctx: RequestContext, runId: string): Promise<RunDetail> {
  return withOrg(db, ctx.actor.orgId, async (tx) => {
    const run = await findRun(tx, runId);
    const progress = await tx
      .selectFrom('payment_outbox')
      .select([sql<string>`count(*)`.as('count'), sql<string>`coalesce(sum(amount_pence), 0)`.as('total')])
      .where('run_id', '=', runId)
      .executeTakeFirstOrThrow();
    const held = await tx
      .selectFrom('payment as p')
      .innerJoin('budget_part as b', 'b.id', 'p.part_id')
      // A restricted person's part is not listed to someone who may not see their record (counted only).
      .innerJoin(visiblePeople(tx, ctx.actor, 'v'), 'v.id', 'p.person_id')
      .select([
        'p.part_id',
        'p.person_id',
        'p.route',
        'b.holder',
        'b.service_id',
        'p.gross_pence',
        'p.held_back_reason',
      ])
      .where('p.run_id', '=', runId)
      .where('p.state', '=', 'held_back')
      .orderBy('p.idempotency_key')
      .execute();
    const heldBack = held.map((h) => ({
      partId: h.part_id,
      personId: h.person_id,
      route: h.route,
      holder: h.holder,
      grossPence: Number(h.gross_pence),
      reason: h.held_back_reason ?? '',
      bankHref:
        h.held_back_reason !== NO_BANK_DETAILS
          ? null
          : PROVIDER_ROUTES.has(h.route as HoldingRoute) && h.service_id
            ? `/payments/services/${h.service_id}/bank`
            : `/payments/parts/${h.part_id}/bank`,
    }));
    await writeAudit(tx, ctx, [
      {
        action: 'payment-run.view',
        resourceType: 'payment_run',
        resourceId: runId,
        personIds: heldBack.map((h) => h.personId),
      },
    ]);
    return {
      run,
      posted: Number(progress.count),
      postedPence: Number(progress.total),
      heldBack,
      ledgerPence: await ledgerTotalForRun(tx, runId),
    };
  });
}

export type FileKind = 'csv' | 'bacs';

export interface PaymentFile {
  filename: string;
  contentType: string;
  body: string;
}

/**
 * A released run's payment file, made from the outbox. Audited with everyone paid in it, since it
 * carries their payees' names and bank details. Before release there is no file to send.
 */
export async function runFile(db: Kysely<DB>, ctx: AuditContext, runId: string, kind: FileKind): Promise<PaymentFile> {
  return withOrg(db, ctx.actor.orgId, async (tx) => {
    const run = await findRun(tx, runId);
    if (run.status !== 'released' && run.status !== 'completed')
      throw new ValidationError([{ text: 'The files can be downloaded once the run is released', href: '#files' }]);
    const file = await makeFile(tx, run, kind);
    const paid = await tx
      .selectFrom('payment')
      .innerJoin('payment_outbox', 'payment_outbox.payment_id', 'payment.id')
      .select('payment.person_id')
      .distinct()
      .where('payment.run_id', '=', runId)
      .orderBy('payment.person_id')
      .execute();
    await writeAudit(tx, ctx, [
      {
        action: `payment-run.download-${kind}`,
        resourceType: 'payment_run',
        resourceId: runId,
        personIds: paid.map((p) => p.person_id),
      },
    ]);
    return file;
  });
}

/** The file's bytes (no audit: for the command line and the tests that compare re-runs). */
export async function makeFile(tx: Tx, run: RunSummary, kind: FileKind): Promise<PaymentFile> {
  const lines = await outboxLines(tx, run.id);
  const name = `payment-run-${run.periodStart}`;
  if (kind === 'csv')
    return { filename: `${name}.csv`, contentType: 'text/csv; charset=utf-8', body: paymentCsv(lines) };
  const body = paymentBacs(lines, await originatorOf(tx), run.id, run.periodStart);
  return { filename: `${name}.txt`, contentType: 'text/plain; charset=us-ascii', body };
}

export async function runSummaryIn(tx: Tx, runId: string): Promise<RunSummary> {
  return findRun(tx, runId);
}
