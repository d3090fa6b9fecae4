/** Pools (S9): members' contributions, expenses approved by two of three signatories, record sheets. */
export { registerPoolPages } from './routes.js';
export { PoolService } from './service.js';
export { poolRecordSheetsFor, type RecordSheet } from './record-sheet.js';
export { listPools, type PoolRow } from './repository.js';
export type {
  BudgetIsfDeliveryTable,
  BudgetPoolApprovalTable,
  BudgetPoolContributionTable,
  BudgetPoolExpenseShareTable,
  BudgetPoolExpenseTable,
  BudgetPoolMemberTable,
  BudgetPoolSignatoryTable,
  BudgetPoolTable,
} from './tables.js';
