import { sql, type Kysely } from 'kysely';
import { syncChangeTriggers } from '../src/platform/db/change-generation.js';

/**
 * One change number table and one audit path.
 *
 * - The public directory's number moves to change_generation (area 'directory'), so there is one
 *   table, one trigger function and one declaration of which tables move which number
 *   (CHANGE_AREAS in src/platform/db/change-generation.ts), which the triggers are made from here.
 *   0011's directory_touch triggers and directory_generation go; each organisation's number carries
 *   over (a kept answer lives in one process's memory, so nothing depends on it, but it costs nothing).
 * - audit_append_if_unchanged (0013) goes: it computed the chain hash in SQL a second time, beside
 *   platform/audit/audit.ts. Every entry is now appended by writeAudit, as the application role,
 *   inside the request's transaction. Entries it wrote stay as they are and verify as before (the
 *   payload and hash are stored; same_people_as stays for them).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    drop function audit_append_if_unchanged(uuid, smallint, text[], text[], timestamptz[], text[], uuid[], text[], text[], text[], uuid[], text[], bigint[], text[], text[], text[], text[]);
    insert into change_generation (org_id, area, generation, changed_at)
      select org_id, 'directory', generation, changed_at from directory_generation
      on conflict (org_id, area) do nothing;
    drop function directory_touch() cascade;
    drop table directory_generation;
  `.execute(db);
  await syncChangeTriggers(db);
}
