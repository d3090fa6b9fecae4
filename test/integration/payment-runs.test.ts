import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { openTestDatabase, testEngines, type TestDatabase } from '../helpers/database.js';
import { insertPersonAsOwner } from '../helpers/matrix.js';
import { insertProvider, seedPaymentParts } from '../helpers/payment-runs.js';
import { seedOrganisation } from '../../src/seed/organisation.js';
import { withOrg } from '../../src/platform/db/scope.js';
import type { AuditContext } from '../../src/platform/audit/audit.js';
import { accountBalances, councilAccount, openAccount, verifyLedger } from '../../src/modules/budgets/index.js';
import {
  bacsTrailer,
  createRun,
  csvTrailer,
  ledgerTotalForRun,
  makeFile,
  NO_APPOINTMENT,
  NO_BANK_DETAILS,
  prepareRun,
  runSummaryIn,
  type StepHook,
} from '../../src/modules/budgets/runs/index.js';

const PERIOD = '2026-12-07';

/** Issue 14 §3: what a run pays, once, and the files it makes (the service, on both engines). */
describe.each(testEngines())('payment runs (%s)', (engine) => {
  let database: TestDatabase;
  let orgId: string;
  let ctx: AuditContext;
  let serviceId: string;
  const special: Record<string, { partId: string; personId: string; accountId: string }> = {};

  /** A part written as the owner, with its holding account and (unless told not to) bank details. */
  async function part(
    name: string,
    values: {
      id?: string;
      route: string;
      weekly?: number;
      oneOff?: number;
      startsOn?: string;
      endsOn?: string;
      bank?: boolean;
      payee?: string;
    },
  ) {
    const personId = await insertPersonAsOwner(database.db, orgId, name, 'Runperson');
    const accountId = await withOrg(database.db, orgId, (tx) =>
      openAccount(tx, { kind: 'holding', personId, label: name }),
    );
    const partId = values.id ?? randomUUID();
    await database.db
      .insertInto('budget_part')
      .values({
        id: partId,
        org_id: orgId,
        person_id: personId,
        route: values.route as never,
        holder: name,
        weekly_pence: values.weekly ?? null,
        one_off_pence: values.oneOff ?? null,
        starts_on: values.startsOn ?? '2026-01-05',
        ends_on: values.endsOn ?? null,
        cld_delivery_mechanism: 'Direct payment',
        account_id: accountId,
        updated_at: new Date(),
        created_by: null,
        updated_by: null,
      })
      .execute();
    if (values.bank !== false)
      await database.db
        .insertInto('payee_bank_account')
        .values({
          org_id: orgId,
          part_id: partId,
          account_name: values.payee ?? name,
          sort_code: '309430',
          account_number: '00733445',
          updated_at: new Date(),
          created_by: null,
          updated_by: null,
        })
        .execute();
    special[name] = { partId, personId, accountId };
    return special[name]!;
  }

  const run = async (start: string, batchSize = 4, onStep?: StepHook) => {
    const runId = await createRun(database.db, ctx, start);
    await prepareRun(database.db, ctx, runId, { batchSize, onStep });
    return runId;
  };
  const payments = (runId: string) =>
    database.db.selectFrom('payment').selectAll().where('run_id', '=', runId).orderBy('idempotency_key').execute();
  const paymentFor = async (runId: string, name: string) =>
    (await payments(runId)).find((p) => p.part_id === special[name]!.partId);

  beforeAll(async () => {
    database = await openTestDatabase(engine);
    orgId = (await seedOrganisation(database.db)).orgId;
    ctx = { actor: { kind: 'system', orgId } };
    serviceId = await insertProvider(database.db, orgId);
    await seedPaymentParts(database.db, orgId, 18, { startsOn: PERIOD, serviceId });
    await part('Unappointed', { route: 'suitable_person', weekly: 20_000 });
    await part('Nobank', { route: 'direct_payment', weekly: 15_000, bank: false });
    await part('Formula', { route: 'direct_payment', weekly: 7_000, payee: '=HYPERLINK("http://x")' });
    await part('Midway', { route: 'prepaid_card', weekly: 7_000, startsOn: '2026-12-21' });
    await part('Laterone', { route: 'one_off', oneOff: 40_000, startsOn: '2027-01-04' });
    const contributor = await part('Contributor', { route: 'direct_payment', weekly: 30_000 });
    const contributionAccount = await withOrg(database.db, orgId, (tx) =>
      openAccount(tx, { kind: 'contribution', personId: contributor.personId, label: 'Contributions' }),
    );
    await database.db
      .insertInto('client_contribution')
      .values({
        org_id: orgId,
        person_id: contributor.personId,
        weekly_pence: 5_000,
        starts_on: '2026-01-05',
        account_id: contributionAccount,
        created_by: null,
      })
      .execute();
    special.Contribution = { partId: '', personId: contributor.personId, accountId: contributionAccount };
  }, 120_000);
  afterAll(() => database.dispose());

  let firstRun: string;

  it('pays every part in force once, pro rata, and holds back what it must not pay, with the reason', async () => {
    firstRun = await run(PERIOD);
    const rows = await payments(firstRun);
    // 18 fixture parts (the one-off starts in the period) + 5 specials in force; 'Laterone' starts after it.
    expect(rows).toHaveLength(23);
    expect(new Set(rows.map((r) => r.part_id)).size).toBe(23);
    expect(await paymentFor(firstRun, 'Laterone')).toBeUndefined();
    const unappointed = (await paymentFor(firstRun, 'Unappointed'))!;
    expect(unappointed).toMatchObject({ state: 'held_back', held_back_reason: NO_APPOINTMENT, journal_id: null });
    expect((await paymentFor(firstRun, 'Nobank'))!).toMatchObject({
      state: 'held_back',
      held_back_reason: NO_BANK_DETAILS,
    });
    // Midway starts on day 15 of 28: exactly two weeks.
    expect(Number((await paymentFor(firstRun, 'Midway'))!.amount_pence)).toBe(14_000);
    const summary = await withOrg(database.db, orgId, (tx) => runSummaryIn(tx, firstRun));
    expect(summary).toMatchObject({ status: 'prepared', heldBackCount: 2, paymentCount: 21 });
  });

  it('takes a net client contribution off a direct payment, and the journal balances', async () => {
    const p = (await paymentFor(firstRun, 'Contributor'))!;
    expect(Number(p.gross_pence)).toBe(120_000);
    expect(Number(p.contribution_pence)).toBe(20_000);
    expect(Number(p.amount_pence)).toBe(100_000);
    const lines = await database.db
      .selectFrom('budget_posting')
      .select(['account_id', 'amount_pence'])
      .where('journal_id', '=', p.journal_id!)
      .execute();
    const funding = await withOrg(database.db, orgId, (tx) => councilAccount(tx, 'council_funding'));
    const byAccount = Object.fromEntries(lines.map((l) => [l.account_id, Number(l.amount_pence)]));
    expect(byAccount).toEqual({
      [funding]: -100_000,
      [special.Contribution!.accountId]: -20_000,
      [special.Contributor!.accountId]: 120_000,
    });
  });

  it('moves council-managed money through the virtual budget to spending, leaving it at 0', async () => {
    const managed = (await payments(firstRun)).find((p) => p.route === 'council_managed')!;
    const account = (
      await database.db
        .selectFrom('budget_part')
        .select('account_id')
        .where('id', '=', managed.part_id)
        .executeTakeFirstOrThrow()
    ).account_id;
    const balances = await withOrg(database.db, orgId, (tx) => accountBalances(tx, [account]));
    expect(balances.get(account)).toBe(0);
    const spent = await database.db
      .selectFrom('budget_posting')
      .select('amount_pence')
      .where('journal_id', '=', managed.journal_id!)
      .where('amount_pence', '>', 0 as never)
      .execute();
    expect(spent.map((s) => Number(s.amount_pence)).sort()).toEqual([
      Number(managed.amount_pence),
      Number(managed.amount_pence),
    ]);
  });

  it('adds nothing when a prepared run is prepared again, and files are byte-identical with totals equal to the ledger', async () => {
    const before = await withOrg(database.db, orgId, verifyLedger);
    const files = async () =>
      withOrg(database.db, orgId, async (tx) => {
        const summary = await runSummaryIn(tx, firstRun);
        return {
          csv: (await makeFile(tx, summary, 'csv')).body,
          bacs: (await makeFile(tx, summary, 'bacs')).body,
          ledger: await ledgerTotalForRun(tx, firstRun),
          total: summary.totalPence,
        };
      });
    const first = await files();
    await prepareRun(database.db, ctx, firstRun);
    const second = await files();
    expect(second.csv).toBe(first.csv);
    expect(second.bacs).toBe(first.bacs);
    const after = await withOrg(database.db, orgId, verifyLedger);
    expect(after.journals).toBe(before.journals);
    expect(after).toMatchObject({ trialBalancePence: 0, unbalancedJournalIds: [] });
    expect(first.ledger).toBe(first.total);
    expect(csvTrailer(first.csv)).toEqual({ count: 21, totalPence: first.ledger });
    expect(bacsTrailer(first.bacs)).toEqual({ count: 21, totalPence: first.ledger });
    const records = first.bacs.split('\r\n').filter((l) => /^\d{6}/.test(l));
    expect(records).toHaveLength(22); // 21 credits and the contra
    expect(records.every((r) => r.length === 100)).toBe(true);
    expect(records.filter((r) => r.slice(15, 17) === '99')).toHaveLength(21);
    expect(first.csv).toContain(`"'=HYPERLINK(""http://x"")"`);
    expect(first.csv).not.toMatch(/(^|,)=HYPERLINK/m);
  });

  it('refuses a run whose period overlaps another', async () => {
    await expect(createRun(database.db, ctx, '2026-12-20')).rejects.toThrow(/overlaps/);
  });

  it('resumes a run interrupted mid-batch and still pays each part exactly once', async () => {
    const start = '2027-01-04';
    const runId = await createRun(database.db, ctx, start);
    let calls = 0;
    const crash = () => {
      if (++calls === 2) throw new Error('killed');
    };
    await expect(
      prepareRun(database.db, ctx, runId, {
        batchSize: 5,
        onStep: (step) => (step === 'batch-written' ? crash() : undefined),
      }),
    ).rejects.toThrow('killed');
    expect((await payments(runId)).length).toBe(5); // the first batch committed; the second rolled back
    // A part added while the run was interrupted, behind its cursor (the lowest id there can be).
    await part('Latecomer', { id: '00000000-0000-4000-8000-000000000001', route: 'direct_payment', weekly: 1_400 });
    await prepareRun(database.db, ctx, runId, { batchSize: 5 });
    const rows = await payments(runId);
    // The fixture's one-offs started in the first period: not paid again. 'Laterone' starts in this one.
    expect(rows).toHaveLength(23 - 2 + 1 + 1);
    expect(Number((await paymentFor(runId, 'Latecomer'))!.amount_pence)).toBe(5_600);
    expect(await paymentFor(runId, 'Laterone')).toMatchObject({ state: 'posted', amount_pence: expect.anything() });
    const keyed = await database.db
      .selectFrom('budget_journal')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('idempotency_key', 'like', `${runId}:%`)
      .executeTakeFirstOrThrow();
    expect(Number(keyed.n)).toBe(rows.filter((r) => r.state === 'posted').length);
    expect(await withOrg(database.db, orgId, verifyLedger)).toMatchObject({
      trialBalancePence: 0,
      unbalancedJournalIds: [],
    });
  });

  it('pays gross when the council invoices contributions instead', async () => {
    await database.db
      .insertInto('budget_settings')
      .values({ org_id: orgId, contribution_collection: 'invoice', updated_at: new Date(), updated_by: null })
      .execute();
    const runId = await run('2027-02-01');
    const p = (await paymentFor(runId, 'Contributor'))!;
    expect([Number(p.gross_pence), Number(p.contribution_pence), Number(p.amount_pence)]).toEqual([
      120_000, 0, 120_000,
    ]);
  });
});
