import { sql, type Kysely } from 'kysely';

/**
 * The support plan the person leads (issue 13 §3). A person has at most one plan; the plan row holds
 * its status, the agreed weekly budget and which version is current. Every change — one section, one
 * support item, one risk — writes a new, never-updated row in support_plan_version with the whole plan
 * as it then stood and the part that changed, so any two versions can be compared and each change
 * names who made it.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table support_plan (
      id uuid primary key default gen_random_uuid(),
      org_id uuid not null references organisation(id),
      person_id uuid not null references person(id),
      status text not null default 'draft' check (status in ('draft', 'agreed', 'approved')),
      agreed_weekly_budget_pence bigint check (agreed_weekly_budget_pence >= 0),
      current_version integer not null default 0 check (current_version >= 0),
      created_at timestamptz not null default now(),
      created_by uuid,
      updated_at timestamptz not null default now(),
      updated_by uuid,
      unique (org_id, person_id)
    );

    create table support_plan_version (
      id uuid primary key default gen_random_uuid(),
      org_id uuid not null references organisation(id),
      plan_id uuid not null references support_plan(id),
      person_id uuid not null references person(id),
      version integer not null check (version >= 1),
      content jsonb not null,
      changed_part text not null,
      created_at timestamptz not null default now(),
      created_by uuid,
      unique (plan_id, version)
    );
  `.execute(db);

  for (const table of ['support_plan', 'support_plan_version']) {
    await sql`alter table ${sql.table(table)} enable row level security`.execute(db);
    await sql`create policy org_isolation on ${sql.table(table)} using (org_id = nullif(current_setting('app.org_id', true), '')::uuid) with check (org_id = nullif(current_setting('app.org_id', true), '')::uuid)`.execute(
      db,
    );
  }
  // Versions are history: the application may add them but never change one.
  await sql`grant select, insert, update on support_plan to tl_app`.execute(db);
  await sql`grant select, insert on support_plan_version to tl_app`.execute(db);
}
