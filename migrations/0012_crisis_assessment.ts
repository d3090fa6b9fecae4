import { sql, type Kysely } from 'kysely';

/**
 * Short-term assessments inside a crisis episode: where one happens, CLD asks for an Assessment
 * event of type "Short term assessment" (no eligibility decision). The row keeps what the worker
 * found, in the strengths-based way, and points at the CLD event it wrote (set once, just after the
 * row is added, in the same transaction); nothing the worker recorded is edited later.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table crisis_assessment (
      id uuid primary key default gen_random_uuid(),
      org_id uuid not null references organisation(id),
      episode_id uuid not null references crisis_episode(id),
      person_id uuid not null references person(id),
      started_on date not null,
      completed_on date not null,
      method text not null,
      strengths text not null,
      needs text not null,
      outcome text not null,
      cld_event_id uuid,
      created_at timestamptz not null default now(),
      created_by uuid,
      check (completed_on >= started_on)
    );
    create index crisis_assessment_episode on crisis_assessment (episode_id, started_on);
    alter table crisis_assessment enable row level security;
    create policy org_isolation on crisis_assessment using (org_id = nullif(current_setting('app.org_id', true), '')::uuid) with check (org_id = nullif(current_setting('app.org_id', true), '')::uuid);
    grant select, insert, update on crisis_assessment to tl_app;
  `.execute(db);
}
