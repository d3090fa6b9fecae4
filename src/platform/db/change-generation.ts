import { sql, type Kysely, type QueryExecutorProvider } from 'kysely';
import type { DB } from './schema.js';

/**
 * The one declaration of which tables move which change number. An answer kept in memory
 * (platform/cache/kept-answers.ts) is served only while its area's number is unchanged, so every
 * table a kept answer reads must be listed under its area: the migrations create the triggers from
 * this map (syncChangeTriggers), and test/integration/change-generation.test.ts fails if a kept
 * answer reads a table not listed here, or if the database's triggers differ from it.
 *
 * Changing a list needs a new migration that calls syncChangeTriggers (never edit a shipped one).
 */
export const CHANGE_AREAS = {
  // What the crisis board shows, and who may see whom on it (restricted records, break glass).
  'crisis-board': [
    'crisis_episode',
    'crisis_setting',
    'crisis_urgency_level',
    'person',
    'team',
    'staff_user',
    'restricted_access',
    'break_glass',
  ],
  // What the public directory shows: the information pages' searches and the open ORUK API.
  directory: [
    'directory_taxonomy',
    'directory_taxonomy_term',
    'directory_organization',
    'directory_organization_identifier',
    'directory_service',
    'directory_location',
    'directory_address',
    'directory_accessibility',
    'directory_service_at_location',
    'directory_schedule',
    'directory_contact',
    'directory_phone',
    'directory_cost_option',
    'directory_funding',
    'directory_language',
    'directory_service_area',
    'directory_attribute',
    'directory_story',
    'postcode',
  ],
} as const satisfies Record<string, readonly string[]>;

export type ChangeArea = keyof typeof CHANGE_AREAS;

/**
 * The organisation's current change number for an area ('0' before anything in it was written).
 * Read it BEFORE reading the data a kept answer is built from: a write that commits in between makes
 * the answer newer than its number says, which costs one extra recomputation; the other order could
 * keep an old answer under a new number.
 */
export async function changeGeneration(db: Kysely<DB>, orgId: string, area: ChangeArea): Promise<string> {
  const row = await db
    .selectFrom('change_generation')
    .select('generation')
    .where('org_id', '=', orgId)
    .where('area', '=', area)
    .executeTakeFirst();
  return row ? String(row.generation) : '0';
}

/** The trigger that moves `area`'s number on writes to `table` (the name migration 0014 used). */
export function changeTriggerName(table: string, area: string): string {
  return `${table}_touch_${area.replace(/-/g, '_')}`;
}

/**
 * Make the database's change triggers exactly what CHANGE_AREAS declares: create the missing ones
 * and drop any that is no longer declared. Statement-level, so a bulk load moves a number once per
 * statement; change_generation_touch (migration 0014) moves the number of the organisation in scope,
 * or of every organisation for a write made outside one (the seed, an import, by hand).
 */
export async function syncChangeTriggers(
  db: QueryExecutorProvider,
  areas: Record<string, readonly string[]> = CHANGE_AREAS,
) {
  const existing = await changeTriggers(db);
  const wanted = new Set(Object.entries(areas).flatMap(([area, tables]) => tables.map((t) => `${t} ${area}`)));
  for (const { table, area, name } of existing) {
    if (!wanted.has(`${table} ${area}`)) await sql`drop trigger ${sql.id(name)} on ${sql.table(table)}`.execute(db);
  }
  const have = new Set(existing.map((t) => `${t.table} ${t.area}`));
  for (const [area, tables] of Object.entries(areas)) {
    for (const table of tables) {
      if (have.has(`${table} ${area}`)) continue;
      await sql`create trigger ${sql.id(changeTriggerName(table, area))}
        after insert or update or delete or truncate on ${sql.table(table)}
        for each statement execute function change_generation_touch(${sql.lit(area)})`.execute(db);
    }
  }
}

/** Every trigger in the database that moves a change number: its table, its area and its name. */
export async function changeTriggers(
  db: QueryExecutorProvider,
): Promise<{ table: string; area: string; name: string }[]> {
  // tgargs holds the arguments as NUL-terminated bytes; there is exactly one, the area.
  const { rows } = await sql<{ table: string; area: string; name: string }>`
    select c.relname as table, convert_from(substring(t.tgargs from 1 for length(t.tgargs) - 1), 'UTF8') as area, t.tgname as name
    from pg_trigger t
    join pg_class c on c.oid = t.tgrelid
    join pg_proc p on p.oid = t.tgfoid
    where p.proname = 'change_generation_touch' and not t.tgisinternal
    order by 1, 2`.execute(db);
  return rows;
}
