import { sql, type Kysely } from 'kysely';

/**
 * Tier 2: crisis episodes — short, intensive, time-limited work that resolves a crisis and steps the
 * person back down, without making long-term arrangements in the middle of it.
 *
 * An episode opens from a staff referral, a partner event or an activated contingency plan; the
 * (source, source_id) pair is unique, so a repeated partner event or activation never opens a second
 * episode. The response clock runs from referred_at to first_contact_at against response_due_at. The
 * time limit is ends_on; moving it is only ever done through a crisis_extension row (a manager's
 * reasoned decision). A long-term service needs a manager override with a reason, kept on the row.
 * Check-ins and extensions are history: the application may add them but never change one.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table crisis_setting (
      org_id uuid primary key references organisation(id),
      time_limit_days integer not null default 42 check (time_limit_days between 1 and 365),
      warn_days integer not null default 7 check (warn_days between 0 and 60),
      updated_at timestamptz not null default now(),
      updated_by uuid
    );

    create table crisis_urgency_level (
      org_id uuid not null references organisation(id),
      key text not null check (key ~ '^[a-z0-9_]{1,40}$'),
      label text not null,
      response_minutes integer not null check (response_minutes between 1 and 20160),
      position integer not null default 0,
      primary key (org_id, key)
    );

    create table crisis_episode (
      id uuid primary key default gen_random_uuid(),
      org_id uuid not null references organisation(id),
      person_id uuid not null references person(id),
      patch_id uuid references team(id),
      lead_worker_id uuid references staff_user(id),
      source text not null check (source in ('referral', 'partner_event', 'plan_activation')),
      source_id uuid,
      referred_by text not null,
      referral_reason text not null,
      referred_at timestamptz not null,
      urgency_key text not null,
      urgency_label text not null,
      response_minutes integer not null check (response_minutes > 0),
      response_due_at timestamptz not null,
      first_contact_at timestamptz,
      first_contact_by uuid,
      first_contact_note text,
      wants text not null default '',
      goals jsonb not null default '[]',
      prefill jsonb,
      starts_on date not null,
      ends_on date not null,
      check_in_daily_days integer not null default 3 check (check_in_daily_days between 0 and 28),
      check_in_every_days integer not null default 7 check (check_in_every_days between 1 and 28),
      next_check_in_due date,
      status text not null default 'open' check (status in ('open', 'closed')),
      closed_at timestamptz,
      closed_on date,
      closed_by uuid,
      close_route text check (close_route in ('step_down', 'step_up', 'other')),
      what_followed text,
      event_outcome text,
      close_note text,
      step_up_reason text,
      plan_reviewed boolean,
      cld_request_event_id uuid,
      version integer not null default 1,
      created_at timestamptz not null default now(),
      created_by uuid,
      updated_at timestamptz not null default now(),
      updated_by uuid,
      check (ends_on >= starts_on),
      check (status = 'open' or (closed_on is not null and close_route is not null and what_followed is not null and event_outcome is not null))
    );
    create unique index crisis_episode_source on crisis_episode (org_id, source, source_id) where source_id is not null;
    create index crisis_episode_board on crisis_episode (org_id, status, patch_id, referred_at);
    create index crisis_episode_person on crisis_episode (person_id, referred_at desc);
    create index crisis_episode_month on crisis_episode (org_id, referred_at);

    create table crisis_action (
      id uuid primary key default gen_random_uuid(),
      org_id uuid not null references organisation(id),
      episode_id uuid not null references crisis_episode(id),
      description text not null,
      who text not null,
      due_on date,
      done_on date,
      created_at timestamptz not null default now(),
      created_by uuid
    );
    create index crisis_action_episode on crisis_action (episode_id, created_at);

    create table crisis_service (
      id uuid primary key default gen_random_uuid(),
      org_id uuid not null references organisation(id),
      episode_id uuid not null references crisis_episode(id),
      person_id uuid not null references person(id),
      kind text not null,
      description text not null default '',
      provider text not null,
      directory_service_id uuid,
      relationship_id uuid,
      starts_on date not null,
      ends_on date,
      service_type text not null,
      service_component text,
      long_term boolean not null default false,
      override_reason text,
      override_by uuid,
      override_at timestamptz,
      outcome text,
      cld_event_id uuid,
      created_at timestamptz not null default now(),
      created_by uuid,
      check (ends_on is null or ends_on >= starts_on),
      check (not long_term or (override_reason is not null and override_by is not null))
    );
    create index crisis_service_episode on crisis_service (episode_id, starts_on);

    create table crisis_check_in (
      id uuid primary key default gen_random_uuid(),
      org_id uuid not null references organisation(id),
      episode_id uuid not null references crisis_episode(id),
      held_on date not null,
      how text not null,
      is_working text not null,
      coping text not null,
      needs_to_change text not null default '',
      created_at timestamptz not null default now(),
      created_by uuid
    );
    create index crisis_check_in_episode on crisis_check_in (episode_id, held_on);

    create table crisis_extension (
      id uuid primary key default gen_random_uuid(),
      org_id uuid not null references organisation(id),
      episode_id uuid not null references crisis_episode(id),
      previous_ends_on date not null,
      new_ends_on date not null,
      reason text not null,
      decided_by uuid not null,
      decided_at timestamptz not null default now(),
      check (new_ends_on > previous_ends_on)
    );
    create index crisis_extension_episode on crisis_extension (episode_id, decided_at);

    create table crisis_connection (
      id uuid primary key default gen_random_uuid(),
      org_id uuid not null references organisation(id),
      episode_id uuid not null references crisis_episode(id),
      directory_service_id uuid,
      note text not null default '',
      created_at timestamptz not null default now(),
      created_by uuid
    );
    create index crisis_connection_episode on crisis_connection (episode_id);
  `.execute(db);

  const tables = [
    'crisis_setting',
    'crisis_urgency_level',
    'crisis_episode',
    'crisis_action',
    'crisis_service',
    'crisis_check_in',
    'crisis_extension',
    'crisis_connection',
  ];
  for (const table of tables) {
    await sql`alter table ${sql.table(table)} enable row level security`.execute(db);
    await sql`create policy org_isolation on ${sql.table(table)} using (org_id = nullif(current_setting('app.org_id', true), '')::uuid) with check (org_id = nullif(current_setting('app.org_id', true), '')::uuid)`.execute(
      db,
    );
  }
  await sql`grant select, insert, update on crisis_setting, crisis_episode, crisis_action, crisis_service to tl_app`.execute(
    db,
  );
  await sql`grant select, insert, update, delete on crisis_urgency_level to tl_app`.execute(db);
  // History: added, never changed.
  await sql`grant select, insert on crisis_check_in, crisis_extension, crisis_connection to tl_app`.execute(db);
}
