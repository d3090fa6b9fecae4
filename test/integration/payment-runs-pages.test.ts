import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PassThrough } from 'node:stream';
import { createApp } from '../../src/app.js';
import { testConfig } from '../../src/platform/config.js';
import { testEngines } from '../helpers/database.js';
import { signIn, startTestApp, type Agent, type TestApp } from '../helpers/app.js';
import { insertProvider, seedPaymentParts, type FixturePart } from '../helpers/payment-runs.js';

/** Issue 14 §3 through the pages: prepare, release by a second person with a password, files, bank details. */
describe.each(testEngines())('payment run pages (%s)', (engine) => {
  let t: TestApp;
  let frank: Agent, fiona: Agent;
  let parts: FixturePart[];
  let unappointed: FixturePart;
  let runUrl: string;

  beforeAll(async () => {
    t = await startTestApp(engine);
    const serviceId = await insertProvider(t.database.db, t.org.orgId);
    parts = await seedPaymentParts(t.database.db, t.org.orgId, 9, { startsOn: '2026-12-07', serviceId });
    unappointed = parts.find((p) => p.route === 'suitable_person')!;
    await t.database.db.deleteFrom('suitable_person_appointment').where('part_id', '=', unappointed.partId).execute();
    frank = await signIn(t.app, 'frank.finance');
    fiona = await signIn(t.app, 'fiona.finance');
  }, 120_000);
  afterAll(async () => t?.close());

  const runStatus = async () =>
    await t.database.db.selectFrom('payment_run').select(['status', 'released_by']).executeTakeFirstOrThrow();
  const audited = (action: string) =>
    t.database.db.selectFrom('audit_event').select(['actor_id', 'person_ids']).where('action', '=', action).execute();

  it('is for finance officers only', async () => {
    const sam = await signIn(t.app, 'sam.practitioner');
    expect((await sam.get('/payments/runs')).statusCode).toBe(403);
    expect((await frank.get('/payments/runs')).statusCode).toBe(200);
  });

  it('refuses a period that is not a date, saving nothing', async () => {
    const res = await frank.post('/payments/runs', {
      'period-start-day': '31',
      'period-start-month': '2',
      'period-start-year': '2027',
    });
    expect(res.statusCode).toBe(422);
    expect(res.body).toContain('The first day of the period must be a real date');
    expect(await t.database.db.selectFrom('payment_run').selectAll().execute()).toEqual([]);
  });

  it('prepares a run and shows its totals', async () => {
    const res = await frank.post('/payments/runs', {
      'period-start-day': '7',
      'period-start-month': '12',
      'period-start-year': '2026',
    });
    expect(res.statusCode).toBe(303);
    runUrl = String(res.headers.location);
    const page = await frank.get(runUrl);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Prepared: waiting for release');
    expect(page.body).toContain('You prepared this run: another finance officer must release it');
    const total = await t.database.db
      .selectFrom('payment_run')
      .select(['payment_count', 'total_pence'])
      .executeTakeFirstOrThrow();
    expect(total.payment_count).toBe(8);
    // S6: the suitable person has no appointment, so their part is held back and says why.
    expect(page.body).toContain('No suitable person is appointed');
    expect(page.body).toContain('<td class="govuk-table__cell">Holder 7</td>');
  });

  it('does not let the preparer release it, even with the right password', async () => {
    const res = await frank.post(`${runUrl}/release`, {
      password: 'demo-finance',
      seenCount: '8',
      seenTotalPence: '0',
    });
    expect(res.statusCode).toBe(422);
    expect(res.body).toContain('You prepared this run');
    expect((await runStatus()).status).toBe('prepared');
  });

  it('refuses a wrong password and totals that changed since they were shown', async () => {
    const { total_pence } = await t.database.db
      .selectFrom('payment_run')
      .select('total_pence')
      .executeTakeFirstOrThrow();
    const wrong = await fiona.post(`${runUrl}/release`, {
      password: 'not-it',
      seenCount: '8',
      seenTotalPence: String(total_pence),
    });
    expect(wrong.statusCode).toBe(422);
    expect(wrong.body).toContain('The password is not right');
    const stale = await fiona.post(`${runUrl}/release`, {
      password: 'demo-finance-2',
      seenCount: '8',
      seenTotalPence: '1',
    });
    expect(stale.statusCode).toBe(409);
    expect((await runStatus()).status).toBe('prepared');
    // Files only exist once released.
    expect((await fiona.get(`${runUrl}/payments.csv`)).statusCode).toBe(422);
  });

  it('is released by a second finance officer who sees the totals and re-enters their password', async () => {
    const page = await fiona.get(`${runUrl}/release`);
    const { total_pence } = await t.database.db
      .selectFrom('payment_run')
      .select('total_pence')
      .executeTakeFirstOrThrow();
    expect(page.body).toContain(`name="seenTotalPence" value="${total_pence}"`);
    const res = await fiona.post(`${runUrl}/release`, {
      password: 'demo-finance-2',
      seenCount: '8',
      seenTotalPence: String(total_pence),
    });
    expect(res.statusCode).toBe(303);
    expect(await runStatus()).toEqual({ status: 'released', released_by: t.org.userIds['fiona.finance'] });
  });

  it('downloads the same files every time, audited with everyone paid', async () => {
    const csv1 = await fiona.get(`${runUrl}/payments.csv`);
    const csv2 = await frank.get(`${runUrl}/payments.csv`);
    expect(csv1.statusCode).toBe(200);
    expect(csv1.headers['content-disposition']).toBe('attachment; filename="payment-run-2026-12-07.csv"');
    expect(csv2.body).toBe(csv1.body);
    const bacs = await fiona.get(`${runUrl}/bacs.txt`);
    expect(bacs.body.startsWith('VOL1')).toBe(true);
    const entries = await audited('payment-run.download-csv');
    expect(entries).toHaveLength(2);
    expect([...entries[0]!.person_ids!].sort()).toEqual(
      parts
        .filter((p) => p !== unappointed)
        .map((p) => p.personId)
        .sort(),
    );
    const done = await fiona.post(`${runUrl}/complete`);
    expect(done.statusCode).toBe(303);
    expect((await runStatus()).status).toBe('completed');
  });

  it('records bank details with GOV.UK messages and shows them masked outside the form', async () => {
    const url = `/payments/parts/${parts[0]!.partId}/bank`;
    const bad = await frank.post(url, { accountName: '', sortCode: '12-34', accountNumber: '1234', version: '1' });
    expect(bad.statusCode).toBe(422);
    expect(bad.body).toContain('Enter the name on the account');
    expect(bad.body).toContain('Enter a valid sort code like 309430');
    expect(bad.body).toContain('Account number must be 8 digits');
    const ok = await frank.post(url, {
      accountName: 'Mrs N',
      sortCode: '30-94-30',
      accountNumber: '12345678',
      version: '1',
    });
    expect(ok.statusCode).toBe(303);
    const page = await frank.get(url);
    expect(page.body).toContain('Account ending 5678');
    const stale = await fiona.post(url, {
      accountName: 'Mrs N',
      sortCode: '309430',
      accountNumber: '87654321',
      version: '1',
    });
    expect(stale.statusCode).toBe(409);
    const saved = await t.database.db
      .selectFrom('payee_bank_account')
      .select(['sort_code', 'account_number'])
      .where('part_id', '=', parts[0]!.partId)
      .executeTakeFirstOrThrow();
    expect(saved).toEqual({ sort_code: '309430', account_number: '12345678' });
    expect((await audited('payee-bank.update')).length).toBe(1);
  });

  it('never writes bank details to the log, even at trace level', async () => {
    const stream = new PassThrough();
    let logged = '';
    stream.on('data', (chunk: Buffer) => (logged += chunk.toString()));
    const app = await createApp({
      config: testConfig({ cookieSecure: false, logLevel: 'trace' }),
      database: t.database,
      logStream: stream,
    });
    await app.ready();
    try {
      const agent = await signIn(app, 'frank.finance');
      const url = `/payments/parts/${parts[1]!.partId}/bank`;
      const res = await agent.post(url, {
        accountName: 'Mr T',
        sortCode: '112233',
        accountNumber: '99887766',
        version: '1',
      });
      expect(res.statusCode).toBe(303);
      const bad = await agent.post(url, {
        accountName: 'Mr T',
        sortCode: '445566',
        accountNumber: '5544332',
        version: '2',
      });
      expect(bad.statusCode).toBe(422);
      expect(logged).toContain('/payments/parts/:partId/bank');
      for (const secret of ['112233', '99887766', '445566', '5544332']) expect(logged).not.toContain(secret);
    } finally {
      await app.close();
    }
  });
});
