import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase, testEngines, type TestDatabase } from '../helpers/database.js';

/**
 * Every table is either a council's — row-level security on, with the organisation policy — or
 * deliberately shared, named here with the reason it may be. A new table fails this test until
 * someone decides which it is — with or without an org_id column (a table that belongs to a council
 * through a parent row is a council's too), so none is waved through silently.
 */
const SHARED_TABLES: Record<string, string> = {
  organisation: 'the list of councils itself: sign-in and the public directory read it before a council is known',
  kysely_migration: 'schema bookkeeping: which migrations have run',
  kysely_migration_lock: 'schema bookkeeping: one migrator at a time',
  postcode: 'public ONS postcode centroids, the same for every council',
  sign_in_throttle:
    'failed sign-ins by username and address, counted before any council is known; holds counts, no names',
  user_session:
    'read on every request before the council is known (the session decides it, as the owner); no org_id; tl_app only ends sessions of its own council’s staff, by user id',
  change_generation:
    'one change counter per council and area, no council data; moved only by a security-definer trigger, read by id',
};

/**
 * The shared tables that nonetheless carry an org_id: counters keyed by council that hold no council
 * data. Naming them twice makes putting a council's table on the shared list a visible decision.
 */
const SHARED_WITH_ORG_ID = ['change_generation'];

interface TableSecurity {
  table: string;
  has_org_id: boolean;
  rls_enabled: boolean;
  rls_forced: boolean;
  org_policies: number;
}

describe.each(testEngines())('row-level security covers every council table (%s)', (engine) => {
  let database: TestDatabase;
  let tables: TableSecurity[];

  beforeAll(async () => {
    database = await openTestDatabase(engine);
    // A policy counts only if it keys on the transaction's organisation both ways (read and write).
    const { rows } = await sql<TableSecurity>`
      select c.relname as table,
        exists (select 1 from information_schema.columns k
                where k.table_schema = 'public' and k.table_name = c.relname and k.column_name = 'org_id') as has_org_id,
        c.relrowsecurity as rls_enabled,
        c.relforcerowsecurity as rls_forced,
        (select count(*) from pg_policies p
          where p.schemaname = 'public' and p.tablename = c.relname
            and p.qual like '%current_setting(''app.org_id''%'
            and p.with_check like '%current_setting(''app.org_id''%')::int as org_policies
      from pg_class c join pg_namespace n on n.oid = c.relnamespace
      where n.nspname = 'public' and c.relkind in ('r', 'p')
      order by c.relname`.execute(database.db);
    tables = rows;
  }, 180_000);
  afterAll(async () => database?.dispose());

  it('finds the tables (the walk itself works)', () => {
    expect(tables.map((t) => t.table)).toEqual(expect.arrayContaining(['person', 'staff_user', 'team']));
  });

  it('gives every table that is not deliberately shared row-level security with the organisation policy', () => {
    const unprotected = tables
      .filter((t) => !(t.table in SHARED_TABLES))
      .filter((t) => !t.rls_enabled || t.org_policies === 0)
      .map((t) => `${t.table}${t.has_org_id ? ' (has org_id)' : ''}`);
    expect(unprotected).toEqual([]);
  });

  it('lets only the reviewed counters carry an org_id and stay shared', () => {
    const sharedWithOrgId = tables.filter((t) => t.table in SHARED_TABLES && t.has_org_id).map((t) => t.table);
    expect(sharedWithOrgId.sort()).toEqual([...SHARED_WITH_ORG_ID].sort());
  });

  it('keeps the shared list honest: each entry is a real table', () => {
    const names = new Set(tables.map((t) => t.table));
    expect(Object.keys(SHARED_TABLES).filter((t) => !names.has(t))).toEqual([]);
  });

  it('forces it nowhere, as the project decided: the owner connection is the set-up and sign-in path', () => {
    // If a table is ever forced, the owner-side reads (sign-in, session and token lookups, seed)
    // must be reconsidered for it; this makes that a visible decision.
    expect(tables.filter((t) => t.rls_forced).map((t) => t.table)).toEqual([]);
  });

  it('gives the application role no way round the policies', async () => {
    const { rows } = await sql<{
      rolbypassrls: boolean;
      rolsuper: boolean;
    }>`select rolbypassrls, rolsuper from pg_roles where rolname = 'tl_app'`.execute(database.db);
    expect(rows).toEqual([{ rolbypassrls: false, rolsuper: false }]);
  });
});
