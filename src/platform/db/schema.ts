import type { DirectoryTables } from './schema-directory.js';
import type { ConversationTables } from './schema-conversations.js';
import type { EarlyIdentificationTables } from './schema-early-identification.js';
import type { ContingencyPlanTables } from './schema-contingency-plans.js';
import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely';

/** Timestamps are written as Date or ISO strings and read as Date. */
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
/** Plain calendar dates travel as 'YYYY-MM-DD' strings (see database.ts type parsers). */
type PlainDateColumn = string;

export interface OrganisationTable {
  id: Generated<string>;
  name: string;
  kind: 'council' | 'nhs' | 'provider' | 'third_sector';
  ods_code: string | null;
  created_at: Generated<Date>;
}

export interface TeamTable {
  id: Generated<string>;
  org_id: string;
  name: string;
  is_patch: Generated<boolean>;
  area_description: string | null;
  created_at: Generated<Date>;
}

export interface PatchFeatureTable {
  org_id: string;
  team_id: string;
  feature: string;
  enabled: boolean;
  updated_at: Generated<Date>;
  updated_by: string | null;
}

export interface StaffUserTable {
  id: Generated<string>;
  org_id: string;
  username: string;
  display_name: string;
  email: string | null;
  role: string;
  team_id: string | null;
  password_hash: string | null;
  oidc_subject: string | null;
  disabled_at: NullableTimestamp;
  created_at: Generated<Date>;
  version: Generated<number>;
}

export interface UserSessionTable {
  id_hash: string;
  user_id: string | null;
  csrf_token: string;
  created_at: Generated<Date>;
  last_seen_at: Timestamp;
  expires_at: Timestamp;
  ended_at: NullableTimestamp;
  flash: ColumnType<unknown, string | null | undefined, string | null>;
  search_query: string | null;
  /** OpenID Connect state, nonce and PKCE verifier while a council sign-in is under way (JSON). */
  oidc_pending: ColumnType<unknown, string | null | undefined, string | null>;
}

export interface SignInThrottleTable {
  key: string;
  failures: number;
  window_started_at: Timestamp;
  locked_until: NullableTimestamp;
}

export interface ApiTokenTable {
  id: Generated<string>;
  org_id: string;
  name: string;
  token_hash: string;
  scopes: string[];
  created_by: string | null;
  created_at: Generated<Date>;
  revoked_at: NullableTimestamp;
  last_used_at: NullableTimestamp;
}

export interface AuditChainTable {
  org_id: string;
  chain: Generated<number>;
  last_seq: number;
  last_hash: Uint8Array | Buffer;
}

export interface AuditEventTable {
  id: Generated<number>;
  org_id: string;
  chain: Generated<number>;
  seq: number;
  at: Timestamp;
  actor_kind: 'user' | 'api_token' | 'system';
  actor_id: string | null;
  action: string;
  resource_type: string;
  resource_id: string | null;
  person_id: string | null;
  /** Everyone a listing page showed (one entry per page view); null on an entry about one person. */
  person_ids: Generated<string[] | null>;
  /** A later view of an unchanged listing: the id of the entry that listed the same people. */
  same_people_as: Generated<string | number | null>;
  reason: string | null;
  request_id: string | null;
  payload: string;
  prev_hash: Uint8Array | Buffer;
  hash: Uint8Array | Buffer;
}

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
  summary: string | null;
  source_module: Generated<string>;
  source_id: string | null;
  created_at: Generated<Date>;
  created_by: string | null;
  version: Generated<number>;
}

/** migrations/0014: one change number per organisation and area, moved by triggers. */
export interface ChangeGenerationTable {
  org_id: string;
  area: string;
  /** bigint: drivers return it as a string or a number, so compare it as a string. */
  generation: ColumnType<string | number | bigint, never, never>;
  changed_at: ColumnType<Date, never, never>;
}

export interface DB extends DirectoryTables, ConversationTables, EarlyIdentificationTables, ContingencyPlanTables {
  organisation: OrganisationTable;
  change_generation: ChangeGenerationTable;
  team: TeamTable;
  patch_feature: PatchFeatureTable;
  staff_user: StaffUserTable;
  user_session: UserSessionTable;
  sign_in_throttle: SignInThrottleTable;
  api_token: ApiTokenTable;
  audit_chain: AuditChainTable;
  audit_event: AuditEventTable;
  person: PersonTable;
  communication_entry: CommunicationEntryTable;
  relationship: RelationshipTable;
  restricted_access: RestrictedAccessTable;
  break_glass: BreakGlassTable;
  person_event: PersonEventTable;
}

export type PersonRow = Selectable<PersonTable>;
export type NewPerson = Insertable<PersonTable>;
export type PersonUpdate = Updateable<PersonTable>;
export type StaffUserRow = Selectable<StaffUserTable>;
export type RelationshipRow = Selectable<RelationshipTable>;
export type PersonEventRow = Selectable<PersonEventTable>;
export type AuditEventRow = Selectable<AuditEventTable>;
