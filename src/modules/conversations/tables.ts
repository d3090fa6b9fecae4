import type { ColumnType, Generated, Selectable } from 'kysely';

/**
 * Kysely types for the tier-one conversations tables (migrations/0005_conversations.ts).
 * Plain dates travel as 'YYYY-MM-DD' strings.
 */
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;

export interface ConversationTable {
  id: Generated<string>;
  org_id: string;
  person_id: string;
  patch_id: string | null;
  held_on: string;
  route_of_access: string;
  /** People who were there and are not in the person's recorded network, by name. */
  others_present: string | null;
  what_matters: string;
  strengths: string;
  network_notes: string | null;
  worries: string | null;
  /** Information and advice given that is not a directory entry. */
  advice_notes: string | null;
  /** A CLD Event_Outcome code (the request event carries the same value). */
  outcome: string;
  outcome_notes: string | null;
  created_at: Generated<Date>;
  created_by: string | null;
  updated_at: Timestamp;
  updated_by: string | null;
  version: Generated<number>;
}

export interface ConversationNetworkTable {
  org_id: string;
  conversation_id: string;
  relationship_id: string;
  role: 'present' | 'network';
}

export interface ConversationAdviceTable {
  id: Generated<string>;
  org_id: string;
  conversation_id: string;
  directory_service_id: string;
}

export interface ConversationConnectionTable {
  id: Generated<string>;
  org_id: string;
  conversation_id: string;
  directory_service_id: string | null;
  connected_to_name: string | null;
  agreed_follow_up: string | null;
  position: number;
}

export interface FollowUpTable {
  id: Generated<string>;
  org_id: string;
  person_id: string;
  conversation_id: string | null;
  what: string;
  due_on: string;
  assigned_to: string | null;
  patch_id: string | null;
  done_at: NullableTimestamp;
  done_by: string | null;
  created_at: Generated<Date>;
  created_by: string | null;
  version: Generated<number>;
}

export type ConversationRow = Selectable<ConversationTable>;
export type FollowUpRow = Selectable<FollowUpTable>;

/** The conversations module's tables, merged into the platform's Kysely `DB` (the platform imports no module). */
declare module '../../platform/db/schema.js' {
  interface DB {
    conversation: ConversationTable;
    conversation_network: ConversationNetworkTable;
    conversation_advice: ConversationAdviceTable;
    conversation_connection: ConversationConnectionTable;
    follow_up: FollowUpTable;
  }
}
