import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, signIn, type Agent, type TestApp } from '../helpers/app.js';
import { testEngines } from '../helpers/database.js';
import { insertPersonAsOwner } from '../helpers/matrix.js';
import { balanceOf, insertPart, payIn, type TestPart } from '../helpers/budget-monitoring-parts.js';
import { withOrg } from '../../src/platform/db/scope.js';
import { verifyLedger } from '../../src/modules/budgets/index.js';

/**
 * Issue 14 §4 (S5, S7, S8): a surplus beyond the council's weeks flagged for a conversation (at the
 * threshold nothing, a penny over it a case), recovered as agreed; unusual patterns flagged; saved hours.
 */
describe.each(testEngines())('budget monitoring: cases and saved hours (%s)', (engine) => {
  let t: TestApp;
  let sam: Agent;
  let personId: string;
  let dp: TestPart;
  let card: TestPart;
  const base = (part: TestPart) => `/people/${personId}/budget/parts/${part.id}`;
  const casesOf = (part: TestPart) =>
    withOrg(t.database.db, t.org.orgId, (tx) =>
      tx
        .selectFrom('budget_monitoring_case')
        .selectAll()
        .where('part_id', '=', part.id)
        .orderBy('created_at')
        .execute(),
    );

  beforeAll(async () => {
    t = await startTestApp(engine);
    sam = await signIn(t.app, 'sam.practitioner');
    personId = await insertPersonAsOwner(t.database.db, t.org.orgId, 'Shirley', 'Statements');
    // £100 a week; the council's default is 8 weeks, so the threshold is £800.00.
    dp = await insertPart(t.database.db, t.org.orgId, personId, {
      route: 'direct_payment',
      weeklyPence: 10000,
      startsOn: '2026-11-02',
    });
    card = await insertPart(t.database.db, t.org.orgId, personId, {
      route: 'prepaid_card',
      weeklyPence: 10000,
      startsOn: '2026-11-02',
      cardRestrictions: 'No cash withdrawals',
    });
  });
  afterAll(() => t.close());

  it('flags nothing at exactly 8 weeks of the budget, and a surplus a penny beyond it', async () => {
    await payIn(t.database.db, t.org.orgId, personId, dp.accountId, 80000);
    expect((await sam.post('/budgets/monitoring/check')).statusCode).toBe(303);
    expect(await casesOf(dp)).toEqual([]);
    await payIn(t.database.db, t.org.orgId, personId, dp.accountId, 1);
    await sam.post('/budgets/monitoring/check');
    const cases = await casesOf(dp);
    expect(cases.map((c) => [c.reason, Number(c.amount_pence), c.status])).toEqual([['surplus', 1, 'flagged']]);
    expect(cases[0]!.detail).toContain(
      'The balance of £800.01 is more than 8 weeks of the budget (£800.00): £0.01 beyond it',
    );
    // Checking again opens no second case while this one is open.
    await sam.post('/budgets/monitoring/check');
    expect(await casesOf(dp)).toHaveLength(1);
    const list = await sam.get('/budgets/monitoring');
    expect(list.statusCode).toBe(200);
    expect(list.body).toContain('Shirley Statements');
    expect(list.body).toContain('Money building up');
  });

  it('recovers only after a conversation, by a balanced recover journal that lowers the balance', async () => {
    await payIn(t.database.db, t.org.orgId, personId, dp.accountId, 9999); // balance £900.00
    const [surplus] = await casesOf(dp);
    const casePath = `${base(dp)}/monitoring/cases/${surplus!.id}`;
    expect((await sam.get(casePath)).body).toContain('not as a finding against anyone');
    const early = await sam.post(`${casePath}/outcome`, { version: '1', outcome: 'recover', amount: '100.00' });
    expect(early.statusCode).toBe(422);
    expect(early.body).toContain('Record the conversation with the person before agreeing what happens');
    const noNotes = await sam.post(`${casePath}/conversation`, {
      version: '1',
      'heldOn-day': '1',
      'heldOn-month': '12',
      'heldOn-year': '2026',
      notes: ' ',
    });
    expect(noNotes.statusCode).toBe(422);
    const held = await sam.post(`${casePath}/conversation`, {
      version: '1',
      'heldOn-day': '1',
      'heldOn-month': '12',
      'heldOn-year': '2026',
      notes: 'Shirley was saving for nothing in particular; happy for £100 to go back.',
    });
    expect(held.statusCode).toBe(303);
    const stale = await sam.post(`${casePath}/outcome`, { version: '1', outcome: 'keep', reason: 'x' });
    expect(stale.statusCode).toBe(409);
    const tooMuch = await sam.post(`${casePath}/outcome`, { version: '2', outcome: 'recover', amount: '900.01' });
    expect(tooMuch.statusCode).toBe(422);
    expect(tooMuch.body).toContain('The amount to recover must be £900.00 or less: that is the balance');
    const recovered = await sam.post(`${casePath}/outcome`, { version: '2', outcome: 'recover', amount: '100.00' });
    expect(recovered.statusCode).toBe(303);
    expect(await balanceOf(t.database.db, t.org.orgId, dp.accountId)).toBe(80000);
    const [closed] = await casesOf(dp);
    expect([closed!.status, Number(closed!.recovered_pence)]).toEqual(['recovered', 10000]);
    const journal = await withOrg(t.database.db, t.org.orgId, async (tx) => ({
      kind: (
        await tx
          .selectFrom('budget_journal')
          .select('kind')
          .where('id', '=', closed!.recovery_journal_id!)
          .executeTakeFirstOrThrow()
      ).kind,
      postings: (
        await tx
          .selectFrom('budget_posting')
          .select(['account_id', 'amount_pence'])
          .where('journal_id', '=', closed!.recovery_journal_id!)
          .execute()
      )
        .map((p) => [p.account_id === dp.accountId ? 'holding' : 'other', Number(p.amount_pence)])
        .sort(),
    }));
    expect(journal).toEqual({
      kind: 'recover',
      postings: [
        ['holding', -10000],
        ['other', 10000],
      ],
    });
    const check = await withOrg(t.database.db, t.org.orgId, verifyLedger);
    expect([check.trialBalancePence, check.unbalancedJournalIds]).toEqual([0, []]);
    const page = await sam.get(`${base(dp)}/monitoring`);
    expect(page.body).toContain('Agreed: recovered');
  });

  it('flags a payment over 4 weeks of the budget and cash from a card that rules cash out, for a conversation', async () => {
    await payIn(t.database.db, t.org.orgId, personId, card.accountId, 80000);
    const statement = [
      'date,description,amount',
      '2026-11-10,Garden centre,-400.00',
      '2026-11-11,Short break deposit,-400.01',
      '2026-11-12,ATM cash withdrawal,-20.00',
      '2026-11-13,Cafe,-4.50',
    ].join('\n');
    const response = await sam.post(`${base(card)}/monitoring/import`, { statement });
    expect(response.statusCode).toBe(200);
    expect(response.body).toContain('2 things to talk about with');
    expect(response.body).toContain('not a penalty, a conversation');
    const cases = await casesOf(card);
    expect(cases.map((c) => [c.reason, Number(c.amount_pence)]).sort()).toEqual([
      ['cash_withdrawal', 2000],
      ['large_transaction', 40001],
    ]);
    const page = await sam.get(`${base(card)}/monitoring`);
    expect(page.body).toContain('A large single payment');
    expect(page.body).toContain('Cash from a card that rules out cash');
  });

  it('keeps a balance of saved-up hours that can be spent later, never below zero', async () => {
    const path = `${base(dp)}/saved-hours`;
    const week = { 'weekOf-day': '16', 'weekOf-month': '11', 'weekOf-year': '2026' };
    expect(
      (await sam.post(path, { ...week, direction: 'save', hours: '4', note: 'Floating hours not used' })).statusCode,
    ).toBe(303);
    expect((await sam.post(path, { ...week, direction: 'save', hours: '1.5', note: 'Not used' })).statusCode).toBe(303);
    expect((await sam.post(path, { ...week, direction: 'use', hours: '3', note: 'Respite weekend' })).statusCode).toBe(
      303,
    );
    const over = await sam.post(path, { ...week, direction: 'use', hours: '2.75', note: 'Too many' });
    expect(over.statusCode).toBe(422);
    expect(over.body).toContain('There are only 2.5 saved hours to use');
    const bad = await sam.post(path, { ...week, direction: 'save', hours: '1.234', note: 'x' });
    expect(bad.statusCode).toBe(422);
    const page = await sam.get(path);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('2.5 hours saved');
    expect(page.body).toContain('Respite weekend');
  });
});
