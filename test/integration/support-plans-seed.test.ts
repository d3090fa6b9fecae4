import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testEngines } from '../helpers/database.js';
import { signIn, startTestApp, type Agent, type TestApp } from '../helpers/app.js';
import { seedScenarioPeople } from '../../src/seed/scenario-people.js';
import { seedSupportPlans } from '../../src/seed/support-plans.js';
import { seedAllocations } from '../../src/seed/allocations.js';
import { seedPlansAtEveryStage } from '../../src/seed/support-plans-stages.js';
import { insertPersonAsOwner } from '../helpers/matrix.js';
import { withOrg } from '../../src/platform/db/scope.js';
import { directPaymentConsentStatus } from '../../src/modules/capacity/index.js';
import type { PlanContent } from '../../src/modules/planning/index.js';

/**
 * The demo county's tier 3 plans: George's draft (S4) and Mrs N's (S2, three quotes, none chosen,
 * against her agreed budget), Joan's capacity records (S6), and residents' plans agreed, approved and
 * approved after a panel, written through the modules' services; nothing for the Joneses.
 */
describe.each(testEngines())('support plan and capacity seed (%s)', (engine) => {
  let t: TestApp;
  let sam: Agent;
  let ids: Record<string, string>;
  const residents: string[] = [];
  let staged: string[];

  beforeAll(async () => {
    t = await startTestApp(engine);
    ids = await seedScenarioPeople(t.database.db, t.org);
    await seedSupportPlans(t.database.db, t.org);
    for (const given of ['Ann', 'Ben', 'Cat', 'Dan', 'Eve', 'Fay', 'Gus'])
      residents.push(await insertPersonAsOwner(t.database.db, t.org.orgId, given, 'Seedling'));
    await seedAllocations(t.database.db, t.org);
    staged = await seedPlansAtEveryStage(t.database.db, t.org);
    sam = await signIn(t.app, 'sam.practitioner');
  }, 180_000);
  afterAll(async () => t?.close());

  const versions = (personId: string) =>
    t.database.db
      .selectFrom('support_plan_version')
      .select(['version', 'changed_part', 'content'])
      .where('person_id', '=', personId)
      .orderBy('version')
      .execute();
  const current = async (personId: string) => (await versions(personId)).at(-1)!.content as PlanContent;

  it('writes George’s draft plan a part at a time: histories, appreciations, working and not working, his dog, adaptations', async () => {
    const rows = await versions(ids.george!);
    expect(rows.map((r) => r.changed_part).slice(0, 2)).toEqual(['My history', 'What people like and admire about me']);
    expect(rows.map((r) => r.version)).toEqual(rows.map((_r, i) => i + 1));
    const plan = await current(ids.george!);
    expect(Object.keys(plan.profile).sort()).toEqual(['appreciations', 'days', 'history', 'important', 'working']);
    expect(plan.items.find((i) => i.what.startsWith('Walks George’s dog'))).toMatchObject({
      giver: 'neighbour',
      funding: 'unpaid',
    });
    expect(plan.items.find((i) => i.what.startsWith('Home adaptations'))).toMatchObject({
      frequency: 'one_off',
      amountPence: 185_000,
      funding: 'personal_budget',
    });
    // Outcomes name the support that serves them.
    expect(plan.outcomes.every((o) => o.itemIds.length > 0)).toBe(true);
    // No budget typed into the plan: the plan takes it from the allocation.
    expect(plan.agreedWeeklyBudgetPence).toBeUndefined();

    const status = await t.database.db
      .selectFrom('support_plan')
      .select(['status', 'agreed_weekly_budget_pence'])
      .where('person_id', '=', ids.george!)
      .executeTakeFirstOrThrow();
    expect(status).toEqual({ status: 'draft', agreed_weekly_budget_pence: null });

    const page = await sam.get(`/people/${ids.george}/support-plan`);
    expect(page.statusCode).toBe(200);
    for (const text of ['He never gives up', 'Ray next door', 'Home adaptations', 'Sam Okafor'])
      expect(page.body).toContain(text);
  });

  it('gives Mrs N’s gardening and car cleaning three quotes, £8 to £40, none chosen yet', async () => {
    const plan = await current(ids.mrsN!);
    const garden = plan.items.find((i) => i.what === 'Gardening and cleaning the car')!;
    expect(garden.quotes.map((q) => [q.amountPence, q.chosen])).toEqual([
      [800, false],
      [2500, false],
      [4000, false],
    ]);
    const page = await sam.get(`/people/${ids.mrsN}/support-plan`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Village Odd Jobs: £8.00');
    expect(page.body).toContain('Sparkle Car and Garden Care: £40.00');
    expect(page.body).not.toContain('Chosen</strong>');
    // Her household PA is in the plan too; costed against the budget Sam agreed, with no quote chosen it fits.
    expect(plan.items.map((i) => i.giver)).toEqual([
      'other',
      'other',
      'personal_assistant',
      'personal_assistant',
      'other',
    ]);
    expect(page.body).toContain('The budget was agreed at £213.00 a week.');
    expect(page.body).toContain('£197.48');
    expect(page.body).not.toContain('over the budget');
  });

  it('records Joan’s capacity assessment, best-interests decision and Sheila’s enduring power of attorney', async () => {
    const status = await withOrg(t.database.db, t.org.orgId, (tx) => directPaymentConsentStatus(tx, ids.joan!));
    expect(status.lacksCapacity).toBe(true);
    expect(status.bestInterests?.consulted.map((c) => c.name)).toEqual(['Sheila Parr', 'Dr Anika Rahman']);
    expect(status.powers).toEqual([
      expect.objectContaining({ kind: 'epa', holders: 'Sheila Parr', registeredOn: '2019-05-14' }),
    ]);
    const page = await sam.get(`/people/${ids.joan}/capacity`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Enduring power of attorney');
  });

  const planOf = (personId: string) =>
    t.database.db
      .selectFrom('support_plan')
      .select(['id', 'status', 'current_version'])
      .where('person_id', '=', personId)
      .executeTakeFirst();
  const approvalsOf = (personId: string) =>
    t.database.db
      .selectFrom('support_plan_approval')
      .select(['weekly_cost_pence', 'agreed_budget_weekly_pence', 'approved_by_role', 'panel_members'])
      .where('person_id', '=', personId)
      .execute()
      .then((rows) =>
        rows.map((r) => ({
          ...r,
          weekly_cost_pence: Number(r.weekly_cost_pence),
          agreed_budget_weekly_pence: Number(r.agreed_budget_weekly_pence),
        })),
      );
  const planEvents = (personId: string) =>
    t.database.db
      .selectFrom('person_event')
      .select(['event_type', 'service_type'])
      .where('person_id', '=', personId)
      .where('source_module', '=', 'planning')
      .execute();

  it('writes residents’ plans at every stage past draft, for people whose budgets are agreed', async () => {
    expect(staged).toHaveLength(3);
    expect(staged.every((p) => residents.includes(p))).toBe(true);
    const [approved, agreed, panel] = staged as [string, string, string];

    // Approved by Sam within his £250 limit: £136.00 a week against £161.50; its two funded items' CLD events started.
    expect(await planOf(approved)).toMatchObject({ status: 'approved' });
    expect(await approvalsOf(approved)).toEqual([
      {
        weekly_cost_pence: 13_600,
        agreed_budget_weekly_pence: 16_150,
        approved_by_role: 'practitioner',
        panel_members: null,
      },
    ]);
    expect(await planEvents(approved)).toEqual([
      { event_type: 'Service', service_type: 'Long term support: Community' },
      { event_type: 'Service', service_type: 'Long term support: Community' },
    ]);

    // Agreed, awaiting a team manager: £260.00 a week is over Sam's limit; no events until it is approved.
    expect(await planOf(agreed)).toMatchObject({ status: 'agreed' });
    expect(await approvalsOf(agreed)).toEqual([]);
    expect(await planEvents(agreed)).toEqual([]);

    // Above every limit (£800): approved by Priya with the panel's decision recorded.
    expect(await planOf(panel)).toMatchObject({ status: 'approved' });
    expect(await approvalsOf(panel)).toEqual([
      {
        weekly_cost_pence: 85_800,
        agreed_budget_weekly_pence: 95_600,
        approved_by_role: 'team_manager',
        panel_members: expect.stringContaining('head of adult social care'),
      },
    ]);
    expect(await planEvents(panel)).toHaveLength(2);

    const page = await sam.get(`/people/${panel}/support-plan`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Waking nights');
    expect(page.body).toContain('head of adult social care');
  });

  it('leaves the Joneses alone (S1 step 4 is played live) and audits what it wrote', async () => {
    for (const person of [ids.mrJones!, ids.mrsJones!]) expect(await versions(person)).toEqual([]);
    const audited = await t.database.db
      .selectFrom('audit_event')
      .select(({ fn }) => fn.countAll<string>().as('n'))
      .where('action', 'in', ['support-plan.create', 'support-plan.update', 'capacity-assessment.create'])
      .executeTakeFirstOrThrow();
    expect(Number(audited.n)).toBeGreaterThan(10);
  });
});
