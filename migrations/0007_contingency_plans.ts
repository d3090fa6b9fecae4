import type { Kysely } from 'kysely';

/** Placeholder, filled in by its capability before it lands. */
export async function up(_db: Kysely<unknown>): Promise<void> {}
