import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql, type KyselyPlugin, type QueryId, type RootOperationNode } from 'kysely';
import type { FastifyInstance } from 'fastify';
import { createApp } from '../../src/app.js';
import { testConfig } from '../../src/platform/config.js';
import { withOrg } from '../../src/platform/db/scope.js';
import { PREPARE_MARK } from '../../src/platform/db/prepared.js';
import { keptComputation } from '../../src/platform/cache/kept-answers.js';
import {
  CHANGE_AREAS,
  changeGeneration,
  changeTriggers,
  type ChangeArea,
} from '../../src/platform/db/change-generation.js';
import { seedOrganisation, type SeededOrganisation } from '../../src/seed/organisation.js';
import { openTestDatabase, testEngines, type TestDatabase } from '../helpers/database.js';
import { signIn } from '../helpers/app.js';
import { insertCrisisEpisode } from '../helpers/crisis.js';
import { insertPersonAsOwner } from '../helpers/matrix.js';
import { centre, ids, insertDirectoryFixture } from '../conformance/directory-fixture.js';

/**
 * A kept answer is served only while its area's change number holds, so every table it reads must
 * move that number (CHANGE_AREAS, platform/db/change-generation.ts). These tests check the
 * declaration against the database's triggers, every declared table against a real write, and —
 * the part that catches a table added to a kept query but not to the declaration — every statement
 * run while a kept answer is computed, by asking PostgreSQL which relations its plan reads.
 */

/**
 * Functions a kept query may call that read tables themselves (a plan shows them as a call, not as
 * the relations inside): what each reads. A kept query calling a function not listed here fails.
 */
const FUNCTIONS_READ: Record<string, string[]> = {
  directory_service_text_matches: ['directory_service'],
  person_name_candidates: ['person'],
};

interface Recorded {
  area: ChangeArea;
  sql: string;
  parameters: readonly unknown[];
}

/** Every relation a plan reads, at any depth (joins, sub-plans, init-plans, policies' sub-queries). */
function relationsOf(plan: unknown, into = new Set<string>()): Set<string> {
  if (Array.isArray(plan)) plan.forEach((p) => relationsOf(p, into));
  else if (plan && typeof plan === 'object') {
    for (const [key, value] of Object.entries(plan)) {
      if (key === 'Relation Name' && typeof value === 'string') into.add(value);
      else relationsOf(value, into);
    }
  }
  return into;
}

/**
 * The statement with its parameters written in as untyped literals ('…'), which PostgreSQL types
 * from their place exactly as it types a parameter: EXPLAIN takes no parameters of its own.
 */
function withLiterals(text: string, parameters: readonly unknown[]): string {
  const quote = (value: string) => `'${value.replace(/'/g, "''")}'`;
  const literal = (value: unknown): string => {
    if (value === null || value === undefined) return 'null';
    if (value instanceof Date) return quote(value.toISOString());
    if (Buffer.isBuffer(value)) return quote(`\\x${value.toString('hex')}`);
    if (Array.isArray(value))
      return quote(
        `{${value.map((v) => (v === null ? 'NULL' : `"${String(v).replace(/["\\]/g, '\\$&')}"`)).join(',')}}`,
      );
    return quote(typeof value === 'object' ? JSON.stringify(value) : String(value));
  };
  return text.replace(/\$(\d+)/g, (_, n: string) => literal(parameters[Number(n) - 1]));
}

/** The tables each recorded statement reads that its area does not declare ("statement: table"). */
async function uncovered(
  database: TestDatabase,
  orgId: string,
  recorded: readonly Recorded[],
  areas: Record<string, readonly string[]>,
): Promise<string[]> {
  const missing = new Set<string>();
  for (const statement of recorded) {
    const text = withLiterals(statement.sql.replace(PREPARE_MARK, ''), statement.parameters);
    const plan = await withOrg(database.db, orgId, (tx) =>
      sql<Record<string, unknown>>`explain (format json) ${sql.raw(text)}`.execute(tx),
    );
    const tables = relationsOf(Object.values(plan.rows[0] ?? {}));
    for (const [fn, reads] of Object.entries(FUNCTIONS_READ))
      if (text.includes(fn)) reads.forEach((t) => tables.add(t));
    // The change numbers themselves: a kept page that contains kept answers reads them again inside.
    tables.delete('change_generation');
    for (const table of tables)
      if (!(areas[statement.area] ?? []).includes(table)) missing.add(`${statement.area}: ${table}`);
  }
  return [...missing].sort();
}

