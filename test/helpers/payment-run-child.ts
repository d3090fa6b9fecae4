/**
 * A payment run in a process of its own, for the kill -9 test (test/integration/payment-run-kill.test.ts).
 * Env: TL_RUN_DB (PostgreSQL URL), TL_ORG_ID, TL_RUN_ID (the run to prepare or resume), TL_BATCH_SIZE,
 * and TL_RUN_KILL_AT=<step>:<n> to stop at the n-th time the run reaches that step (RunStep, or
 * 'files' after the files are made): it prints "PAUSED <step> <batch>" and waits to be killed.
 * Prints "STARTED" once connected and "DONE" when the run is prepared and both files are made.
 */
import { openPostgres } from '../../src/platform/db/database.js';
import { withOrg } from '../../src/platform/db/scope.js';
import { makeFile, prepareRun, runSummaryIn, type RunStep } from '../../src/modules/budgets/index.js';

const [killStep, killCount] = (process.env.TL_RUN_KILL_AT ?? '').split(':');
const seen = new Map<string, number>();

async function maybePause(step: RunStep | 'files', batch: number): Promise<void> {
  seen.set(step, (seen.get(step) ?? 0) + 1);
  if (step !== killStep || seen.get(step) !== Number(killCount ?? 1)) return;
  process.stdout.write(`PAUSED ${step} ${batch}\n`);
  await new Promise(() => {}); // until SIGKILL
}

async function main() {
  const database = await openPostgres(process.env.TL_RUN_DB!, 2);
  const orgId = process.env.TL_ORG_ID!;
  const runId = process.env.TL_RUN_ID!;
  process.stdout.write('STARTED\n');
  await prepareRun(database.db, { actor: { kind: 'system', orgId } }, runId, {
    batchSize: Number(process.env.TL_BATCH_SIZE ?? 200),
    onStep: (step, detail) => maybePause(step, detail.batch),
  });
  await withOrg(database.db, orgId, async (tx) => {
    const run = await runSummaryIn(tx, runId);
    await makeFile(tx, run, 'csv');
    await makeFile(tx, run, 'bacs');
  });
  await maybePause('files', 0);
  await database.close();
  process.stdout.write('DONE\n');
}

main().catch((error: unknown) => {
  process.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
  process.exit(1);
});
