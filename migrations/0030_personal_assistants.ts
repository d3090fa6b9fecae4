import { sql, type Kysely } from 'kysely';

/**
 * People who employ personal assistants with a direct payment (issue 14 §5, scenarios S5 and S6).
 *
 * - personal_assistant: each PA a person employs, directly or through an agency, with the checks
 *   done, the employer's liability insurance and when it renews, payroll and the direct payment
 *   support service. Never deleted: ending the employment sets an end date. Edits are guarded by a
 *   version column, and every saved state is kept in personal_assistant_history (insert only).
 * - dp_support_matrix: the council's table from the person's capacity to manage a direct payment ×
 *   the support already in place to the level of support the support service should give. A cell
 *   with no row takes the demo default (in the code), so a council starts with a working table.
 * - dp_support_decision: what was decided for a person, with what the table recommended and, when
 *   the level decided is different, why. Insert only: the history is the rows.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table personal_assistant (
      id uuid primary key default gen_random_uuid(),
      org_id uuid not null references organisation(id),
      person_id uuid not null references person(id),
      name text not null check (length(name) between 1 and 200),
      employed_through text not null check (employed_through in ('direct', 'agency')),
      agency_name text check (length(agency_name) between 1 and 200),
      starts_on date not null,
      ends_on date,
      ended_reason text check (length(ended_reason) between 1 and 1000),
      dbs_level text not null check (dbs_level in ('none', 'basic', 'standard', 'enhanced', 'enhanced_barred')),
      dbs_certificate text check (length(dbs_certificate) between 1 and 50),
      dbs_checked_on date,
      right_to_work_checked boolean not null,
      references_checked boolean not null,
      insurer text check (length(insurer) between 1 and 200),
      insurance_policy_number text check (length(insurance_policy_number) between 1 and 100),
      insurance_renews_on date,
      payroll_service text check (length(payroll_service) between 1 and 200),
      support_service_id uuid references directory_service(id),
      support_service_name text check (length(support_service_name) between 1 and 200),
      form_helper text check (length(form_helper) between 1 and 200),
      created_at timestamptz not null default now(),
      created_by uuid,
      updated_at timestamptz not null default now(),
      updated_by uuid,
      version integer not null default 1,
      unique (id, org_id),
      check ((employed_through = 'agency') = (agency_name is not null)),
      check (ends_on is null or ends_on >= starts_on),
      check ((ends_on is null) = (ended_reason is null)),
      check ((dbs_level = 'none') = (dbs_checked_on is null)),
      -- Insurance is recorded whole or not at all.
      check ((insurer is null) = (insurance_policy_number is null) and (insurer is null) = (insurance_renews_on is null))
    );
    create index personal_assistant_person on personal_assistant (org_id, person_id, starts_on);
    create index personal_assistant_renewal on personal_assistant (org_id, insurance_renews_on)
      where insurance_renews_on is not null and ends_on is null;

    create table personal_assistant_history (
      id bigserial primary key,
      org_id uuid not null,
      assistant_id uuid not null,
      version integer not null,
      state jsonb not null,
      changed_at timestamptz not null default now(),
      changed_by uuid,
      unique (assistant_id, version),
      foreign key (assistant_id, org_id) references personal_assistant (id, org_id)
    );

    create table dp_support_matrix (
      org_id uuid not null references organisation(id),
      capacity text not null check (capacity in ('independent', 'some_help', 'considerable_help', 'cannot_manage')),
      support_in_place text not null check (support_in_place in ('none', 'family', 'organisation')),
      recommended_level text not null check (recommended_level in ('information', 'light', 'regular', 'managed')),
      updated_at timestamptz not null default now(),
      updated_by uuid,
      primary key (org_id, capacity, support_in_place)
    );

    create table dp_support_decision (
      id uuid primary key default gen_random_uuid(),
      org_id uuid not null references organisation(id),
      person_id uuid not null references person(id),
      capacity text not null check (capacity in ('independent', 'some_help', 'considerable_help', 'cannot_manage')),
      support_in_place text not null check (support_in_place in ('none', 'family', 'organisation')),
      recommended_level text not null check (recommended_level in ('information', 'light', 'regular', 'managed')),
      decided_level text not null check (decided_level in ('information', 'light', 'regular', 'managed')),
      reason text check (length(reason) between 1 and 2000),
      decided_on date not null,
      created_at timestamptz not null default now(),
      created_by uuid,
      -- A level other than the table's recommendation needs a reason.
      check (decided_level = recommended_level or reason is not null)
    );
    create index dp_support_decision_person on dp_support_decision (org_id, person_id, created_at);
  `.execute(db);

  for (const table of [
    'personal_assistant',
    'personal_assistant_history',
    'dp_support_matrix',
    'dp_support_decision',
  ]) {
    await sql`alter table ${sql.table(table)} enable row level security`.execute(db);
    await sql`create policy org_isolation on ${sql.table(table)} using (org_id = nullif(current_setting('app.org_id', true), '')::uuid) with check (org_id = nullif(current_setting('app.org_id', true), '')::uuid)`.execute(
      db,
    );
  }
  await sql`
    grant select, insert, update on personal_assistant, dp_support_matrix to tl_app;
    grant select, insert on personal_assistant_history, dp_support_decision to tl_app;
    grant usage on sequence personal_assistant_history_id_seq to tl_app;
  `.execute(db);
}
