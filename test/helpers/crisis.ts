import type { Kysely } from 'kysely';
import type { DB } from '../../src/platform/db/schema.js';
import type { CrisisEpisodeRow } from '../../src/modules/crisis/index.js';
import type { SeededOrganisation } from '../../src/seed/organisation.js';

/**
 * An open crisis episode written straight into the database (owner connection, no audit), with the
 * CLD Request event opening one writes, for tests of the workspace, the board and the figures that
 * need episodes without going through the pages.
 */
export async function insertCrisisEpisode(
  db: Kysely<DB>,
  org: SeededOrganisation,
  personId: string,
  overrides: Partial<Omit<CrisisEpisodeRow, 'goals' | 'prefill'>> & { goals?: string[] } = {},
): Promise<CrisisEpisodeRow> {
  const referredAt = overrides.referred_at ?? new Date(Date.now() - 2 * 3600_000);
  const { goals, ...rest } = overrides;
  const episode = await db
    .insertInto('crisis_episode')
    .values({
      org_id: org.orgId,
      person_id: personId,
      patch_id: null,
      lead_worker_id: org.userIds['sam.practitioner'] ?? null,
      source: 'referral',
      source_id: null,
      referred_by: 'Test referrer',
      referral_reason: 'Carer admitted to hospital',
      referred_at: referredAt,
      urgency_key: 'within_4_hours',
      urgency_label: 'Within 4 hours',
      response_minutes: 240,
      response_due_at: new Date(referredAt.getTime() + 240 * 60_000),
      starts_on: referredAt.toISOString().slice(0, 10),
      ends_on: new Date(referredAt.getTime() + 42 * 86_400_000).toISOString().slice(0, 10),
      updated_at: new Date(),
      ...rest,
      goals: JSON.stringify(goals ?? []),
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  await insertEpisodeRequestEvent(db, episode);
  return episode;
}

/** The CLD Request event opening an episode writes, straight into the database, for tests that insert episodes. */
async function insertEpisodeRequestEvent(db: Kysely<DB>, episode: CrisisEpisodeRow): Promise<void> {
  await db
    .insertInto('person_event')
    .values({
      org_id: episode.org_id,
      person_id: episode.person_id,
      event_type: 'Request',
      start_date: episode.starts_on,
      route_of_access: 'Community / Other route',
      source_module: 'crisis',
      source_id: episode.id,
    })
    .execute();
}
