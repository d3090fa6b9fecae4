import { sql, type Kysely } from 'kysely';

/**
 * Organisations, teams and patches, staff, sessions, partner API tokens and the audit log.
 * The application role `tl_app` is what every request runs as (SET LOCAL ROLE inside its
 * transaction): it may insert and read audit rows but never change or delete them.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    do $$ begin
      if not exists (select 1 from pg_roles where rolname = 'tl_app') then
        create role tl_app nologin;
      end if;
    exception when duplicate_object or unique_violation then null; -- another database in the cluster made it first
    end $$;
  `.execute(db);
  await sql`grant tl_app to current_user`.execute(db).catch(() => undefined);
  await sql`create extension if not exists pg_trgm`.execute(db);
  await sql`grant usage on schema public to tl_app`.execute(db);

  await sql`
    create table organisation (
      id uuid primary key default gen_random_uuid(),
      name text not null,
      kind text not null check (kind in ('council', 'nhs', 'provider', 'third_sector')),
      ods_code text,
      created_at timestamptz not null default now()
    );
    create table team (
      id uuid primary key default gen_random_uuid(),
      org_id uuid not null references organisation(id),
      name text not null,
      is_patch boolean not null default false,
      area_description text,
      created_at timestamptz not null default now(),
      unique (org_id, name)
    );
    create table patch_feature (
      org_id uuid not null references organisation(id),
      team_id uuid not null references team(id),
      feature text not null,
      enabled boolean not null,
      updated_at timestamptz not null default now(),
      updated_by uuid,
      primary key (team_id, feature)
    );
    create table staff_user (
      id uuid primary key default gen_random_uuid(),
      org_id uuid not null references organisation(id),
      username text not null unique,
      display_name text not null,
      email text,
      role text not null,
      team_id uuid references team(id),
      password_hash text,
      oidc_subject text unique,
      disabled_at timestamptz,
      created_at timestamptz not null default now(),
      version integer not null default 1
    );
    create table user_session (
      id_hash text primary key,
      user_id uuid references staff_user(id),
      csrf_token text not null,
      created_at timestamptz not null default now(),
      last_seen_at timestamptz not null default now(),
      expires_at timestamptz not null,
      ended_at timestamptz,
      flash jsonb,
      search_query text
    );
    create index user_session_user on user_session (user_id) where ended_at is null;
    create table sign_in_throttle (
      key text primary key,
      failures integer not null,
      window_started_at timestamptz not null,
      locked_until timestamptz
    );
    create table api_token (
      id uuid primary key default gen_random_uuid(),
      org_id uuid not null references organisation(id),
      name text not null,
      token_hash text not null unique,
      scopes text[] not null,
      created_by uuid references staff_user(id),
      created_at timestamptz not null default now(),
      revoked_at timestamptz,
      last_used_at timestamptz
    );
  `.execute(db);

  await sql`
    -- Each organisation's log is a few independent hash chains (see platform/audit/audit.ts): a
    -- writer locks one chain head, so concurrent requests rarely wait for each other.
    create table audit_chain (
      org_id uuid not null,
      chain smallint not null default 0,
      last_seq bigint not null default 0,
      last_hash bytea not null,
      primary key (org_id, chain)
    );
    create table audit_event (
      id bigserial primary key,
      org_id uuid not null,
      chain smallint not null default 0,
      seq bigint not null,
      at timestamptz not null,
      actor_kind text not null check (actor_kind in ('user', 'api_token', 'system')),
      actor_id uuid,
      action text not null,
      resource_type text not null,
      resource_id text,
      person_id uuid,
      reason text,
      request_id text,
      payload text not null,
      prev_hash bytea not null,
      hash bytea not null,
      unique (org_id, chain, seq)
    );
    create index audit_event_person on audit_event (person_id, at desc) where person_id is not null;
    create index audit_event_flags on audit_event (org_id, action, at desc);

    create function audit_is_append_only() returns trigger language plpgsql as $$
    begin
      raise exception 'the audit log is append-only';
    end $$;
    create trigger audit_event_no_change before update or delete on audit_event
      for each row execute function audit_is_append_only();
  `.execute(db);

  await sql`
    grant select, insert, update on organisation, team, patch_feature, staff_user, user_session, sign_in_throttle, api_token to tl_app;
    grant select, insert, update on audit_chain to tl_app;
    grant select, insert on audit_event to tl_app;
    grant usage on sequence audit_event_id_seq to tl_app;
  `.execute(db);
}
