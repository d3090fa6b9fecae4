import { parseArgs } from 'node:util';
import type { Database } from '../../../platform/db/database.js';
import { migrateToLatest } from '../../../platform/db/migrate.js';
import { withOrg } from '../../../platform/db/scope.js';
import { plainDateProblem } from '../../../platform/dates.js';
import { canonicalId } from '../../../platform/http/ids.js';
import { ValidationError } from '../../../platform/http/errors.js';
import { formatPounds } from '../../../platform/money.js';
import { verifyLedger } from '../ledger.js';
import { createRun, prepareRun } from './prepare.js';
import { runSummaryIn } from './queries.js';

/** `budgets run` and `budgets verify`: a payment run without the browser, and the ledger's check. */

export class BudgetsUsageError extends Error {}

export const budgetsUsage = `  budgets run --period-start YYYY-MM-DD [--resume RUN_ID] [--org-id ID]
                                           Prepare the payment run for the 28 days from that day (or resume one that
                                           was interrupted). Releasing it is for a second finance officer, on its page.
  budgets verify                           Check every council's budget ledger; exits 1 on any problem.`;

function options(args: string[]) {
  try {
    return parseArgs({
      args,
      strict: true,
      allowPositionals: false,
      options: { 'period-start': { type: 'string' }, resume: { type: 'string' }, 'org-id': { type: 'string' } },
    }).values;
  } catch (error) {
    throw new BudgetsUsageError((error as Error).message);
  }
}

async function councilIds(database: Database): Promise<string[]> {
  const rows = await database.db
    .selectFrom('organisation')
    .select('id')
    .where('kind', '=', 'council')
    .orderBy('id')
    .execute();
  return rows.map((r) => r.id);
}

async function run(database: Database, args: string[]): Promise<number> {
  const values = options(args);
  const councils = await councilIds(database);
  const orgId = values['org-id'] ? canonicalId(values['org-id']) : councils.length === 1 ? councils[0] : null;
  if (!orgId) throw new BudgetsUsageError('Give --org-id: the council whose run this is');
  const ctx = { actor: { kind: 'system' as const, orgId } };
  let runId: string;
  if (values.resume) {
    const id = canonicalId(values.resume);
    if (!id) throw new BudgetsUsageError('--resume needs the run id (a UUID)');
    runId = id;
  } else {
    const start = values['period-start'] ?? '';
    const problem = plainDateProblem('--period-start', start);
    if (problem) throw new BudgetsUsageError(`${problem} (YYYY-MM-DD)`);
    try {
      runId = await createRun(database.db, ctx, start);
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      console.error(error.message);
      return 1;
    }
  }
  console.log(`Preparing run ${runId}…`);
  await prepareRun(database.db, ctx, runId);
  const s = await withOrg(database.db, orgId, (tx) => runSummaryIn(tx, runId));
  console.log(
    `Run ${runId} (${s.periodStart} to ${s.periodEnd}) is ${s.status}: ${s.paymentCount} payments, ${formatPounds(s.totalPence)}, ${s.heldBackCount} held back.`,
  );
  return 0;
}

async function verify(database: Database): Promise<number> {
  let problems = 0;
  for (const orgId of await councilIds(database)) {
    const check = await withOrg(database.db, orgId, verifyLedger);
    const bad =
      check.unbalancedJournalIds.length + check.reversedTwiceIds.length + (check.trialBalancePence === 0 ? 0 : 1);
    problems += bad;
    console.log(
      `Council ${orgId}: ${check.journals} journals, ${check.postings} postings, trial balance ${check.trialBalancePence} pence, ` +
        `${check.unbalancedJournalIds.length} unbalanced, ${check.reversedTwiceIds.length} reversed twice — ${bad ? 'PROBLEM' : 'ok'}`,
    );
    for (const id of [...check.unbalancedJournalIds, ...check.reversedTwiceIds]) console.log(`  journal ${id}`);
  }
  return problems ? 1 : 0;
}

export async function budgetsCommand(database: Database, args: string[]): Promise<number> {
  await migrateToLatest(database.db);
  const [sub, ...rest] = args;
  if (sub === 'run') return run(database, rest);
  if (sub === 'verify') return verify(database);
  throw new BudgetsUsageError('Did you mean "budgets run" or "budgets verify"?');
}
