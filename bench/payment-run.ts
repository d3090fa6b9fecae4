/**
 * Issue 14 §6's payment run benchmark: 10,000 recipients, one run end to end — create, prepare
 * (journals, payments, outbox), then both files — target ≤ 5 s on PostgreSQL. bench/run.ts runs it
 * (`timePaymentRunBothEngines`) after the load tests; or run this file on its own:
 *   npx tsx bench/payment-run.ts              (PGlite, and PostgreSQL too when TEST_DATABASE_URL is set)
 */
import { randomBytes } from 'node:crypto';
import { pathToFileURL } from 'node:url';
import pg from 'pg';
import { sql, type Kysely } from 'kysely';
import type { DB } from '../src/platform/db/schema.js';
import { openPGlite, openPostgres, type Database } from '../src/platform/db/database.js';
import { migrateToLatest } from '../src/platform/db/migrate.js';
import { withOrg } from '../src/platform/db/scope.js';
import { seedOrganisation } from '../src/seed/organisation.js';
import { createRun, makeFile, prepareRun, runSummaryIn } from '../src/modules/budgets/index.js';
import { insertProvider, seedPaymentParts } from '../test/helpers/payment-runs.js';

export const BENCH_RECIPIENTS = 10_000;
export const TARGET_MS = 5_000;

export interface PaymentRunTiming {
  ms: number;
  payments: number;
  fileBytes: number;
}

/**
 * Seed a council of its own with `recipients` budget parts (bulk inserts), then time one run end to
 * end including both files. Seeding is not timed.
 */
export async function timePaymentRun(db: Kysely<DB>, recipients = BENCH_RECIPIENTS): Promise<PaymentRunTiming> {
  const suffix = randomBytes(3).toString('hex').toUpperCase();
  const { orgId } = await seedOrganisation(db, {
    council: { name: `Payment Run Bench Council ${suffix}`, kind: 'council', ods_code: `PRB${suffix}` },
    accounts: [],
  });
  const serviceId = await insertProvider(db, orgId);
  await seedPaymentParts(db, orgId, recipients, { startsOn: '2026-12-07', serviceId });
  // A live database has planner statistics (autovacuum); a table bulk-loaded a moment ago has none yet.
  await sql`analyze`.execute(db);
  const ctx = { actor: { kind: 'system' as const, orgId } };
  const started = performance.now();
  const runId = await createRun(db, ctx, '2026-12-07');
  await prepareRun(db, ctx, runId);
  const fileBytes = await withOrg(db, orgId, async (tx) => {
    const run = await runSummaryIn(tx, runId);
    return (await makeFile(tx, run, 'csv')).body.length + (await makeFile(tx, run, 'bacs')).body.length;
  });
  const ms = performance.now() - started;
  const payments = (await withOrg(db, orgId, (tx) => runSummaryIn(tx, runId))).paymentCount;
  return { ms, payments, fileBytes };
}

async function throwawayPostgres(adminUrl: string): Promise<{ database: Database; drop(): Promise<void> }> {
  const name = `tl_bench_run_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const database = await openPostgres(url.toString(), 4);
  return {
    database,
    async drop() {
      await database.close();
      const cleanup = new pg.Client({ connectionString: adminUrl });
      await cleanup.connect();
      await cleanup.query(`drop database if exists ${name} with (force)`);
      await cleanup.end();
    },
  };
}

/** Both figures the issue asks for: PostgreSQL (the target) on a throw-away database beside `adminUrl`, and PGlite. */
export async function timePaymentRunBothEngines(
  adminUrl: string,
): Promise<{ postgres: PaymentRunTiming; pglite: PaymentRunTiming }> {
  const postgres = await throwawayPostgres(adminUrl);
  let pg: PaymentRunTiming;
  try {
    await migrateToLatest(postgres.database.db);
    pg = await timePaymentRun(postgres.database.db);
  } finally {
    await postgres.drop();
  }
  const lite = await openPGlite();
  try {
    await migrateToLatest(lite.db);
    return { postgres: pg, pglite: await timePaymentRun(lite.db) };
  } finally {
    await lite.close();
  }
}

function report(engine: string, t: PaymentRunTiming): void {
  const verdict = engine === 'postgres' ? (t.ms <= TARGET_MS ? 'PASS' : 'FAIL') : 'for information';
  console.log(
    `Payment run, ${t.payments.toLocaleString('en-GB')} payments (${engine}): ${(t.ms / 1000).toFixed(2)} s end to end including both files (${t.fileBytes.toLocaleString('en-GB')} bytes) — target ≤ ${TARGET_MS / 1000} s on PostgreSQL: ${verdict}`,
  );
}

async function main(): Promise<void> {
  const lite = await openPGlite();
  await migrateToLatest(lite.db);
  report('pglite', await timePaymentRun(lite.db));
  await lite.close();
  const adminUrl = process.env.TEST_DATABASE_URL;
  if (!adminUrl) return console.log('Set TEST_DATABASE_URL for the PostgreSQL figure.');
  const postgres = await throwawayPostgres(adminUrl);
  try {
    await migrateToLatest(postgres.database.db);
    report('postgres', await timePaymentRun(postgres.database.db));
  } finally {
    await postgres.drop();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await main();
