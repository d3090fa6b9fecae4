import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, signIn, type Agent, type TestApp } from '../helpers/app.js';
import { testEngines } from '../helpers/database.js';
import { insertPersonAsOwner } from '../helpers/matrix.js';
import { balanceOf, insertPart, payIn, type TestPart } from '../helpers/budget-monitoring-parts.js';
import { withOrg } from '../../src/platform/db/scope.js';
import { verifyLedger } from '../../src/modules/budgets/index.js';

/** Issue 14 §4 (S5, S7): importing a card record or a bank statement, with a report, on the ledger. */
describe.each(testEngines())('budget monitoring: statement import (%s)', (engine) => {
  let t: TestApp;
  let sam: Agent;
  let personId: string;
  let card: TestPart;
  const url = () => `/people/${personId}/budget/parts/${card.id}/monitoring`;
  const STATEMENT = [
    'Date,Description,Amount,Balance,Reference',
    '2026-11-02,Tesco groceries,-25.00,775.00,T1',
    '03/11/2026,Refund from the day centre,5.00,780.00,',
    '31/02/2026,Bad date,-1.00,,',
    '2026-11-04,Bad amount,12.345,,',
    '2026-11-02,Tesco groceries,-25.00,775.00,T1',
  ].join('\n');

  const counts = () =>
    withOrg(t.database.db, t.org.orgId, async (tx) => ({
      imports: (await tx.selectFrom('budget_statement_import').select('id').execute()).length,
      transactions: (await tx.selectFrom('budget_transaction').select('id').execute()).length,
      journals: (await tx.selectFrom('budget_journal').select('id').execute()).length,
    }));

  beforeAll(async () => {
    t = await startTestApp(engine);
    sam = await signIn(t.app, 'sam.practitioner');
    personId = await insertPersonAsOwner(t.database.db, t.org.orgId, 'Nalini', 'Cardholder');
    card = await insertPart(t.database.db, t.org.orgId, personId, {
      route: 'prepaid_card',
      weeklyPence: 10000,
      startsOn: '2026-11-02',
      cardRestrictions: 'No cash withdrawals',
      holder: 'Mrs N',
    });
    await payIn(t.database.db, t.org.orgId, personId, card.accountId, 80000);
  });
  afterAll(() => t.close());

  it('accepts good lines onto the ledger and reports each refused one with its reason', async () => {
    const response = await sam.post(`${url()}/import`, { statement: STATEMENT });
    expect(response.statusCode).toBe(200);
    expect(response.body).toContain('<strong>2</strong> lines accepted (£25.00 out, £5.00 in)');
    expect(response.body).toContain('<strong>3</strong> lines refused');
    expect(response.body).toContain('The date &quot;31/02/2026&quot; is not a date like 2026-11-30 or 30/11/2026');
    expect(response.body).toContain('The amount &quot;12.345&quot; is not an amount in pounds, like -12.50');
    expect(response.body).toContain('A duplicate of line 2 in this file');
    // £800 paid in, £25 spent, £5 refunded.
    expect(await balanceOf(t.database.db, t.org.orgId, card.accountId)).toBe(78000);
    const rows = await withOrg(t.database.db, t.org.orgId, (tx) =>
      tx
        .selectFrom('budget_transaction as t')
        .innerJoin('budget_journal as j', 'j.id', 't.journal_id')
        .select(['t.amount_pence', 'j.kind', 'j.idempotency_key'])
        .orderBy('t.occurred_on')
        .execute(),
    );
    expect(rows.map((r) => [Number(r.amount_pence), r.kind])).toEqual([
      [-2500, 'spend'],
      [500, 'refund'],
    ]);
    expect(rows[0]!.idempotency_key).toMatch(/^statement:[0-9a-f]{64}$/);
    const check = await withOrg(t.database.db, t.org.orgId, verifyLedger);
    expect([check.trialBalancePence, check.unbalancedJournalIds]).toEqual([0, []]);
  });

  it('refuses lines already imported when the same statement comes in again', async () => {
    const before = await counts();
    const response = await sam.post(`${url()}/import`, { statement: STATEMENT });
    expect(response.statusCode).toBe(200);
    expect(response.body).toContain('<strong>0</strong> lines accepted');
    expect(response.body).toContain('<strong>5</strong> lines refused');
    expect(response.body.match(/Already imported: the same date, amount, description and reference/g)).toHaveLength(2);
    expect(await counts()).toEqual({ ...before, imports: before.imports + 1 });
    expect(await balanceOf(t.database.db, t.org.orgId, card.accountId)).toBe(78000);
  });

  it('refuses a malformed file whole, with the reason, and saves nothing', async () => {
    const before = await counts();
    const missing = await sam.post(`${url()}/import`, { statement: 'date,description\n2026-11-06,Shop' });
    expect(missing.statusCode).toBe(422);
    expect(missing.body).toContain('amount missing. Nothing has been imported.');
    const unclosed = await sam.post(`${url()}/import`, {
      statement: 'date,description,amount\n2026-11-06,Fine,-1.00\n2026-11-07,"Never closed,-2.00\n',
    });
    expect(unclosed.statusCode).toBe(422);
    expect(unclosed.body).toContain('The file is not valid CSV');
    const long = ['date,description,amount', ...Array.from({ length: 2001 }, (_, i) => `2026-11-06,Item ${i},-0.01`)];
    const tooMany = await sam.post(`${url()}/import`, { statement: long.join('\n') });
    expect(tooMany.statusCode).toBe(422);
    expect(tooMany.body).toContain('The file has 2001 rows: import at most 2000 at a time');
    const empty = await sam.post(`${url()}/import`, { statement: '   ' });
    expect(empty.statusCode).toBe(422);
    expect(empty.body).toContain('Paste the statement, with a header row');
    expect(await counts()).toEqual(before);
    expect(await balanceOf(t.database.db, t.org.orgId, card.accountId)).toBe(78000);
  });

  it('shows the statement with actual against expected balance, light touch, and lets a line be categorised', async () => {
    const page = await sam.get(url());
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('for most people a statement now and then is all that is asked');
    expect(page.body).toContain('Nothing to talk about: spending follows the plan.');
    expect(page.body).toContain('Tesco groceries');
    const txId = /\/monitoring\/transactions\/([0-9a-f-]{36})\/category/.exec(page.body)![1]!;
    const form = await sam.get(`${url()}/transactions/${txId}/category`);
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain('value="Not in the plan"');
    const bad = await sam.post(`${url()}/transactions/${txId}/category`, { category: 'Made up', version: '1' });
    expect(bad.statusCode).toBe(422);
    expect(bad.body).toContain('Choose what this was for from the list');
    const ok = await sam.post(`${url()}/transactions/${txId}/category`, { category: 'Not in the plan', version: '1' });
    expect(ok.statusCode).toBe(303);
    const stale = await sam.post(`${url()}/transactions/${txId}/category`, {
      category: 'Not in the plan',
      version: '1',
    });
    expect(stale.statusCode).toBe(409);
    const saved = await withOrg(t.database.db, t.org.orgId, (tx) =>
      tx
        .selectFrom('budget_transaction')
        .select(['category', 'version'])
        .where('id', '=', txId)
        .executeTakeFirstOrThrow(),
    );
    expect(saved).toEqual({ category: 'Not in the plan', version: 2 });
  });

  it('exports the statement as CSV with formula characters neutralised', async () => {
    const statement = 'date,description,amount,reference\n2026-11-09,"=HYPERLINK(""http://x"")",-1.50,@ref\n';
    expect((await sam.post(`${url()}/import`, { statement })).statusCode).toBe(200);
    const csv = await sam.get(`${url()}/statement.csv`);
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8');
    const lines = csv.body.split('\r\n');
    expect(lines.slice(0, 4)).toEqual([
      'Statement for,Nalini Cardholder',
      'Budget part,Prepaid card held by Mrs N',
      '',
      'Date,Description,Amount (£),Balance (£),Reference,What it was for',
    ]);
    expect(lines[4]).toBe(`2026-11-09,"'=HYPERLINK(""http://x"")",-1.5,,'@ref,`);
    expect(lines).toContain('2026-11-02,Tesco groceries,-25,775,T1,');
    expect(lines).toContain('2026-11-03,Refund from the day centre,5,780,,Not in the plan');
  });

  it('answers 404 for a part that is not the person’s, and 403 to roles that do not monitor budgets', async () => {
    const other = await insertPersonAsOwner(t.database.db, t.org.orgId, 'Other', 'Person');
    expect((await sam.get(`/people/${other}/budget/parts/${card.id}/monitoring`)).statusCode).toBe(404);
    const provider = await signIn(t.app, 'paul.provider');
    expect((await provider.get(url())).statusCode).toBe(403);
    const finance = await signIn(t.app, 'frank.finance');
    expect((await finance.get(url())).statusCode).toBe(200);
  });
});
