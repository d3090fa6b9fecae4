import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { openTestDatabase, testEngines, type TestDatabase } from '../helpers/database.js';
import { userActor } from '../helpers/matrix.js';
import { seedOrganisation, type SeededOrganisation } from '../../src/seed/organisation.js';
import { PeopleService } from '../../src/modules/people/service.js';
import { readEvents, readRecord, EVENT_CAP } from '../../src/modules/people/record-read.js';
import { personInputSchema, eventInputSchema } from '../../src/modules/people/schema.js';
import { withOrg, type Tx } from '../../src/platform/db/scope.js';
import type { Actor, TokenActor } from '../../src/platform/access/roles.js';

/**
 * The record page and timeline read everything in one statement (people/record-read.ts). It must
 * show exactly what the separate reads it replaced showed — written out here as the reference — and
 * keep the object-level rule: a restricted record, or a network link from one, stays hidden.
 */
describe.each(testEngines())('the one-statement record read (%s)', (engine) => {
  let database: TestDatabase;
  let org: SeededOrganisation;
  let sam: Actor;
  let priya: Actor;
  let token: TokenActor;
  let ednaId: string;
  let haroldId: string;
  let rosaId: string;

  beforeAll(async () => {
    database = await openTestDatabase(engine);
    org = await seedOrganisation(database.db);
    sam = userActor('practitioner', org.userIds['sam.practitioner']!, org.orgId);
    priya = userActor('team_manager', org.userIds['priya.manager']!, org.orgId);
    token = { kind: 'api_token', tokenId: 'read-test', orgId: org.orgId, scopes: ['people:read'], displayName: 'T' };
    const people = new PeopleService(database.db);
    const ctx = { actor: sam, requestId: 'record-read-test' };
    const patchId = Object.values(org.patchIds)[0]!;
    const add = async (givenName: string, familyName: string) =>
      (
        await people.create(
          ctx,
          personInputSchema.parse({
            givenName,
            familyName,
            dateOfBirth: '1940-03-04',
            interpreterNeeded: false,
            patchId,
          }),
        )
      ).id;
    [ednaId, haroldId, rosaId] = [
      await add('Edna', 'Jones'),
      await add('Harold', 'Jones'),
      await add('Rosa', 'Hidden'),
    ];
    for (const [i, atThisTime] of ['Mornings', 'Evenings'].entries())
      await people.addCommunicationEntry(ctx, ednaId, {
        atThisTime,
        personDoes: `does ${i}`,
        weThinkItMeans: `means ${i}`,
        weShould: `should ${i}`,
      });
    await people.addRelationship(ctx, ednaId, relationship({ contactName: 'Mark Jones', isKeyContact: true }));
    await people.addRelationship(ctx, ednaId, relationship({ relatedPersonId: haroldId, otherProvidesCare: true }));
    // Links recorded on Harold's and on Rosa's records that point at Edna: shown on Edna's record both ways,
    // but Rosa's only to someone who may see Rosa's record.
    await people.addRelationship(ctx, haroldId, relationship({ relatedPersonId: ednaId, inCircleOfSupport: true }));
    await people.addRelationship(ctx, rosaId, relationship({ relatedPersonId: ednaId }));
    for (let day = 1; day <= 7; day += 1)
      await people.recordEvent(
        ctx,
        ednaId,
        eventInputSchema.parse({
          eventType: 'Request',
          startDate: `2025-01-0${day}`,
          routeOfAccess: 'Community / Other route',
          summary: `Call ${day}`,
        }),
      );
    await database.db
      .insertInto('patch_feature')
      .values({ org_id: org.orgId, team_id: patchId, feature: 'people.network-map', enabled: true })
      .execute();
    await sql`update person set restricted = true where id = ${rosaId}`.execute(database.db);
    await sql`insert into restricted_access (org_id, person_id, user_id) values (${org.orgId}, ${rosaId}, ${org.userIds['priya.manager']!})`.execute(
      database.db,
    );
  }, 180_000);
  afterAll(async () => database?.dispose());

  const read = (actor: Actor, id: string, limit: number) =>
    withOrg(database.db, org.orgId, (tx) => readRecord(tx, actor, id, limit));

  it('shows what the separate reads showed: person, communication chart, network both ways, events and switches', async () => {
    const record = (await read(sam, ednaId, EVENT_CAP))!;
    const reference = await withOrg(database.db, org.orgId, (tx) => referenceRead(tx, ednaId));
    expect(record.person).toEqual(reference.person);
    expect(record.communication).toEqual(reference.communication);
    expect(record.relationships).toEqual(reference.relationships);
    expect(record.events).toEqual(reference.events);
    expect(record.eventCount).toBe(7);
    expect(record.featureOverrides).toEqual(new Map([['people.network-map', true]]));
    // Harold's link only: Rosa's record is restricted and sam is not named on it.
    expect(record.inverseRelationships.map((r) => r.owner_given_name)).toEqual(['Harold']);
    expect(record.inverseRelationships[0]!.created_at).toBeInstanceOf(Date);
  });

  it('gives the record page its five most recent events, and still counts them all', async () => {
    const record = (await read(sam, ednaId, 5))!;
    expect(record.events.map((e) => e.summary)).toEqual(['Call 7', 'Call 6', 'Call 5', 'Call 4', 'Call 3']);
    expect(record.eventCount).toBe(7);
  });

  it('shows a link from a restricted record to someone named on it', async () => {
    const record = (await read(priya, ednaId, 5))!;
    expect(record.inverseRelationships.map((r) => r.owner_given_name).sort()).toEqual(['Harold', 'Rosa']);
  });

  it('finds no restricted record for staff not named on it, nor for a partner token; finds it for staff named', async () => {
    expect(await read(sam, rosaId, 5)).toBeUndefined();
    expect(await read(token, rosaId, 5)).toBeUndefined();
    expect((await read(priya, rosaId, 5))?.person.given_name).toBe('Rosa');
    const events = (actor: Actor, id: string) => withOrg(database.db, org.orgId, (tx) => readEvents(tx, actor, id));
    expect(await events(sam, rosaId)).toBeUndefined();
    expect(await events(token, rosaId)).toBeUndefined();
    expect(await events(priya, rosaId)).toEqual([]);
    expect((await events(token, ednaId))!.map((e) => e.summary)).toEqual(
      ['7', '6', '5', '4', '3', '2', '1'].map((d) => `Call ${d}`),
    );
  });

  it('finds nobody for an id that is not there', async () => {
    expect(await read(sam, '00000000-0000-4000-8000-000000000000', 5)).toBeUndefined();
  });
});

