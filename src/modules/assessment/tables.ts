import type { ColumnType, Generated, Selectable } from 'kysely';

/**
 * Kysely types for the assessment module's tables (migrations/0021_assessment_requests.ts). They join
 * the platform's `DB` by declaration merging, as every module's tables do.
 */
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
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

declare module '../../platform/db/schema.js' {
  interface DB {
    assessment_request: AssessmentRequestTable;
  }
}

export type AssessmentRequestRow = Selectable<AssessmentRequestTable>;
