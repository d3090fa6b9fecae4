import { sql, type Kysely } from 'kysely';

/**
 * Mental capacity (Mental Capacity Act 2005 ss.2–4), decision by decision, and the legal powers others
 * hold for a person: lasting and enduring powers of attorney, and Court of Protection deputyships.
 *
 * Each record is written once and never changed (a later assessment of the same decision is a new
 * row), except that a power can be ended with a date. The check on capacity_assessment repeats the
 * service's rule in the database, so no path can store a result that does not follow from the answers:
 * a person lacks capacity for a decision only if there is an impairment of, or disturbance in the
 * functioning of, the mind or brain AND they cannot do at least one of the four things in s.3(1).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table capacity_assessment (
      id uuid primary key default gen_random_uuid(),
      org_id uuid not null references organisation(id),
      person_id uuid not null references person(id),
      decision text not null,
      decision_category text not null check (decision_category in
        ('direct_payment_consent', 'care_and_support', 'accommodation', 'medical_treatment', 'finances', 'other')),
      impairment boolean not null,
      impairment_detail text,
      can_understand boolean not null,
      can_retain boolean not null,
      can_use_or_weigh boolean not null,
      can_communicate boolean not null,
      practicable_steps text not null,
      result text not null check (result in ('has_capacity', 'lacks_capacity')),
      reasons text not null,
      assessor_name text not null,
      assessor_role text not null,
      assessed_on date not null,
      created_at timestamptz not null default now(),
      created_by uuid,
      constraint capacity_result_follows_answers check (
        (result = 'lacks_capacity') =
          (impairment and not (can_understand and can_retain and can_use_or_weigh and can_communicate))
      )
    );
    create index capacity_assessment_person on capacity_assessment (person_id, decision_category, assessed_on desc);

    create table best_interests_decision (
      id uuid primary key default gen_random_uuid(),
      org_id uuid not null references organisation(id),
      person_id uuid not null references person(id),
      capacity_assessment_id uuid not null references capacity_assessment(id),
      consulted jsonb not null,
      wishes_and_feelings text not null,
      beliefs_and_values text,
      decision_made text not null,
      reasons text not null,
      decided_by text not null,
      decided_on date not null,
      created_at timestamptz not null default now(),
      created_by uuid
    );
    create index best_interests_assessment on best_interests_decision (capacity_assessment_id, decided_on desc);
    create index best_interests_person on best_interests_decision (person_id);

    create table legal_power (
      id uuid primary key default gen_random_uuid(),
      org_id uuid not null references organisation(id),
      person_id uuid not null references person(id),
      kind text not null check (kind in ('lpa', 'epa', 'deputyship')),
      scope text not null check (scope in ('property_and_financial', 'health_and_welfare')),
      holders text not null,
      reference text not null,
      registered_on date not null,
      ended_on date,
      ended_reason text,
      created_at timestamptz not null default now(),
      created_by uuid,
      ended_by uuid,
      -- An enduring power of attorney (before October 2007) covered property and affairs only.
      constraint legal_power_epa_scope check (kind <> 'epa' or scope = 'property_and_financial'),
      constraint legal_power_end check (ended_on is null or (ended_on >= registered_on and ended_reason is not null))
    );
    create index legal_power_person on legal_power (person_id, registered_on desc);
  `.execute(db);

  for (const table of ['capacity_assessment', 'best_interests_decision', 'legal_power']) {
    await sql`alter table ${sql.table(table)} enable row level security`.execute(db);
    await sql`create policy org_isolation on ${sql.table(table)} using (org_id = nullif(current_setting('app.org_id', true), '')::uuid) with check (org_id = nullif(current_setting('app.org_id', true), '')::uuid)`.execute(
      db,
    );
  }
  // Assessments and best-interests decisions are history: added, never changed. A power is only ended.
  await sql`grant select, insert on capacity_assessment, best_interests_decision to tl_app`.execute(db);
  await sql`grant select, insert, update on legal_power to tl_app`.execute(db);
}
