import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testEngines } from '../helpers/database.js';
import { todayInLondon } from '../../src/platform/dates.js';
import { signIn, startTestApp, type Agent, type TestApp } from '../helpers/app.js';
import { insertPersonAsOwner } from '../helpers/matrix.js';
import { insertServices } from '../helpers/conversations.js';
import { seedScenarioPeople } from '../../src/seed/scenario-people.js';
import { seedSupportPlans } from '../../src/seed/support-plans.js';
import { seedAllocations } from '../../src/seed/allocations.js';
import { seedBudgetHoldings } from '../../src/seed/budgets.js';
import { seedPlansAtEveryStage } from '../../src/seed/support-plans-stages.js';
import { seedPersonalAssistants } from '../../src/seed/personal-assistants.js';
import { seedPool } from '../../src/seed/pools.js';
import { seedMonitoring } from '../../src/seed/monitoring.js';
import { seedPaymentRuns } from '../../src/seed/payment-runs.js';

/** The demo county holds budgets by every route (issue 14 §6), set up through the budgets service. */
describe.each(testEngines())('budget holdings seed (%s)', (engine) => {
  let t: TestApp;
  let sam: Agent;
  let ids: Record<string, string>;
  let staged: string[];
  let poolId: string | null;

  beforeAll(async () => {
    t = await startTestApp(engine);
    ids = await seedScenarioPeople(t.database.db, t.org);
    const services = await insertServices(t.database.db, t.org.orgId, [
      { name: 'Acorn Home Care' },
      { name: 'Brightwell Support' },
    ]);
    await t.database.db
      .updateTable('directory_service')
      .set({ tl_owner_user_id: t.org.userIds['paul.provider']! })
      .where('id', '=', services['Acorn Home Care']!)
      .execute();
    await seedSupportPlans(t.database.db, t.org);
    for (const given of ['Ann', 'Ben', 'Cat', 'Dan', 'Eve', 'Fay', 'Gus'])
      await insertPersonAsOwner(t.database.db, t.org.orgId, given, 'Seedling');
    await seedAllocations(t.database.db, t.org);
    staged = await seedPlansAtEveryStage(t.database.db, t.org);
    await seedBudgetHoldings(t.database.db, t.org);
    for (let n = 0; n < 26; n++) await insertPersonAsOwner(t.database.db, t.org.orgId, `Member${n}`, 'Poolperson');
    await seedPersonalAssistants(t.database.db, t.org);
    poolId = await seedPool(t.database.db, t.org);
    await seedMonitoring(t.database.db, t.org);
    await seedPaymentRuns(t.database.db, t.org);
    sam = await signIn(t.app, 'sam.practitioner');
  }, 180_000);
  afterAll(async () => t?.close());

  const routesOf = async (personId: string) =>
    (
      await t.database.db
        .selectFrom('budget_part')
        .select(['route', 'ends_on'])
        .where('person_id', '=', personId)
        .orderBy('created_at')
        .execute()
    ).map((p) => `${p.route}${p.ends_on ? ' (ended)' : ''}`);

  it('holds each case study person’s budget their way', async () => {
    expect(await routesOf(ids.mrsN!)).toEqual(['prepaid_card (ended)', 'prepaid_card', 'council_managed']);
    expect(await routesOf(ids.margaret!)).toEqual(['isf']);
    expect(await routesOf(ids.george!)).toEqual(['council_managed']);
    expect(await routesOf(ids.shirley!)).toEqual(['direct_payment']);
    expect(await routesOf(ids.joan!)).toEqual(['suitable_person']);
    expect(await routesOf(ids.mrL!)).toEqual(['managed_account']);
    const holders = await t.database.db
      .selectFrom('budget_part')
      .select(['route', 'holder'])
      .where('route', 'in', ['isf', 'managed_account', 'trust'])
      .orderBy('route')
      .orderBy('holder')
      .execute();
    expect(holders.map((h) => h.route + ': ' + h.holder.replace(/The \w+ Family Trust/, 'The family trust'))).toEqual([
      'isf: Acorn Home Care',
      'isf: Brightwell Support',
      'managed_account: Brightwell Support',
      'trust: The family trust',
    ]);
    expect(await routesOf(ids.mrM!)).toEqual(['one_off']);
    expect(await routesOf(ids.mrJones!)).toEqual([]);
    const all = await t.database.db.selectFrom('budget_part').select('route').distinct().execute();
    expect(all.map((r) => r.route).sort()).toEqual(
      [
        'council_managed',
        'direct_payment',
        'isf',
        'managed_account',
        'one_off',
        'pool',
        'prepaid_card',
        'suitable_person',
        'trust',
      ].sort(),
    );
  });

  it('shows Joan’s suitable person and Margaret’s agency on their Money tabs', async () => {
    const joan = await sam.get(`/people/${ids.joan}/money`);
    expect(joan.statusCode).toBe(200);
    expect(joan.body).toContain('Direct payment to a suitable person: Sheila Parr');
    expect(joan.body).toContain('Sheila Parr (Friend, holds enduring power of attorney)');
    const margaret = await sam.get(`/people/${ids.margaret}/money`);
    expect(margaret.body).toContain('Individual service fund: Acorn Home Care');
    const mrsN = await sam.get(`/people/${ids.mrsN}/money`);
    expect(mrsN.body).toContain('£18.40');
    expect(mrsN.body).toContain(
      'Council-managed budget: Fenshire County Council (Asian day centre, three days a week)',
    );
  });

  it('reports an approved plan’s long-term support with the delivery mechanism of how the budget is held, with its costs, one line per way it was held', async () => {
    const planEvents = (personId: string) =>
      t.database.db
        .selectFrom('person_event')
        .select([
          'id',
          'source_id',
          'start_date',
          'end_date',
          'event_outcome',
          'delivery_mechanism',
          'unit_cost_pence',
          'cost_frequency',
          'planned_units_per_week',
        ])
        .where('source_module', '=', 'planning')
        .where('recorded_in_error_at', 'is', null)
        .where('person_id', '=', personId)
        .execute();
    // staged[2] was approved after a panel: its budget is not held any way yet, so it reports as commissioned.
    const [approved, , panel] = staged;
    const before = await planEvents(panel!);
    expect(before.length).toBeGreaterThan(0);
    for (const e of before)
      expect([e.delivery_mechanism, e.unit_cost_pence, e.end_date]).toEqual(['CASSR commissioned support', null, null]);
    const parts = await t.database.db.selectFrom('budget_part').select('id').where('person_id', '=', panel!).execute();
    expect(parts).toEqual([]);
    const budget = await t.database.db
      .selectFrom('budget_allocation')
      .select('agreed_weekly_pence')
      .where('person_id', '=', panel!)
      .executeTakeFirstOrThrow();
    // The direct payment starts after the lines began, so the commissioned lines end the day before.
    const startsOn = todayInLondon().add({ days: 3 });
    const signedOn = todayInLondon();
    const setUp = await sam.post(`/people/${panel}/money/parts/new`, {
      route: 'direct_payment',
      holder: 'Their own account',
      weekly: (Number(budget.agreed_weekly_pence) / 100).toFixed(2),
      'startsOn-day': String(startsOn.day),
      'startsOn-month': String(startsOn.month),
      'startsOn-year': String(startsOn.year),
      'signedOn-day': String(signedOn.day),
      'signedOn-month': String(signedOn.month),
      'signedOn-year': String(signedOn.year),
      signedBy: 'The person',
    });
    expect(setUp.statusCode).toBe(303);
    const after = await planEvents(panel!);
    expect(after).toHaveLength(before.length * 2);
    // Each line reported as commissioned keeps its row and its history: it ends the day before.
    const earlier = after.filter((e) => e.end_date !== null);
    expect(earlier.map((e) => e.id).sort()).toEqual(before.map((e) => e.id).sort());
    for (const e of earlier) {
      expect([e.delivery_mechanism, e.unit_cost_pence, e.end_date, e.event_outcome]).toEqual([
        'CASSR commissioned support',
        null,
        startsOn.subtract({ days: 1 }).toString(),
        'Continuation of support or services',
      ]);
      expect(before.map((b) => b.source_id)).not.toContain(e.source_id);
    }
    // The new lines, under the plan items' own ids, are direct payments with their costs from that day.
    const current = after.filter((e) => e.end_date === null);
    expect(current.map((e) => e.source_id).sort()).toEqual(before.map((e) => e.source_id).sort());
    for (const e of current) {
      expect([e.delivery_mechanism, e.start_date]).toEqual(['Direct payment', startsOn.toString()]);
      expect(e.unit_cost_pence).not.toBeNull();
      expect(e.cost_frequency).not.toBeNull();
      expect(e.planned_units_per_week).not.toBeNull();
    }

    // A week later the whole direct payment switches to a council-managed budget (S7): the direct payment
    // lines end the day before, and council-managed lines start that day; the commissioned lines are untouched.
    const switchOn = startsOn.add({ days: 7 });
    const [dp] = await t.database.db
      .selectFrom('budget_part')
      .select(['id', 'version', 'weekly_pence'])
      .where('person_id', '=', panel!)
      .execute();
    const switched = await sam.post(`/people/${panel}/money/parts/${dp!.id}/switch`, {
      version: String(dp!.version),
      route: 'council_managed',
      holder: 'The council',
      moving: (Number(dp!.weekly_pence) / 100).toFixed(2),
      'from-day': String(switchOn.day),
      'from-month': String(switchOn.month),
      'from-year': String(switchOn.year),
    });
    expect(switched.statusCode).toBe(303);
    const lines = await planEvents(panel!);
    expect(lines).toHaveLength(before.length * 3);
    const mechanisms = (rows: typeof lines) =>
      rows.map((e) => [e.delivery_mechanism, e.start_date, e.end_date, e.event_outcome]);
    for (const e of lines.filter((l) => earlier.some((x) => x.id === l.id)))
      expect(mechanisms([e])).toEqual(mechanisms([earlier.find((x) => x.id === e.id)!]));
    for (const e of lines.filter((l) => current.some((x) => x.id === l.id)))
      expect(mechanisms([e])).toEqual([
        [
          'Direct payment',
          startsOn.toString(),
          switchOn.subtract({ days: 1 }).toString(),
          'Continuation of support or services',
        ],
      ]);
    const now = lines.filter((l) => l.end_date === null);
    expect(now.map((e) => e.source_id).sort()).toEqual(before.map((e) => e.source_id).sort());
    for (const e of now)
      expect([e.delivery_mechanism, e.start_date]).toEqual(['CASSR managed personal budget', switchOn.toString()]);
    expect(approved).toBeDefined();
  });

  it('pools 25 members’ £100 each, pays the trip two signatories approved and holds the hall hire one approved (S9)', async () => {
    expect(poolId).not.toBeNull();
    const members = await t.database.db
      .selectFrom('budget_pool_member')
      .select('id')
      .where('pool_id', '=', poolId!)
      .execute();
    expect(members).toHaveLength(25);
    const expenses = await t.database.db
      .selectFrom('budget_pool_expense')
      .select(['description', 'paid_on'])
      .where('pool_id', '=', poolId!)
      .orderBy('description')
      .execute();
    expect(expenses.map((e) => [e.description, e.paid_on !== null])).toEqual([
      ['Coach trip to the coast', true],
      ['Hall hire for the tea dance', false],
    ]);
    const page = await sam.get(`/pools/${poolId}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('£2,050.00'); // £2,500 in, £450 out
    // A signatory who stood down keeps her approval of the trip; her successor signs now.
    expect(page.body).toContain('in place of Rukhsana Begum');
    expect(page.body).toMatch(/Approved by[^<]*Rukhsana Begum/);
  });

  it('flags Leonard’s surplus for a conversation and leaves Shirley alone, and keeps his saved-up hours (S5, S8)', async () => {
    const cases = await t.database.db
      .selectFrom('budget_monitoring_case as c')
      .innerJoin('budget_part as p', 'p.id', 'c.part_id')
      .select(['p.person_id', 'c.reason'])
      .execute();
    expect(cases.map((c) => [c.person_id === ids.mrL, c.reason])).toEqual([[true, 'surplus']]);
    const hours = await t.database.db
      .selectFrom('budget_saved_hours')
      .select((eb) => eb.fn.sum<string>('hundredths').as('total'))
      .executeTakeFirstOrThrow();
    expect(Number(hours.total)).toBe(350);
    const renewals = await sam.get('/budgets/assistants/renewals');
    expect(renewals.body).toContain('Shirley');
  });

  it('has a completed payment run and the next one prepared, waiting for a second person (S1 step 4’s money side)', async () => {
    const runs = await t.database.db
      .selectFrom('payment_run')
      .select(['status', 'payment_count', 'held_back_count'])
      .orderBy('period_start')
      .execute();
    expect(runs.map((r) => r.status)).toEqual(['completed', 'prepared']);
    expect(runs[0]!.payment_count).toBeGreaterThan(25);
    expect(runs[0]!.held_back_count).toBeGreaterThan(0);
    const reasons = await t.database.db
      .selectFrom('payment')
      .select('held_back_reason')
      .where('state', '=', 'held_back')
      .distinct()
      .execute();
    expect(reasons.map((r) => r.held_back_reason)).toContain(
      'No provider is recorded for this part, so there is no one to pay',
    );
    const frank = await signIn(t.app, 'frank.finance');
    expect((await frank.get('/payments/runs')).statusCode).toBe(200);
  });
});
