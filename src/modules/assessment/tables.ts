import type { ColumnType, Generated, Selectable } from 'kysely';

/**
 * Kysely types for the assessment module's tables (migrations/0021_assessment_requests.ts,
 * 0022_assessments.ts). They join the platform's `DB` by declaration merging, as every module's
 * tables do. Plain dates travel as 'YYYY-MM-DD' strings; jsonb is written as a JSON string and read
 * back parsed (the eligibility schemas give it a type).
 */
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
type Json = ColumnType<unknown, string | null | undefined, string | null>;
/** Plain calendar dates travel as 'YYYY-MM-DD' strings. */
type PlainDate = string;

export type RequestKind = 'care_needs' | 'carer';
export type RequestCameFrom = 'conversation' | 'crisis_step_up' | 'partner' | 'carer_asked' | 'practitioner';

export interface AssessmentRequestTable {
  id: Generated<string>;
  org_id: string;
  person_id: string;
  patch_id: string | null;
  kind: RequestKind;
  came_from: RequestCameFrom;
  /** The module whose record asked ('conversations', 'crisis', 'partner'), with that record's id or reference. */
  source_module: string | null;
  source_id: string | null;
  /** Who asked, in words, when it was not staff (the partner organisation). */
  referred_by: string | null;
  reason: string;
  received_on: PlainDate;
  status: Generated<'waiting' | 'closed'>;
  closed_reason: string | null;
  closed_on: PlainDate | null;
  cld_request_event_id: string | null;
  version: Generated<number>;
  created_at: Timestamp;
  created_by: string | null;
}

export type AssessmentKind = 'adult' | 'carer';
export type AssessmentMethod = 'supported_self_assessment' | 'face_to_face' | 'phone' | 'video';

export interface AssessmentTable {
  id: Generated<string>;
  org_id: string;
  person_id: string;
  /** The assessment request it answers (no foreign key yet: see the migration). */
  request_id: string | null;
  kind: AssessmentKind;
  status: Generated<'in_progress' | 'completed'>;
  method: AssessmentMethod;
  started_on: string;
  completed_on: string | null;
  can_do: Generated<string>;
  matters: Generated<string>;
  network_does: Generated<string>;
  needs: Generated<string>;
  own_words: Generated<string>;
  answers: Json;
  determination: Json;
  eligible: boolean | null;
  override_eligible: boolean | null;
  override_reason: string | null;
  override_by: string | null;
  override_at: NullableTimestamp;
  cld_event_id: string | null;
  created_at: Generated<Date>;
  created_by: string | null;
  updated_at: Timestamp;
  updated_by: string | null;
  version: Generated<number>;
}

export interface AssessmentParticipantTable {
  id: Generated<string>;
  org_id: string;
  assessment_id: string;
  role: string;
  name: string;
  organisation: Generated<string>;
  contribution: string;
  created_at: Generated<Date>;
  created_by: string | null;
}

export type AssessmentRow = Selectable<AssessmentTable>;
export type AssessmentParticipantRow = Selectable<AssessmentParticipantTable>;

declare module '../../platform/db/schema.js' {
  interface DB {
    assessment_request: AssessmentRequestTable;
    assessment: AssessmentTable;
    assessment_participant: AssessmentParticipantTable;
  }
}

export type AssessmentRequestRow = Selectable<AssessmentRequestTable>;
