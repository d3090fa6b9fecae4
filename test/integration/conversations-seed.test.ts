import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testEngines } from '../helpers/database.js';
import { signIn, startTestApp, type TestApp } from '../helpers/app.js';
import { insertServices } from '../helpers/conversations.js';
import { seedCounty } from '../../src/seed/county.js';
import { seedConversations } from '../../src/seed/conversations.js';

describe.each(testEngines())('demo conversations (%s)', (engine) => {
  let t: TestApp;
  let peerGroup: string;

  beforeAll(async () => {
    t = await startTestApp(engine);
    await seedCounty(t.database.db, t.org, { scale: 'tiny', seed: 1, count: 60 });
    peerGroup = (
      await insertServices(t.database.db, t.org.orgId, [
        { name: 'Memory Matters: peer group for couples living with dementia' },
        { name: 'Fenland Carers Hub' },
      ])
    )['Memory Matters: peer group for couples living with dementia']!;
    // 'small' adds generated residents' conversations on top of the scenario ones.
    await seedConversations(t.database.db, t.org, { scale: 'small', seed: 1 });
  }, 180_000);
  afterAll(async () => t?.close());

  it('records the tier-one conversation with Harold Jones (S1 step 1) and "call Mr Jones in two weeks"', async () => {
    const { db } = t.database;
    const harold = await db
      .selectFrom('person')
      .select('id')
      .where('nhs_number', '=', '9990000018')
      .executeTakeFirstOrThrow();
    const conversation = await db
      .selectFrom('conversation')
      .selectAll()
      .where('person_id', '=', harold.id)
      .executeTakeFirstOrThrow();
    expect(conversation.strengths).toContain('Knows Edna’s routines');
    const connection = await db
      .selectFrom('conversation_connection')
      .selectAll()
      .where('conversation_id', '=', conversation.id)
      .executeTakeFirstOrThrow();
    expect(connection.directory_service_id).toBe(peerGroup);
    const event = await db
      .selectFrom('person_event')
      .selectAll()
      .where('source_id', '=', conversation.id)
      .executeTakeFirstOrThrow();
    const edna = await db
      .selectFrom('person')
      .select('id')
      .where('given_name', '=', 'Edna')
      .where('family_name', '=', 'Jones')
      .executeTakeFirstOrThrow();
    // A carer's request linked to Edna (cld.md §2.1 fields 14, 37–39), though he declines the word.
    expect(event).toMatchObject({
      event_type: 'Request',
      source_module: 'conversations',
      start_date: conversation.held_on,
      event_outcome: 'NFA: Information and advice or signposting',
      client_type: 'Unpaid carer',
      linked_person_ids: [edna.id],
    });

    const sam = await signIn(t.app, 'sam.practitioner');
    const page = await sam.get(`/people/${harold.id}/conversations/${conversation.id}`);
    expect(page.statusCode).toBe(200);
    for (const text of [
      'Carol Jones (daughter)',
      'Pat and Dave Webb (neighbour)',
      'Memory Matters: peer group for couples living with dementia',
      'Carol will take them both to the next meeting',
    ]) {
      expect(page.body).toContain(text);
    }
    const timeline = await sam.get(`/people/${harold.id}/timeline`);
    expect(timeline.statusCode).toBe(200);
    expect(timeline.body).not.toMatch(/unpaid carer/i);
    const followUps = await sam.get('/follow-ups');
    expect(followUps.body).toContain('Call Mr Jones to see how the peer group went');
    expect(followUps.body).toContain('Harold Jones');
  });

  it('adds conversations for generated residents, each with its request event on the same date', async () => {
    const { db } = t.database;
    const conversations = await db.selectFrom('conversation').select(['id', 'person_id', 'held_on']).execute();
    expect(conversations.length).toBe(2 + 12);
    const events = await db
      .selectFrom('person_event')
      .select(['source_id', 'person_id', 'start_date'])
      .where('source_module', '=', 'conversations')
      .execute();
    expect(events.map((e) => [e.source_id, e.person_id, e.start_date]).sort()).toEqual(
      conversations.map((c) => [c.id, c.person_id, c.held_on]).sort(),
    );
  });
});
