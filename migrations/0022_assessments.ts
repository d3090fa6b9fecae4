import { sql, type Kysely } from 'kysely';

/**
 * Tier 3 assessments (issue 13 §1): strengths first, then needs, then the Care Act eligibility
 * answers and the determination the rule gives (stored with its reasons, so the page shows what was
 * decided then, even if the rule's wording changes later). An override needs a reason, who and when
 * (CHECK). `request_id` names the assessment request it answers; its foreign key to
 * assessment_request (migration 0021, built alongside) is added once both have landed.
 * `cld_event_id` is the CLD Assessment event written on completion, in the same transaction.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table assessment (
      id uuid primary key default gen_random_uuid(),
      org_id uuid not null references organisation(id),
      person_id uuid not null references person(id),
      request_id uuid,
      kind text not null check (kind in ('adult', 'carer')),
      status text not null default 'in_progress' check (status in ('in_progress', 'completed')),
      method text not null check (method in ('supported_self_assessment', 'face_to_face', 'phone', 'video')),
      started_on date not null,
      completed_on date,
      can_do text not null default '',
      matters text not null default '',
      network_does text not null default '',
      needs text not null default '',
      own_words text not null default '',
      answers jsonb,
      determination jsonb,
      eligible boolean,
      override_eligible boolean,
      override_reason text,
      override_by uuid,
      override_at timestamptz,
      cld_event_id uuid,
      created_at timestamptz not null default now(),
      created_by uuid,
      updated_at timestamptz not null default now(),
      updated_by uuid,
      version integer not null default 1,
      constraint assessment_completed check ((status = 'completed') = (completed_on is not null)),
      constraint assessment_completed_after_start check (completed_on is null or completed_on >= started_on),
      constraint assessment_override_reasoned check (
        (override_eligible is null and override_reason is null and override_by is null and override_at is null)
        or (override_eligible is not null and length(btrim(override_reason)) > 0 and override_at is not null)
      )
    );
    create index assessment_person on assessment (person_id, started_on desc);

    create table assessment_participant (
      id uuid primary key default gen_random_uuid(),
      org_id uuid not null references organisation(id),
      assessment_id uuid not null references assessment(id),
      role text not null,
      name text not null,
      organisation text not null default '',
      contribution text not null,
      created_at timestamptz not null default now(),
      created_by uuid
    );
    create index assessment_participant_assessment on assessment_participant (assessment_id, created_at);
  `.execute(db);
  for (const table of ['assessment', 'assessment_participant']) {
    await sql`alter table ${sql.table(table)} enable row level security`.execute(db);
    await sql`create policy org_isolation on ${sql.table(table)} using (org_id = nullif(current_setting('app.org_id', true), '')::uuid) with check (org_id = nullif(current_setting('app.org_id', true), '')::uuid)`.execute(
      db,
    );
  }
  await sql`grant select, insert, update on assessment to tl_app`.execute(db);
  // Who took part is history: added, never changed.
  await sql`grant select, insert on assessment_participant to tl_app`.execute(db);
}
