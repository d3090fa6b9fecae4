import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { openTestDatabase, testEngines, type TestDatabase } from '../../../test/helpers/database.js';
import { seedOrganisation, type SeededOrganisation } from '../../seed/organisation.js';
import { withOrg } from '../db/scope.js';
import fc from 'fast-check';
import {
  canonicalPayload,
  listingEntry,
  payloadAroundSeq,
  peopleDigest,
  verifyAuditChain,
  writeAudit,
  type AuditContext,
} from './audit.js';
import { auditVerifyCommand } from './verify-command.js';

describe.each(testEngines())('audit chain (%s)', (engine) => {
  let database: TestDatabase;
  let org: SeededOrganisation;
  let ctx: AuditContext;

  beforeAll(async () => {
    database = await openTestDatabase(engine);
    org = await seedOrganisation(database.db);
    ctx = {
      actor: {
        kind: 'user',
        userId: org.userIds['sam.practitioner']!,
        orgId: org.orgId,
        role: 'practitioner',
        teamId: null,
        displayName: 'Sam Okafor',
      },
      requestId: 'test',
    };
  });
  afterAll(async () => database?.dispose());

  const lines: string[] = [];
  const out = (line: string) => lines.push(line);

  it('verifies an untouched chain, across several transactions', async () => {
    for (let i = 0; i < 3; i += 1) {
      await withOrg(database.db, org.orgId, (tx) =>
        writeAudit(tx, ctx, [
          { action: 'person.view', resourceType: 'person', resourceId: `r${i}` },
          { action: 'person.search-result', resourceType: 'person', resourceId: `s${i}`, reason: 'because' },
        ]),
      );
    }
    const result = await verifyAuditChain(database.db);
    expect(result).toEqual({ ok: true, checked: 6, problems: [] });
    lines.length = 0;
    expect(await auditVerifyCommand(database.db, out)).toBe(0);
    expect(lines).toEqual(['Audit log intact: 6 entries checked.']);
  });

  it('refuses UPDATE and DELETE on audit rows, even for the database owner (trigger)', async () => {
    await expect(
      sql`update audit_event set action = 'person.nothing' where seq = 2`.execute(database.db),
    ).rejects.toThrow(/append-only/);
    await expect(sql`delete from audit_event where seq = 2`.execute(database.db)).rejects.toThrow(/append-only/);
    expect((await verifyAuditChain(database.db)).ok).toBe(true);
  });

  it('refuses UPDATE and DELETE by the application role tl_app (no privilege)', async () => {
    await expect(
      withOrg(database.db, org.orgId, (tx) =>
        sql`update audit_event set action = 'person.nothing' where seq = 2`.execute(tx),
      ),
    ).rejects.toThrow(/permission denied/);
    await expect(
      withOrg(database.db, org.orgId, (tx) => sql`delete from audit_event where seq = 2`.execute(tx)),
    ).rejects.toThrow(/permission denied/);
    // It can still read and append: that is all it needs.
    const count = await withOrg(database.db, org.orgId, (tx) =>
      tx
        .selectFrom('audit_event')
        .select(sql<number>`count(*)::int`.as('n'))
        .executeTakeFirstOrThrow(),
    );
    expect(count.n).toBe(6);
  });

  it('detects a row changed behind the trigger, naming the entry', async () => {
    const target = await database.db
      .selectFrom('audit_event')
      .select('id')
      .where('org_id', '=', org.orgId)
      .orderBy('id')
      .offset(2)
      .limit(1)
      .executeTakeFirstOrThrow();
    await sql`alter table audit_event disable trigger audit_event_no_change`.execute(database.db);
    try {
      await sql`update audit_event set action = 'person.nothing-to-see' where id = ${target.id}`.execute(database.db);
    } finally {
      await sql`alter table audit_event enable trigger audit_event_no_change`.execute(database.db);
    }
    const result = await verifyAuditChain(database.db);
    expect(result.ok).toBe(false);
    expect(result.problems.join('\n')).toContain(`entry ${target.id} does not match its recorded content`);
    // Only the tampered entry is named: the chain after it still links up.
    expect(result.problems.every((p) => p.includes(`entry ${target.id} `))).toBe(true);
    lines.length = 0;
    expect(await auditVerifyCommand(database.db, out)).toBe(1);
    expect(lines[0]).toMatch(/^Audit log BROKEN/);
    expect(lines.join('\n')).toContain(`entry ${target.id}`);
    // The trigger is back on.
    await expect(sql`delete from audit_event where id = ${target.id}`.execute(database.db)).rejects.toThrow(
      /append-only/,
    );
  });
  it('keeps one transaction’s entries on one chain, however many times it writes (no second head locked)', async () => {
    for (let i = 0; i < 5; i += 1) {
      await withOrg(database.db, org.orgId, async (tx) => {
        await writeAudit(tx, ctx, [
          { action: 'partner-event.receive', resourceType: 'partner_event', resourceId: `e${i}` },
        ]);
        await writeAudit(tx, ctx, [
          { action: 'crisis-episode.open', resourceType: 'crisis_episode', resourceId: `c${i}` },
        ]);
      });
      const rows = await database.db
        .selectFrom('audit_event')
        .select(['chain', 'resource_id'])
        .where('resource_id', 'in', [`e${i}`, `c${i}`])
        .execute();
      expect(rows).toHaveLength(2);
      expect(rows[0]!.chain).toBe(rows[1]!.chain);
    }
  });

  it('chains a listing entry naming everyone a page showed, and detects a name taken out of it', async () => {
    const people = [
      '3F2504E0-4F89-41D3-9A0C-0305E82C3301',
      '3f2504e0-4f89-41d3-9a0c-0305e82c3302',
      null,
      '3f2504e0-4f89-41d3-9a0c-0305e82c3301',
    ];
    expect(listingEntry('crisis-board.list', 'crisis_board', 'all', [])).toEqual([]);
    await withOrg(database.db, org.orgId, (tx) =>
      writeAudit(tx, ctx, [
        ...listingEntry(
          'crisis-board.list',
          'crisis_board',
          'all',
          people.map((p) => p?.toLowerCase() ?? null),
        ),
        { action: 'person.view', resourceType: 'person', resourceId: 'alone' },
      ]),
    );
    const [listing, single] = await database.db
      .selectFrom('audit_event')
      .select(['id', 'person_ids', 'payload'])
      .where('resource_id', 'in', ['all', 'alone'])
      .orderBy('id')
      .execute();
    // Each person once, in the order shown; an entry about nobody in particular keeps the old twelve fields.
    expect(listing!.person_ids).toEqual([
      '3f2504e0-4f89-41d3-9a0c-0305e82c3301',
      '3f2504e0-4f89-41d3-9a0c-0305e82c3302',
    ]);
    expect(JSON.parse(listing!.payload)).toHaveLength(13);
    expect(JSON.parse(listing!.payload)[12]).toBe(peopleDigest(listing!.person_ids!));
    expect(single!.person_ids).toBeNull();
    expect(JSON.parse(single!.payload)).toHaveLength(12);
    const before = await verifyAuditChain(database.db);
    await sql`alter table audit_event disable trigger audit_event_no_change`.execute(database.db);
    try {
      await sql`update audit_event set person_ids = array['3f2504e0-4f89-41d3-9a0c-0305e82c3302']::uuid[] where id = ${listing!.id}`.execute(
        database.db,
      );
    } finally {
      await sql`alter table audit_event enable trigger audit_event_no_change`.execute(database.db);
    }
    const after = await verifyAuditChain(database.db);
    expect(after.problems.filter((p) => !before.problems.includes(p))).toEqual([
      expect.stringContaining(`entry ${listing!.id} does not match its recorded content`),
    ]);
  });
  it('appends a single entry in one statement that verifies like any other, whatever its text, between longer writes and concurrent ones', async () => {
    const awkward =
      'Reason: "quoted", back\\slash, new\nline, tab\t, \u0001 control, £ sign, naïve, 🙂 emoji, \u2028 separator';
    const someone = '3f2504e0-4f89-41d3-9a0c-0305e82c3399';
    // Earlier tests here tamper with entries on purpose: this one must add no problem and 44 entries.
    const before = await verifyAuditChain(database.db);
    const one = (i: number) =>
      withOrg(database.db, org.orgId, (tx) =>
        writeAudit(tx, { ...ctx, requestId: `req-${i}` }, [
          { action: 'person.view', resourceType: 'person', resourceId: `one-${i}`, personId: someone, reason: awkward },
        ]),
      );
    await one(0);
    await withOrg(database.db, org.orgId, (tx) =>
      writeAudit(tx, ctx, [
        { action: 'person.view', resourceType: 'person', resourceId: 'two-a' },
        { action: 'person.view', resourceType: 'person', resourceId: 'two-b' },
      ]),
    );
    // A listing of one page, and 40 writers at once (they queue on the chain heads they pick).
    await withOrg(database.db, org.orgId, (tx) =>
      writeAudit(tx, ctx, listingEntry('crisis-board.list', 'crisis_board', 'one-listing', [someone])),
    );
    const ids = (await Promise.all(Array.from({ length: 40 }, (_, i) => one(i + 1)))).flat();
    expect(new Set(ids).size).toBe(40);
    const [stored] = await database.db
      .selectFrom('audit_event')
      .select(['reason', 'request_id', 'person_id', 'payload'])
      .where('resource_id', '=', 'one-0')
      .execute();
    expect(stored).toMatchObject({ reason: awkward, request_id: 'req-0', person_id: someone });
    expect(JSON.parse(stored!.payload)[9]).toBe(awkward);
    const result = await verifyAuditChain(database.db);
    expect(result.problems).toEqual(before.problems);
    expect(result.checked).toBe(before.checked + 44);
  });
});

describe('an entry’s payload around its sequence number', () => {
  it('is exactly the canonical payload once the number is put between its halves', () => {
    const text = fc.option(fc.string({ unit: 'binary' }), { nil: null });
    const row = fc.record({
      org_id: fc.uuid(),
      chain: fc.integer({ min: 0, max: 15 }),
      at: fc.date({ noInvalidDate: true }).map((d) => d.toISOString()),
      actor_kind: fc.constantFrom('user', 'system', 'partner'),
      actor_id: fc.option(fc.uuid(), { nil: null }),
      action: fc.string({ unit: 'binary' }),
      resource_type: fc.string(),
      resource_id: text,
      person_id: fc.option(fc.uuid(), { nil: null }),
      reason: text,
      request_id: text,
      person_ids: fc.option(fc.array(fc.uuid(), { minLength: 1, maxLength: 4 }), { nil: null }),
    });
    fc.assert(
      fc.property(row, fc.integer({ min: 1, max: Number.MAX_SAFE_INTEGER }), (r, seq) => {
        const { prefix, suffix } = payloadAroundSeq(r);
        expect(`${prefix}${seq}${suffix}`).toBe(canonicalPayload({ ...r, seq }));
      }),
      { numRuns: 1000 },
    );
  });
});
