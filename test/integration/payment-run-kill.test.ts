import { randomBytes } from 'node:crypto';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPostgres, type Database } from '../../src/platform/db/database.js';
import { migrateToLatest } from '../../src/platform/db/migrate.js';
import { withOrg } from '../../src/platform/db/scope.js';
import { seedOrganisation } from '../../src/seed/organisation.js';
import {
  bacsTrailer,
  createRun,
  csvTrailer,
  ledgerTotalForRun,
  makeFile,
  runSummaryIn,
} from '../../src/modules/budgets/runs/index.js';
import { verifyLedger } from '../../src/modules/budgets/index.js';
import { insertProvider, seedPaymentParts } from '../helpers/payment-runs.js';

/**
 * Issue 14 §3's proof by killing a real process: a 2,000-payment run prepared by a child process
 * that is SIGKILLed at each step boundary (it pauses there and says so) and at random moments, then
 * resumed. Afterwards every part is paid exactly once, every journal balances, the files' totals
 * equal the ledger's, and nothing is left in progress. PostgreSQL only (a real server notices the
 * dead connection and rolls its transaction back). TL_KILL_EXTENDED=1 kills it 60 times.
 */
const adminUrl = process.env.TEST_DATABASE_URL;
const extended = process.env.TL_KILL_EXTENDED === '1';
const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
const PARTS = 2000;
const PERIOD = '2026-12-07';

type Kill = { at: string } | { randomMs: number };

/** CI: each step boundary once (mid-batch, between batches, after preparing, after the files) and two random moments. */
function killPlan(): Kill[] {
  const plan: Kill[] = [
    { at: 'batch-written:1' },
    { at: 'batch-committed:1' },
    { randomMs: 150 + Math.floor(Math.random() * 400) },
    { randomMs: Math.floor(Math.random() * 600) },
  ];
  // Extended: small batches, and kill points that leave most of the run to do, so every kill lands.
  if (extended)
    for (let i = 0; i < 54; i++)
      plan.push(
        i % 3 === 0
          ? { at: `batch-written:${1 + (i % 2)}` }
          : i % 3 === 1
            ? { at: 'batch-committed:1' }
            : { randomMs: Math.floor(Math.random() * 300) },
      );
  return [...plan, { at: 'prepared:1' }, { at: 'files:1' }];
}

/** Run the child once: until it pauses at the kill point (or the random moment), then SIGKILL it; or to the end. */
function runChild(env: Record<string, string>, kill: Kill | null): Promise<{ killed: boolean; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'test/helpers/payment-run-child.ts'], {
      cwd: repoRoot,
      env: { ...process.env, ...env, ...(kill && 'at' in kill ? { TL_RUN_KILL_AT: kill.at } : {}) },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    let killed = false;
    const killNow = () => {
      if (child.exitCode === null && !killed) {
        killed = true;
        child.kill('SIGKILL');
      }
    };
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (kill && 'at' in kill && output.includes('PAUSED')) killNow();
      if (kill && 'randomMs' in kill && output.includes('STARTED')) setTimeout(killNow, kill.randomMs);
    });
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', reject);
    child.on('exit', (code) => {
      if (!killed && code !== 0) reject(new Error(`child failed (${code}): ${output}`));
      else resolve({ killed, output });
    });
  });
}

function cli(args: string[]): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli.ts', ...args], {
      cwd: repoRoot,
      env: { ...process.env, DATABASE_URL: cliDatabaseUrl },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', reject);
    child.on('exit', (code) => resolve({ code, output }));
  });
}
let cliDatabaseUrl = '';

describe.skipIf(!adminUrl)('payment run survives kill -9 (postgres)', () => {
  let database: Database;
  let url: string;
  let name: string;
  let orgId: string;
  let runId: string;

  beforeAll(async () => {
    name = `tl_kill_${randomBytes(6).toString('hex')}`;
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    await admin.query(`create database ${name}`);
    await admin.end();
    const u = new URL(adminUrl!);
    u.pathname = `/${name}`;
    url = u.toString();
    cliDatabaseUrl = url;
    database = await openPostgres(url, 4);
    await migrateToLatest(database.db);
    orgId = (await seedOrganisation(database.db)).orgId;
    const serviceId = await insertProvider(database.db, orgId);
    await seedPaymentParts(database.db, orgId, PARTS, { startsOn: PERIOD, serviceId });
    runId = await createRun(database.db, { actor: { kind: 'system', orgId } }, PERIOD);
  }, 120_000);

  afterAll(async () => {
    await database?.close();
    if (!name) return;
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    await admin.query(`drop database if exists ${name} with (force)`);
    await admin.end();
  });

  it(
    'pays every part exactly once however often it is killed, with balanced journals and files equal to the ledger',
    async () => {
      const env = { TL_RUN_DB: url, TL_ORG_ID: orgId, TL_RUN_ID: runId, TL_BATCH_SIZE: extended ? '10' : '200' };
      let kills = 0;
      for (const kill of killPlan()) if ((await runChild(env, kill)).killed) kills++;
      const last = await runChild(env, null);
      expect(last.output).toContain('DONE');

      const perPart = await sql<{ expected: number; received: number; payments: number; journals: number }>`
        select coalesce(b.weekly_pence * 4, b.one_off_pence)::bigint as expected,
          (select coalesce(sum(p.amount_pence), 0) from budget_posting p
            where p.account_id = b.account_id and p.amount_pence > 0)::bigint as received,
          (select count(*) from payment pay where pay.part_id = b.id)::int as payments,
          (select count(*) from budget_journal j where j.idempotency_key = ${runId} || ':' || b.id || ':' || ${PERIOD})::int as journals
        from budget_part b`.execute(database.db);
      expect(perPart.rows).toHaveLength(PARTS);
      const wrong = perPart.rows.filter(
        (r) => Number(r.received) !== Number(r.expected) || r.payments !== 1 || r.journals !== 1,
      );
      expect(wrong).toEqual([]);

      await withOrg(database.db, orgId, async (tx) => {
        expect(await verifyLedger(tx)).toMatchObject({
          trialBalancePence: 0,
          unbalancedJournalIds: [],
          reversedTwiceIds: [],
        });
        const run = await runSummaryIn(tx, runId);
        const ledger = await ledgerTotalForRun(tx, runId);
        expect(run).toMatchObject({ status: 'prepared', paymentCount: PARTS, heldBackCount: 0, totalPence: ledger });
        expect(csvTrailer((await makeFile(tx, run, 'csv')).body)).toEqual({ count: PARTS, totalPence: ledger });
        expect(bacsTrailer((await makeFile(tx, run, 'bacs')).body)).toEqual({ count: PARTS, totalPence: ledger });
      });
      // Nothing in progress: no transaction a killed process left open.
      const open = await sql<{ n: number }>`
        select count(*)::int as n from pg_stat_activity
        where datname = current_database() and state like 'idle in transaction%'`.execute(database.db);
      expect(open.rows[0]!.n).toBe(0);
      expect(kills).toBeGreaterThanOrEqual(extended ? 50 : 4);

      // The command line agrees: resuming the prepared run adds nothing, and the ledger verifies.
      const resumed = await cli(['budgets', 'run', '--resume', runId]);
      expect(resumed).toMatchObject({ code: 0 });
      expect(resumed.output).toContain(`is prepared: ${PARTS} payments`);
      const verified = await cli(['budgets', 'verify']);
      expect(verified).toMatchObject({ code: 0 });
      expect(verified.output).toMatch(/trial balance 0 pence, 0 unbalanced, 0 reversed twice — ok/);
    },
    extended ? 1_200_000 : 180_000,
  );
});
