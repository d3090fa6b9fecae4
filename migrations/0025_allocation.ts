import { sql, type Kysely } from 'kysely';

/**
 * A fair indicative budget (issue 13 §2).
 *
 * - ras_version: the council's resource allocation systems. A draft can be changed; publishing fixes it
 *   for ever (a trigger refuses any change to a published definition), so every budget worked out under
 *   it can be worked out again. `definition` is the RasVersion value without its id (allocation/ras-types.ts).
 * - budget_allocation: one per completed assessment that is costed. It keeps the answers, the version,
 *   the points and the indicative budget line by line exactly as worked out then; the agreed budget
 *   beside it, with the reason when it differs, and who approved it within which delegated limit, or
 *   the panel that decided above the top limit.
 * - budget_approval_limit: the delegated limits, per role: the most weekly budget that role may approve.
 *   Above every role's limit a panel decides.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table ras_version (
      id uuid primary key default gen_random_uuid(),
      org_id uuid not null references organisation(id),
      label text not null check (length(label) between 1 and 200),
      effective_from date,
      status text not null default 'draft' check (status in ('draft', 'published')),
      definition jsonb not null,
      based_on uuid references ras_version(id),
      published_at timestamptz,
      published_by uuid,
      created_at timestamptz not null default now(),
      created_by uuid,
      updated_at timestamptz not null default now(),
      updated_by uuid,
      version integer not null default 1,
      check (status = 'draft' or (effective_from is not null and published_at is not null))
    );
    create index ras_version_org_status on ras_version (org_id, status, effective_from);

    create function ras_version_published_is_fixed() returns trigger language plpgsql as $$
    begin
      if old.status = 'published' then
        raise exception 'A published resource allocation version cannot be changed (%): make a new version', old.id
          using errcode = 'check_violation';
      end if;
      return new;
    end $$;
    create trigger ras_version_published_is_fixed before update on ras_version
      for each row execute function ras_version_published_is_fixed();

    create table budget_allocation (
      id uuid primary key default gen_random_uuid(),
      org_id uuid not null references organisation(id),
      person_id uuid not null references person(id),
      assessment_id uuid not null references assessment(id),
      ras_version_id uuid not null references ras_version(id),
      answers jsonb not null,
      points integer not null check (points >= 0),
      indicative_weekly_pence bigint not null check (indicative_weekly_pence >= 0),
      lines jsonb not null,
      calculated_on date not null,
      status text not null default 'indicative'
        check (status in ('indicative', 'awaiting_approval', 'awaiting_panel', 'agreed')),
      agreed_weekly_pence bigint check (agreed_weekly_pence >= 0),
      difference_reason text,
      decided_by uuid,
      decided_role text,
      decided_at timestamptz,
      panel_date date,
      panel_members text,
      panel_decision text,
      created_at timestamptz not null default now(),
      created_by uuid,
      updated_at timestamptz not null default now(),
      updated_by uuid,
      version integer not null default 1,
      unique (org_id, assessment_id),
      -- An agreed budget that is not the indicative one says why.
      check (agreed_weekly_pence is null or agreed_weekly_pence = indicative_weekly_pence
             or length(coalesce(difference_reason, '')) > 0),
      check (status <> 'agreed' or (agreed_weekly_pence is not null and decided_at is not null)),
      check (panel_members is null or length(panel_members) > 0)
    );
    create index budget_allocation_person on budget_allocation (org_id, person_id, created_at);
    create index budget_allocation_version on budget_allocation (org_id, ras_version_id, status);

    create table budget_approval_limit (
      org_id uuid not null references organisation(id),
      role text not null,
      max_weekly_pence bigint not null check (max_weekly_pence >= 0),
      updated_at timestamptz not null default now(),
      updated_by uuid,
      primary key (org_id, role)
    );
  `.execute(db);

  for (const table of ['ras_version', 'budget_allocation', 'budget_approval_limit']) {
    await sql`alter table ${sql.table(table)} enable row level security`.execute(db);
    await sql`create policy org_isolation on ${sql.table(table)} using (org_id = nullif(current_setting('app.org_id', true), '')::uuid) with check (org_id = nullif(current_setting('app.org_id', true), '')::uuid)`.execute(
      db,
    );
  }
  await sql`grant select, insert, update on ras_version, budget_allocation, budget_approval_limit to tl_app`.execute(
    db,
  );
  await sql`grant delete on budget_approval_limit to tl_app`.execute(db);
}
