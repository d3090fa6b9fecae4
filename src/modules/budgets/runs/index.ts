import type { FastifyInstance } from 'fastify';
import { registerBankPages } from './bank-routes.js';
import { registerRunPages } from './routes.js';

/**
 * Payment runs (issue 14 §3): bank details, runs that pay each part once per period (resumable),
 * release by a second finance officer, and the payment files made from the outbox.
 */
export function registerPaymentRuns(app: FastifyInstance): void {
  registerRunPages(app);
  registerBankPages(app);
}

export { createRun, prepareRun, paymentPostings, DEFAULT_BATCH_SIZE, type RunStep, type StepHook } from './prepare.js';
export { releaseRun, completeRun } from './release.js';
export { listRuns, runDetail, runFile, makeFile, runSummaryIn, type RunSummary } from './queries.js';
export { ledgerTotalForRun, paymentCsv, paymentBacs, csvTrailer, bacsTrailer, neutralise } from './files.js';
export { periodFrom, planPayments, paymentKey, PERIOD_DAYS, NO_APPOINTMENT, NO_BANK_DETAILS } from './schedule.js';
export { maskedAccount, bankDetailsSchema } from './bank.js';
export { budgetsCommand, budgetsUsage, BudgetsUsageError } from './cli-commands.js';
export type {
  PayeeBankAccountTable,
  PaymentOutboxTable,
  PaymentRunTable,
  PaymentSettingsTable,
  PaymentTable,
} from './run-tables.js';
