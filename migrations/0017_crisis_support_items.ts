import { sql, type Kysely } from 'kysely';

/**
 * Support put in during a crisis can be ended, corrected and cancelled (issue 11).
 *
 * - `status`: 'active', or 'cancelled' for support that never started (closing the episode before
 *   its start, or staff saying it did not go ahead). A cancelled item keeps its row, for the record
 *   and the audit trail, and its CLD "Service" event is marked recorded in error (0019; an event is
 *   never deleted): a service never delivered is not a service to report.
 * - `version` counts the item's corrections; `updated_at`/`updated_by` say who made the last one.
 * - `planned_index` names the contingency plan's planned support it was put in from, so the episode
 *   page shows "Put in on …" instead of inviting a second copy.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table crisis_service
      add column status text not null default 'active' check (status in ('active', 'cancelled')),
      add column cancelled_on date,
      add column version integer not null default 1,
      add column updated_at timestamptz,
      add column updated_by uuid,
      add column planned_index integer;
    alter table crisis_service add constraint crisis_service_cancelled_check
      check ((status = 'cancelled') = (cancelled_on is not null));
    create index crisis_service_planned on crisis_service (episode_id, planned_index) where planned_index is not null;
  `.execute(db);
}
