import type { ColumnType, Generated, Selectable } from 'kysely';

/**
 * Kysely types for the monitoring tables (migrations/0033_budget_monitoring.ts), declared into the
 * schema with the rest of the budgets module's tables in ../tables.ts (one declaration per module).
 */
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
/** bigint comes back from the drivers as a string; pence are well inside safe integers. */
type Pence = ColumnType<string | number, number, number>;
type NullablePence = ColumnType<string | number | null, number | null | undefined, number | null>;
type PlainDate = string;

export type StatementSource = 'card' | 'bank';
export type MonitoringReason = 'surplus' | 'large_transaction' | 'cash_withdrawal' | 'no_statement';
export type CaseStatus = 'flagged' | 'conversation_held' | 'recovered' | 'kept';

export interface RefusedRow {
  /** The line of the file (the header is line 1). */
  line: number;
  reason: string;
}

export interface BudgetStatementImportTable {
  id: Generated<string>;
  org_id: string;
  part_id: string;
  source: StatementSource;
  rows_accepted: number;
  rows_refused: number;
  refused: ColumnType<RefusedRow[], string, string>;
  created_at: Generated<Date>;
  created_by: string | null;
}

export interface BudgetTransactionTable {
  id: Generated<string>;
  org_id: string;
  part_id: string;
  import_id: string;
  occurred_on: PlainDate;
  description: string;
  amount_pence: Pence;
  balance_pence: NullablePence;
  reference: string | null;
  row_hash: string;
  journal_id: string;
  category: string | null;
  categorised_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
  categorised_by: string | null;
  version: Generated<number>;
  created_at: Generated<Date>;
}

export interface BudgetMonitoringCaseTable {
  id: Generated<string>;
  org_id: string;
  part_id: string;
  person_id: string;
  reason: MonitoringReason;
  transaction_id: string | null;
  detail: string;
  amount_pence: NullablePence;
  flagged_on: PlainDate;
  status: Generated<CaseStatus>;
  conversation_notes: string | null;
  conversation_on: PlainDate | null;
  recovered_pence: NullablePence;
  recovery_journal_id: string | null;
  keep_reason: string | null;
  created_at: Generated<Date>;
  created_by: string | null;
  updated_at: Timestamp;
  updated_by: string | null;
  version: Generated<number>;
}

export interface BudgetSavedHoursTable {
  id: Generated<string>;
  org_id: string;
  part_id: string;
  hundredths: number;
  week_of: PlainDate;
  note: string;
  created_at: Generated<Date>;
  created_by: string | null;
}

export type BudgetTransactionRow = Selectable<BudgetTransactionTable>;
export type MonitoringCaseRow = Selectable<BudgetMonitoringCaseTable>;
export type SavedHoursRow = Selectable<BudgetSavedHoursTable>;
