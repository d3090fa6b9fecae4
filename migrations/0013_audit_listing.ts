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
  // Append entries, each only if an area's change number is still the one the caller's kept page
  // was built under, in one call and one commit: platform/audit/append-batch.ts gathers the views
  // of kept pages that arrive together and sends them as one batch, because on a busy board the
  // commit, not the row, was the cost (~0.5 ms of database time each). The database assigns the
  // sequence numbers and computes each chain hash exactly as platform/audit/audit.ts does (sha256
  // of the previous hash and the payload's UTF-8 bytes); the caller sends each payload's text either
  // side of its number. The function's plans are kept per connection. Answers, per entry, whether
  // it was appended; an entry whose page has changed is skipped and its caller builds the page again.
  await sql`
    create function audit_append_if_unchanged(
      p_org uuid, p_chain smallint, p_area text[], p_generation text[], p_at timestamptz[], p_actor_kind text[], p_actor_id uuid[],
      p_action text[], p_resource_type text[], p_resource_id text[], p_person_id uuid[], p_person_ids text[], p_same_people_as bigint[],
      p_reason text[], p_request_id text[], p_before text[], p_after text[]
    ) returns boolean[] language plpgsql as $$
    declare
      appended boolean[] := array_fill(false, array[cardinality(p_before)]);
      seq bigint;
      previous bytea;
      body text;
      digest bytea;
    begin
      select last_seq, last_hash into seq, previous from audit_chain where org_id = p_org and chain = p_chain for update;
      if not found then
        return appended;
      end if;
      for i in 1 .. cardinality(p_before) loop
        continue when coalesce((select generation::text from change_generation where org_id = p_org and area = p_area[i]), '0') <> p_generation[i];
        seq := seq + 1;
        body := p_before[i] || seq::text || p_after[i];
        digest := sha256(previous || convert_to(body, 'UTF8'));
        insert into audit_event (org_id, chain, seq, at, actor_kind, actor_id, action, resource_type, resource_id, person_id, person_ids,
          same_people_as, reason, request_id, payload, prev_hash, hash)
        values (p_org, p_chain, seq, p_at[i], p_actor_kind[i], p_actor_id[i], p_action[i], p_resource_type[i], p_resource_id[i], p_person_id[i],
          p_person_ids[i]::uuid[], p_same_people_as[i], p_reason[i], p_request_id[i], body, previous, digest);
        previous := digest;
        appended[i] := true;
      end loop;
      update audit_chain set last_seq = seq, last_hash = previous where org_id = p_org and chain = p_chain;
      return appended;
    end $$;
    grant execute on function audit_append_if_unchanged(uuid, smallint, text[], text[], timestamptz[], text[], uuid[], text[], text[], text[], uuid[], text[], bigint[], text[], text[], text[], text[]) to tl_app;
  `.execute(db);
}