describe.each(testEngines())('change numbers cover what is kept (%s)', (engine) => {
  let database: TestDatabase;
  let org: SeededOrganisation;
  let app: FastifyInstance;
  const pending: { area: ChangeArea; node: RootOperationNode; queryId: QueryId }[] = [];

  beforeAll(async () => {
    database = await openTestDatabase(engine);
    org = await seedOrganisation(database.db);
    await insertDirectoryFixture(database.db, org.orgId);
    const person = await insertPersonAsOwner(database.db, org.orgId, 'Kept', 'Covered');
    await insertCrisisEpisode(database.db, org, person, { patch_id: org.patchIds['Fenland North']! });
    // Records every statement run inside a kept answer's computation, with the area it is kept under.
    const recorder: KyselyPlugin = {
      transformQuery(args) {
        const area = keptComputation.getStore();
        if (area) pending.push({ area, node: args.node, queryId: args.queryId });
        return args.node;
      },
      transformResult: async (args) => args.result,
    };
    const recording = { ...database, db: database.db.withPlugin(recorder) };
    app = await createApp({
      config: testConfig({ cookieSecure: false }),
      database: recording,
    });
    await app.ready();
  }, 180_000);
  afterAll(async () => {
    await app?.close();
    await database?.dispose();
  });

  it("makes the database's change triggers exactly the declaration, and nothing else moves a number", async () => {
    const declared = Object.entries(CHANGE_AREAS).flatMap(([area, tables]) => tables.map((t) => `${area} ${t}`));
    const triggers = await changeTriggers(database.db);
    expect(triggers.map((t) => `${t.area} ${t.table}`).sort()).toEqual(declared.sort());
    const { rows } = await sql<{ n: number }>`
      select count(*)::int as n from pg_proc where proname in ('directory_touch', 'audit_append_if_unchanged')`.execute(
      database.db,
    );
    expect(rows[0]!.n).toBe(0);
  });

  it("moves an area's number on a write to any of its tables, in the organisation the write is made for", async () => {
    const other = await seedOrganisation(database.db, {
      council: { name: 'Elsewhere Council', kind: 'council', ods_code: 'ELS' },
      accounts: [],
    });
    for (const [area, tables] of Object.entries(CHANGE_AREAS) as [ChangeArea, readonly string[]][]) {
      for (const table of tables) {
        const before = await changeGeneration(database.db, org.orgId, area);
        const theirs = await changeGeneration(database.db, other.orgId, area);
        // A statement that changes no row still fires a statement-level trigger: enough to prove it is there.
        await database.db.transaction().execute(async (tx) => {
          await sql`select set_config('app.org_id', ${org.orgId}, true)`.execute(tx);
          await sql`delete from ${sql.table(table)} where false`.execute(tx);
        });
        expect(await changeGeneration(database.db, org.orgId, area), `${area}: ${table}`).not.toBe(before);
        expect(await changeGeneration(database.db, other.orgId, area), `${area}: ${table}`).toBe(theirs);
      }
    }
  });

  it('declares every table that a kept answer reads, found by explaining every statement run while computing one', async () => {
    const sam = await signIn(app, 'sam.practitioner');
    const get = (url: string) => app.inject({ method: 'GET', url });
    const north = org.patchIds['Fenland North']!;
    const pages = [
      await sam.get('/crisis'),
      await sam.get('/crisis?patch=all'),
      await sam.get(`/crisis?patch=${north}`),
      await get('/information?q=advocacy'),
      await get(`/information?postcode=${encodeURIComponent(centre.postcode)}&q=cafe`),
      await get(`/information/services/${ids.carersCafe}`),
      await get('/information/stories'),
      await get('/api/oruk'),
      ...(await Promise.all(
        ['services', 'service_at_locations', 'organizations', 'taxonomies', 'taxonomy_terms'].map((list) =>
          get(`/api/oruk/${list}`),
        ),
      )),
      await get(`/api/oruk/services/${ids.carersCafe}`),
      await get(`/api/oruk/organizations/${ids.orgCarers}`),
      await get(`/api/oruk/taxonomies/${ids.taxonomy}`),
      await get(`/api/oruk/taxonomy_terms/${ids.termCarers}`),
    ];
    expect(pages.map((p) => p.statusCode).filter((s) => s !== 200)).toEqual([]);
    const executor = database.db.getExecutor();
    const recorded: Recorded[] = pending.map(({ area, node, queryId }) => {
      const compiled = executor.compileQuery(node, queryId);
      return { area, sql: compiled.sql, parameters: compiled.parameters };
    });
    // Both areas were exercised, through many statements (not a test that finds nothing to check).
    expect(new Set(recorded.map((r) => r.area))).toEqual(new Set(['crisis-board', 'directory']));
    expect(recorded.length).toBeGreaterThan(10);
    expect(await uncovered(database, org.orgId, recorded, CHANGE_AREAS)).toEqual([]);
    // And it would notice: the same statements against a declaration missing a table the board reads.
    const withoutStaff = {
      ...CHANGE_AREAS,
      'crisis-board': CHANGE_AREAS['crisis-board'].filter((t) => t !== 'staff_user'),
    };
    expect(await uncovered(database, org.orgId, recorded, withoutStaff)).toEqual(['crisis-board: staff_user']);
  });
});
