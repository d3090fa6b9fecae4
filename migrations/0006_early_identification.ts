import { sql, type Kysely } from 'kysely';

/**
 * Early identification: the "at risk if anything changes" register, the triggers agreed with the
 * person, partner events (admission, discharge, fall, carer breakdown) and the alerts they raise.
 *
 * A referral or partner event naming an NHS number nobody in the council has is kept with
 * person_id null ("held for matching") and never dropped. The same external id from one
 * organisation is recorded once: the unique indexes make that hold even for concurrent posts.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table register_entry (
      id uuid primary key default gen_random_uuid(),
      org_id uuid not null references organisation(id),
      person_id uuid references person(id),
      held_nhs_number text,
      external_id text,
      source text not null check (source in ('staff', 'api')),
      patch_id uuid references team(id),
      referrer_kind text not null,
      referrer_name text,
      referrer_organisation text,
      reason text not null,
      risk_factors text[] not null default '{}',
      risk_notes text,
      consent text not null check (consent in ('given', 'not_given', 'lacks_capacity')),
      consent_not_given_reason text,
      best_interests_decision text,
      consent_recorded_by text not null,
      consent_recorded_on date not null,
      review_date date not null,
      status text not null check (status in ('held', 'active', 'closed')),
      closed_reason text,
      closed_at timestamptz,
      closed_by uuid,
      created_at timestamptz not null default now(),
      created_by uuid,
      updated_at timestamptz not null default now(),
      updated_by uuid,
      version integer not null default 1,
      check ((person_id is null) = (status = 'held')),
      check (status <> 'closed' or closed_reason is not null)
    );
    create index register_entry_person on register_entry (person_id);
    create index register_entry_patch on register_entry (org_id, status, patch_id, review_date);
    create unique index register_entry_external on register_entry (org_id, external_id) where external_id is not null;

    create table register_trigger (
      id uuid primary key default gen_random_uuid(),
      org_id uuid not null references organisation(id),
      entry_id uuid not null references register_entry(id),
      event_type text not null check (event_type in ('admission', 'discharge', 'fall', 'carer_breakdown')),
      description text not null,
      related_person_id uuid references person(id),
      position integer not null
    );
    create index register_trigger_entry on register_trigger (entry_id, position);
    create index register_trigger_related on register_trigger (related_person_id, event_type);

    create table partner_event (
      id uuid primary key default gen_random_uuid(),
      org_id uuid not null references organisation(id),
      external_id text not null,
      event_type text not null check (event_type in ('admission', 'discharge', 'fall', 'carer_breakdown')),
      nhs_number text not null,
      occurred_at timestamptz not null,
      source_organisation text not null,
      details text,
      person_id uuid references person(id),
      received_from uuid,
      received_at timestamptz not null default now(),
      matched_by uuid,
      matched_at timestamptz
    );
    create unique index partner_event_external on partner_event (org_id, external_id);
    create index partner_event_person on partner_event (person_id);
    create index partner_event_held on partner_event (org_id, received_at) where person_id is null;

    create table register_alert (
      id uuid primary key default gen_random_uuid(),
      org_id uuid not null references organisation(id),
      entry_id uuid not null references register_entry(id),
      person_id uuid not null references person(id),
      partner_event_id uuid not null references partner_event(id),
      trigger_id uuid references register_trigger(id),
      patch_id uuid references team(id),
      status text not null default 'open' check (status in ('open', 'acknowledged')),
      acknowledged_by uuid,
      acknowledged_at timestamptz,
      acknowledged_note text,
      created_at timestamptz not null default now(),
      unique (entry_id, partner_event_id)
    );
    create index register_alert_open on register_alert (org_id, status, patch_id, created_at);
    create index register_alert_person on register_alert (person_id, created_at);
  `.execute(db);

  for (const table of ['register_entry', 'register_trigger', 'partner_event', 'register_alert']) {
    await sql`alter table ${sql.table(table)} enable row level security`.execute(db);
    await sql`create policy org_isolation on ${sql.table(table)} using (org_id = nullif(current_setting('app.org_id', true), '')::uuid) with check (org_id = nullif(current_setting('app.org_id', true), '')::uuid)`.execute(
      db,
    );
    await sql`grant select, insert, update on ${sql.table(table)} to tl_app`.execute(db);
  }
  // Editing an entry replaces its list of triggers.
  await sql`grant delete on register_trigger to tl_app`.execute(db);
}
