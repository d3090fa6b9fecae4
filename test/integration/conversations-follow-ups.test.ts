import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testEngines } from '../helpers/database.js';
import { signIn, startTestApp, type Agent, type TestApp } from '../helpers/app.js';
import { createPersonThroughPages, validNhsNumber } from '../helpers/people.js';
import { conversationForm } from '../helpers/conversations.js';
import { todayInLondon } from '../../src/platform/dates.js';

describe.each(testEngines())('follow-ups (%s)', (engine) => {
  let t: TestApp;
  let sam: Agent;
  let priya: Agent;
  let alice: string;
  let hidden: string;
  const today = todayInLondon();
  const ids: Record<string, string> = {};

  /** A conversation through the page; returns its id. */
  async function converse(agent: Agent, personId: string, extra: Record<string, string> = {}) {
    const res = await agent.post(`/people/${personId}/conversations/new`, conversationForm(today.toString(), extra));
    expect(res.statusCode, res.body).toBe(303);
    return String(res.headers.location).split('/').at(-1)!;
  }

  async function addFollowUp(
    agent: Agent,
    personId: string,
    conversationId: string,
    what: string,
    due: string,
    assignedTo: string,
  ) {
    const date = due.startsWith('20') ? due.split('-').map((p) => String(Number(p))) : null;
    const form: Record<string, string> = {
      what,
      assignedTo,
      due: date ? 'date' : due,
      ...(date ? { 'dueOn-year': date[0]!, 'dueOn-month': date[1]!, 'dueOn-day': date[2]! } : {}),
    };
    const res = await agent.post(`/people/${personId}/conversations/${conversationId}/follow-ups`, form);
    expect(res.statusCode, res.body).toBe(303);
    ids[what] = (
      await t.database.db.selectFrom('follow_up').select('id').where('what', '=', what).executeTakeFirstOrThrow()
    ).id;
  }

  beforeAll(async () => {
    t = await startTestApp(engine);
    sam = await signIn(t.app, 'sam.practitioner');
    priya = await signIn(t.app, 'priya.manager');
    const samId = t.org.userIds['sam.practitioner']!;
    const priyaId = t.org.userIds['priya.manager']!;
    alice = await createPersonThroughPages(sam, 'Alice', 'Followup', validNhsNumber(900_400_000));
    const c1 = await converse(sam, alice, { followUpWhat: 'Week call', followUpDue: '1w', followUpAssignedTo: samId });
    ids['Week call'] = (
      await t.database.db.selectFrom('follow_up').select('id').where('what', '=', 'Week call').executeTakeFirstOrThrow()
    ).id;
    await addFollowUp(sam, alice, c1, 'Overdue call', today.subtract({ days: 3 }).toString(), samId);
    await addFollowUp(sam, alice, c1, 'Later call', '4w', samId);
    await addFollowUp(sam, alice, c1, 'Priya call', '2w', priyaId);
    // Someone in another patch: their follow-up belongs to that patch, not Sam's.
    const bob = await createPersonThroughPages(sam, 'Bob', 'Followup', validNhsNumber(900_500_000));
    await t.database.db
      .updateTable('person')
      .set({ patch_id: t.org.patchIds['Cathedral City']! })
      .where('id', '=', bob)
      .execute();
    await addFollowUp(sam, bob, await converse(sam, bob), 'Other patch call', '1w', priyaId);
    hidden = await createPersonThroughPages(sam, 'Hidden', 'Followup', validNhsNumber(900_600_000));
    await addFollowUp(sam, hidden, await converse(sam, hidden), 'Hidden call', '1w', samId);
    await t.database.db.updateTable('person').set({ restricted: true }).where('id', '=', hidden).execute();
  }, 180_000);
  afterAll(async () => t?.close());

  /** The follow-ups on a page, in the order shown. */
  const shown = (body: string) =>
    ['Week call', 'Overdue call', 'Later call', 'Priya call', 'Other patch call', 'Hidden call']
      .filter((w) => body.includes(`>${w}<`))
      .sort((a, b) => body.indexOf(`>${a}<`) - body.indexOf(`>${b}<`));

  it('lists my follow-ups by default, soonest first, and audits one entry per person shown', async () => {
    const before = await t.database.db
      .selectFrom('audit_event')
      .select((eb) => eb.fn.max('id').as('max'))
      .executeTakeFirst();
    const res = await sam.get('/follow-ups');
    expect(res.statusCode).toBe(200);
    expect(shown(res.body)).toEqual(['Overdue call', 'Week call', 'Later call']);
    expect(res.body).toContain('Alice Followup');
    expect(res.body).toContain('Overdue');
    const audit = await t.database.db
      .selectFrom('audit_event')
      .select(['action', 'person_id'])
      .where('id', '>', Number(before?.max ?? 0))
      .execute();
    expect(audit).toEqual([{ action: 'person.follow-up-list', person_id: alice }]);
  });

  it('filters by my patch, overdue and due this week', async () => {
    expect(shown((await sam.get('/follow-ups?scope=patch')).body)).toEqual([
      'Overdue call',
      'Week call',
      'Priya call',
      'Later call',
    ]);
    expect(shown((await priya.get('/follow-ups')).body)).toEqual(['Other patch call', 'Priya call']);
    expect(shown((await sam.get('/follow-ups?due=overdue')).body)).toEqual(['Overdue call']);
    expect(shown((await sam.get('/follow-ups?due=week')).body)).toEqual(['Week call']);
    expect(shown((await sam.get('/follow-ups?scope=patch&due=week')).body)).toEqual(['Week call']);
  });

  it('marks a follow-up as done once, and keeps the filters', async () => {
    const res = await sam.post(`/follow-ups/${ids['Overdue call']}/done`, {
      version: '1',
      returnTo: 'scope=patch&due=overdue&status=open',
    });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/follow-ups?scope=patch&due=overdue&status=open');
    const page = await sam.get(String(res.headers.location));
    expect(page.body).toContain('The follow-up has been marked as done');
    expect(shown(page.body)).toEqual([]);
    expect(shown((await sam.get('/follow-ups?status=done')).body)).toEqual(['Overdue call']);
    const row = await t.database.db
      .selectFrom('follow_up')
      .select(['done_by', 'version'])
      .where('id', '=', ids['Overdue call']!)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ done_by: t.org.userIds['sam.practitioner'], version: 2 });
    const again = await priya.post(`/follow-ups/${ids['Overdue call']}/done`, { version: '1' });
    expect(again.statusCode).toBe(303);
    expect((await priya.get('/follow-ups')).body).toContain('This follow-up has already been marked as done');
  });

  it('hides follow-ups about a restricted record, and only caseworkers can mark them done', async () => {
    expect((await sam.post(`/follow-ups/${ids['Hidden call']}/done`, { version: '1' })).statusCode).toBe(404);
    const frank = await signIn(t.app, 'frank.finance');
    expect((await frank.get('/follow-ups')).statusCode).toBe(200);
    expect((await frank.post(`/follow-ups/${ids['Week call']}/done`, { version: '1' })).statusCode).toBe(403);
    const open = await t.database.db
      .selectFrom('follow_up')
      .select('done_at')
      .where('id', '=', ids['Week call']!)
      .executeTakeFirstOrThrow();
    expect(open.done_at).toBeNull();
  });

  it('checks a new follow-up with GOV.UK messages', async () => {
    const conversationId = (
      await t.database.db
        .selectFrom('conversation')
        .select('id')
        .where('person_id', '=', alice)
        .executeTakeFirstOrThrow()
    ).id;
    const res = await sam.post(`/people/${alice}/conversations/${conversationId}/follow-ups`, {
      due: 'date',
      'dueOn-day': '30',
      'dueOn-month': '2',
      'dueOn-year': '2027',
    });
    expect(res.statusCode).toBe(422);
    expect(res.body).toContain('Enter what needs to happen');
    expect(res.body).toContain('The date it is due must be a real date');
    expect(res.body).toContain('href="#dueOn-day"');
    const noDue = await sam.post(`/people/${alice}/conversations/${conversationId}/follow-ups`, {
      what: 'Something',
      assignedTo: t.org.userIds['frank.finance']!,
    });
    expect(noDue.statusCode).toBe(422);
    expect(noDue.body).toContain('Select when it is due');
  });

  it('counts "in two weeks" from the conversation’s date, not from the day it is recorded', async () => {
    const heldOn = today.subtract({ days: 10 });
    const res = await sam.post(
      `/people/${alice}/conversations/new`,
      conversationForm(heldOn.toString(), {
        followUpWhat: 'Two weeks after a late-recorded conversation',
        followUpDue: '2w',
        followUpAssignedTo: t.org.userIds['sam.practitioner']!,
      }),
    );
    expect(res.statusCode, res.body).toBe(303);
    const row = await t.database.db
      .selectFrom('follow_up')
      .select('due_on')
      .where('what', '=', 'Two weeks after a late-recorded conversation')
      .executeTakeFirstOrThrow();
    expect(String(row.due_on)).toBe(heldOn.add({ weeks: 2 }).toString());
  });
});
