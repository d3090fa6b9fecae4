import type { ColumnType, Generated, Selectable } from 'kysely';

/** Kysely types for the support plan tables (migrations/0024_support_plans.ts). */
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
/** jsonb: written as a JSON string, read back parsed (plan-content.ts gives it a type). */
type Json = ColumnType<unknown, string, string>;
/** bigint comes back from the drivers as a string; pence are well inside safe integers. */
type Pence = ColumnType<string | number | null, number | null | undefined, number | null>;

export interface SupportPlanTable {
  id: Generated<string>;
  org_id: string;
  person_id: string;
  status: Generated<'draft' | 'agreed' | 'approved'>;
  agreed_weekly_budget_pence: Pence;
  current_version: Generated<number>;
  created_at: Generated<Date>;
  created_by: string | null;
  updated_at: Timestamp;
  updated_by: string | null;
}

export interface SupportPlanVersionTable {
  id: Generated<string>;
  org_id: string;
  plan_id: string;
  person_id: string;
  version: number;
  content: Json;
  /** The part of the plan this version changed, in words ("Support: Personal care"). */
  changed_part: string;
  created_at: Generated<Date>;
  created_by: string | null;
}

/** One approval of one version of the plan (migration 0028): written once, never changed. */
export interface SupportPlanApprovalTable {
  id: Generated<string>;
  org_id: string;
  plan_id: string;
  person_id: string;
  version: number;
  weekly_cost_pence: ColumnType<string | number, number, number>;
  agreed_budget_weekly_pence: ColumnType<string | number, number, number>;
  approved_on: string;
  approved_by: string | null;
  approved_by_role: string;
  panel_decided_on: string | null;
  panel_members: string | null;
  panel_decision: string | null;
  created_at: Generated<Date>;
}

export type SupportPlanRow = Selectable<SupportPlanTable>;
export type SupportPlanApprovalRow = Selectable<SupportPlanApprovalTable>;
export type SupportPlanVersionRow = Selectable<SupportPlanVersionTable>;

/** The support plan's tables, merged into the platform's Kysely `DB` (the platform imports no module). */
declare module '../../platform/db/schema.js' {
  interface DB {
    support_plan: SupportPlanTable;
    support_plan_version: SupportPlanVersionTable;
    support_plan_approval: SupportPlanApprovalTable;
  }
}
