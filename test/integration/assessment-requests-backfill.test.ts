import { Migrator, type Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrations } from '../../migrations/index.js';
import { migrateToLatest } from '../../src/platform/db/migrate.js';
import { seedOrganisation, type SeededOrganisation } from '../../src/seed/organisation.js';
import { openTestDatabase, testEngines, type TestDatabase } from '../helpers/database.js';
import { insertCrisisEpisode } from '../helpers/crisis.js';
import { insertPersonAsOwner } from '../helpers/matrix.js';

/**
 * Migration 0021: the people who were waiting before requests existed (a conversation ending
 * "progress to assessment", an episode closed as "step up") become waiting requests, each keeping
 * the CLD Request event its source wrote; nothing else does.
 */
describe.each(testEngines())('assessment requests: migration 0021 backfill (%s)', (engine) => {
  let database: TestDatabase;
  let org: SeededOrganisation;
  const ids: Record<string, string> = {};

  async function conversation(personId: string, outcome: string, notes: string | null) {
    const row = await database.db
      .insertInto('conversation')
      .values({
        org_id: org.orgId,
        person_id: personId,
        patch_id: null,
        held_on: '2026-05-04',
        route_of_access: 'Community / Other route',
        what_matters: 'Her garden',
        strengths: 'Cheerful',
        outcome,
        outcome_notes: notes,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const event = await database.db
      .insertInto('person_event')
      .values({
        org_id: org.orgId,
        person_id: personId,
        event_type: 'Request',
        start_date: '2026-05-04',
        end_date: '2026-05-04',
        event_outcome: outcome,
        route_of_access: 'Community / Other route',
        summary: 'Tier-one conversation',
        source_module: 'conversations',
        source_id: row.id,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return { id: row.id, eventId: event.id };
  }

  beforeAll(async () => {
    database = await openTestDatabase(engine, { migrate: false });
    const migrator = new Migrator({
      db: database.db as unknown as Kysely<unknown>,
      provider: { getMigrations: async () => migrations },
    });
    const before = await migrator.migrateTo('0020_crisis_cld_coding');
    if (before.error) throw before.error;
    org = await seedOrganisation(database.db, {
      council: { name: 'Backfill Council', kind: 'council', ods_code: 'BACK001' },
      accounts: [],
    });
    for (const name of ['Waiting', 'Signposted', 'Stepped', 'Down'])
      ids[name] = await insertPersonAsOwner(database.db, org.orgId, name, 'Backfill');
  }, 180_000);
  afterAll(async () => database?.dispose());

  it('opens a waiting request for each conversation and step-up, with the Request event already written', async () => {
    const waiting = await conversation(ids.Waiting!, 'Progress to assessment, review or reassessment', 'Meals');
    await conversation(ids.Signposted!, 'NFA: Information and advice or signposting', null);
    const closed = { status: 'closed' as const, closed_at: new Date(), closed_on: '2026-06-01', what_followed: 'x' };
    const stepped = await insertCrisisEpisode(database.db, org, ids.Stepped!, {
      ...closed,
      starts_on: '2026-05-20',
      ends_on: '2026-06-30',
      close_route: 'step_up',
      step_up_reason: 'Long-term needs',
      event_outcome: 'Progress to assessment, review or reassessment',
    });
    await insertCrisisEpisode(database.db, org, ids.Down!, {
      ...closed,
      starts_on: '2026-05-20',
      ends_on: '2026-06-30',
      close_route: 'step_down',
      event_outcome: 'NFA: Information and advice or signposting',
    });

    // The episode's Request event, written by the test helper (which leaves the episode's link to it empty).
    const steppedEvent = await database.db
      .selectFrom('person_event')
      .select('id')
      .where('source_module', '=', 'crisis')
      .where('source_id', '=', stepped.id)
      .executeTakeFirstOrThrow();

    await migrateToLatest(database.db);

    const rows = await database.db
      .selectFrom('assessment_request')
      .select(['person_id', 'came_from', 'source_module', 'source_id', 'reason', 'received_on', 'cld_request_event_id'])
      .orderBy('received_on')
      .execute();
    expect(rows).toEqual([
      {
        person_id: ids.Waiting,
        came_from: 'conversation',
        source_module: 'conversations',
        source_id: waiting.id,
        reason: 'Meals',
        received_on: '2026-05-04',
        cld_request_event_id: waiting.eventId,
      },
      {
        person_id: ids.Stepped,
        came_from: 'crisis_step_up',
        source_module: 'crisis',
        source_id: stepped.id,
        reason: 'Long-term needs',
        received_on: '2026-06-01',
        cld_request_event_id: steppedEvent.id,
      },
    ]);
  });
});
