import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testEngines } from '../helpers/database.js';
import { signIn, startTestApp, type Agent, type TestApp } from '../helpers/app.js';
import { insertPersonAsOwner } from '../helpers/matrix.js';
import { insertPart } from '../helpers/budget-parts.js';
import { withOrg } from '../../src/platform/db/scope.js';
import { accountBalances, poolRecordSheetsFor, verifyLedger } from '../../src/modules/budgets/index.js';

const date = (name: string, iso: string) => {
  const [year, month, day] = iso.split('-');
  return { [`${name}-day`]: String(Number(day)), [`${name}-month`]: String(Number(month)), [`${name}-year`]: year! };
};

/**
 * S9, Slough: 25 people each pool £100 into a group account with three named signatories, two of whom
 * must approve each spend (not the one who asked; the same one twice counts once). Each member has a
 * record sheet of what was spent on activities they took part in and their remaining balance.
 */
describe.each(testEngines())('pools (%s)', (engine) => {
  let t: TestApp;
  let sam: Agent;
  let poolId: string;
  let poolAccount: string;
  let signatory: Record<'A' | 'B' | 'C', string>;
  const members: { personId: string; memberId: string }[] = [];

  beforeAll(async () => {
    t = await startTestApp(engine);
    sam = await signIn(t.app, 'sam.practitioner');
    const created = await sam.post('/pools/new', {
      name: 'Slough Friday Club',
      purpose: 'Group outings the members choose together',
      signatory1: 'Asha Patel',
      signatory2: 'Ben Okafor',
      signatory3: 'Cath Lewis',
    });
    expect(created.statusCode).toBe(303);
    poolId = String(created.headers.location).split('/').pop()!;
    const { db } = t.database;
    poolAccount = (
      await db.selectFrom('budget_pool').select('account_id').where('id', '=', poolId).executeTakeFirstOrThrow()
    ).account_id;
    const sigs = await db
      .selectFrom('budget_pool_signatory')
      .select(['id', 'position'])
      .where('pool_id', '=', poolId)
      .orderBy('position')
      .execute();
    signatory = { A: sigs[0]!.id, B: sigs[1]!.id, C: sigs[2]!.id };
    for (let i = 0; i < 25; i++) {
      const personId = await insertPersonAsOwner(db, t.org.orgId, `Member${i}`, 'Poolside');
      const { partId } = await insertPart(db, t.org.orgId, {
        personId,
        route: 'pool',
        holder: 'Slough Friday Club',
        weeklyPence: 2500,
        startsOn: '2026-11-02',
        poolId,
        fundPence: 10000,
      });
      const added = await sam.post(`/pools/${poolId}/add-member`, { partId, ...date('joinedOn', '2026-11-02') });
      expect(added.statusCode).toBe(303);
      const member = await db
        .selectFrom('budget_pool_member')
        .select('id')
        .where('part_id', '=', partId)
        .executeTakeFirstOrThrow();
      members.push({ personId, memberId: member.id });
    }
    for (const [i, m] of members.entries()) {
      const form = {
        memberId: m.memberId,
        amount: '100',
        submission: randomUUID(),
        ...date('contributedOn', '2026-11-09'),
      };
      // The first member's form is sent twice (a double click): it must pay in once.
      for (let send = 0; send < (i === 0 ? 2 : 1); send++)
        expect((await sam.post(`/pools/${poolId}/contribute`, form)).statusCode).toBe(303);
    }
  }, 240_000);
  afterAll(async () => t?.close());

  const poolBalance = () =>
    withOrg(t.database.db, t.org.orgId, async (tx) => (await accountBalances(tx, [poolAccount])).get(poolAccount)!);
  const approvals = async (expenseId: string) =>
    (
      await t.database.db
        .selectFrom('budget_pool_approval')
        .select('signatory_id')
        .where('expense_id', '=', expenseId)
        .execute()
    ).length;
  const paymentJournals = async (expenseId: string) =>
    (
      await t.database.db
        .selectFrom('budget_journal')
        .select('id')
        .where('idempotency_key', '=', `pool-expense:${expenseId}`)
        .execute()
    ).length;
  const approve = (expenseId: string, who: 'A' | 'B' | 'C', agent = sam) =>
    agent.post(`/pools/${poolId}/expenses/${expenseId}/approve`, {
      signatoryId: signatory[who],
      ...date('approvedOn', '2026-11-20'),
    });

  /** Ask for an expense shared by the first `n` members; returns its id. */
  async function requestExpense(amount: string, n: number, requestedBy: 'A' | 'B' | 'C' | null): Promise<string> {
    const response = await t.app.inject({
      method: 'POST',
      url: `/pools/${poolId}/request-expense`,
      headers: { cookie: sam.cookie, 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams([
        ['_csrf', sam.csrf],
        ['amount', amount],
        ['description', `Outing costing ${amount}`],
        ...Object.entries(date('spentOn', '2026-11-14')),
        ...members.slice(0, n).map((m) => ['members', m.memberId]),
        ['requestedBy', requestedBy ? signatory[requestedBy] : 'someone-else'],
        ['requesterName', requestedBy ? '' : 'Group coordinator'],
      ]).toString(),
    });
    expect(response.statusCode, response.body.slice(0, 500)).toBe(303);
    const row = await t.database.db
      .selectFrom('budget_pool_expense')
      .select('id')
      .where('description', '=', `Outing costing ${amount}`)
      .executeTakeFirstOrThrow();
    return row.id;
  }

  let e1: string, e2: string, e3: string, e4: string;

  it('holds 25 members × £100 in the pool account (a form sent twice paid in once)', async () => {
    expect(await poolBalance()).toBe(250000);
    expect(await t.database.db.selectFrom('budget_pool_contribution').select('id').execute()).toHaveLength(25);
    const page = await sam.get(`/pools/${poolId}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('£2,500.00');
    for (const name of ['Asha Patel', 'Ben Okafor', 'Cath Lewis', 'Member0 Poolside', 'Member24 Poolside'])
      expect(page.body).toContain(name);
  });

  it('does not pay an expense approved by one signatory, nor by the same one twice; the second distinct one pays it once', async () => {
    e1 = await requestExpense('300', 10, null);
    expect((await approve(e1, 'A')).statusCode).toBe(303);
    expect(await approvals(e1)).toBe(1);
    expect(await paymentJournals(e1)).toBe(0);
    expect(await poolBalance()).toBe(250000);
    expect((await approve(e1, 'A')).statusCode).toBe(303);
    expect(await approvals(e1)).toBe(1);
    expect(await paymentJournals(e1)).toBe(0);
    const page = await sam.get(`/pools/${poolId}`);
    expect(page.body).toContain('Approved by 1 of 2: not paid');
    expect((await approve(e1, 'B')).statusCode).toBe(303);
    expect(await paymentJournals(e1)).toBe(1);
    expect(await poolBalance()).toBe(220000);
    // A third approval is recorded but pays nothing more.
    expect((await approve(e1, 'C')).statusCode).toBe(303);
    expect(await approvals(e1)).toBe(3);
    expect(await paymentJournals(e1)).toBe(1);
    expect(await poolBalance()).toBe(220000);
  });

  it('refuses an approval by the signatory who asked for the expense, page and database alike', async () => {
    e2 = await requestExpense('100', 3, 'A');
    const refused = await approve(e2, 'A');
    expect(refused.statusCode).toBe(422);
    expect(refused.body).toContain('Asha Patel asked for this expense, so cannot also approve it');
    expect(await approvals(e2)).toBe(0);
    const straight = t.database.db
      .insertInto('budget_pool_approval')
      .values({
        org_id: t.org.orgId,
        pool_id: poolId,
        expense_id: e2,
        signatory_id: signatory.A,
        approved_on: '2026-11-20',
      })
      .execute();
    await expect(straight).rejects.toThrow(/cannot approve/);
  });

  it('counts 20 concurrent approvals by the same signatory once, and pays nothing', async () => {
    const responses = await Promise.all(Array.from({ length: 20 }, () => approve(e2, 'B')));
    expect(responses.map((r) => r.statusCode)).toEqual(Array(20).fill(303));
    expect(await approvals(e2)).toBe(1);
    expect(await paymentJournals(e2)).toBe(0);
    expect(await poolBalance()).toBe(220000);
    expect((await approve(e2, 'C')).statusCode).toBe(303);
    expect(await paymentJournals(e2)).toBe(1);
    expect(await poolBalance()).toBe(210000);
  });

  it('pays once under 20 concurrent approvals by different signatories', async () => {
    e3 = await requestExpense('50', 5, null);
    const who = ['A', 'B', 'C'] as const;
    const responses = await Promise.all(Array.from({ length: 20 }, (_, i) => approve(e3, who[i % 3]!)));
    expect(responses.map((r) => r.statusCode)).toEqual(Array(20).fill(303));
    expect(await approvals(e3)).toBe(3);
    expect(await paymentJournals(e3)).toBe(1);
    expect(await poolBalance()).toBe(205000);
    const check = await withOrg(t.database.db, t.org.orgId, verifyLedger);
    expect(check.unbalancedJournalIds).toEqual([]);
    expect(check.trialBalancePence).toBe(0);
  });

  it('keeps each member’s record sheet exact: their shares of paid activities, what remains, what awaits approval', async () => {
    e4 = await requestExpense('20', 2, null);
    await approve(e4, 'C');
    expect(await paymentJournals(e4)).toBe(0);
    const sheets = await withOrg(t.database.db, t.org.orgId, async (tx) =>
      Promise.all(members.map((m) => poolRecordSheetsFor(tx, m.personId))),
    );
    const first = sheets[0]![0]!;
    // £300 among 10 = £30; £100 among 3 = £33.34 to the first listed; £50 among 5 = £10; £20 among 2 awaits.
    expect(first).toMatchObject({
      contributedPence: 10000,
      spentPence: 7334,
      remainingPence: 2666,
      awaitingPence: 1000,
    });
    expect(sheets[1]![0]).toMatchObject({ spentPence: 7333, remainingPence: 2667, awaitingPence: 1000 });
    expect(sheets[5]![0]).toMatchObject({ spentPence: 3000, remainingPence: 7000, awaitingPence: 0 });
    expect(sheets[24]![0]).toMatchObject({ spentPence: 0, remainingPence: 10000 });
    const remaining = sheets.reduce((sum, s) => sum + s[0]!.remainingPence, 0);
    expect(remaining).toBe(await poolBalance());
    expect(remaining).toBe(205000);
    const page = await sam.get(`/pools/${poolId}/members/${members[0]!.personId}`);
    expect(page.statusCode).toBe(200);
    for (const text of ['£100.00', '£73.34', '£26.66', '£33.34', 'Waiting for approval'])
      expect(page.body).toContain(text);
  });

  it('audits the record sheet against the member, and answers 404 for someone who is not a member', async () => {
    const frank = await signIn(t.app, 'frank.finance');
    const sheet = await frank.get(`/pools/${poolId}/members/${members[3]!.personId}`);
    expect(sheet.statusCode).toBe(200);
    const audit = await t.database.db
      .selectFrom('audit_event')
      .select(['action', 'person_id'])
      .where('actor_id', '=', t.org.userIds['frank.finance']!)
      .where('action', '=', 'pool.record-sheet')
      .execute();
    expect(audit).toEqual([{ action: 'pool.record-sheet', person_id: members[3]!.personId }]);
    const outsider = await insertPersonAsOwner(t.database.db, t.org.orgId, 'Not', 'Amember');
    expect((await frank.get(`/pools/${poolId}/members/${outsider}`)).statusCode).toBe(404);
    const paul = await signIn(t.app, 'paul.provider');
    expect((await paul.get(`/pools/${poolId}`)).statusCode).toBe(403);
  });

  it('refuses bad input with the reasons and saves nothing', async () => {
    const before = await t.database.db.selectFrom('budget_pool_expense').select('id').execute();
    const bad = await sam.post(`/pools/${poolId}/request-expense`, { amount: '999999', description: '' });
    expect(bad.statusCode).toBe(422);
    expect(bad.body).toContain('Enter what it was for');
    expect(bad.body).toContain('Select the members who took part');
    const tooMuch = await requestExpenseBody('5000');
    expect(tooMuch.statusCode).toBe(422);
    expect(tooMuch.body).toContain('The pool holds £2,050.00, less than this');
    expect(await t.database.db.selectFrom('budget_pool_expense').select('id').execute()).toHaveLength(before.length);
    const twoSame = await sam.post('/pools/new', {
      name: 'X',
      purpose: 'Y',
      signatory1: 'Ann',
      signatory2: 'ann',
      signatory3: 'Bob',
    });
    expect(twoSame.statusCode).toBe(422);
    expect(twoSame.body).toContain('The three signatories must be three different people');
  });

  it('pays each expense once when its two signatories approve at the same moment (neither misses the other)', async () => {
    const expenses = [];
    for (let i = 0; i < 8; i++) expenses.push(await requestExpense(`1${i}`, 2, null));
    await Promise.all(expenses.flatMap((e) => [approve(e, 'A'), approve(e, 'B')]));
    for (const e of expenses) expect(await paymentJournals(e), e).toBe(1);
    expect(await poolBalance()).toBe(205000 - (10 + 11 + 12 + 13 + 14 + 15 + 16 + 17) * 100);
  });

  it('replaces a signatory from a date: their approvals still count and name them, only the new one signs after', async () => {
    const replace = (body: Record<string, string>) =>
      sam.post(`/pools/${poolId}/signatories/${signatory.C}/replace`, body);
    const signatories = () =>
      t.database.db
        .selectFrom('budget_pool_signatory')
        .select(['id', 'name', 'replaced_on', 'replaces_id'])
        .where('pool_id', '=', poolId)
        .orderBy('created_at')
        .execute();
    const form = await sam.get(`/pools/${poolId}/signatories/${signatory.C}/replace`);
    expect(form.statusCode, form.body.slice(0, 3000)).toBe(200);
    expect(form.body).toContain('Cath Lewis stands down as a signatory');
    // Cath approved expenses on 20 November: she cannot be replaced from that day, nor by someone already signing.
    const tooEarly = await replace({ name: 'Dev Singh', ...date('from', '2026-11-20') });
    expect(tooEarly.statusCode).toBe(422);
    expect(tooEarly.body).toContain(
      'Cath Lewis approved an expense on 20 November 2026: the new signatory must take over after that',
    );
    const already = await replace({ name: 'ben okafor', ...date('from', '2026-11-21') });
    expect(already.body).toContain('ben okafor is already a signatory of this pool: enter someone else');
    const blank = await replace({ name: ' ', ...date('from', '2099-01-01') });
    expect(blank.statusCode).toBe(422);
    expect(blank.body).toContain('Enter the new signatory’s name');
    expect(blank.body).toContain('The date the new signatory takes over must be today or in the past');
    expect(await signatories()).toHaveLength(3);

    const done = await replace({ name: 'Dev Singh', ...date('from', '2026-11-21') });
    expect(done.statusCode).toBe(303);
    const rows = await signatories();
    expect(rows.map((r) => [r.name, r.replaced_on])).toEqual([
      ['Asha Patel', null],
      ['Ben Okafor', null],
      ['Cath Lewis', '2026-11-21'],
      ['Dev Singh', null],
    ]);
    const dev = rows[3]!;
    expect(dev.replaces_id).toBe(signatory.C);
    const page = await sam.get(`/pools/${poolId}`);
    expect(page.body).toContain('Dev Singh is now a signatory in place of Cath Lewis');
    expect(page.body).toContain('since 21 November 2026, in place of Cath Lewis');
    expect(page.body).toContain('Before: Cath Lewis (until 20 November 2026)');
    // Her earlier approval of the £20 outing still counts; she can no longer be chosen; Dev's approval pays it.
    const byCath = await sam.post(`/pools/${poolId}/expenses/${e4}/approve`, {
      signatoryId: signatory.C,
      ...date('approvedOn', '2026-11-22'),
    });
    expect(byCath.statusCode).toBe(422);
    expect(byCath.body).toContain('Select the signatory who approved it');
    const straight = t.database.db
      .insertInto('budget_pool_approval')
      .values({
        org_id: t.org.orgId,
        pool_id: poolId,
        expense_id: e4,
        signatory_id: signatory.C,
        approved_on: '2026-11-22',
      })
      .execute();
    await expect(straight).rejects.toThrow(/replaced/);
    const byDev = await sam.post(`/pools/${poolId}/expenses/${e4}/approve`, {
      signatoryId: dev.id,
      ...date('approvedOn', '2026-11-22'),
    });
    expect(byDev.statusCode).toBe(303);
    expect(await paymentJournals(e4)).toBe(1);
    const after = await sam.get(`/pools/${poolId}`);
    expect(after.body).toMatch(/Approved by[^<]*Cath Lewis[^<]*Dev Singh/);
    // Cath has gone: her own replace form is not found, and the database keeps three current signatories.
    expect((await sam.get(`/pools/${poolId}/signatories/${signatory.C}/replace`)).statusCode).toBe(404);
    const fourth = t.database.db
      .insertInto('budget_pool_signatory')
      .values({ org_id: t.org.orgId, pool_id: poolId, position: 3, name: 'Extra' } as never)
      .execute();
    await expect(fourth).rejects.toThrow();
    const audit = await t.database.db
      .selectFrom('audit_event')
      .select(['action', 'resource_id'])
      .where('action', '=', 'pool.signatory.replace')
      .execute();
    expect(audit).toEqual([{ action: 'pool.signatory.replace', resource_id: poolId }]);
  });

  const requestExpenseBody = (amount: string) =>
    sam.post(`/pools/${poolId}/request-expense`, {
      amount,
      description: 'Too dear',
      ...date('spentOn', '2026-11-14'),
      members: members[0]!.memberId,
      requestedBy: 'someone-else',
      requesterName: 'Group coordinator',
    });
});
