import { sql, type Kysely } from 'kysely';

/**
 * Full-text search of the directory under row-level security. PostgreSQL will not use the GIN index
 * on `search_vector` for `@@` under a policy (the operator is not leakproof), so every search read all
 * the services (measured: ~200 ms at 10,000 services). As with `person_name_candidates`, this function
 * runs as the owner, so it can use the index, and applies the same organisation rule as the policy:
 * it only ever returns ids from the organisation set for the transaction.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create function directory_service_text_matches(q tsquery) returns setof uuid
    language sql stable security definer set search_path = public as $$
      select s.id from directory_service s
      where s.org_id = nullif(current_setting('app.org_id', true), '')::uuid and s.search_vector @@ q
    $$;
    revoke execute on function directory_service_text_matches(tsquery) from public;
    grant execute on function directory_service_text_matches(tsquery) to tl_app;
  `.execute(db);
}
