import type { ColumnType, Generated, Selectable } from 'kysely';

/**
 * Kysely types for the crisis (tier 2) tables (migrations/0010_crisis.ts). They join the platform's `DB`
 * by declaration merging, so the platform's schema names no module and the tables' types live with
 * the module that owns them.
 */
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
/** jsonb: written as a JSON string, read back parsed (the module's zod schemas give it a type). */
type Json = ColumnType<unknown, string | undefined, string>;
type NullableJson = ColumnType<unknown, string | null | undefined, string | null>;
/** Plain calendar dates travel as 'YYYY-MM-DD' strings. */
type PlainDate = string;

export interface CrisisSettingTable {
  org_id: string;
  time_limit_days: Generated<number>;
  warn_days: Generated<number>;
  updated_at: Timestamp;
  updated_by: string | null;
}

export interface CrisisUrgencyLevelTable {
  org_id: string;
  key: string;
  label: string;
  response_minutes: number;
  position: Generated<number>;
}

export type CrisisSource = 'referral' | 'partner_event' | 'plan_activation';
export type CrisisCloseRoute = 'step_down' | 'step_up' | 'other';

export interface CrisisEpisodeTable {
  id: Generated<string>;
  org_id: string;
  person_id: string;
  patch_id: string | null;
  lead_worker_id: string | null;
  source: CrisisSource;
  source_id: string | null;
  referred_by: string;
  referral_reason: string;
  referred_at: Timestamp;
  urgency_key: string;
  urgency_label: string;
  response_minutes: number;
  response_due_at: Timestamp;
  first_contact_at: NullableTimestamp;
  first_contact_by: string | null;
  first_contact_note: string | null;
  wants: Generated<string>;
  /** A JSON array of goal strings. */
  goals: Json;
  /** The contingency plan snapshot the episode started from, when it came from an activation. */
  prefill: NullableJson;
  starts_on: PlainDate;
  ends_on: PlainDate;
  check_in_daily_days: Generated<number>;
  check_in_every_days: Generated<number>;
  next_check_in_due: PlainDate | null;
  status: Generated<'open' | 'closed'>;
  closed_at: NullableTimestamp;
  closed_on: PlainDate | null;
  closed_by: string | null;
  close_route: CrisisCloseRoute | null;
  what_followed: string | null;
  event_outcome: string | null;
  close_note: string | null;
  step_up_reason: string | null;
  plan_reviewed: boolean | null;
  cld_request_event_id: string | null;
  version: Generated<number>;
  created_at: Generated<Date>;
  created_by: string | null;
  updated_at: Timestamp;
  updated_by: string | null;
}

export interface CrisisActionTable {
  id: Generated<string>;
  org_id: string;
  episode_id: string;
  description: string;
  who: string;
  due_on: PlainDate | null;
  done_on: PlainDate | null;
  created_at: Generated<Date>;
  created_by: string | null;
}

export interface CrisisServiceTable {
  id: Generated<string>;
  org_id: string;
  episode_id: string;
  person_id: string;
  kind: string;
  description: Generated<string>;
  provider: string;
  directory_service_id: string | null;
  relationship_id: string | null;
  starts_on: PlainDate;
  ends_on: PlainDate | null;
  /** How it reports while the crisis lasts (a long-term item: its agreed type); null: not a council service. */
  service_type: string | null;
  service_component: string | null;
  long_term: Generated<boolean>;
  override_reason: string | null;
  override_by: string | null;
  override_at: NullableTimestamp;
  outcome: string | null;
  cld_event_id: string | null;
  created_at: Generated<Date>;
  created_by: string | null;
  /** 'cancelled': it never started (migrations/0017_crisis_support_items.ts). */
  status: Generated<'active' | 'cancelled'>;
  cancelled_on: PlainDate | null;
  version: Generated<number>;
  updated_at: NullableTimestamp;
  updated_by: string | null;
  /** The contingency plan's planned support (its index in the episode's snapshot) it was put in from. */
  planned_index: number | null;
}

export interface CrisisCheckInTable {
  id: Generated<string>;
  org_id: string;
  episode_id: string;
  held_on: PlainDate;
  how: string;
  is_working: string;
  coping: string;
  needs_to_change: Generated<string>;
  created_at: Generated<Date>;
  created_by: string | null;
}

export interface CrisisExtensionTable {
  id: Generated<string>;
  org_id: string;
  episode_id: string;
  previous_ends_on: PlainDate;
  new_ends_on: PlainDate;
  reason: string;
  decided_by: string;
  decided_at: Generated<Date>;
}

export interface CrisisConnectionTable {
  id: Generated<string>;
  org_id: string;
  episode_id: string;
  directory_service_id: string | null;
  note: Generated<string>;
  created_at: Generated<Date>;
  created_by: string | null;
}

export interface CrisisAssessmentTable {
  id: Generated<string>;
  org_id: string;
  episode_id: string;
  person_id: string;
  started_on: PlainDate;
  completed_on: PlainDate;
  method: string;
  strengths: string;
  needs: string;
  /** A CLD event outcome code. */
  outcome: string;
  cld_event_id: string | null;
  created_at: Generated<Date>;
  created_by: string | null;
}

declare module '../../platform/db/schema.js' {
  interface DB {
    crisis_assessment: CrisisAssessmentTable;
    crisis_setting: CrisisSettingTable;
    crisis_urgency_level: CrisisUrgencyLevelTable;
    crisis_episode: CrisisEpisodeTable;
    crisis_action: CrisisActionTable;
    crisis_service: CrisisServiceTable;
    crisis_check_in: CrisisCheckInTable;
    crisis_extension: CrisisExtensionTable;
    crisis_connection: CrisisConnectionTable;
  }
}

export type CrisisEpisodeRow = Selectable<CrisisEpisodeTable>;
export type CrisisActionRow = Selectable<CrisisActionTable>;
export type CrisisServiceRow = Selectable<CrisisServiceTable>;
export type CrisisCheckInRow = Selectable<CrisisCheckInTable>;
export type CrisisExtensionRow = Selectable<CrisisExtensionTable>;
export type CrisisConnectionRow = Selectable<CrisisConnectionTable>;
export type CrisisAssessmentRow = Selectable<CrisisAssessmentTable>;
export type CrisisUrgencyLevelRow = Selectable<CrisisUrgencyLevelTable>;
