import type { ColumnType, Generated, Selectable } from 'kysely';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;

export type RegisterStatus = 'held' | 'active' | 'closed';
export type ConsentStatus = 'given' | 'not_given' | 'lacks_capacity';
export type PartnerEventType = 'admission' | 'discharge' | 'fall' | 'carer_breakdown';

export interface RegisterEntryTable {
  id: Generated<string>;
  org_id: string;
  /** Null while a partner referral waits to be matched to a person (status 'held'). */
  person_id: string | null;
  held_nhs_number: string | null;
  external_id: string | null;
  source: 'staff' | 'api';
  patch_id: string | null;
  referrer_kind: string;
  referrer_name: string | null;
  referrer_organisation: string | null;
  reason: string;
  risk_factors: ColumnType<string[], string[] | undefined, string[]>;
  risk_notes: string | null;
  consent: ConsentStatus;
  consent_not_given_reason: string | null;
  best_interests_decision: string | null;
  consent_recorded_by: string;
  /** 'YYYY-MM-DD' */
  consent_recorded_on: string;
  /** 'YYYY-MM-DD' */
  review_date: string;
  status: RegisterStatus;
  closed_reason: string | null;
  closed_at: NullableTimestamp;
  closed_by: string | null;
  created_at: Generated<Date>;
  created_by: string | null;
  updated_at: Timestamp;
  updated_by: string | null;
  version: Generated<number>;
}

export interface RegisterTriggerTable {
  id: Generated<string>;
  org_id: string;
  entry_id: string;
  event_type: PartnerEventType;
  description: string;
  /** The trigger fires on an event about this person (e.g. the carer), not the person on the register. */
  related_person_id: string | null;
  position: number;
}

export interface PartnerEventTable {
  id: Generated<string>;
  org_id: string;
  external_id: string;
  event_type: PartnerEventType;
  nhs_number: string;
  occurred_at: Timestamp;
  source_organisation: string;
  details: string | null;
  /** Null while held for matching. */
  person_id: string | null;
  received_from: string | null;
  received_at: Generated<Date>;
  matched_by: string | null;
  matched_at: NullableTimestamp;
}

export interface RegisterAlertTable {
  id: Generated<string>;
  org_id: string;
  entry_id: string;
  person_id: string;
  partner_event_id: string;
  trigger_id: string | null;
  patch_id: string | null;
  status: Generated<'open' | 'acknowledged'>;
  acknowledged_by: string | null;
  acknowledged_at: NullableTimestamp;
  acknowledged_note: string | null;
  created_at: Generated<Date>;
}

/**
 * Kysely types for the early identification tables (see migrations/0006_early_identification.ts), merged
 * into the platform's `DB` (the platform imports no module).
 */
declare module '../../platform/db/schema.js' {
  interface DB {
    register_entry: RegisterEntryTable;
    register_trigger: RegisterTriggerTable;
    partner_event: PartnerEventTable;
    register_alert: RegisterAlertTable;
  }
}

export type RegisterEntryRow = Selectable<RegisterEntryTable>;
export type RegisterTriggerRow = Selectable<RegisterTriggerTable>;
export type PartnerEventRow = Selectable<PartnerEventTable>;
export type RegisterAlertRow = Selectable<RegisterAlertTable>;
