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
    create index audit_event_people on audit_event using gin (person_ids) where person_ids is not null;
  `.execute(db);
}
