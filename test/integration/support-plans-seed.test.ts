import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testEngines } from '../helpers/database.js';
import { signIn, startTestApp, type Agent, type TestApp } from '../helpers/app.js';
import { seedScenarioPeople } from '../../src/seed/scenario-people.js';
import { seedSupportPlans } from '../../src/seed/support-plans.js';
import { withOrg } from '../../src/platform/db/scope.js';
import { directPaymentConsentStatus } from '../../src/modules/capacity/index.js';
import type { PlanContent } from '../../src/modules/planning/index.js';

/**
 * The demo county's tier 3 drafts: George's plan (S4) and Mrs N's (S2, three quotes, none chosen),
 * Joan's capacity records (S6), written through the modules' services; nothing for the Joneses.
 */
describe.each(testEngines())('support plan and capacity seed (%s)', (engine) => {
  let t: TestApp;
  let sam: Agent;
  let ids: Record<string, string>;

  beforeAll(async () => {
    t = await startTestApp(engine);
    ids = await seedScenarioPeople(t.database.db, t.org);
    await seedSupportPlans(t.database.db, t.org);
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
    // No budget: that is the allocation's to give.
    expect(plan.agreedWeeklyBudgetPence).toBeNull();
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
