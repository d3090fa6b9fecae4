import type { ColumnType, Generated, Selectable } from 'kysely';

/** Timestamps are written as Date or ISO strings and read as Date. */
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;

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

/** migrations/0014: one change number per organisation and area, moved by triggers. */
export interface ChangeGenerationTable {
  org_id: string;
  area: string;
  /** bigint: drivers return it as a string or a number, so compare it as a string. */
  generation: ColumnType<string | number | bigint, never, never>;
  changed_at: ColumnType<Date, never, never>;
}

/**
 * Postcode centroids (ONS Postcode Directory, `cli import-postcodes`): reference data shared by every
 * council, not council-owned, read by platform/geo for the directory, the ORUK API and the public search.
 */
export interface PostcodeTable {
  /** Upper case, no spaces: 'BA12AB'. */
  postcode_key: string;
  postcode: string;
  latitude: number;
  longitude: number;
  local_authority: string | null;
  terminated: Generated<boolean>;
}

export interface DB {
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
  postcode: PostcodeTable;
}

export type StaffUserRow = Selectable<StaffUserTable>;
export type AuditEventRow = Selectable<AuditEventTable>;
