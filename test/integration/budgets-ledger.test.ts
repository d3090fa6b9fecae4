import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { openTestDatabase, testEngines, type TestDatabase } from '../helpers/database.js';
import { insertPersonAsOwner } from '../helpers/matrix.js';
import { seedOrganisation } from '../../src/seed/organisation.js';
import { withOrg } from '../../src/platform/db/scope.js';
import {
  accountBalances,
  councilAccount,
  openAccount,
  postJournal,
  reverseJournal,
  verifyLedger,
} from '../../src/modules/budgets/index.js';

/** Issue 14 §1: what the database itself enforces about the ledger, whatever the application does. */
describe.each(testEngines())('budget ledger (%s)', (engine) => {
  let database: TestDatabase;
  let orgId: string;
  let personId: string;
  let funding: string, holding: string;

  beforeAll(async () => {
    database = await openTestDatabase(engine);
    orgId = (await seedOrganisation(database.db)).orgId;
    personId = await insertPersonAsOwner(database.db, orgId, 'Ledger', 'Testperson');
    [funding, holding] = await withOrg(database.db, orgId, async (tx) => [
      await councilAccount(tx, 'council_funding'),
      await openAccount(tx, { kind: 'holding', personId, label: 'Direct payment account' }),
    ]);
  });
  afterAll(() => database.dispose());

  const pay = (pence: number, key?: string) =>
    withOrg(database.db, orgId, (tx) =>
      postJournal(tx, null, {
        kind: 'pay',
        description: 'Four-weekly direct payment',
        effectiveOn: '2026-12-07',
        personId,
        idempotencyKey: key ?? null,
        postings: [
          { accountId: funding, amountPence: -pence },
          { accountId: holding, amountPence: pence },
        ],
      }),
    );
  const balance = () => withOrg(database.db, orgId, async (tx) => (await accountBalances(tx, [holding])).get(holding));

  it('posts a balanced journal and derives the balance from its postings', async () => {
    const before = (await balance())!;
    await pay(33600);
    expect(await balance()).toBe(before + 33600);
  });

  it('refuses to commit a journal that does not balance, even written straight to the tables', async () => {
    const attempt = withOrg(database.db, orgId, async (tx) => {
      const j = await tx
        .insertInto('budget_journal')
        .values({ org_id: orgId, kind: 'adjust', description: 'Lopsided', effective_on: '2026-12-07' })
        .returning('id')
        .executeTakeFirstOrThrow();
      await tx
        .insertInto('budget_posting')
        .values([
          { org_id: orgId, journal_id: j.id, account_id: funding, amount_pence: -100 },
          { org_id: orgId, journal_id: j.id, account_id: holding, amount_pence: 99 },
        ])
        .execute();
    });
    await expect(attempt).rejects.toThrow(/does not balance/);
    const empty = withOrg(database.db, orgId, (tx) =>
      tx
        .insertInto('budget_journal')
        .values({ org_id: orgId, kind: 'adjust', description: 'No postings', effective_on: '2026-12-07' })
        .execute(),
    );
    await expect(empty).rejects.toThrow(/at least two accounts/);
  });

  it('never lets a posting or journal be changed or deleted, even by the owner', async () => {
    await expect(sql`update budget_posting set amount_pence = 1`.execute(database.db)).rejects.toThrow(/append-only/);
    await expect(sql`delete from budget_journal`.execute(database.db)).rejects.toThrow(/append-only/);
  });

  it('posts a keyed journal once however often it is retried', async () => {
    const before = (await balance())!;
    const first = await pay(1000, 'run-1:part-1:2026-12-07');
    const again = await pay(1000, 'run-1:part-1:2026-12-07');
    expect(first.created).toBe(true);
    expect(again).toEqual({ id: first.id, created: false });
    expect(await balance()).toBe(before + 1000);
  });

  it('reverses a journal at most once, and the trial balance stays zero', async () => {
    const { id } = await pay(500);
    const before = (await balance())!;
    await withOrg(database.db, orgId, (tx) =>
      reverseJournal(tx, null, id, { reason: 'Paid in error', effectiveOn: '2026-12-08' }),
    );
    expect(await balance()).toBe(before - 500);
    await expect(
      withOrg(database.db, orgId, (tx) => reverseJournal(tx, null, id, { reason: 'Again', effectiveOn: '2026-12-08' })),
    ).rejects.toThrow(/already been reversed/);
    const check = await withOrg(database.db, orgId, verifyLedger);
    expect(check.trialBalancePence).toBe(0);
    expect(check.unbalancedJournalIds).toEqual([]);
    expect(check.journals).toBeGreaterThanOrEqual(4);
  });
});
