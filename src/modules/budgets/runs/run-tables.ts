import type { ColumnType, Generated } from 'kysely';

/** Kysely types for the payment run tables (migrations/0031_payment_runs.ts), merged into DB by ../tables.ts. */
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
/** bigint comes back from the drivers as a string; pence are well inside safe integers. */
type Pence = ColumnType<string | number, number, number>;
type DefaultPence = ColumnType<string | number, number | undefined, number>;
type PlainDate = string;

export type RunStatus = 'preparing' | 'prepared' | 'released' | 'completed';
export type PaymentState = 'posted' | 'held_back' | 'nothing_due';

export interface PayeeBankAccountTable {
  id: Generated<string>;
  org_id: string;
  part_id: string | null;
  service_id: string | null;
  account_name: string;
  sort_code: string;
  account_number: string;
  created_at: Generated<Date>;
  created_by: string | null;
  updated_at: Timestamp;
  updated_by: string | null;
  version: Generated<number>;
}

export interface PaymentSettingsTable {
  org_id: string;
  originator_name: Generated<string>;
  originator_sort_code: Generated<string>;
  originator_account_number: Generated<string>;
  service_user_number: Generated<string>;
  updated_at: Timestamp;
}

export interface PaymentRunTable {
  id: Generated<string>;
  org_id: string;
  period_start: PlainDate;
  period_end: PlainDate;
  status: Generated<RunStatus>;
  prepared_by: string | null;
  prepared_at: NullableTimestamp;
  released_by: string | null;
  released_at: NullableTimestamp;
  completed_at: NullableTimestamp;
  payment_count: Generated<number>;
  held_back_count: Generated<number>;
  total_pence: DefaultPence;
  last_part_id: string | null;
  created_at: Generated<Date>;
}

export interface PaymentTable {
  id: Generated<string>;
  org_id: string;
  run_id: string;
  part_id: string;
  person_id: string;
  period_start: PlainDate;
  route: string;
  gross_pence: Pence;
  contribution_pence: DefaultPence;
  amount_pence: Pence;
  state: PaymentState;
  held_back_reason: string | null;
  journal_id: string | null;
  idempotency_key: string;
  created_at: Generated<Date>;
}

export interface PaymentOutboxTable {
  id: Generated<string>;
  org_id: string;
  run_id: string;
  payment_id: string;
  idempotency_key: string;
  payee_name: string;
  sort_code: string;
  account_number: string;
  amount_pence: Pence;
  reference: string;
  payment_date: PlainDate;
  created_at: Generated<Date>;
}
