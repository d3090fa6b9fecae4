/**
 * Budgets: personal budgets as money — the ledger (the only way money moves), how each part of a
 * budget is held, payment runs, pools, ISFs, cards and monitoring (issue 14).
 */
import type { FastifyInstance } from 'fastify';
import { registerPaymentRuns } from './runs/index.js';

/** Each part of the budgets module registers its pages here (one line each). */
export function registerBudgetsModule(app: FastifyInstance): void {
  registerPaymentRuns(app);
}

export {
  UnbalancedJournalError,
  accountBalances,
  councilAccount,
  journalProblem,
  openAccount,
  postJournal,
  postJournalBatch,
  reverseJournal,
  verifyLedger,
  type JournalInput,
  type LedgerCheck,
  type PostedJournal,
  type PostingInput,
} from './ledger.js';
export { dayNumber, overlap, partPenceInPeriod, proRataPence } from './pro-rata.js';
export type {
  AccountKind,
  BudgetJournalRow,
  BudgetPartRow,
  BudgetSettingsRow,
  CldDeliveryMechanism,
  HoldingRoute,
  JournalKind,
} from './tables.js';
export {
  completeRun,
  createRun,
  ledgerTotalForRun,
  listRuns,
  makeFile,
  prepareRun,
  releaseRun,
  runSummaryIn,
  type RunStep,
} from './runs/index.js';
export { budgetsCommand, budgetsUsage, BudgetsUsageError } from './runs/index.js';
