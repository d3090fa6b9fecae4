import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testEngines } from '../helpers/database.js';
import { signIn, startTestApp, type Agent, type TestApp } from '../helpers/app.js';
import { insertPersonAsOwner } from '../helpers/matrix.js';
import { giveBudget } from '../helpers/plan-budget.js';
import { withOrg } from '../../src/platform/db/scope.js';
import { accountBalances, createRun, prepareRun, verifyLedger } from '../../src/modules/budgets/index.js';

/** S7: switching part of a card paid four weeks in advance moves the advance for the days after the switch. */
describe.each(testEngines())('switching a part paid in advance (%s)', (engine) => {
  let t: TestApp;
  let sam: Agent;
  let personId: string;

  beforeAll(async () => {
    t = await startTestApp(engine);
    sam = await signIn(t.app, 'sam.practitioner');
    personId = await insertPersonAsOwner(t.database.db, t.org.orgId, 'Nalini', 'Advance');
    await giveBudget(t.database.db, t.org.orgId, personId, { indicativePence: 21_300, agreedPence: 21_300 });
  });
  afterAll(() => t.close());

  const boxes = (name: string, iso: string) => {
    const [y, m, d] = iso.split('-');
    return { [`${name}-day`]: d!, [`${name}-month`]: m!, [`${name}-year`]: y! };
  };

  it('moves exactly the moved share’s pence for the paid days after the switch, and the ledger still balances', async () => {
    const card = await sam.post(`/people/${personId}/money/parts/new`, {
      route: 'prepaid_card',
      holder: 'Nalini Advance',
      weekly: '210.00',
      signedBy: 'Nalini Advance',
      ...boxes('startsOn', '2026-11-02'),
      ...boxes('signedOn', '2026-10-26'),
    });
    expect(card.statusCode).toBe(303);
    const part = await t.database.db
      .selectFrom('budget_part')
      .selectAll()
      .where('person_id', '=', personId)
      .executeTakeFirstOrThrow();
    await t.database.db
      .insertInto('payee_bank_account')
      .values({
        org_id: t.org.orgId,
        part_id: part.id,
        account_name: 'N Advance',
        sort_code: '401234',
        account_number: '12345678',
      })
      .execute();
    const frank = { actor: { kind: 'system' as const, orgId: t.org.orgId } };
    const run = await createRun(t.database.db, frank, '2026-11-30');
    await prepareRun(t.database.db, frank, run);
    const balance = (account: string) =>
      withOrg(t.database.db, t.org.orgId, async (tx) => (await accountBalances(tx, [account])).get(account));
    expect(await balance(part.account_id)).toBe(84_000); // four weeks in advance, 30 Nov to 27 Dec

    const switched = await sam.post(`/people/${personId}/money/parts/${part.id}/switch`, {
      version: String(part.version),
      route: 'council_managed',
      holder: 'Fenshire County Council',
      moving: '70.00',
      ...boxes('from', '2026-12-14'),
    });
    expect(switched.statusCode).toBe(303);
    const moved = await t.database.db
      .selectFrom('budget_part')
      .select('account_id')
      .where('person_id', '=', personId)
      .where('route', '=', 'council_managed')
      .executeTakeFirstOrThrow();
    // £70 a week for the 14 paid days from 14 Dec to 27 Dec: £140.00 moves with it.
    expect(await balance(part.account_id)).toBe(70_000);
    expect(await balance(moved.account_id)).toBe(14_000);
    const check = await withOrg(t.database.db, t.org.orgId, verifyLedger);
    expect([check.trialBalancePence, check.unbalancedJournalIds]).toEqual([0, []]);
  });
});
