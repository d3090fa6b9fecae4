import { sql, type Kysely } from 'kysely';

/**
 * Row-level security on the council-owned tables 0001 left without it: teams and patches, their
 * switches, staff, partner API tokens and the audit log. A request's transaction runs as `tl_app`
 * with `app.org_id` set (platform/db/scope.ts), so from here on one council's practitioner cannot
 * list, or name in a form, another council's patches or staff — whatever a query forgets to filter.
 *
 * Who still reads these tables across councils, and why that is sound: they run on the owner's
 * connection, which row-level security does not bind (the policies are not forced, as everywhere
 * else in the schema), before any organisation is known:
 * - sign-in by username and single sign-on (platform/auth): the account decides the organisation;
 * - the session lookup on every request (platform/auth/sessions.ts, one prepared statement);
 * - the API token lookup (platform/http/pipeline.ts): the token decides the organisation;
 * - the command line's create-user and the seed (set-up work, as the owner, like migrations);
 * - the audit batcher and `audit verify`, which the audit module runs as the owner.
 * The two questions an administrator's form must ask of every council — is this username, or this
 * email, used by anyone at all — are the functions below: they answer yes or no and nothing else,
 * which the unique index on usernames already tells anyone who tries.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  for (const table of ['team', 'patch_feature', 'staff_user', 'api_token', 'audit_chain', 'audit_event']) {
    await sql`alter table ${sql.table(table)} enable row level security`.execute(db);
    await sql`create policy org_isolation on ${sql.table(table)} using (org_id = nullif(current_setting('app.org_id', true), '')::uuid) with check (org_id = nullif(current_setting('app.org_id', true), '')::uuid)`.execute(
      db,
    );
  }

  await sql`
    -- Usernames are unique across every council (sign-in does not ask which council).
    create function staff_username_in_use(p_username text) returns boolean
    language sql stable security definer set search_path = public as $$
      select exists (select 1 from staff_user where lower(username) = lower(p_username))
    $$;
    -- Single sign-on links a first sign-in by verified email, which must match one account anywhere.
    create function staff_email_in_use(p_email text, p_except uuid) returns boolean
    language sql stable security definer set search_path = public as $$
      select exists (
        select 1 from staff_user where lower(email) = lower(p_email) and (p_except is null or id <> p_except)
      )
    $$;
    revoke execute on function staff_username_in_use(text), staff_email_in_use(text, uuid) from public;
    grant execute on function staff_username_in_use(text), staff_email_in_use(text, uuid) to tl_app;
  `.execute(db);
}
