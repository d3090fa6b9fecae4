import type { ColumnType, Generated, Selectable } from 'kysely';

/**
 * Kysely types for the personal assistant tables (migrations/0030_personal_assistants.ts). They are
 * added to the platform's `DB` by the budgets module's tables.ts, the module's one declaration.
 */
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
/** Plain calendar dates travel as 'YYYY-MM-DD' strings. */
type PlainDate = string;

export type EmployedThrough = 'direct' | 'agency';
export type DbsLevel = 'none' | 'basic' | 'standard' | 'enhanced' | 'enhanced_barred';
export type ManageCapacity = 'independent' | 'some_help' | 'considerable_help' | 'cannot_manage';
export type SupportInPlace = 'none' | 'family' | 'organisation';
export type SupportLevel = 'information' | 'light' | 'regular' | 'managed';

export interface PersonalAssistantTable {
  id: Generated<string>;
  org_id: string;
  person_id: string;
  name: string;
  employed_through: EmployedThrough;
  agency_name: string | null;
  starts_on: PlainDate;
  ends_on: PlainDate | null;
  ended_reason: string | null;
  dbs_level: DbsLevel;
  dbs_certificate: string | null;
  dbs_checked_on: PlainDate | null;
  right_to_work_checked: boolean;
  references_checked: boolean;
  insurer: string | null;
  insurance_policy_number: string | null;
  insurance_renews_on: PlainDate | null;
  payroll_service: string | null;
  support_service_id: string | null;
  support_service_name: string | null;
  form_helper: string | null;
  created_at: Generated<Date>;
  created_by: string | null;
  updated_at: Timestamp;
  updated_by: string | null;
  version: Generated<number>;
}

export interface PersonalAssistantHistoryTable {
  id: Generated<string>;
  org_id: string;
  assistant_id: string;
  version: number;
  state: ColumnType<unknown, string, string>;
  changed_at: Generated<Date>;
  changed_by: string | null;
}

export interface DpSupportMatrixTable {
  org_id: string;
  capacity: ManageCapacity;
  support_in_place: SupportInPlace;
  recommended_level: SupportLevel;
  updated_at: Timestamp;
  updated_by: string | null;
}

export interface DpSupportDecisionTable {
  id: Generated<string>;
  org_id: string;
  person_id: string;
  capacity: ManageCapacity;
  support_in_place: SupportInPlace;
  recommended_level: SupportLevel;
  decided_level: SupportLevel;
  reason: string | null;
  decided_on: PlainDate;
  created_at: Generated<Date>;
  created_by: string | null;
}

export type PersonalAssistantRow = Selectable<PersonalAssistantTable>;
export type DpSupportDecisionRow = Selectable<DpSupportDecisionTable>;
