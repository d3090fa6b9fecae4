import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely';

/** Kysely types for the people tables (migrations/0002_people.ts and after). */
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
/** Plain calendar dates travel as 'YYYY-MM-DD' strings (see platform/db/database.ts type parsers). */
type PlainDateColumn = string;

export interface PersonTable {
  id: Generated<string>;
  org_id: string;
  council_person_id: string;
  nhs_number: string | null;
  given_name: string;
  family_name: string;
  preferred_name: string | null;
  date_of_birth: PlainDateColumn;
  date_of_death: PlainDateColumn | null;
  gender: string | null;
  ethnicity: string | null;
  accommodation_status: string | null;
  employment_status: string | null;
  primary_support_reason: string | null;
  client_type: string | null;
  address_line1: string | null;
  address_line2: string | null;
  town: string | null;
  postcode: string | null;
  first_language: string | null;
  interpreter_needed: Generated<boolean>;
  /** CLD person fields (cld.md §2.1 fields 9, 20–23); the four flags hold local-list codes. */
  gp_practice_code: string | null;
  autism_spectrum_disorder: string | null;
  visual_impairment: string | null;
  hearing_impairment: string | null;
  dementia: string | null;
  patch_id: string | null;
  restricted: Generated<boolean>;
  /** Postcode without spaces, upper case: what searches compare (generated). */
  postcode_key: ColumnType<string | null, never, never>;
  search_name: ColumnType<string, never, never>;
  created_at: Generated<Date>;
  created_by: string | null;
  updated_at: Generated<Date>;
  updated_by: string | null;
  version: Generated<number>;
}

export interface CommunicationEntryTable {
  id: Generated<string>;
  org_id: string;
  person_id: string;
  at_this_time: string;
  person_does: string;
  we_think_it_means: string;
  we_should: string;
  created_at: Generated<Date>;
  created_by: string | null;
}

export interface RelationshipTable {
  id: Generated<string>;
  org_id: string;
  person_id: string;
  related_person_id: string | null;
  contact_name: string | null;
  contact_phone: string | null;
  contact_email: string | null;
  relationship_type: string;
  other_provides_care: Generated<boolean>;
  other_receives_care: Generated<boolean>;
  carer_label: Generated<'accepted' | 'declined' | 'not_asked'>;
  in_circle_of_support: Generated<boolean>;
  is_key_contact: Generated<boolean>;
  notes: string | null;
  ended_on: PlainDateColumn | null;
  created_at: Generated<Date>;
  created_by: string | null;
  version: Generated<number>;
}

export interface RestrictedAccessTable {
  org_id: string;
  person_id: string;
  user_id: string;
  granted_by: string | null;
  granted_at: Generated<Date>;
}

export interface BreakGlassTable {
  id: Generated<string>;
  org_id: string;
  person_id: string;
  user_id: string;
  reason: string;
  started_at: Generated<Date>;
  expires_at: Timestamp;
  reviewed_at: NullableTimestamp;
  reviewed_by: string | null;
}

export interface PersonEventTable {
  id: Generated<string>;
  org_id: string;
  person_id: string;
  event_type: string;
  start_date: PlainDateColumn;
  end_date: PlainDateColumn | null;
  event_outcome: string | null;
  route_of_access: string | null;
  assessment_type: string | null;
  eligible_needs_identified: string | null;
  method_of_assessment: string | null;
  service_type: string | null;
  service_component: string | null;
  delivery_mechanism: string | null;
  review_reason: string | null;
  review_outcomes_achieved: string | null;
  method_of_review: string | null;
  unit_cost_pence: number | null;
  cost_frequency: string | null;
  /** numeric(9,2), read as a number (platform/db/database.ts parses numeric). */
  planned_units_per_week: number | null;
  /** Never null: 'Service user' unless the event is a carer's (migration 0019). */
  client_type: Generated<string>;
  /** A carer's event: the adults they care for who have a record here (at most three). */
  linked_person_ids: Generated<string[]>;
  client_funding_status: string | null;
  has_unpaid_carer: string | null;
  adults_cared_for: number | null;
  hours_caring_per_week: number | null;
  provider_cqc_location_id: string | null;
  /** Set when the event was recorded in error: it stays, struck through, and is never counted. */
  recorded_in_error_at: NullableTimestamp;
  recorded_in_error_by: string | null;
  recorded_in_error_reason: string | null;
  summary: string | null;
  source_module: Generated<string>;
  source_id: string | null;
  created_at: Generated<Date>;
  created_by: string | null;
  version: Generated<number>;
}

/** The people module's tables, merged into the platform's Kysely `DB` (the platform imports no module). */
declare module '../../platform/db/schema.js' {
  interface DB {
    person: PersonTable;
    communication_entry: CommunicationEntryTable;
    relationship: RelationshipTable;
    restricted_access: RestrictedAccessTable;
    break_glass: BreakGlassTable;
    person_event: PersonEventTable;
  }
}

export type PersonRow = Selectable<PersonTable>;
export type NewPerson = Insertable<PersonTable>;
export type PersonUpdate = Updateable<PersonTable>;
export type RelationshipRow = Selectable<RelationshipTable>;
export type PersonEventRow = Selectable<PersonEventTable>;
