import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * Modules have front doors for their data too: a module's SQL names only its own tables and the
 * platform's; anything else it asks the owning module for, through that module's index.ts.
 */

const root = join(import.meta.dirname, '..', '..');
const srcDir = join(root, 'src');
const schemaDir = join(srcDir, 'platform', 'db');
const schemaFile = join(schemaDir, 'schema.ts');
const modulesDir = join(srcDir, 'modules');

/** The platform's tables (tenancy, staff, sessions, audit): every module may use these. */
const PLATFORM = 'platform';

/**
 * Who owns each table, read from the declarations themselves: the platform owns the tables of the
 * `DB` interface in schema.ts, and a module owns the tables its `src/modules/<module>/tables.ts`
 * merges into that interface (`declare module '…/platform/db/schema.js' { interface DB { … } }`).
 */
const owners: Record<string, string> = {
  ...Object.fromEntries(tablesIn(schemaFile).map((t) => [t, PLATFORM])),
  ...Object.fromEntries(modulesWithTables().flatMap((m) => tablesIn(tablesFileOf(m)).map((t) => [t, m]))),
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
  // The break-glass review pages mark people's break-glass entries reviewed.
  'audit writes break_glass',
];

/**
 * SQL in the platform that names a module's table. The platform may not import a module, so it cannot
 * ask the owner; the check fails when one is added and when one listed here is gone.
 */
const platformNamesModuleTable: string[] = [];

/**
 * The tables a schema file adds to the Kysely `DB`: schema.ts's own `interface DB`, a module's
 * `interface DB` inside `declare module`, or an `export interface …Tables { name: …; }` part.
 */
function tablesIn(path: string): string[] {
  const text = readFileSync(path, 'utf8');
  const head = /interface (?:DB|\w+Tables)\b[^{]*\{/.exec(text);
  if (!head) return [];
  let body = bracedBody(text, head.index + head[0].length);
  // Members' own braces (an inline row type) hold no tables: drop them, innermost first.
  while (/\{[^{}]*\}/.test(body)) body = body.replace(/\{[^{}]*\}/g, '');
  return [...body.matchAll(/^\s+([a-z_]+):/gm)].map((m) => m[1]!);
}

/** The text from `start` to the brace that closes the one just before it (members may hold braces). */
function bracedBody(text: string, start: number): string {
  let depth = 1;
  for (let i = start; i < text.length; i++) {
    if (text[i] === '{') depth++;
    if (text[i] === '}' && --depth === 0) return text.slice(start, i);
  }
  return text.slice(start);
}

function tablesFileOf(module: string): string {
  return join(modulesDir, module, 'tables.ts');
}

/** The modules that own tables: those with a `tables.ts`. */
function modulesWithTables(): string[] {
  return readdirSync(modulesDir).filter((m) => existsSync(tablesFileOf(m)));
}

/** Every augmentation of the platform's schema in one file: `declare module '<path to schema.js>'`. */
function schemaAugmentations(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  return [...text.matchAll(/declare module ['"]([^'"]+)['"]/g)]
    .map((m) => m[1]!)
    .filter((specifier) => resolve(dirname(file), specifier.replace(/\.js$/, '.ts')) === schemaFile);
}

/** The files that declare tables into the Kysely `DB`: schema.ts, its parts, and every augmentation of it. */
function schemaFiles(): string[] {
  const parts = readdirSync(schemaDir)
    .filter((f) => /^schema-.*\.ts$/.test(f))
    .map((f) => join(schemaDir, f));
  const augmenting = sourceFiles(srcDir).filter((file) => schemaAugmentations(file).length > 0);
  return [schemaFile, ...parts, ...augmenting];
}

/** Every table the database schema (the Kysely `DB` interface, its parts and its augmentations) declares. */
function declaredTables(): string[] {
  return schemaFiles().flatMap(tablesIn);
}

/** The tables the migrations create and do not drop again. */
function migratedTables(): string[] {
  const migrations = join(root, 'migrations');
  const text = readdirSync(migrations)
    .filter((f) => f.endsWith('.ts'))
    .map((f) => readFileSync(join(migrations, f), 'utf8'))
    .join('\n');
  const dropped = new Set([...text.matchAll(/\bdrop table (?:if exists )?([a-z_]+)/gi)].map((m) => m[1]!));
  const created = [...text.matchAll(/\bcreate table (?:if not exists )?([a-z_]+)/gi)].map((m) => m[1]!);
  return [...new Set(created)].filter((t) => !dropped.has(t));
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

/** `platform reads|writes table` for every module table the platform's SQL uses. */
function platformCrossings(): string[] {
  const known = new Set(Object.keys(owners));
  const result = new Set<string>();
  for (const file of sourceFiles(join(srcDir, 'platform'))) {
    for (const [table, use] of tablesUsed(readFileSync(file, 'utf8'), known)) {
      if (owners[table] !== PLATFORM) result.add(`platform ${use} ${table}`);
    }
  }
  return [...result].sort();
}

describe('table ownership', () => {
  it('declares an owner for every table in the schema', () => {
    expect(declaredTables().filter((t) => !(t in owners))).toEqual([]);
  });

  it("adds tables to the schema only from a module's tables.ts, in one declaration", () => {
    const augmenting = schemaFiles().filter((file) => schemaAugmentations(file).length > 0);
    const outsideTablesFiles = augmenting.filter(
      (file) => !/^[^\\/]+[\\/]tables\.ts$/.test(relative(modulesDir, file)),
    );
    expect(outsideTablesFiles.map((file) => relative(root, file))).toEqual([]);
    const repeated = augmenting.filter((file) => schemaAugmentations(file).length !== 1);
    expect(repeated.map((file) => relative(root, file))).toEqual([]);
    expect(modulesWithTables().filter((m) => tablesIn(tablesFileOf(m)).length === 0)).toEqual([]);
  });

  it('declares each table once', () => {
    const tables = declaredTables();
    expect(tables.filter((t, i) => tables.indexOf(t) !== i)).toEqual([]);
  });

  it('declares a type for every table the migrations create', () => {
    const declared = new Set(declaredTables());
    expect(migratedTables().length).toBeGreaterThan(0);
    expect(migratedTables().filter((t) => !declared.has(t))).toEqual([]);
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

  it("the platform's SQL names no module's table (beyond the shrinking list)", () => {
    expect(platformCrossings()).toEqual([...platformNamesModuleTable].sort());
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
