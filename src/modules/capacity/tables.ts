import type { ColumnType, Generated, Selectable } from 'kysely';

/** Kysely types for the capacity tables (migrations/0023_capacity.ts). Plain dates travel as 'YYYY-MM-DD'. */
/** jsonb: written as a JSON string, read back parsed (schema.ts gives it a type). */
type Json = ColumnType<unknown, string, string>;

export type DecisionCategory =
  'direct_payment_consent' | 'care_and_support' | 'accommodation' | 'medical_treatment' | 'finances' | 'other';
export type CapacityResult = 'has_capacity' | 'lacks_capacity';
export type PowerKind = 'lpa' | 'epa' | 'deputyship';
export type PowerScope = 'property_and_financial' | 'health_and_welfare';

export interface CapacityAssessmentTable {
  id: Generated<string>;
  org_id: string;
  person_id: string;
  decision: string;
  decision_category: DecisionCategory;
  impairment: boolean;
  impairment_detail: string | null;
  can_understand: boolean;
  can_retain: boolean;
  can_use_or_weigh: boolean;
  can_communicate: boolean;
  practicable_steps: string;
  result: CapacityResult;
  reasons: string;
  assessor_name: string;
  assessor_role: string;
  assessed_on: string;
  created_at: Generated<Date>;
  created_by: string | null;
}

export interface BestInterestsDecisionTable {
  id: Generated<string>;
  org_id: string;
  person_id: string;
  capacity_assessment_id: string;
  consulted: Json;
  wishes_and_feelings: string;
  beliefs_and_values: string | null;
  decision_made: string;
  reasons: string;
  decided_by: string;
  decided_on: string;
  created_at: Generated<Date>;
  created_by: string | null;
}

export interface LegalPowerTable {
  id: Generated<string>;
  org_id: string;
  person_id: string;
  kind: PowerKind;
  scope: PowerScope;
  holders: string;
  reference: string;
  registered_on: string;
  ended_on: string | null;
  ended_reason: string | null;
  created_at: Generated<Date>;
  created_by: string | null;
  ended_by: string | null;
}

export type CapacityAssessmentRow = Selectable<CapacityAssessmentTable>;
export type BestInterestsDecisionRow = Selectable<BestInterestsDecisionTable>;
export type LegalPowerRow = Selectable<LegalPowerTable>;

/** The capacity tables, merged into the platform's Kysely `DB` (the platform imports no module). */
declare module '../../platform/db/schema.js' {
  interface DB {
    capacity_assessment: CapacityAssessmentTable;
    best_interests_decision: BestInterestsDecisionTable;
    legal_power: LegalPowerTable;
  }
}
