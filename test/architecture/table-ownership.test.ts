import { readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * Modules have front doors for their data too: a module's SQL names only its own tables and the
 * platform's; anything else it asks the owning module for, through that module's index.ts.
 */

const root = join(import.meta.dirname, '..', '..');
const schemaDir = join(root, 'src', 'platform', 'db');
const modulesDir = join(root, 'src', 'modules');

/** The platform's tables (tenancy, staff, sessions, audit): every module may use these. */
const PLATFORM = 'platform';

/** Who owns each table: declared once, here; a table missing from this list fails the check below. */
const owners: Record<string, string> = {
  organisation: PLATFORM,
  change_generation: PLATFORM,
  team: PLATFORM,
  patch_feature: PLATFORM,
  staff_user: PLATFORM,
  user_session: PLATFORM,
  sign_in_throttle: PLATFORM,
  api_token: PLATFORM,
  audit_chain: PLATFORM,
  audit_event: PLATFORM,
  person: 'people',
  communication_entry: 'people',
  relationship: 'people',
  restricted_access: 'people',
  break_glass: 'people',
  person_event: 'people',
  ...ownedBy('directory', 'schema-directory.ts'),
  ...ownedBy('conversations', 'schema-conversations.ts'),
  ...ownedBy('early-identification', 'schema-early-identification.ts'),
  ...ownedBy('contingency-plans', 'schema-contingency-plans.ts'),
  ...ownedBy('crisis', '../../modules/crisis/tables.ts'),
  // The public pages' own tables, although their types sit with the directory's.
  directory_story: 'information',
  postcode: 'information',
};

/**
 * The directory is published, read-only: the public information pages and the ORUK API read its tables
 * directly (they are views of the same HSDS data, kept under the directory generation), never write them.
 */
const publishedTo: Record<string, string[]> = { directory: ['information', 'oruk-api'] };

/**
 * Reads that cross a module boundary today and are still to move behind the owner's index.ts. The
 * check fails when one is added and when one listed here is gone (so the list only shrinks).
 */
const notYetBehindFrontDoor: string[] = [
  // Lists filtered by the people module's `visibleTo` join `person` for it (and for the name shown);
  // people should export the joined query (or a visible-people subquery) instead.
  'audit reads person',
  'conversations reads person',
  'crisis reads person',
  'early-identification reads person',
  // The related people of a register entry and of a conversation's network.
  'conversations reads relationship',
  'early-identification reads relationship',
  // The break-glass review pages mark people's break-glass entries reviewed.
  'audit writes break_glass',
  // Names of the directory services chosen on a conversation or a crisis support plan.
  'conversations reads directory_service',
  'crisis reads directory_service',
];

/** The tables of a schema file (`export interface …Tables { name: …; }`) or of a module's `interface DB { … }`. */
function tablesIn(file: string): string[] {
  const text = readFileSync(join(schemaDir, file), 'utf8');
  const body = /(?:export interface \w+Tables|\binterface DB) \{([^}]*)\}/.exec(text)?.[1] ?? '';
  return [...body.matchAll(/^\s+([a-z_]+):/gm)].map((m) => m[1]!);
}

function ownedBy(module: string, file: string): Record<string, string> {
  return Object.fromEntries(tablesIn(file).map((t) => [t, module]));
}

/** Every table the database schema (the Kysely `DB` interface and its parts) declares. */
function declaredTables(): string[] {
  const main = readFileSync(join(schemaDir, 'schema.ts'), 'utf8');
  const db = /export interface DB[^{]*\{([^}]*)\}/.exec(main)?.[1] ?? '';
  const parts = readdirSync(schemaDir).filter((f) => /^schema-.*\.ts$/.test(f));
  return [...[...db.matchAll(/^\s+([a-z_]+):/gm)].map((m) => m[1]!), ...parts.flatMap(tablesIn)];
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts') ? [path] : [];
  });
}

type Use = 'reads' | 'writes';

/**
 * The tables a source file's SQL uses, and whether it writes them: Kysely's builders, and raw `sql`
 * text naming a known table after FROM/JOIN (a read) or INSERT INTO/UPDATE/DELETE FROM (a write).
 */
function tablesUsed(text: string, known: Set<string>): Map<string, Use> {
  const found = new Map<string, Use>();
  const note = (table: string, use: Use) => {
    if (found.get(table) !== 'writes') found.set(table, use);
  };
  const builder =
    /\b(selectFrom|insertInto|updateTable|deleteFrom|mergeInto|innerJoin|leftJoin|rightJoin|fullJoin)\(\s*['"`]([a-z_]+)/g;
  for (const m of text.matchAll(builder))
    note(m[2]!, /^(insertInto|updateTable|deleteFrom|mergeInto)$/.test(m[1]!) ? 'writes' : 'reads');
  for (const template of text.matchAll(/\bsql(?:<[^`]*?>)?`([^`]*)`/g)) {
    for (const m of template[1]!.matchAll(/\b(insert\s+into|update|delete\s+from|from|join)\s+([a-z_]+)/gi)) {
      const table = m[2]!.toLowerCase();
      if (known.has(table)) note(table, /^(from|join)$/i.test(m[1]!) ? 'reads' : 'writes');
    }
  }
  return found;
}

/** `module reads|writes table` for every table a module's SQL uses that it may not. */
function crossings(): string[] {
  const known = new Set(Object.keys(owners));
  const result = new Set<string>();
  for (const file of sourceFiles(modulesDir)) {
    const module = relative(modulesDir, file).split(/[\\/]/)[0]!;
    for (const [table, use] of tablesUsed(readFileSync(file, 'utf8'), known)) {
      const owner = owners[table];
      if (owner === undefined || owner === PLATFORM || owner === module) continue;
      if (use === 'reads' && publishedTo[owner]?.includes(module)) continue;
      result.add(`${module} ${use} ${table}`);
    }
  }
  return [...result].sort();
}

describe('table ownership', () => {
  it('declares an owner for every table in the schema', () => {
    expect(declaredTables().filter((t) => !(t in owners))).toEqual([]);
  });

  it('finds Kysely and raw-SQL table names, reads and writes (so the check can see a crossing)', () => {
    const known = new Set(['partner_event', 'person', 'register_alert', 'relationship']);
    const text =
      "tx.selectFrom('partner_event as e').innerJoin('person as p', 'p.id', 'e.person_id'); " +
      "tx.updateTable('register_alert'); sql`delete from relationship where id = ${id}`";
    expect(Object.fromEntries(tablesUsed(text, known))).toEqual({
      partner_event: 'reads',
      person: 'reads',
      register_alert: 'writes',
      relationship: 'writes',
    });
  });

  it("no module's SQL names another module's table (beyond the shrinking list)", () => {
    expect(crossings()).toEqual([...notYetBehindFrontDoor].sort());
  });

  it('no route file holds SQL: queries live in the repositories and services', () => {
    const known = new Set(Object.keys(owners));
    const routeFiles = sourceFiles(modulesDir).filter((f) => /[\\/]routes[^\\/]*\.ts$/.test(f));
    const withSql = routeFiles.filter((file) => {
      const text = readFileSync(file, 'utf8');
      return tablesUsed(text, known).size > 0 || /\bsql`/.test(text);
    });
    expect(withSql.map((f) => relative(modulesDir, f))).toEqual([]);
  });
});
