import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testEngines } from '../helpers/database.js';
import { signIn, startTestApp, type Agent, type TestApp } from '../helpers/app.js';
import { insertPersonAsOwner } from '../helpers/matrix.js';
import { giveBudget } from '../helpers/plan-budget.js';
import { insertCapacityAssessment } from '../helpers/capacity.js';
import { partPenceInPeriod } from '../../src/modules/budgets/index.js';
import { insertPart } from '../helpers/budget-parts.js';
import { todayInLondon } from '../../src/platform/dates.js';

/** Issue 14 §2: every way of holding a budget, the rules each has, and switching from a date (S6, S7, S10). */
describe.each(testEngines())('budget parts (%s)', (engine) => {
  let t: TestApp;
  let sam: Agent, frank: Agent;
  const people: Record<string, string> = {};

  const date = (name: string, iso: string) => {
    const [y, m, d] = iso.split('-');
    return { [`${name}-day`]: String(Number(d)), [`${name}-month`]: String(Number(m)), [`${name}-year`]: y! };
  };
  const agreement = { ...date('signedOn', '2026-11-30'), signedBy: 'The person' };
  const parts = (personId: string) =>
    t.database.db
      .selectFrom('budget_part')
      .selectAll()
      .where('person_id', '=', personId)
      .orderBy('created_at')
      .execute();
  const setUp = (personId: string, form: Record<string, string>) =>
    sam.post(`/people/${personId}/money/parts/new`, form);

  beforeAll(async () => {
    t = await startTestApp(engine);
    [sam, frank] = await Promise.all([signIn(t.app, 'sam.practitioner'), signIn(t.app, 'frank.finance')]);
    for (const name of ['Nalini', 'Joan', 'Trudy', 'Martin', 'Unagreed']) {
      people[name] = await insertPersonAsOwner(t.database.db, t.org.orgId, name, 'Moneyperson');
      if (name !== 'Martin' && name !== 'Unagreed')
        await giveBudget(t.database.db, t.org.orgId, people[name]!, { indicativePence: 20000, agreedPence: 21300 });
    }
    await giveBudget(t.database.db, t.org.orgId, people.Unagreed!, { indicativePence: 20000, agreedPence: null });
  });
  afterAll(() => t.close());

  it('shows a person without an agreed budget what to do first, and refuses a weekly part', async () => {
    const page = await sam.get(`/people/${people.Unagreed}/money`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('does not have an agreed budget yet');
    const refused = await setUp(people.Unagreed!, {
      route: 'direct_payment',
      holder: 'Unagreed Moneyperson',
      weekly: '50',
      ...date('startsOn', '2026-12-07'),
      ...agreement,
    });
    expect(refused.statusCode).toBe(422);
    expect(refused.body).toContain('The budget has not been agreed yet');
    expect(await parts(people.Unagreed!)).toHaveLength(0);
  });

  it('sets up a prepaid card within the agreed budget and refuses more than the budget, naming by how much (S7)', async () => {
    const card = await setUp(people.Nalini!, {
      route: 'prepaid_card',
      holder: 'Nalini Moneyperson (granddaughter checks it)',
      weekly: '150.00',
      restrictions: 'No cash withdrawals',
      ...date('startsOn', '2026-10-05'),
      ...agreement,
    });
    expect(card.statusCode).toBe(303);
    const over = await setUp(people.Nalini!, {
      route: 'council_managed',
      holder: 'The council',
      weekly: '70',
      ...date('startsOn', '2026-10-05'),
    });
    expect(over.statusCode).toBe(422);
    expect(over.body).toContain('The parts would come to £220.00 a week, £7.00 more than the agreed budget of £213.00');
    const page = await sam.get(`/people/${people.Nalini}/money`);
    expect(page.body).toContain('Prepaid card: Nalini Moneyperson (granddaughter checks it)');
    expect(page.body).toContain('No cash withdrawals');
    expect(page.body).toContain('Signed by The person on 2026-11-30');
    expect(page.body).toContain('£63.00 a week is not yet set up');
  });

  it('switches part of the card to a council-managed budget from a date, with no gap and no double funding (S7)', async () => {
    const [card] = await parts(people.Nalini!);
    const stale = await sam.post(`/people/${people.Nalini}/money/parts/${card!.id}/switch`, {
      version: String(card!.version + 1),
      route: 'council_managed',
      holder: 'The council',
      moving: '50',
      ...date('from', '2026-12-14'),
    });
    expect(stale.statusCode).toBe(409);
    const switched = await sam.post(`/people/${people.Nalini}/money/parts/${card!.id}/switch`, {
      version: String(card!.version),
      route: 'council_managed',
      holder: 'The council',
      moving: '50',
      ...date('from', '2026-12-14'),
    });
    expect(switched.statusCode).toBe(303);
    const after = await parts(people.Nalini!);
    expect(after.map((p) => [p.route, Number(p.weekly_pence), p.starts_on, p.ends_on])).toEqual([
      ['prepaid_card', 15000, '2026-10-05', '2026-12-13'],
      ['prepaid_card', 10000, '2026-12-14', null],
      ['council_managed', 5000, '2026-12-14', null],
    ]);
    // The card left on the same account; the moved share on its own; each part names the one it came from.
    expect(after[1]!.account_id).toBe(after[0]!.account_id);
    expect(after[2]!.account_id).not.toBe(after[0]!.account_id);
    expect(after[1]!.switched_from_id).toBe(after[0]!.id);
    expect(after[2]!.cld_delivery_mechanism).toBe('CASSR managed personal budget');
    // Over any period across the switch, the parts fund exactly what the unswitched card would have.
    const inPeriod = (from: string, to: string) =>
      after.reduce(
        (sum, p) =>
          sum +
          partPenceInPeriod(
            { weeklyPence: Number(p.weekly_pence), startsOn: p.starts_on, endsOn: p.ends_on },
            from,
            to,
          ),
        0,
      );
    const unswitched = partPenceInPeriod(
      { weeklyPence: 15000, startsOn: '2026-10-05', endsOn: null },
      '2026-12-07',
      '2027-01-03',
    );
    expect(inPeriod('2026-12-07', '2027-01-03')).toBe(unswitched);
    expect(unswitched).toBe(60000);
    const page = await sam.get(`/people/${people.Nalini}/money`);
    expect(page.body).toContain('Starting later');
    expect(page.body).toContain('Council-managed budget: The council');
  });

  it('refuses a direct payment to a suitable person until capacity says so, then names each missing check (S6)', async () => {
    const form = {
      route: 'suitable_person',
      spName: 'Sheila Friend',
      spRelationship: 'Friend',
      weekly: '120',
      ...date('startsOn', '2026-12-07'),
      ...date('spAppointed', '2026-12-01'),
      ...agreement,
    };
    const noAssessment = await setUp(people.Joan!, form);
    expect(noAssessment.statusCode).toBe(422);
    expect(noAssessment.body).toContain('none is recorded');
    const assessment = await insertCapacityAssessment(t.database.db, t.org.orgId, people.Joan!);
    const noBestInterests = await setUp(people.Joan!, form);
    expect(noBestInterests.body).toContain('Record the best-interests decision');
    expect(noBestInterests.body).toContain('Check the suitable person’s references before appointing them');
    expect(noBestInterests.body).toContain('Record the date of the suitable person’s DBS check');
    await t.database.db
      .insertInto('best_interests_decision')
      .values({
        org_id: t.org.orgId,
        person_id: people.Joan!,
        capacity_assessment_id: assessment,
        consulted: JSON.stringify([]),
        wishes_and_feelings: 'Wants to stay at home',
        decision_made: 'A suitable person receives the direct payment',
        reasons: 'Keeps Joan at home with people she knows',
        decided_by: 'A Fixture',
        decided_on: '2026-01-06',
      })
      .execute();
    const toJoan = await setUp(people.Joan!, { ...form, route: 'direct_payment', holder: 'Joan' });
    expect(toJoan.body).toContain('lacks capacity to consent to a direct payment (assessed on 2026-01-05)');
    expect(await parts(people.Joan!)).toHaveLength(0);
    const appointed = await setUp(people.Joan!, {
      ...form,
      spReferences: 'yes',
      spBestInterests: 'yes',
      ...date('spDbs', '2026-11-20'),
    });
    expect(appointed.statusCode).toBe(303);
    const page = await sam.get(`/people/${people.Joan}/money`);
    expect(page.body).toContain(
      'Sheila Friend (Friend), appointed on 2026-12-01; DBS checked on 2026-11-20; references checked',
    );
  });

  it('asks a trust for three trustees', async () => {
    const form = {
      route: 'trust',
      holder: 'The Trudy Trust',
      weekly: '100',
      ...date('startsOn', '2026-12-07'),
      ...agreement,
    };
    const two = await setUp(people.Trudy!, { ...form, trustees: 'Ann\nBob' });
    expect(two.body).toContain('A trust needs at least 3 trustees: only 2 are named');
    const three = await setUp(people.Trudy!, { ...form, trustees: 'Ann\nBob\nCath' });
    expect(three.statusCode).toBe(303);
    expect((await sam.get(`/people/${people.Trudy}/money`)).body).toContain('Ann, Bob, Cath');
  });

  it('pays a carer a small one-off payment within the scheme limit and refuses one over it, saying why (S10)', async () => {
    const over = await setUp(people.Martin!, {
      route: 'one_off',
      holder: 'Martin Moneyperson',
      oneOff: '620',
      ...date('startsOn', '2026-12-07'),
    });
    expect(over.statusCode).toBe(422);
    expect(over.body).toContain('A small payment can be up to £500.00: £620.00 is £120.00 over the scheme’s limit');
    const within = await setUp(people.Martin!, {
      route: 'one_off',
      holder: 'Martin Moneyperson',
      oneOff: '480',
      ...date('startsOn', '2026-12-07'),
    });
    expect(within.statusCode).toBe(303);
    const [part] = await parts(people.Martin!);
    expect([part!.route, Number(part!.one_off_pence), part!.weekly_pence]).toEqual(['one_off', 48000, null]);
  });

  it('records contributions, ending the one before, and lets finance record them but not set up parts', async () => {
    const first = await frank.post(`/people/${people.Nalini}/money/contributions/new`, {
      weekly: '20.50',
      ...date('startsOn', '2026-10-05'),
      reference: 'FA-1001',
    });
    expect(first.statusCode).toBe(303);
    const earlier = await frank.post(`/people/${people.Nalini}/money/contributions/new`, {
      weekly: '10',
      ...date('startsOn', '2026-10-01'),
    });
    expect(earlier.statusCode).toBe(422);
    expect(earlier.body).toContain('must start after the current one, which started on 2026-10-05');
    await frank.post(`/people/${people.Nalini}/money/contributions/new`, {
      weekly: '25',
      ...date('startsOn', '2027-04-05'),
    });
    const rows = await t.database.db
      .selectFrom('client_contribution')
      .select(['weekly_pence', 'starts_on', 'ends_on'])
      .where('person_id', '=', people.Nalini!)
      .orderBy('starts_on')
      .execute();
    expect(rows.map((r) => [Number(r.weekly_pence), r.starts_on, r.ends_on])).toEqual([
      [2050, '2026-10-05', '2027-04-04'],
      [2500, '2027-04-05', null],
    ]);
    expect((await frank.get(`/people/${people.Nalini}/money/parts/new`)).statusCode).toBe(403);
  });

  it('shows the last three months of the statement on the Money tab and the last twelve on the statement page, each audited', async () => {
    const stella = await insertPersonAsOwner(t.database.db, t.org.orgId, 'Stella', 'Moneyperson');
    const daysAgo = (n: number) => todayInLondon().subtract({ days: n }).toString();
    const part = (holder: string, startsOn: string, fundPence: number) =>
      insertPart(t.database.db, t.org.orgId, {
        personId: stella,
        route: 'direct_payment',
        holder,
        weeklyPence: 5_000,
        startsOn,
        fundPence,
      });
    await part('Paid in spring', daysAgo(150), 12_345);
    await part('Paid this month', daysAgo(10), 6_789);
    await part('Paid long ago', daysAgo(400), 11_111);
    const statementOf = (html: string) =>
      html.slice(html.indexOf('<table class="govuk-table">', html.indexOf('Statement')));

    const tab = await sam.get(`/people/${stella}/money`);
    expect(tab.statusCode).toBe(200);
    expect(tab.body).toContain('Statement: the last 3 months');
    expect(statementOf(tab.body)).toContain('£67.89');
    expect(statementOf(tab.body)).not.toContain('£123.45');
    expect(tab.body).toContain(`href="/people/${stella}/money/statement"`);

    const year = await sam.get(`/people/${stella}/money/statement`);
    expect(year.statusCode).toBe(200);
    expect(year.body).toContain('Statement for the last 12 months');
    expect(statementOf(year.body)).toContain('£67.89');
    expect(statementOf(year.body)).toContain('£123.45');
    expect(statementOf(year.body)).not.toContain('£111.11');
    // Newest first.
    expect(statementOf(year.body).indexOf('£67.89')).toBeLessThan(statementOf(year.body).indexOf('£123.45'));

    const actions = await t.database.db
      .selectFrom('audit_event')
      .select('action')
      .where('person_id', '=', stella)
      .execute();
    expect(actions.map((a) => a.action).sort()).toEqual(['money.statement', 'money.view']);
    expect((await frank.get(`/people/${stella}/money/statement`)).statusCode).toBe(200);
  });

  it('audits every view and change of the person’s money', async () => {
    const actions = await t.database.db
      .selectFrom('audit_event')
      .select('action')
      .where('person_id', '=', people.Trudy!)
      .execute();
    expect(actions.map((a) => a.action).sort()).toEqual(['money.part-form', 'money.set-up-part', 'money.view']);
  });

  it('lets an administrator set the small payment limit, and the form then holds to it (S10); bad input saves nothing', async () => {
    const ada = await signIn(t.app, 'ada.admin');
    expect((await sam.get('/budgets/settings')).statusCode).toBe(403);
    const bad = await ada.post('/budgets/settings', {
      smallPaymentLimit: 'lots',
      contributionCollection: 'net',
      surplusWeeks: '60',
      termsVersion: '',
    });
    expect(bad.statusCode).toBe(422);
    expect(bad.body).toContain('The small payment limit must be an amount in pounds');
    expect(bad.body).toContain('from 1 to 52');
    expect(await t.database.db.selectFrom('budget_settings').selectAll().execute()).toEqual([]);
    const saved = await ada.post('/budgets/settings', {
      smallPaymentLimit: '300',
      contributionCollection: 'invoice',
      surplusWeeks: '6',
      termsVersion: '2027-1',
    });
    expect(saved.statusCode).toBe(303);
    const over = await setUp(people.Martin!, {
      route: 'one_off',
      holder: 'Martin Moneyperson',
      oneOff: '320',
      ...date('startsOn', '2026-12-14'),
    });
    expect(over.body).toContain('A small payment can be up to £300.00: £320.00 is £20.00 over the scheme’s limit');
    const row = await t.database.db.selectFrom('budget_settings').selectAll().executeTakeFirstOrThrow();
    expect([
      Number(row.small_payment_limit_pence),
      row.contribution_collection,
      row.surplus_weeks,
      row.direct_payment_terms_version,
    ]).toEqual([30000, 'invoice', 6, '2027-1']);
  });
});
