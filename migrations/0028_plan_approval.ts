import { sql, type Kysely } from 'kysely';

/**
 * Issue 13 §3 and §1: approving a support plan, and an assessment started from its request.
 *
 * support_plan_approval is the history of approvals: who approved which version of the plan, in what
 * role, at what weekly cost against which agreed budget, and — above every delegated limit — the panel
 * that decided (when it sat, who sat, what it decided). A row is written once and never changed; the
 * plan is approved while its status is 'approved', and any later change returns it to draft (the row
 * stays as the record of what was approved then). The CHECK holds the panel's fields all or none.
 *
 * assessment.request_id (0022 left it without a key until requests landed) now references the
 * request it answers; existing nulls stay. A request is answered by at most one assessment.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table support_plan_approval (
      id uuid primary key default gen_random_uuid(),
      org_id uuid not null references organisation(id),
      plan_id uuid not null references support_plan(id),
      person_id uuid not null references person(id),
      version integer not null check (version > 0),
      weekly_cost_pence bigint not null check (weekly_cost_pence >= 0),
      agreed_budget_weekly_pence bigint not null check (agreed_budget_weekly_pence >= 0),
      approved_on date not null,
      approved_by uuid,
      approved_by_role text not null,
      panel_decided_on date,
      panel_members text,
      panel_decision text,
      created_at timestamptz not null default now(),
      constraint support_plan_approval_panel check (
        (panel_decided_on is null and panel_members is null and panel_decision is null)
        or (panel_decided_on is not null and length(btrim(panel_members)) > 0 and length(btrim(panel_decision)) > 0)
      ),
      constraint support_plan_approval_within_budget check (weekly_cost_pence <= agreed_budget_weekly_pence)
    );
    create index support_plan_approval_plan on support_plan_approval (plan_id, version desc, created_at desc);
    create index support_plan_approval_person on support_plan_approval (person_id);

    alter table assessment add constraint assessment_request_fk
      foreign key (request_id) references assessment_request(id);
    create unique index assessment_one_per_request on assessment (request_id) where request_id is not null;
  `.execute(db);

  await sql`alter table support_plan_approval enable row level security`.execute(db);
  await sql`create policy org_isolation on support_plan_approval using (org_id = nullif(current_setting('app.org_id', true), '')::uuid) with check (org_id = nullif(current_setting('app.org_id', true), '')::uuid)`.execute(
    db,
  );
  // An approval is history: added, never changed.
  await sql`grant select, insert on support_plan_approval to tl_app`.execute(db);
}
