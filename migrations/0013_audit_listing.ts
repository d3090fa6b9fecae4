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
  // Append one entry, only if an area's change number is still the one the caller's kept page was
  // built under, in one call: the function's plans are kept per connection, where the same work as
  // one ad hoc statement was planned afresh every time. The database assigns the sequence number and
  // computes the chain hash exactly as platform/audit/audit.ts does (sha256 of the previous hash and
  // the payload's UTF-8 bytes); the caller sends the payload's text either side of the number.
  await sql`
    create function audit_append_if_unchanged(
      p_org uuid, p_area text, p_generation text, p_chain smallint, p_at timestamptz, p_actor_kind text, p_actor_id uuid,
      p_action text, p_resource_type text, p_resource_id text, p_person_id uuid, p_person_ids uuid[], p_same_people_as bigint,
      p_reason text, p_request_id text, p_before text, p_after text
    ) returns boolean language plpgsql as $$
    declare
      head record;
      next_seq bigint;
      body text;
      digest bytea;
    begin
      if coalesce((select generation::text from change_generation where org_id = p_org and area = p_area), '0') <> p_generation then
        return false;
      end if;
      select last_seq, last_hash into head from audit_chain where org_id = p_org and chain = p_chain for update;
      if not found then
        return false;
      end if;
      next_seq := head.last_seq + 1;
      body := p_before || next_seq::text || p_after;
      digest := sha256(head.last_hash || convert_to(body, 'UTF8'));
      insert into audit_event (org_id, chain, seq, at, actor_kind, actor_id, action, resource_type, resource_id, person_id, person_ids,
        same_people_as, reason, request_id, payload, prev_hash, hash)
      values (p_org, p_chain, next_seq, p_at, p_actor_kind, p_actor_id, p_action, p_resource_type, p_resource_id, p_person_id, p_person_ids,
        p_same_people_as, p_reason, p_request_id, body, head.last_hash, digest);
      update audit_chain set last_seq = next_seq, last_hash = digest where org_id = p_org and chain = p_chain;
      return true;
    end $$;
    grant execute on function audit_append_if_unchanged(uuid, text, text, smallint, timestamptz, text, uuid, text, text, text, uuid, uuid[], bigint, text, text, text, text) to tl_app;
  `.execute(db);
}
