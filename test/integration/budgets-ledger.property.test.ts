import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase, testEngines, type TestDatabase } from '../helpers/database.js';
import { insertPersonAsOwner } from '../helpers/matrix.js';
import { seedOrganisation } from '../../src/seed/organisation.js';
import { withOrg } from '../../src/platform/db/scope.js';
import {
  UnbalancedJournalError,
  accountBalances,
  councilAccount,
  openAccount,
  postJournal,
  reverseJournal,
  verifyLedger,
  type JournalKind,
} from '../../src/modules/budgets/index.js';

/**
 * Issue 14 §1: random sequences of ledger commands against a small in-memory model. After every
 * command the balances summed from the postings equal the model's, every journal balances, the
 * trial balance is zero, and a journal is reversed at most once.
 */
describe.each(testEngines())('budget ledger, random commands (%s)', (engine) => {
  let database: TestDatabase;
  let orgId: string;
  let accounts: { funding: string; spending: string; holdings: string[] };

  beforeAll(async () => {
    database = await openTestDatabase(engine);
    orgId = (await seedOrganisation(database.db)).orgId;
    const personId = await insertPersonAsOwner(database.db, orgId, 'Random', 'Commands');
    accounts = await withOrg(database.db, orgId, async (tx) => ({
      funding: await councilAccount(tx, 'council_funding'),
      spending: await councilAccount(tx, 'spending'),
      holdings: [
        await openAccount(tx, { kind: 'holding', personId, label: 'Direct payment' }),
        await openAccount(tx, { kind: 'holding', personId, label: 'Card' }),
        await openAccount(tx, { kind: 'holding', personId, label: 'Council-managed' }),
      ],
    }));
  });
  afterAll(() => database.dispose());

  interface Model {
    balances: Map<string, number>;
    journals: { id: string; lines: [string, number][]; reversed: boolean; isReversal: boolean }[];
  }
  type Real = Record<string, never>;
  const add = (m: Model, lines: [string, number][]) => {
    for (const [account, pence] of lines) m.balances.set(account, (m.balances.get(account) ?? 0) + pence);
  };
  const post = async (kind: JournalKind, lines: [string, number][]) =>
    withOrg(database.db, orgId, (tx) =>
      postJournal(tx, null, {
        kind,
        description: kind,
        effectiveOn: '2026-12-07',
        postings: lines.map(([accountId, amountPence]) => ({ accountId, amountPence })),
      }),
    );

  /** Money moving from one account to another: allocate, pay, refund, recover, switch. */
  class Move implements fc.AsyncCommand<Model, Real> {
    constructor(
      readonly kind: JournalKind,
      readonly from: () => string,
      readonly to: () => string,
      readonly pence: number,
    ) {}
    check = () => true;
    async run(m: Model) {
      const lines: [string, number][] = [
        [this.from(), -this.pence],
        [this.to(), this.pence],
      ];
      const { id } = await post(this.kind, lines);
      add(m, lines);
      m.journals.push({ id, lines, reversed: false, isReversal: false });
    }
    toString = () => `${this.kind}(${this.pence})`;
  }

  /** An adjustment across several accounts whose lines still balance. */
  class Adjust implements fc.AsyncCommand<Model, Real> {
    constructor(readonly amounts: number[]) {}
    check = () => true;
    async run(m: Model) {
      const targets = [...accounts.holdings, accounts.spending];
      const lines: [string, number][] = this.amounts.map((p, i) => [targets[i % targets.length]!, p]);
      lines.push([accounts.funding, -this.amounts.reduce((a, b) => a + b, 0)]);
      const nonZero = lines.filter(([, p]) => p !== 0);
      if (nonZero.length < 2) return;
      const { id } = await post('adjust', nonZero);
      add(m, nonZero);
      m.journals.push({ id, lines: nonZero, reversed: false, isReversal: false });
    }
    toString = () => `adjust(${this.amounts.join(',')})`;
  }

  /** Reverse the k-th journal: once it works (unless it is a reversal); a second time it is refused. */
  class Reverse implements fc.AsyncCommand<Model, Real> {
    constructor(readonly k: number) {}
    check = (m: Readonly<Model>) => m.journals.length > 0;
    async run(m: Model) {
      const target = m.journals[this.k % m.journals.length]!;
      const attempt = withOrg(database.db, orgId, (tx) =>
        reverseJournal(tx, null, target.id, { reason: 'Put right', effectiveOn: '2026-12-08' }),
      );
      if (target.reversed || target.isReversal) {
        await expect(attempt).rejects.toThrow(/already been reversed|cannot itself be reversed/);
        return;
      }
      const id = await attempt;
      const lines = target.lines.map(([a, p]): [string, number] => [a, -p]);
      add(m, lines);
      target.reversed = true;
      m.journals.push({ id, lines, reversed: false, isReversal: true });
    }
    toString = () => `reverse(${this.k})`;
  }

  /** An unbalanced journal is refused before the database and leaves everything as it was. */
  class Lopsided implements fc.AsyncCommand<Model, Real> {
    constructor(readonly pence: number) {}
    check = () => true;
    async run() {
      await expect(
        post('adjust', [
          [accounts.funding, -this.pence],
          [accounts.holdings[0]!, this.pence + 1],
        ]),
      ).rejects.toBeInstanceOf(UnbalancedJournalError);
    }
    toString = () => `lopsided(${this.pence})`;
  }

  /** Close a period: the ledger checks out and every balance is the model's. */
  class ClosePeriod implements fc.AsyncCommand<Model, Real> {
    check = () => true;
    async run(m: Model) {
      const all = [accounts.funding, accounts.spending, ...accounts.holdings];
      const [check, balances] = await withOrg(database.db, orgId, async (tx) => [
        await verifyLedger(tx),
        await accountBalances(tx, all),
      ]);
      expect(check.trialBalancePence).toBe(0);
      expect(check.unbalancedJournalIds).toEqual([]);
      expect(check.reversedTwiceIds).toEqual([]);
      for (const account of all) expect(balances.get(account)).toBe(m.balances.get(account) ?? 0);
    }
    toString = () => 'closePeriod';
  }

  const pence = fc.integer({ min: 1, max: 1_000_000 });
  const holding = fc.integer({ min: 0, max: 2 });
  const commands = [
    fc.tuple(holding, pence).map(
      ([h, p]) =>
        new Move(
          'allocate',
          () => accounts.funding,
          () => accounts.holdings[h]!,
          p,
        ),
    ),
    fc.tuple(holding, pence).map(
      ([h, p]) =>
        new Move(
          'spend',
          () => accounts.holdings[h]!,
          () => accounts.spending,
          p,
        ),
    ),
    fc.tuple(holding, pence).map(
      ([h, p]) =>
        new Move(
          'refund',
          () => accounts.spending,
          () => accounts.holdings[h]!,
          p,
        ),
    ),
    fc.tuple(holding, pence).map(
      ([h, p]) =>
        new Move(
          'recover',
          () => accounts.holdings[h]!,
          () => accounts.funding,
          p,
        ),
    ),
    fc.tuple(holding, holding, pence).map(
      ([a, b, p]) =>
        new Move(
          'switch',
          () => accounts.holdings[a]!,
          () => accounts.holdings[(a + 1 + (b % 2)) % 3]!,
          p,
        ),
    ),
    fc.array(fc.integer({ min: -50_000, max: 50_000 }), { minLength: 1, maxLength: 5 }).map((a) => new Adjust(a)),
    fc.nat().map((k) => new Reverse(k)),
    pence.map((p) => new Lopsided(p)),
    fc.constant(new ClosePeriod()),
  ];

  it('keeps every journal balanced, the trial balance at zero and each reversal single', async () => {
    const model: Model = { balances: new Map(), journals: [] };
    await fc.assert(
      fc.asyncProperty(fc.commands(commands, { maxCommands: 25 }), async (cmds) => {
        await fc.asyncModelRun(() => ({ model, real: {} }), [...cmds, new ClosePeriod()]);
      }),
      { numRuns: engine === 'pglite' ? 12 : 8 },
    );
    expect(model.journals.length).toBeGreaterThan(10);
  }, 120_000);
});
