import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testEngines } from '../helpers/database.js';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { insertPersonAsOwner } from '../helpers/matrix.js';
import { seedAllocations } from '../../src/seed/allocations.js';
import { seedScenarioPeople } from '../../src/seed/scenario-people.js';
import { DEFAULT_APPROVAL_LIMITS, checkApproval } from '../../src/modules/allocation/index.js';
import type { Role } from '../../src/platform/access/roles.js';

/**
 * The demo budgets: both versions published and a draft, budgets at every status for residents, none
 * for the case study people but Mrs N, whose agreed budget is sized for S2.
 */
describe.each(testEngines())('allocation seed (%s)', (engine) => {
  let t: TestApp;
  let scenario: Record<string, string>;

  beforeAll(async () => {
    t = await startTestApp(engine);
    scenario = await seedScenarioPeople(t.database.db, t.org);
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

  it('costs completed assessments at every status under the version in force, for residents, not the case study people', async () => {
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
    const caseStudy = new Set(Object.values(scenario));
    // Seven residents, one budget each (the eight Seedlings are the only residents); Mrs N her own.
    expect(rows.filter((r) => !caseStudy.has(r.person_id))).toHaveLength(7);
    expect(rows.filter((r) => caseStudy.has(r.person_id)).map((r) => r.person_id)).toEqual([scenario.mrsN]);
  });

  it('gives Mrs N (S2) a supported self-assessment and a budget Sam agreed at £213.00 a week, £6.25 over the indicative', async () => {
    const rows = await t.database.db
      .selectFrom('budget_allocation as b')
      .innerJoin('ras_version as v', 'v.id', 'b.ras_version_id')
      .innerJoin('assessment as a', 'a.id', 'b.assessment_id')
      .select([
        'v.label',
        'a.method',
        'a.status as assessment',
        'b.status',
        'b.points',
        'b.indicative_weekly_pence',
        'b.agreed_weekly_pence',
        'b.decided_role',
        'b.difference_reason',
      ])
      .where('b.person_id', '=', scenario.mrsN!)
      .execute();
    expect(rows).toEqual([
      {
        label: 'Fenshire RAS 2026',
        method: 'supported_self_assessment',
        assessment: 'completed',
        status: 'agreed',
        points: 29,
        indicative_weekly_pence: expect.anything(),
        agreed_weekly_pence: expect.anything(),
        decided_role: 'practitioner',
        difference_reason: expect.stringContaining('a small float for bank-holiday rates'),
      },
    ]);
    expect(Number(rows[0]!.indicative_weekly_pence)).toBe(20_675);
    expect(Number(rows[0]!.agreed_weekly_pence)).toBe(21_300);
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
