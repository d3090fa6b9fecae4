/** Kysely types for the conversations tables (see migrations). Filled in by that capability. */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface ConversationTables {}
