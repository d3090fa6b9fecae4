import type { ColumnType, Generated, Selectable } from 'kysely';

/** Kysely types for the allocation tables (migrations/0025_allocation.ts). */
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
/** jsonb: written as a JSON string, read back parsed. */
type Json = ColumnType<unknown, string, string>;
/** bigint comes back from the drivers as a string; pence are well inside safe integers. */
type Pence = ColumnType<string | number, number, number>;
type NullablePence = ColumnType<string | number | null, number | null | undefined, number | null>;
/** Plain calendar dates travel as 'YYYY-MM-DD' strings. */
type PlainDate = string;

export interface RasVersionTable {
  id: Generated<string>;
  org_id: string;
  label: string;
  effective_from: PlainDate | null;
  status: Generated<'draft' | 'published'>;
  /** The RasVersion without its id (ras-types.ts). */
  definition: Json;
  based_on: string | null;
  published_at: NullableTimestamp;
  published_by: string | null;
  created_at: Generated<Date>;
  created_by: string | null;
  updated_at: Timestamp;
  updated_by: string | null;
  version: Generated<number>;
}

export type BudgetStatus = 'indicative' | 'awaiting_approval' | 'awaiting_panel' | 'agreed';

export interface BudgetAllocationTable {
  id: Generated<string>;
  org_id: string;
  person_id: string;
  assessment_id: string;
  ras_version_id: string;
  /** RasAnswers. */
  answers: Json;
  points: number;
  indicative_weekly_pence: Pence;
  /** BudgetLine[], exactly as worked out. */
  lines: Json;
  calculated_on: PlainDate;
  status: Generated<BudgetStatus>;
  agreed_weekly_pence: NullablePence;
  difference_reason: string | null;
  decided_by: string | null;
  decided_role: string | null;
  decided_at: NullableTimestamp;
  panel_date: PlainDate | null;
  panel_members: string | null;
  panel_decision: string | null;
  created_at: Generated<Date>;
  created_by: string | null;
  updated_at: Timestamp;
  updated_by: string | null;
  version: Generated<number>;
}

export interface BudgetApprovalLimitTable {
  org_id: string;
  role: string;
  max_weekly_pence: Pence;
  updated_at: Timestamp;
  updated_by: string | null;
}

export type RasVersionRow = Selectable<RasVersionTable>;
export type BudgetAllocationRow = Selectable<BudgetAllocationTable>;

declare module '../../platform/db/schema.js' {
  interface DB {
    ras_version: RasVersionTable;
    budget_allocation: BudgetAllocationTable;
    budget_approval_limit: BudgetApprovalLimitTable;
  }
}
