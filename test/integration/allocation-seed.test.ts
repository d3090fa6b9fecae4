import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testEngines } from '../helpers/database.js';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { insertPersonAsOwner } from '../helpers/matrix.js';
import { seedAllocations } from '../../src/seed/allocations.js';
import { DEFAULT_APPROVAL_LIMITS, checkApproval } from '../../src/modules/allocation/index.js';
import type { Role } from '../../src/platform/access/roles.js';

/** The demo budgets: both versions published and a draft, budgets at every status, none for the Joneses. */
describe.each(testEngines())('allocation seed (%s)', (engine) => {
  let t: TestApp;
  const jones: string[] = [];

  beforeAll(async () => {
    t = await startTestApp(engine);
    jones.push(await insertPersonAsOwner(t.database.db, t.org.orgId, 'Edna', 'Jones'));
    jones.push(await insertPersonAsOwner(t.database.db, t.org.orgId, 'Harold', 'Jones'));
    for (const given of ['Ann', 'Ben', 'Cat', 'Dan', 'Eve', 'Fay', 'Gus', 'Hal'])
      await insertPersonAsOwner(t.database.db, t.org.orgId, given, 'Seedling');
    await seedAllocations(t.database.db, t.org);
  }, 120_000);
  afterAll(async () => t?.close());

  it('stores 2025 and 2026 as published and a draft', async () => {
    const versions = await t.database.db
      .selectFrom('ras_version')
      .select(['label', 'status', 'effective_from'])
      .orderBy('label')
      .execute();
    expect(versions).toEqual([
      { label: 'Fenshire RAS 2025', status: 'published', effective_from: '2025-04-01' },
      { label: 'Fenshire RAS 2026', status: 'published', effective_from: '2026-04-01' },
      { label: 'Fenshire RAS 2027 (draft)', status: 'draft', effective_from: '2027-04-01' },
    ]);
  });

  it('costs completed assessments at every status under the version in force, and none for Edna and Harold', async () => {
    const rows = await t.database.db
      .selectFrom('budget_allocation as b')
      .innerJoin('ras_version as v', 'v.id', 'b.ras_version_id')
      .innerJoin('assessment as a', 'a.id', 'b.assessment_id')
      .select(['b.person_id', 'b.status', 'b.calculated_on', 'v.effective_from', 'v.label', 'a.status as assessment'])
      .execute();
    expect(new Set(rows.map((r) => r.status))).toEqual(
      new Set(['indicative', 'awaiting_approval', 'awaiting_panel', 'agreed']),
    );
    expect(new Set(rows.map((r) => r.label))).toEqual(new Set(['Fenshire RAS 2025', 'Fenshire RAS 2026']));
    for (const r of rows) {
      expect(r.assessment).toBe('completed');
      expect(r.effective_from! <= r.calculated_on).toBe(true);
      expect(r.label === 'Fenshire RAS 2026').toBe(r.calculated_on >= '2026-04-01');
    }
    expect(rows.filter((r) => jones.includes(r.person_id))).toEqual([]);
  });

  it('has every decision the delegated limits allow: agreed within the decider’s limit, a panel only above every limit', async () => {
    const rows = await t.database.db
      .selectFrom('budget_allocation')
      .select(['status', 'agreed_weekly_pence', 'decided_role'])
      .where('status', '!=', 'indicative')
      .execute();
    for (const r of rows) {
      const amount = Number(r.agreed_weekly_pence);
      const asPractitioner = checkApproval(DEFAULT_APPROVAL_LIMITS, 'practitioner', amount).kind;
      if (r.status === 'awaiting_approval') expect(asPractitioner).toBe('over_own_limit');
      if (r.status === 'awaiting_panel' || r.decided_role === 'panel') expect(asPractitioner).toBe('panel');
      if (r.status === 'agreed' && r.decided_role !== 'panel')
        expect(checkApproval(DEFAULT_APPROVAL_LIMITS, r.decided_role as Role, amount).kind).toBe('within');
    }
  });
});