function relationship(fields: Record<string, unknown>) {
  return {
    relatedPersonId: null,
    contactName: null,
    contactPhone: null,
    contactEmail: null,
    relationshipType: 'son',
    otherProvidesCare: false,
    otherReceivesCare: false,
    carerLabel: 'not_asked' as const,
    inCircleOfSupport: false,
    isKeyContact: false,
    notes: null,
    ...fields,
  } as never;
}

/** What the record page read before, statement by statement (the reads the one statement replaced). */
async function referenceRead(tx: Tx, personId: string) {
  const person = await tx.selectFrom('person').selectAll().where('id', '=', personId).executeTakeFirstOrThrow();
  const communication = await tx
    .selectFrom('communication_entry')
    .selectAll()
    .where('person_id', '=', personId)
    .orderBy('created_at')
    .execute();
  const relationships = await tx
    .selectFrom('relationship as r')
    .leftJoin('person as p', 'p.id', 'r.related_person_id')
    .selectAll('r')
    .select([
      'p.given_name as related_given_name',
      'p.family_name as related_family_name',
      'p.restricted as related_restricted',
    ])
    .where('r.person_id', '=', personId)
    .where('r.ended_on', 'is', null)
    .orderBy('r.is_key_contact', 'desc')
    .orderBy('r.created_at')
    .execute();
  const events = await tx
    .selectFrom('person_event')
    .selectAll()
    .where('person_id', '=', personId)
    .orderBy('start_date', 'desc')
    .orderBy('created_at', 'desc')
    .limit(500)
    .execute();
  return { person, communication, relationships, events };
}
