import type { ColumnType, Generated, Selectable } from 'kysely';

/** Kysely types for the contingency plans tables (migrations/0007_contingency_plans.ts). */
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
/** jsonb: written as a JSON string, read back parsed (the module's zod schemas give it a type). */
type Json = ColumnType<unknown, string, string>;

export interface ContingencyPlanTable {
  id: Generated<string>;
  org_id: string;
  person_id: string;
  current_version: Generated<number>;
  created_at: Generated<Date>;
  created_by: string | null;
  updated_at: Timestamp;
  updated_by: string | null;
}

export interface ContingencyPlanVersionTable {
  id: Generated<string>;
  org_id: string;
  plan_id: string;
  person_id: string;
  version: number;
  content: Json;
  /** Plain dates travel as 'YYYY-MM-DD' strings. */
  agreed_on: string;
  review_date: string;
  created_at: Generated<Date>;
  created_by: string | null;
}

export interface ContingencyPlanActivationTable {
  id: Generated<string>;
  org_id: string;
  plan_id: string;
  person_id: string;
  plan_version: number;
  situation_key: string;
  situation: string;
  note: string;
  status: Generated<'awaiting_crisis_episode' | 'crisis_episode_opened'>;
  snapshot: Json;
  crisis_episode_id: string | null;
  crisis_episode_href: string | null;
  activated_at: Generated<Date>;
  activated_by: string;
}

export type ContingencyPlanRow = Selectable<ContingencyPlanTable>;
export type ContingencyPlanVersionRow = Selectable<ContingencyPlanVersionTable>;
export type ContingencyPlanActivationRow = Selectable<ContingencyPlanActivationTable>;

/** The contingency plans' tables, merged into the platform's Kysely `DB` (the platform imports no module). */
declare module '../../platform/db/schema.js' {
  interface DB {
    contingency_plan: ContingencyPlanTable;
    contingency_plan_version: ContingencyPlanVersionTable;
    contingency_plan_activation: ContingencyPlanActivationTable;
  }
}
