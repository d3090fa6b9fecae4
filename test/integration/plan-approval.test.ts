import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testEngines } from '../helpers/database.js';
import { signIn, startTestApp, type Agent, type TestApp } from '../helpers/app.js';
import { createPersonThroughPages, validNhsNumber } from '../helpers/people.js';
import { giveBudget, insertWelfarePower } from '../helpers/plan-budget.js';
import { todayInLondon } from '../../src/platform/dates.js';
import { insertPart } from '../helpers/budget-parts.js';

/**
 * Approving a support plan (issue 13 §3): within the approver's delegated limit, or with a panel's
 * decision above every limit; refused while the budget is not agreed or the plan costs more than it;
 * on approval the CLD long-term support events start, and a re-approval ends or starts them item by item.
 */
describe.each(testEngines())('approving support plans (%s)', (engine) => {
  let t: TestApp;
  let sam: Agent, priya: Agent, bea: Agent;
  const today = todayInLondon().toString();
  const base = (id: string) => `/people/${id}/support-plan`;

  const version = async (personId: string) =>
    String(
      (
        await t.database.db
          .selectFrom('support_plan')
          .select('current_version')
          .where('person_id', '=', personId)
          .executeTakeFirst()
      )?.current_version ?? 0,
    );
  const status = async (personId: string) =>
    (
      await t.database.db
        .selectFrom('support_plan')
        .select('status')
        .where('person_id', '=', personId)
        .executeTakeFirstOrThrow()
    ).status;
  const approvals = (personId: string) =>
    t.database.db.selectFrom('support_plan_approval').selectAll().where('person_id', '=', personId).execute();
  const events = (personId: string) =>
    t.database.db
      .selectFrom('person_event')
      .select([
        'event_type',
        'start_date',
        'end_date',
        'event_outcome',
        'service_type',
        'service_component',
        'delivery_mechanism',
        'summary',
        'version',
        'recorded_in_error_at',
      ])
      .where('person_id', '=', personId)
      .where('source_module', '=', 'planning')
      .orderBy('summary')
      .execute();
  const itemIds = async (personId: string) => {
    const row = await t.database.db
      .selectFrom('support_plan_version as v')
      .innerJoin('support_plan as p', (j) =>
        j.onRef('p.id', '=', 'v.plan_id').onRef('p.current_version', '=', 'v.version'),
      )
      .select('v.content')
      .where('v.person_id', '=', personId)
      .executeTakeFirstOrThrow();
    return Object.fromEntries(
      (row.content as { items: { id: string; what: string }[] }).items.map((i) => [i.what, i.id]),
    );
  };

  async function addItem(personId: string, what: string, pounds: string, more: Record<string, string> = {}) {
    const res = await sam.post(`${base(personId)}/items/new`, {
      version: await version(personId),
      what,
      giver: 'personal_assistant',
      giverName: 'Jo',
      frequency: 'weekly',
      funding: 'personal_budget',
      amount: pounds,
      ...more,
    });
    expect(res.statusCode, res.body.slice(0, 1500)).toBe(303);
  }
  async function agree(personId: string) {
    const res = await sam.post(`${base(personId)}/agree`, {
      version: await version(personId),
      by: 'person',
      confirm: 'yes',
    });
    expect(res.statusCode, res.body.slice(0, 1500)).toBe(303);
  }
  const approve = async (agent: Agent, personId: string, form: Record<string, string> = {}) =>
    agent.post(`${base(personId)}/approve`, { version: await version(personId), ...form });

  async function personWithPlan(
    given: string,
    nhs: number,
    budget: { indicativePence: number; agreedPence: number | null },
  ) {
    const id = await createPersonThroughPages(sam, given, 'Approvetest', validNhsNumber(nhs));
    await giveBudget(t.database.db, t.org.orgId, id, budget);
    return id;
  }

  beforeAll(async () => {
    t = await startTestApp(engine);
    [sam, priya, bea] = await Promise.all([
      signIn(t.app, 'sam.practitioner'),
      signIn(t.app, 'priya.manager'),
      signIn(t.app, 'bea.broker'),
    ]);
  });

  afterAll(async () => {
    await t?.close();
  });

  it('refuses a plan not yet agreed, a budget not yet agreed, and a plan over the agreed budget, saving nothing', async () => {
    const indicative = await personWithPlan('Ivy', 704000001, { indicativePence: 30_000, agreedPence: null });
    await addItem(indicative, 'Personal care each morning', '200');
    const notAgreed = await approve(sam, indicative);
    expect(notAgreed.statusCode).toBe(422);
    expect(notAgreed.body).toContain('Record that the plan is agreed before it is approved');
    await agree(indicative);
    const page = await sam.get(`${base(indicative)}/approve`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('£300.00 a week (indicative, not agreed yet)');
    const budgetNotAgreed = await approve(sam, indicative);
    expect(budgetNotAgreed.statusCode).toBe(422);
    expect(budgetNotAgreed.body).toContain(
      'The budget is not agreed yet (£300.00 a week is only the indicative budget)',
    );

    const over = await personWithPlan('Otto', 704000002, { indicativePence: 15_000, agreedPence: 15_000 });
    await addItem(over, 'Personal care each morning', '200');
    await agree(over);
    const refused = await approve(priya, over);
    expect(refused.statusCode).toBe(422);
    expect(refused.body).toContain(
      'The plan costs £200.00 a week, £50.00 a week more than the agreed budget of £150.00: change the plan until it fits',
    );
    for (const id of [indicative, over]) {
      expect(await status(id)).toBe('agreed');
      expect(await approvals(id)).toEqual([]);
      expect(await events(id)).toEqual([]);
    }
    expect((await bea.post(`${base(over)}/approve`, { version: '1' })).statusCode).toBe(403);
  });

  it('counts a supported managed account’s weekly fee in the plan’s costing, and approval holds the plan to it (S8)', async () => {
    const mona = await personWithPlan('Mona', 704000009, { indicativePence: 15_000, agreedPence: 15_000 });
    await addItem(mona, 'Personal care each morning', '140');
    await agree(mona);
    await insertPart(t.database.db, t.org.orgId, {
      personId: mona,
      route: 'managed_account',
      holder: 'Fen Money Management',
      weeklyPence: 15_000,
      feeWeeklyPence: 1_200,
      startsOn: '2026-01-05',
    });
    const page = await sam.get(base(mona));
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Supported managed account fee (Fen Money Management)');
    expect(page.body).toContain('£152.00');
    const refused = await approve(priya, mona);
    expect(refused.statusCode).toBe(422);
    expect(refused.body).toContain(
      'The plan costs £152.00 a week, £2.00 a week more than the agreed budget of £150.00: change the plan until it fits',
    );
    expect(await approvals(mona)).toEqual([]);
  });

  it('approves within the practitioner’s limit and starts a long-term support event for each item the budget pays for', async () => {
    const alf = await personWithPlan('Alf', 704000003, { indicativePence: 100_000, agreedPence: 100_000 });
    await addItem(alf, 'Personal care each morning', '200');
    await addItem(alf, 'Falls alarm', '5', { giver: 'technology', giverName: 'Fen Telecare' });
    await addItem(alf, 'Sunday lunch', '', { giver: 'family', giverName: 'Carol', funding: 'unpaid' });
    await agree(alf);
    expect((await sam.get(base(alf))).body).toContain('Approve the plan');
    const approved = await approve(sam, alf);
    expect(approved.statusCode, approved.body.slice(0, 2000)).toBe(303);
    expect(await status(alf)).toBe('approved');
    const [approval] = await approvals(alf);
    expect(approval).toMatchObject({
      version: 4,
      approved_on: today,
      approved_by: t.org.userIds['sam.practitioner'],
      approved_by_role: 'practitioner',
      panel_decided_on: null,
    });
    expect(Number(approval!.weekly_cost_pence)).toBe(20_500);
    expect(Number(approval!.agreed_budget_weekly_pence)).toBe(100_000);
    const service = {
      event_type: 'Service',
      start_date: today,
      end_date: null,
      event_outcome: null,
      service_type: 'Long term support: Community',
      delivery_mechanism: 'CASSR commissioned support',
      version: 1,
      recorded_in_error_at: null,
    };
    expect(await events(alf)).toEqual([
      { ...service, service_component: 'Equipment', summary: 'Support plan: Falls alarm (Fen Telecare)' },
      {
        ...service,
        service_component: 'Home support or domiciliary care',
        summary: 'Support plan: Personal care each morning (Jo)',
      },
    ]);
    const page = await sam.get(base(alf));
    expect(page.body).toContain(`Approved by Sam`);
    expect(page.body).toContain('(social care practitioner) on');

    // Any change returns it to draft; re-agreed, the new cost is over the practitioner's limit.
    const ids = await itemIds(alf);
    const removed = await sam.post(`${base(alf)}/items/${ids['Personal care each morning']}`, {
      version: await version(alf),
      _remove: 'yes',
    });
    expect(removed.statusCode).toBe(303);
    expect(await status(alf)).toBe('draft');
    await addItem(alf, 'Day centre on Tuesdays', '300', { giver: 'other', giverName: 'Fen Day Centre' });
    await agree(alf);
    const overLimit = await approve(sam, alf);
    expect(overLimit.statusCode).toBe(422);
    expect(overLimit.body).toContain('£305.00 a week is more than your limit of £250.00');
    expect(overLimit.body).toContain('Team manager, up to £800.00 a week');
    expect(await status(alf)).toBe('agreed');

    const byManager = await approve(priya, alf);
    expect(byManager.statusCode).toBe(303);
    expect((await approvals(alf)).map((a) => a.approved_by_role).sort()).toEqual(['practitioner', 'team_manager']);
    // The removed item's event ends today; the unchanged alarm's is untouched (still version 1); the day centre starts.
    expect(await events(alf)).toEqual([
      {
        ...service,
        service_component: 'Day support',
        summary: 'Support plan: Day centre on Tuesdays (Fen Day Centre)',
      },
      { ...service, service_component: 'Equipment', summary: 'Support plan: Falls alarm (Fen Telecare)' },
      {
        ...service,
        service_component: 'Home support or domiciliary care',
        summary: 'Support plan: Personal care each morning (Jo)',
        end_date: today,
        event_outcome: 'NFA: Support ended as planned',
        version: 2,
      },
    ]);
  });

  it('above every limit, asks for the panel’s decision: refused without it, approved with it', async () => {
    const cy = await personWithPlan('Cy', 704000004, { indicativePence: 100_000, agreedPence: 100_000 });
    await addItem(cy, 'Personal care day and night', '900');
    await agree(cy);
    const page = await priya.get(`${base(cy)}/approve`);
    expect(page.body).toContain('more than anyone may approve alone');
    expect(page.body).toContain('name="panelMembers"');
    const withoutPanel = await approve(priya, cy);
    expect(withoutPanel.statusCode).toBe(422);
    expect(withoutPanel.body).toContain('a panel must decide');
    const badPanel = await approve(priya, cy, { panelHeld: 'yes', 'panelDecidedOn-day': '32', panelMembers: '' });
    expect(badPanel.statusCode).toBe(422);
    expect(badPanel.body).toContain('There is a problem');
    expect(badPanel.body).toContain('Enter who sat on the panel');
    expect(badPanel.body).toContain('Confirm the panel agreed the plan');
    expect(await approvals(cy)).toEqual([]);
    expect(await status(cy)).toBe('agreed');

    const [year, month, day] = today.split('-');
    const withPanel = await approve(sam, cy, {
      panelHeld: 'yes',
      'panelDecidedOn-day': day!,
      'panelDecidedOn-month': month!,
      'panelDecidedOn-year': year!,
      panelMembers: 'Head of adult services; finance business partner',
      panelDecision: 'Agreed: night care keeps Cy at home',
      panelAgreed: 'yes',
    });
    expect(withPanel.statusCode, withPanel.body.slice(0, 2000)).toBe(303);
    expect(await approvals(cy)).toMatchObject([
      {
        panel_decided_on: today,
        panel_members: 'Head of adult services; finance business partner',
        panel_decision: 'Agreed: night care keeps Cy at home',
      },
    ]);
    expect((await sam.get(base(cy))).body).toContain('Decision: Agreed: night care keeps Cy at home');
  });

  it('refuses an approval made on a page opened before the plan changed', async () => {
    const di = await personWithPlan('Di', 704000005, { indicativePence: 50_000, agreedPence: 50_000 });
    await addItem(di, 'Personal care each morning', '100');
    await agree(di);
    const stale = await sam.post(`${base(di)}/approve`, { version: '1' });
    expect(stale.statusCode).toBe(409);
    expect(stale.body).toContain('The plan has changed since you opened this page');
    expect(await approvals(di)).toEqual([]);
  });

  it('lets a deputy or a best-interests agreement stand only with the capacity record behind it', async () => {
    const ed = await personWithPlan('Ed', 704000006, { indicativePence: 50_000, agreedPence: 50_000 });
    await addItem(ed, 'Personal care each morning', '100');
    const as = (basis: string, name = 'Fen Deputies') => ({
      by: 'representative',
      representativeName: name,
      representativeBasis: basis,
      confirm: 'yes',
    });
    const deputy = await sam.post(`${base(ed)}/agree`, { version: await version(ed), ...as('deputy') });
    expect(deputy.statusCode).toBe(422);
    expect(deputy.body).toContain('no Court of Protection deputyship for health and welfare naming Fen Deputies');
    const bestInterests = await sam.post(`${base(ed)}/agree`, {
      version: await version(ed),
      ...as('best_interests', 'Carol'),
    });
    expect(bestInterests.statusCode).toBe(422);
    expect(bestInterests.body).toContain('no capacity assessment finding they lack capacity');
    const assessmentId = await insertCareCapacityAssessment(ed);
    const noDecision = await sam.post(`${base(ed)}/agree`, {
      version: await version(ed),
      ...as('best_interests', 'Carol'),
    });
    expect(noDecision.body).toContain('no best-interests decision about their care and support');
    expect(await status(ed)).toBe('draft');

    await insertBestInterests(ed, assessmentId);
    const agreed = await sam.post(`${base(ed)}/agree`, {
      version: await version(ed),
      ...as('best_interests', 'Carol'),
    });
    expect(agreed.statusCode).toBe(303);
    await insertWelfarePower(t.database.db, t.org.orgId, ed, 'deputyship', 'Fen Deputies Ltd');
    await sam.post(`${base(ed)}/profile/hopes`, {
      version: await version(ed),
      text: 'To stay home',
      writtenBy: 'person',
    });
    const byDeputy = await sam.post(`${base(ed)}/agree`, { version: await version(ed), ...as('deputy') });
    expect(byDeputy.statusCode).toBe(303);
    expect(await status(ed)).toBe('agreed');
  });

  async function insertCareCapacityAssessment(personId: string) {
    const row = await t.database.db
      .insertInto('capacity_assessment')
      .values({
        org_id: t.org.orgId,
        person_id: personId,
        decision: 'How his care and support is arranged',
        decision_category: 'care_and_support',
        impairment: true,
        impairment_detail: 'Dementia',
        can_understand: false,
        can_retain: false,
        can_use_or_weigh: false,
        can_communicate: true,
        practicable_steps: 'Pictures, two visits',
        result: 'lacks_capacity',
        reasons: 'Could not understand the choices',
        assessor_name: 'A Fixture',
        assessor_role: 'Social worker',
        assessed_on: '2026-10-01',
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return row.id;
  }

  async function insertBestInterests(personId: string, assessmentId: string) {
    await t.database.db
      .insertInto('best_interests_decision')
      .values({
        org_id: t.org.orgId,
        person_id: personId,
        capacity_assessment_id: assessmentId,
        consulted: JSON.stringify([{ name: 'Carol', relationship: 'Daughter', view: 'Stay at home' }]),
        wishes_and_feelings: 'To stay at home',
        decision_made: 'Support at home as the plan says',
        reasons: 'What he has always wanted',
        decided_by: 'A Fixture',
        decided_on: '2026-10-02',
      })
      .execute();
  }
});
