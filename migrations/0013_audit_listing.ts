import { sql, type Kysely } from 'kysely';

/**
 * One audit entry for a page that lists people, naming every person shown (person_ids), instead
 * of one entry per person. A crisis board or register of 200 people wrote 200 hash-chained rows on
 * every view (with their index entries and write-ahead log): under load that, not the page, set
 * the response time. The entry says exactly the same thing — who saw which people, when, on what
 * page — and "who has looked at this record" finds it through the GIN index below.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table audit_event add column person_ids uuid[];
    -- 200 ids are ~3 KB of random bytes: compressing them gains nothing and costs every insert.
    alter table audit_event alter column person_ids set storage external;
    create index audit_event_people on audit_event using gin (person_ids) where person_ids is not null;
    -- The same page seen again, unchanged, points at the entry that listed its people rather than
    -- listing them again (crisis/board-cache.ts): a few bytes instead of 200 ids on every refresh.
    alter table audit_event add column same_people_as bigint;
    create index audit_event_same_people on audit_event (same_people_as) where same_people_as is not null;
  `.execute(db);
}
