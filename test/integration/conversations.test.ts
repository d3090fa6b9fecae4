import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testEngines } from '../helpers/database.js';
import { signIn, startTestApp, type Agent, type TestApp } from '../helpers/app.js';
import { createPersonThroughPages, validNhsNumber } from '../helpers/people.js';
import { addContact, conversationForm, insertServices } from '../helpers/conversations.js';
import { todayInLondon } from '../../src/platform/dates.js';

describe.each(testEngines())('tier-one conversations (%s)', (engine) => {
  let t: TestApp;
  let sam: Agent;
  let harold: string;
  let daughter: string;
  let neighbours: string;
  let services: Record<string, string>;
  const today = todayInLondon().toString();
  const count = async (
    table: 'conversation' | 'follow_up' | 'person_event' | 'conversation_advice',
    personId?: string,
  ) => {
    let q = t.database.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n'));
    if (personId && table !== 'conversation_advice') q = q.where('person_id', '=', personId);
    return Number((await q.executeTakeFirstOrThrow()).n);
  };

  beforeAll(async () => {
    t = await startTestApp(engine);
    sam = await signIn(t.app, 'sam.practitioner');
    harold = await createPersonThroughPages(sam, 'Harold', 'Convo', validNhsNumber(900_100_000), '1942-05-14');
    daughter = await addContact(sam, t.database.db, harold, 'Carol Convo', 'daughter');
    neighbours = await addContact(sam, t.database.db, harold, 'Pat and Dave Webb', 'neighbour');
    services = await insertServices(t.database.db, t.org.orgId, [
      { name: 'Couples Living With Dementia Peer Group' },
      { name: 'Old Lunch Club', withdrawn: true },
    ]);
  }, 180_000);
  afterAll(async () => t?.close());

  it('shows what is missing, finds directory services by name, then saves the conversation, its links, follow-up and request event', async () => {
    expect((await sam.get(`/people/${harold}/conversations/new`)).statusCode).toBe(200);
    const empty = await sam.post(`/people/${harold}/conversations/new`, {
      'heldOn-day': '31',
      'heldOn-month': '6',
      'heldOn-year': '2026',
      followUpWhat: 'Call Mr Jones',
    });
    expect(empty.statusCode).toBe(422);
    for (const message of [
      'Date of the conversation must be a real date',
      'Enter what matters to them',
      'Enter their strengths and what they can do',
      'Select what happens next',
      'Select when it is due',
    ]) {
      expect(empty.body).toContain(message);
    }
    expect(empty.body).toContain('href="#heldOn-day"');
    expect(empty.body).toContain('value="Call Mr Jones"');
    expect(await count('conversation', harold)).toBe(0);

    const search = await sam.post(`/people/${harold}/conversations/new`, {
      intent: 'search',
      serviceSearch: 'dementia',
      whatMatters: 'Kept when searching',
    });
    expect(search.statusCode).toBe(200);
    // Every id on the page once, or labels and error links would point at the wrong field.
    const pageIds = [...search.body.matchAll(/\sid="([^"]+)"/g)].map((m) => m[1]);
    expect(pageIds.length).toBeGreaterThan(30);
    expect(pageIds.filter((id, i) => pageIds.indexOf(id) !== i)).toEqual([]);
    expect(search.body).toContain('Couples Living With Dementia Peer Group');
    expect(search.body).toContain('Kept when searching');
    const withdrawn = await sam.post(`/people/${harold}/conversations/new`, {
      intent: 'search',
      serviceSearch: 'lunch',
    });
    expect(withdrawn.body).not.toContain('Old Lunch Club');

    const peerGroup = services['Couples Living With Dementia Peer Group']!;
    const saved = await sam.post(
      `/people/${harold}/conversations/new`,
      conversationForm(today, {
        presentRelationshipIds: [daughter],
        othersPresent: 'Dr Patel (GP)',
        networkRelationshipIds: [daughter, neighbours],
        adviceServiceIds: [peerGroup],
        adviceNotes: 'Carers allowance leaflet',
        connection1Service: peerGroup,
        connection1Agreed: 'Carol will go with them to the first meeting',
        connection2Name: 'March Timebank',
        routeOfAccess: 'Diversion from Hospital Services',
        outcome: 'Progress to assessment, review or reassessment',
        followUpWhat: 'Call Mr Jones',
        followUpDue: '2w',
        followUpAssignedTo: t.org.userIds['sam.practitioner']!,
      }),
    );
    expect(saved.statusCode, saved.body).toBe(303);
    const conversationId = String(saved.headers.location).split('/').at(-1)!;

    const { db } = t.database;
    const row = await db
      .selectFrom('conversation')
      .selectAll()
      .where('id', '=', conversationId)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({
      person_id: harold,
      held_on: today,
      route_of_access: 'Diversion from Hospital Services',
      others_present: 'Dr Patel (GP)',
      version: 1,
    });
    const network = await db
      .selectFrom('conversation_network')
      .select(['relationship_id', 'role'])
      .where('conversation_id', '=', conversationId)
      .orderBy('role')
      .orderBy('relationship_id')
      .execute();
    expect(network).toEqual(
      expect.arrayContaining([
        { relationship_id: daughter, role: 'present' },
        { relationship_id: daughter, role: 'network' },
        { relationship_id: neighbours, role: 'network' },
      ]),
    );
    expect(network).toHaveLength(3);
    const connections = await db
      .selectFrom('conversation_connection')
      .select(['directory_service_id', 'connected_to_name', 'agreed_follow_up'])
      .where('conversation_id', '=', conversationId)
      .orderBy('position')
      .execute();
    expect(connections).toEqual([
      {
        directory_service_id: peerGroup,
        connected_to_name: null,
        agreed_follow_up: 'Carol will go with them to the first meeting',
      },
      { directory_service_id: null, connected_to_name: 'March Timebank', agreed_follow_up: null },
    ]);
    const followUp = await db
      .selectFrom('follow_up')
      .selectAll()
      .where('conversation_id', '=', conversationId)
      .executeTakeFirstOrThrow();
    expect(followUp).toMatchObject({
      what: 'Call Mr Jones',
      due_on: todayInLondon().add({ weeks: 2 }).toString(),
      assigned_to: t.org.userIds['sam.practitioner'],
      patch_id: t.org.patchIds['Fenland North'],
    });

    const event = await db
      .selectFrom('person_event')
      .selectAll()
      .where('source_id', '=', conversationId)
      .executeTakeFirstOrThrow();
    expect(event).toMatchObject({
      person_id: harold,
      event_type: 'Request',
      start_date: today,
      end_date: today,
      route_of_access: 'Diversion from Hospital Services',
      event_outcome: 'Progress to assessment, review or reassessment',
      source_module: 'conversations',
    });
    const audit = await db
      .selectFrom('audit_event')
      .select(['action', 'person_id', 'resource_id'])
      .where('action', '=', 'conversation.create')
      .execute();
    expect(audit).toEqual([{ action: 'conversation.create', person_id: harold, resource_id: conversationId }]);

    const view = await sam.get(`/people/${harold}/conversations/${conversationId}`);
    expect(view.statusCode).toBe(200);
    for (const text of [
      'Staying at home together',
      'Carol Convo (daughter)',
      'Pat and Dave Webb (neighbour)',
      'Couples Living With Dementia Peer Group',
      'March Timebank',
      'Call Mr Jones',
      'Dr Patel (GP)',
    ]) {
      expect(view.body).toContain(text);
    }
    const list = await sam.get(`/people/${harold}/conversations`);
    expect(list.body).toContain(`/people/${harold}/conversations/${conversationId}`);
    const timeline = await sam.get(`/people/${harold}/timeline`);
    expect(timeline.body).toContain('Tier-one conversation. What matters: Staying at home together');
    expect(timeline.body).toContain(`href="/people/${harold}/conversations/${conversationId}"`);
  });

  it('refuses links that are not this person’s network or a current directory entry', async () => {
    const other = await createPersonThroughPages(sam, 'Olive', 'Convo', validNhsNumber(900_200_000));
    const before = await count('conversation');
    const res = await sam.post(
      `/people/${other}/conversations/new`,
      conversationForm(today, {
        networkRelationshipIds: [daughter],
        adviceServiceIds: [services['Old Lunch Club']!],
        connection1Service: services['Old Lunch Club']!,
        connection1Name: 'Both given',
      }),
    );
    expect(res.statusCode).toBe(422);
    expect(res.body).toContain('Choose a service from the directory or enter a name, not both');
    const fixedConnection = await sam.post(
      `/people/${other}/conversations/new`,
      conversationForm(today, { networkRelationshipIds: [daughter], adviceServiceIds: [services['Old Lunch Club']!] }),
    );
    expect(fixedConnection.statusCode).toBe(422);
    expect(fixedConnection.body).toContain('Select people in their network from the list');
    expect(fixedConnection.body).toContain('Select services from the directory list');
    const withdrawnConnection = await sam.post(
      `/people/${other}/conversations/new`,
      conversationForm(today, { connection2Service: services['Old Lunch Club']! }),
    );
    expect(withdrawnConnection.statusCode).toBe(422);
    expect(withdrawnConnection.body).toContain('<a href="#connection2Service">Select a service from the list</a>');
    expect(await count('conversation')).toBe(before);
  });

  it('saves nothing when the request event cannot be written (one transaction)', async () => {
    const { db } = t.database;
    const before = {
      conversations: await count('conversation'),
      followUps: await count('follow_up'),
      advice: await count('conversation_advice'),
      events: await count('person_event'),
    };
    await sql`alter table person_event add constraint conversation_fail_test check (source_module <> 'conversations') not valid`.execute(
      db,
    );
    try {
      const res = await sam.post(
        `/people/${harold}/conversations/new`,
        conversationForm(today, {
          adviceServiceIds: [services['Couples Living With Dementia Peer Group']!],
          followUpWhat: 'Call',
          followUpDue: '1w',
          followUpAssignedTo: t.org.userIds['sam.practitioner']!,
        }),
      );
      expect(res.statusCode).toBeGreaterThanOrEqual(500);
    } finally {
      await sql`alter table person_event drop constraint conversation_fail_test`.execute(db);
    }
    expect({
      conversations: await count('conversation'),
      followUps: await count('follow_up'),
      advice: await count('conversation_advice'),
      events: await count('person_event'),
    }).toEqual(before);
  });

  it('corrects a conversation and its request event, and refuses a stale edit saying what changed', async () => {
    const created = await sam.post(`/people/${harold}/conversations/new`, conversationForm(today));
    const id = String(created.headers.location).split('/').at(-1)!;
    const edit = await sam.get(`/people/${harold}/conversations/${id}/edit`);
    expect(edit.statusCode).toBe(200);
    expect(edit.body).toContain('name="version" value="1"');
    const priya = await signIn(t.app, 'priya.manager');
    const first = await priya.post(
      `/people/${harold}/conversations/${id}/edit`,
      conversationForm(today, {
        version: '1',
        whatMatters: 'Keeping Edna at home',
        outcome: 'Progress to reablement/ST-Max',
      }),
    );
    expect(first.statusCode).toBe(303);
    const event = await t.database.db
      .selectFrom('person_event')
      .selectAll()
      .where('source_id', '=', id)
      .executeTakeFirstOrThrow();
    expect(event.event_outcome).toBe('Progress to reablement/ST-Max');
    expect(event.summary).toContain('Keeping Edna at home');

    const stale = await sam.post(
      `/people/${harold}/conversations/${id}/edit`,
      conversationForm(today, { version: '1', whatMatters: 'My late change' }),
    );
    expect(stale.statusCode).toBe(409);
    expect(stale.body).toContain('Someone else changed this conversation after you opened it');
    expect(stale.body).toContain('What is different now');
    expect(stale.body).toContain('Keeping Edna at home');
    expect(stale.body).toContain('My late change');
    const row = await t.database.db
      .selectFrom('conversation')
      .select(['what_matters', 'version'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ what_matters: 'Keeping Edna at home', version: 2 });
  });

  it('audits exactly one entry for the person on each page that shows them', async () => {
    const created = await sam.post(`/people/${harold}/conversations/new`, conversationForm(today));
    const id = String(created.headers.location).split('/').at(-1)!;
    for (const url of [
      `/people/${harold}/conversations`,
      `/people/${harold}/conversations/new`,
      `/people/${harold}/conversations/${id}`,
      `/people/${harold}/conversations/${id}/edit`,
    ]) {
      const before = await t.database.db
        .selectFrom('audit_event')
        .select((eb) => eb.fn.max('id').as('max'))
        .executeTakeFirst();
      expect((await sam.get(url)).statusCode, url).toBe(200);
      const rows = await t.database.db
        .selectFrom('audit_event')
        .select(['person_id', 'actor_id'])
        .where('id', '>', Number(before?.max ?? 0))
        .execute();
      expect(rows, url).toEqual([{ person_id: harold, actor_id: t.org.userIds['sam.practitioner'] }]);
    }
  });

  it('answers 404 for a restricted record, another person’s conversation, or a malformed id', async () => {
    const hidden = await createPersonThroughPages(sam, 'Hidden', 'Convo', validNhsNumber(900_300_000));
    const created = await sam.post(`/people/${hidden}/conversations/new`, conversationForm(today));
    const id = String(created.headers.location).split('/').at(-1)!;
    await t.database.db.updateTable('person').set({ restricted: true }).where('id', '=', hidden).execute();
    for (const url of [
      `/people/${hidden}/conversations`,
      `/people/${hidden}/conversations/new`,
      `/people/${hidden}/conversations/${id}`,
      `/people/${hidden}/conversations/${id}/edit`,
    ]) {
      expect((await sam.get(url)).statusCode, url).toBe(404);
    }
    expect((await sam.post(`/people/${hidden}/conversations/new`, conversationForm(today))).statusCode).toBe(404);
    expect((await sam.get(`/people/${harold}/conversations/${id}`)).statusCode).toBe(404);
    expect((await sam.get(`/people/${harold}/conversations/not-a-uuid`)).statusCode).toBe(404);
  });

  it('lets readers see conversations but only caseworkers record them', async () => {
    const frank = await signIn(t.app, 'frank.finance');
    expect((await frank.get(`/people/${harold}/conversations`)).statusCode).toBe(200);
    expect((await frank.get(`/people/${harold}/conversations`)).body).not.toContain(
      `href="/people/${harold}/conversations/new"`,
    );
    expect((await sam.get(`/people/${harold}/conversations`)).body).toContain(
      `href="/people/${harold}/conversations/new"`,
    );
    expect((await frank.get(`/people/${harold}/conversations/new`)).statusCode).toBe(403);
    const paul = await signIn(t.app, 'paul.provider');
    expect((await paul.get(`/people/${harold}/conversations`)).statusCode).toBe(403);
    expect((await paul.get('/follow-ups')).statusCode).toBe(403);
  });
});
