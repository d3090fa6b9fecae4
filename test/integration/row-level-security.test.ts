import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withOrg } from '../../src/platform/db/scope.js';
import { openTestDatabase, testEngines, type TestDatabase } from '../helpers/database.js';
import { insertPersonAsOwner } from '../helpers/matrix.js';

/**
 * Row-level security is the safety net under the repositories' own `where org_id = …`: inside
 * withOrg(org A) even a query with no organisation filter sees only org A, and cannot write org B.
 * Runs on PostgreSQL and on PGlite (which has roles and RLS too).
 */
describe.each(testEngines())('row-level security (%s)', (engine) => {
  let database: TestDatabase;
  let orgA: string;
  let orgB: string;
  let personA: string;
  let personB: string;

  beforeAll(async () => {
    database = await openTestDatabase(engine);
    const { db } = database;
    const org = (name: string, ods: string) =>
      db
        .insertInto('organisation')
        .values({ name, kind: 'council', ods_code: ods })
        .returning('id')
        .executeTakeFirstOrThrow();
    orgA = (await org('Council A', 'RLSA001')).id;
    orgB = (await org('Council B', 'RLSB001')).id;
    personA = await insertPersonAsOwner(db, orgA, 'Annie', 'Aardvark');
    personB = await insertPersonAsOwner(db, orgB, 'Bertie', 'Badger');
  }, 180_000);
  afterAll(async () => database?.dispose());

  it('shows only the organisation’s own people to a query that forgot its organisation filter', async () => {
    const rows = await withOrg(database.db, orgA, (tx) => tx.selectFrom('person').selectAll().execute());
    expect(rows.map((r) => r.id)).toEqual([personA]);
    const byId = await withOrg(database.db, orgA, (tx) =>
      tx.selectFrom('person').select('id').where('id', '=', personB).execute(),
    );
    expect(byId).toEqual([]);
  });

  it('keeps the name-search candidate function (which runs as the owner) inside the organisation', async () => {
    const candidates = (orgId: string, q: string, lastWord: string) =>
      withOrg(database.db, orgId, async (tx) =>
        (await sql<{ id: string }>`select person_name_candidates(${q}, ${lastWord}) as id`.execute(tx)).rows.map(
          (r) => r.id,
        ),
      );
    expect(await candidates(orgA, 'annie aardvark', 'aardvark')).toEqual([personA]);
    expect(await candidates(orgA, 'bertie badger', 'badger')).toEqual([]);
    expect(await candidates(orgB, 'bertie badger', 'badger')).toEqual([personB]);
    // No organisation set: nothing at all.
    expect(
      (
        await sql<{ id: string }>`select person_name_candidates('annie aardvark', 'aardvark') as id`.execute(
          database.db,
        )
      ).rows,
    ).toEqual([]);
  });

  it('refuses to insert a person for another organisation', async () => {
    const attempt = withOrg(database.db, orgA, (tx) =>
      tx
        .insertInto('person')
        .values({
          org_id: orgB,
          council_person_id: 'RLS1',
          given_name: 'Sneaky',
          family_name: 'Insert',
          date_of_birth: '1960-01-01',
        })
        .execute(),
    );
    await expect(attempt).rejects.toThrow(/row-level security/);
    const sneaky = await database.db.selectFrom('person').select('id').where('family_name', '=', 'Insert').execute();
    expect(sneaky).toEqual([]);
  });

  it('refuses to move a person to another organisation, and cannot update another organisation’s person', async () => {
    const move = withOrg(database.db, orgA, (tx) =>
      tx.updateTable('person').set({ org_id: orgB }).where('id', '=', personA).execute(),
    );
    await expect(move).rejects.toThrow(/row-level security/);
    const touched = await withOrg(database.db, orgA, (tx) =>
      tx.updateTable('person').set({ given_name: 'Changed' }).where('id', '=', personB).executeTakeFirst(),
    );
    expect(Number(touched.numUpdatedRows)).toBe(0);
    expect(
      (await database.db.selectFrom('person').select('given_name').where('id', '=', personB).executeTakeFirstOrThrow())
        .given_name,
    ).toBe('Bertie');
  });

  it('sees nothing at all without an organisation, or with an unknown one', async () => {
    const none = await withOrg(database.db, randomUUID(), (tx) => tx.selectFrom('person').select('id').execute());
    expect(none).toEqual([]);
    const unset = await database.db.transaction().execute(async (tx) => {
      await sql`select set_config('role', 'tl_app', true)`.execute(tx);
      return tx.selectFrom('person').select('id').execute();
    });
    expect(unset).toEqual([]);
  });

  it('lets the database owner (migrations, seeding) see both organisations', async () => {
    const rows = await database.db.selectFrom('person').select('id').execute();
    expect(rows.map((r) => r.id).sort()).toEqual([personA, personB].sort());
  });

  it('does not let the application role change or delete audit rows', async () => {
    await database.db
      .insertInto('audit_chain')
      .values({ org_id: orgA, last_seq: 0, last_hash: Buffer.alloc(32) })
      .execute();
    await database.db
      .insertInto('audit_event')
      .values({
        org_id: orgA,
        seq: 1,
        at: new Date().toISOString(),
        actor_kind: 'system',
        actor_id: null,
        action: 'test',
        resource_type: 'test',
        resource_id: null,
        person_id: null,
        reason: null,
        request_id: null,
        payload: '[]',
        prev_hash: Buffer.alloc(32),
        hash: Buffer.alloc(32),
      })
      .execute();
    await expect(
      withOrg(database.db, orgA, (tx) => tx.updateTable('audit_event').set({ action: 'rewritten' }).execute()),
    ).rejects.toThrow();
    await expect(withOrg(database.db, orgA, (tx) => tx.deleteFrom('audit_event').execute())).rejects.toThrow();
    // Not even the owner: the trigger keeps the log append-only.
    await expect(database.db.deleteFrom('audit_event').execute()).rejects.toThrow(/append-only/);
  });
});
