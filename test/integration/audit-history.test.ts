import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Migrator, sql, type Kysely } from 'kysely';
import { migrations } from '../../migrations/index.js';
import { migrateToLatest } from '../../src/platform/db/migrate.js';
import { changeGeneration } from '../../src/platform/db/change-generation.js';
import { withOrg } from '../../src/platform/db/scope.js';
import { canonicalPayload, verifyAuditChain, writeAudit, type AuditContext } from '../../src/platform/audit/audit.js';
import { auditVerifyCommand } from '../../src/platform/audit/verify-command.js';
import { seedOrganisation, type SeededOrganisation } from '../../src/seed/organisation.js';
import { openTestDatabase, testEngines, type TestDatabase } from '../helpers/database.js';

/**
 * Migration 0016 retired the second audit path (audit_append_if_unchanged, which hashed in SQL) and
 * the entries that pointed at an earlier listing (same_people_as). History is never rewritten: a
 * database holding entries written that way must still verify after the migration, and new entries
 * chain on after them.
 */
describe.each(testEngines())('audit history written by the retired path (%s)', (engine) => {
  let database: TestDatabase;
  let org: SeededOrganisation;
  let ctx: AuditContext;
  const people = ['3f2504e0-4f89-41d3-9a0c-0305e82c3301', '3f2504e0-4f89-41d3-9a0c-0305e82c3302'];

  beforeAll(async () => {
    database = await openTestDatabase(engine, { migrate: false });
    const migrator = new Migrator({
      db: database.db as unknown as Kysely<unknown>,
      provider: { getMigrations: async () => migrations },
    });
    const { error } = await migrator.migrateTo('0014_change_generation');
    if (error) throw error;
    org = await seedOrganisation(database.db, { accounts: [] });
    ctx = { actor: { kind: 'system', orgId: org.orgId }, requestId: 'history' };
  }, 180_000);
  afterAll(async () => database?.dispose());

  /** One view as the retired batcher sent it: the payload's text either side of the number the database gave it. */
  async function appendTheOldWay(
    chain: number,
    resourceId: string,
    listing: { personIds?: string[]; samePeopleAs?: number },
  ) {
    const at = new Date().toISOString();
    const row = {
      org_id: org.orgId,
      chain,
      seq: 0,
      at,
      actor_kind: 'system',
      actor_id: null,
      action: 'crisis-board.list',
      resource_type: 'crisis_board',
      resource_id: resourceId,
      person_id: null,
      reason: null,
      request_id: 'history',
      person_ids: listing.personIds ?? null,
      same_people_as: listing.samePeopleAs ?? null,
    };
    const generation = await changeGeneration(database.db, org.orgId, 'crisis-board');
    const before = `[${JSON.stringify(org.orgId)},`;
    const after = canonicalPayload(row).slice(before.length + 1);
    const { rows } = await sql<{ appended: boolean[] }>`
      select audit_append_if_unchanged(${org.orgId}::uuid, ${chain}::smallint, array['crisis-board'], array[${generation}],
        array[${at}]::timestamptz[], array['system'], array[null]::uuid[], array['crisis-board.list'], array['crisis_board'],
        array[${resourceId}], array[null]::uuid[],
        array[${listing.personIds ? `{${listing.personIds.join(',')}}` : null}]::text[], array[${listing.samePeopleAs ?? null}]::int8[],
        array[null]::text[], array['history'], array[${before}], array[${after}]) as appended`.execute(database.db);
    expect(rows[0]!.appended).toEqual([true]);
  }

  it('verifies listing entries and same-people pointers written by the SQL function, before and after migration 0016', async () => {
    // A first entry through Node makes the chain head (the function appended only to an existing one).
    await withOrg(database.db, org.orgId, (tx) =>
      writeAudit(tx, ctx, [
        { action: 'crisis-board.list', resourceType: 'crisis_board', resourceId: 'node', personIds: people },
      ]),
    );
    const { chain } = await database.db.selectFrom('audit_chain').select('chain').executeTakeFirstOrThrow();
    const listed = await database.db.selectFrom('audit_event').select('id').executeTakeFirstOrThrow();
    await appendTheOldWay(Number(chain), 'old-listing', { personIds: people });
    await appendTheOldWay(Number(chain), 'old-pointer', { samePeopleAs: Number(listed.id) });
    expect(await verifyAuditChain(database.db)).toMatchObject({ ok: true, checked: 3 });

    expect(await migrateToLatest(database.db)).toContain('0016_one_change_generation');
    const kept = await database.db
      .selectFrom('audit_event')
      .select(['resource_id', 'person_ids', 'same_people_as'])
      .orderBy('id')
      .execute();
    expect(
      kept.map((e) => [
        e.resource_id,
        e.person_ids?.length ?? null,
        e.same_people_as === null ? null : Number(e.same_people_as),
      ]),
    ).toEqual([
      ['node', 2, null],
      ['old-listing', 2, null],
      ['old-pointer', null, Number(listed.id)],
    ]);
    // New entries chain on after the old ones, through the one path left.
    await withOrg(database.db, org.orgId, (tx) =>
      writeAudit(tx, ctx, [
        { action: 'crisis-board.list', resourceType: 'crisis_board', resourceId: 'new', personIds: people },
      ]),
    );
    expect(await verifyAuditChain(database.db)).toMatchObject({ ok: true, checked: 4, problems: [] });
    const lines: string[] = [];
    expect(await auditVerifyCommand(database.db, (line: string) => lines.push(line))).toBe(0);
  });
});
