/** Kysely types for the early identification tables (see migrations). Filled in by that capability. */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface EarlyIdentificationTables {}
