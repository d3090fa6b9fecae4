import type { ColumnType, Generated, Selectable } from 'kysely';

/**
 * Kysely types for the assessment tables (migrations/0022_assessments.ts). Plain dates travel as
 * 'YYYY-MM-DD' strings; jsonb is written as a JSON string and read back parsed (the eligibility
 * schemas give it a type).
 */
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
type Json = ColumnType<unknown, string | null | undefined, string | null>;

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

/** The assessment module's tables, merged into the platform's Kysely `DB` (the platform imports no module). */
declare module '../../platform/db/schema.js' {
  interface DB {
    assessment: AssessmentTable;
    assessment_participant: AssessmentParticipantTable;
  }
}
