import { sql, type Kysely } from 'kysely';

/**
 * Contingency plans agreed with a person and their family before any crisis, and the record of a
 * plan being put into action.
 *
 * A person has at most one plan; the plan row only points at its current version. Every change
 * writes a new, never-updated row in contingency_plan_version, so each earlier version stays
 * readable exactly as it was agreed. An activation keeps a snapshot of what the plan said at that
 * moment: the crisis team (tier 2) starts from it without re-asking the family.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table contingency_plan (
      id uuid primary key default gen_random_uuid(),
      org_id uuid not null references organisation(id),
      person_id uuid not null references person(id),
      current_version integer not null default 1,
      created_at timestamptz not null default now(),
      created_by uuid,
      updated_at timestamptz not null default now(),
      updated_by uuid,
      unique (org_id, person_id)
    );

    create table contingency_plan_version (
      id uuid primary key default gen_random_uuid(),
      org_id uuid not null references organisation(id),
      plan_id uuid not null references contingency_plan(id),
      person_id uuid not null references person(id),
      version integer not null check (version >= 1),
      content jsonb not null,
      agreed_on date not null,
      review_date date not null,
      created_at timestamptz not null default now(),
      created_by uuid,
      unique (plan_id, version)
    );
    create index contingency_plan_version_review on contingency_plan_version (org_id, review_date);

    create table contingency_plan_activation (
      id uuid primary key default gen_random_uuid(),
      org_id uuid not null references organisation(id),
      plan_id uuid not null references contingency_plan(id),
      person_id uuid not null references person(id),
      plan_version integer not null,
      situation_key text not null,
      situation text not null,
      note text not null,
      status text not null default 'awaiting_crisis_episode' check (status in ('awaiting_crisis_episode', 'crisis_episode_opened')),
      snapshot jsonb not null,
      crisis_episode_id uuid,
      crisis_episode_href text,
      activated_at timestamptz not null default now(),
      activated_by uuid not null
    );
    create index contingency_plan_activation_person on contingency_plan_activation (person_id, activated_at desc);
    create index contingency_plan_activation_waiting on contingency_plan_activation (org_id, status, activated_at);
  `.execute(db);

  for (const table of ['contingency_plan', 'contingency_plan_version', 'contingency_plan_activation']) {
    await sql`alter table ${sql.table(table)} enable row level security`.execute(db);
    await sql`create policy org_isolation on ${sql.table(table)} using (org_id = nullif(current_setting('app.org_id', true), '')::uuid) with check (org_id = nullif(current_setting('app.org_id', true), '')::uuid)`.execute(
      db,
    );
  }
  // Versions are history: the application may add them but never change one.
  await sql`grant select, insert, update on contingency_plan to tl_app`.execute(db);
  await sql`grant select, insert on contingency_plan_version to tl_app`.execute(db);
  await sql`grant select, insert, update on contingency_plan_activation to tl_app`.execute(db);
}
