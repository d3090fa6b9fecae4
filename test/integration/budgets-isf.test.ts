import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testEngines } from '../helpers/database.js';
import { makeAgent, signIn, startTestApp, type Agent, type TestApp } from '../helpers/app.js';
import { insertPersonAsOwner, newSession } from '../helpers/matrix.js';
import { insertPart } from '../helpers/budget-parts.js';
import { withOrg } from '../../src/platform/db/scope.js';
import { accountBalances, verifyLedger } from '../../src/modules/budgets/index.js';

/**
 * S3, Margaret: funds lodged with her care agency, ring-fenced, spent as her plan says. The agency
 * sees only her ISF and its spending (another provider's ISF is "not found" to it); the council sees
 * the ISF balance and what it bought.
 */
describe.each(testEngines())('individual service funds (%s)', (engine) => {
  let t: TestApp;
  let paul: Agent;
  let other: Agent;
  let sam: Agent;
  let margaret: string;
  let margaretIsf: { partId: string; accountId: string };
  let elsewhereIsf: { partId: string; accountId: string };

  beforeAll(async () => {
    t = await startTestApp(engine);
    const { db } = t.database;
    const orgId = t.org.orgId;
    const otherProvider = await db
      .insertInto('staff_user')
      .values({ org_id: orgId, username: 'olive.provider', display_name: 'Olive Grant', role: 'provider_user' })
      .returning('id')
      .executeTakeFirstOrThrow();
    const organisation = await db
      .insertInto('directory_organization')
      .values({ org_id: orgId, name: 'Fenshire Care Agencies', description: 'Test' })
      .returning('id')
      .executeTakeFirstOrThrow();
    const service = async (name: string, owner: string) =>
      (
        await db
          .insertInto('directory_service')
          .values({ org_id: orgId, organization_id: organisation.id, name, tl_owner_user_id: owner })
          .returning('id')
          .executeTakeFirstOrThrow()
      ).id;
    const homecare = await service('Brightside Home Care', t.org.userIds['paul.provider']!);
    const elsewhere = await service('Riverside Support', otherProvider.id);
    margaret = await insertPersonAsOwner(db, orgId, 'Margaret', 'Isfield');
    const dennis = await insertPersonAsOwner(db, orgId, 'Dennis', 'Otherfund');
    const isf = (personId: string, serviceId: string, holder: string) =>
      insertPart(db, orgId, {
        personId,
        route: 'isf',
        holder,
        serviceId,
        weeklyPence: 15000,
        startsOn: '2026-11-02',
        fundPence: 60000,
      });
    margaretIsf = await isf(margaret, homecare, 'Brightside Home Care');
    elsewhereIsf = await isf(dennis, elsewhere, 'Riverside Support');
    paul = await signIn(t.app, 'paul.provider');
    const session = await newSession(db, otherProvider.id);
    other = makeAgent(t.app, session.cookie, session.csrf);
    sam = await signIn(t.app, 'sam.practitioner');
  }, 180_000);
  afterAll(async () => t?.close());

  const balance = (accountId: string) =>
    withOrg(t.database.db, t.org.orgId, async (tx) => (await accountBalances(tx, [accountId])).get(accountId)!);
  const deliveries = async () => (await t.database.db.selectFrom('budget_isf_delivery').select('id').execute()).length;
  const deliver = (
    agent: Agent,
    partId: string,
    what: string,
    hours: string,
    cost: string,
    submission = randomUUID(),
  ) =>
    agent.post(`/isf/${partId}/deliveries`, {
      submission,
      'deliveredOn-day': '20',
      'deliveredOn-month': '11',
      'deliveredOn-year': '2026',
      what,
      hours,
      cost,
    });

  it('shows a provider only the ISFs lodged with its own services', async () => {
    const list = await paul.get('/isf');
    expect(list.statusCode).toBe(200);
    expect(list.body).toContain('Margaret Isfield');
    expect(list.body).toContain('Brightside Home Care');
    expect(list.body).not.toContain('Dennis');
    expect(list.body).not.toContain('Riverside Support');
    const theirs = await other.get('/isf');
    expect(theirs.body).toContain('Dennis Otherfund');
    expect(theirs.body).not.toContain('Margaret');
  });

  it('answers 404 to a provider asking for, or recording against, another provider’s ISF, and saves nothing', async () => {
    expect((await paul.get(`/isf/${elsewhereIsf.partId}`)).statusCode).toBe(404);
    expect((await paul.get(`/isf/${elsewhereIsf.partId}/deliveries`)).statusCode).toBe(404);
    const refused = await deliver(paul, elsewhereIsf.partId, 'Not ours', '1', '10');
    expect(refused.statusCode).toBe(404);
    expect(refused.body).not.toContain('Dennis');
    expect(await deliveries()).toBe(0);
    expect(await balance(elsewhereIsf.accountId)).toBe(60000);
  });

  it('lets the provider record what was delivered, spending the fund, and shows the balance and spending right', async () => {
    // Sent twice with the same form reference (a double click): spent and recorded once.
    const once = randomUUID();
    for (let send = 0; send < 2; send++)
      expect((await deliver(paul, margaretIsf.partId, 'Accompanied shopping', '2', '36.00', once)).statusCode).toBe(
        303,
      );
    expect((await deliver(paul, margaretIsf.partId, 'Social club at the British Legion', '', '12.50')).statusCode).toBe(
      303,
    );
    expect(await balance(margaretIsf.accountId)).toBe(60000 - 4850);
    expect(await deliveries()).toBe(2);
    const page = await paul.get(`/isf/${margaretIsf.partId}`);
    expect(page.statusCode).toBe(200);
    for (const text of ['£600.00', '£48.50', '£551.50', '£150.00 a week', 'Accompanied shopping', 'British Legion'])
      expect(page.body).toContain(text);
    // The provider sees the fund, not the person's wider record.
    expect(page.body).not.toContain(`/people/${margaret}`);
    expect((await paul.get(`/people/${margaret}`)).statusCode).toBe(403);
    const check = await withOrg(t.database.db, t.org.orgId, verifyLedger);
    expect(check.unbalancedJournalIds).toEqual([]);
    expect(check.trialBalancePence).toBe(0);
  });

  it('refuses a delivery costing more than the fund holds, or with bad input, and saves nothing', async () => {
    const before = await deliveries();
    const tooMuch = await deliver(paul, margaretIsf.partId, 'A fortnight away', '', '551.51');
    expect(tooMuch.statusCode).toBe(422);
    expect(tooMuch.body).toContain('The fund holds £551.50, less than this cost');
    const bad = await deliver(paul, margaretIsf.partId, '', 'lots', '');
    expect(bad.statusCode).toBe(422);
    for (const text of ['Enter what was delivered', 'Hours must be a number', 'Enter the cost'])
      expect(bad.body).toContain(text);
    expect(await deliveries()).toBe(before);
    expect(await balance(margaretIsf.accountId)).toBe(55150);
  });

  it('shows the council every ISF with the same balance and what it bought', async () => {
    const list = await sam.get('/isf');
    expect(list.body).toContain('Margaret Isfield');
    expect(list.body).toContain('Dennis Otherfund');
    const page = await sam.get(`/isf/${margaretIsf.partId}`);
    expect(page.statusCode).toBe(200);
    for (const text of ['£551.50', '£48.50', 'Accompanied shopping', `/people/${margaret}`])
      expect(page.body).toContain(text);
  });

  it('audits every view of an ISF against the person', async () => {
    const rows = await t.database.db
      .selectFrom('audit_event')
      .select(['action', 'person_id', 'actor_id'])
      .where('action', '=', 'isf.view')
      .where('person_id', '=', margaret)
      .execute();
    const byWho = rows.map((r) => r.actor_id).sort();
    expect(byWho).toEqual([t.org.userIds['paul.provider']!, t.org.userIds['sam.practitioner']!].sort());
    const lists = await t.database.db
      .selectFrom('audit_event')
      .select(['person_ids'])
      .where('action', '=', 'isf.list')
      .where('actor_id', '=', t.org.userIds['paul.provider']!)
      .execute();
    expect(lists.map((r) => r.person_ids)).toEqual([[margaret]]);
  });

  it('never overspends one fund under 20 concurrent payment requests: the fund pays what it holds and refuses the rest', async () => {
    // Dennis's fund holds £600.00; twenty requests of £45.00 each ask for £900.00 at the same moment.
    const before = await balance(elsewhereIsf.accountId);
    expect(before).toBe(60000);
    const responses = await Promise.all(
      Array.from({ length: 20 }, (_, i) => deliver(other, elsewhereIsf.partId, `Support session ${i + 1}`, '2', '45')),
    );
    const paid = responses.filter((r) => r.statusCode === 303).length;
    const refused = responses.filter((r) => r.statusCode === 422).length;
    expect([paid, refused]).toEqual([13, 7]);
    expect(await balance(elsewhereIsf.accountId)).toBe(60000 - 13 * 4500);
    const check = await withOrg(t.database.db, t.org.orgId, verifyLedger);
    expect([check.trialBalancePence, check.unbalancedJournalIds]).toEqual([0, []]);
  });
});
