/**
 * Budgets: personal budgets as money — the ledger (the only way money moves), how each part of a
 * budget is held, payment runs, pools, ISFs, cards and monitoring (issue 14).
 */
import type { FastifyInstance } from 'fastify';
import { addRecordSection, addRecordTab } from '../people/index.js';
import { todayInLondon } from '../../platform/dates.js';
import { setDeliveryMechanismSource, setHoldingFeeSource } from '../planning/index.js';
import {
  budgetDeliveryMechanisms,
  budgetHoldingFees,
  registerMoneyPages,
  registerSettingsPage,
} from './parts/index.js';
import { assistantsRecordSection, registerAssistants } from './assistants/index.js';
import { registerPoolPages } from './pools/index.js';
import { registerIsfPages } from './isf/index.js';
import { registerMonitoring } from './monitoring/index.js';
import { registerPaymentRuns } from './runs/index.js';

/** Each part of the budgets module registers its pages here (one line each). */
export function registerBudgetsModule(app: FastifyInstance): void {
  registerMoneyPages(app);
  registerSettingsPage(app);
  addRecordTab(moneyTab);
  // A plan approved from now on reports the delivery mechanism of how the budget is held.
  setDeliveryMechanismSource(budgetDeliveryMechanisms);
  // A managed account's fee is spent from the budget: the support plan's costing counts it.
  setHoldingFeeSource(budgetHoldingFees);
  registerAssistants(app);
  registerPoolPages(app);
  registerIsfPages(app);
  registerMonitoring(app);
  registerPaymentRuns(app);
  // A personal assistant's insurance lapsed or renewing soon is open work on the summary's "Open now".
  addRecordSection({
    policy: 'assistants.read',
    tab: 'money',
    openWork: true,
    load: (tx, personId) => assistantsRecordSection(tx, personId, todayInLondon().toString()),
  });
}

// How the budget is held, the contributions and the statement: after the Budget tab (80), before the Timeline (90).
const moneyTab = {
  key: 'money',
  label: 'Money',
  order: 85,
  policy: 'money.read' as const,
  href: (personId: string) => `/people/${personId}/money`,
};

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
  HOLDING_ROUTES,
  MIN_TRUSTEES,
  MoneyService,
  ROUTE_KEYS,
  isHoldingRoute,
  type RouteInfo,
} from './parts/index.js';
export {
  AssistantService,
  DEFAULT_SUPPORT_MATRIX,
  assistantsRecordSection,
  insuranceState,
  listRenewals,
  recommendedLevel,
  type InsuranceState,
  type Renewal,
  type SupportMatrix,
} from './assistants/index.js';
export {
  PoolService,
  listPools,
  poolRecordSheetsFor,
  type PoolRow,
  type RecordSheet as PoolRecordSheet,
} from './pools/index.js';
export { isfSummariesFor, type IsfSummary } from './isf/index.js';
export {
  MONITORED_ROUTES,
  MonitoringService,
  checkAllParts,
  demoStatementCsv,
  importStatement,
  parseStatement,
  type ImportReport,
  type StatementLine,
} from './monitoring/index.js';
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
