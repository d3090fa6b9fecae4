import type { FastifyInstance } from 'fastify';
import { registerCasePages } from './routes-cases.js';
import { registerCaseListPages } from './routes-list.js';
import { registerCategoryPages } from './routes-category.js';
import { registerMonitoringPages } from './routes-monitoring.js';
import { registerSavedHoursPages } from './routes-saved-hours.js';
import { MonitoringService } from './service.js';

/**
 * Monitoring a budget part (issue 14 §4: S5, S7, S8): statements and card records imported and
 * categorised against the plan, actual against expected balance, surpluses and unusual patterns
 * flagged for a conversation, and saved-up hours. Light touch: for most people a statement is all.
 */
export function registerMonitoring(app: FastifyInstance): void {
  const service = new MonitoringService(app.deps.database.db);
  registerMonitoringPages(app, service);
  registerCategoryPages(app, service);
  registerCasePages(app, service);
  registerCaseListPages(app, service);
  registerSavedHoursPages(app, service);
}

export { MonitoringService } from './service.js';
export { importStatement, type ImportReport } from './import.js';
export { checkAllParts } from './checks.js';
export { parseStatement, type StatementLine } from './statement-csv.js';
export { MONITORED_ROUTES } from './rules.js';
export type {
  BudgetMonitoringCaseTable,
  BudgetSavedHoursTable,
  BudgetStatementImportTable,
  BudgetTransactionTable,
} from './tables.js';
export { demoStatementCsv } from './demo-statement.js';
