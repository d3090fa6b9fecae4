import { sql, type Kysely } from 'kysely';

/**
 * The person record, their network and communication needs, restricted-record access and the
 * CLD-aligned event store that every later capability writes into.
 *
 * Every table carries org_id and has a row-level-security policy keyed on `app.org_id`, which the
 * application sets for each transaction (see platform/db/scope.ts).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  // Double Metaphone finds a family name by its sound when it is misspelt ("Jnoes" → Jones).
  await sql`create extension if not exists fuzzystrmatch`.execute(db);
  await sql`create sequence person_reference_seq start 100001`.execute(db);
  await sql`grant usage on sequence person_reference_seq to tl_app`.execute(db);
  await sql`
    create table person (
      id uuid primary key default gen_random_uuid(),
      org_id uuid not null references organisation(id),
      council_person_id text not null,
      nhs_number text,
      given_name text not null,
      family_name text not null,
      preferred_name text,
      date_of_birth date not null,
      date_of_death date,
      gender text,
      ethnicity text,
      accommodation_status text,
      employment_status text,
      primary_support_reason text,
      client_type text,
      address_line1 text,
      address_line2 text,
      town text,
      postcode text,
      first_language text,
      interpreter_needed boolean not null default false,
      patch_id uuid references team(id),
      restricted boolean not null default false,
      postcode_key text generated always as (replace(upper(postcode), ' ', '')) stored,
      search_name text generated always as (lower(given_name || ' ' || coalesce(preferred_name || ' ', '') || family_name)) stored,
      created_at timestamptz not null default now(),
      created_by uuid,
      updated_at timestamptz not null default now(),
      updated_by uuid,
      version integer not null default 1,
      unique (org_id, council_person_id),
      check (date_of_death is null or date_of_death >= date_of_birth)
    );
    create unique index person_nhs_number on person (org_id, nhs_number) where nhs_number is not null;
    create index person_search_name on person using gin (search_name gin_trgm_ops);
    create index person_family_name on person (org_id, lower(family_name) text_pattern_ops);
    create index person_given_name on person (org_id, lower(given_name) text_pattern_ops);
    create index person_family_sound on person (org_id, dmetaphone(family_name));
    create index person_dob on person (org_id, date_of_birth);
    create index person_postcode on person (org_id, postcode_key);

    create table communication_entry (
      id uuid primary key default gen_random_uuid(),
      org_id uuid not null references organisation(id),
      person_id uuid not null references person(id),
      at_this_time text not null,
      person_does text not null,
      we_think_it_means text not null,
      we_should text not null,
      created_at timestamptz not null default now(),
      created_by uuid
    );
    create index communication_entry_person on communication_entry (person_id);

    create table relationship (
      id uuid primary key default gen_random_uuid(),
      org_id uuid not null references organisation(id),
      person_id uuid not null references person(id),
      related_person_id uuid references person(id),
      contact_name text,
      contact_phone text,
      contact_email text,
      relationship_type text not null,
      other_provides_care boolean not null default false,
      other_receives_care boolean not null default false,
      carer_label text not null default 'not_asked' check (carer_label in ('accepted', 'declined', 'not_asked')),
      in_circle_of_support boolean not null default false,
      is_key_contact boolean not null default false,
      notes text,
      ended_on date,
      created_at timestamptz not null default now(),
      created_by uuid,
      version integer not null default 1,
      check ((related_person_id is null) <> (contact_name is null)),
      check (related_person_id is null or related_person_id <> person_id)
    );
    create index relationship_person on relationship (person_id);
    create index relationship_related on relationship (related_person_id);

    create table restricted_access (
      org_id uuid not null references organisation(id),
      person_id uuid not null references person(id),
      user_id uuid not null references staff_user(id),
      granted_by uuid,
      granted_at timestamptz not null default now(),
      primary key (person_id, user_id)
    );

    create table break_glass (
      id uuid primary key default gen_random_uuid(),
      org_id uuid not null references organisation(id),
      person_id uuid not null references person(id),
      user_id uuid not null references staff_user(id),
      reason text not null,
      started_at timestamptz not null default now(),
      expires_at timestamptz not null,
      reviewed_at timestamptz,
      reviewed_by uuid
    );
    create index break_glass_active on break_glass (person_id, user_id, expires_at);

    create table person_event (
      id uuid primary key default gen_random_uuid(),
      org_id uuid not null references organisation(id),
      person_id uuid not null references person(id),
      event_type text not null,
      start_date date not null,
      end_date date,
      event_outcome text,
      route_of_access text,
      assessment_type text,
      eligible_needs_identified text,
      method_of_assessment text,
      service_type text,
      service_component text,
      delivery_mechanism text,
      review_reason text,
      review_outcomes_achieved text,
      method_of_review text,
      unit_cost_pence bigint,
      cost_frequency text,
      summary text,
      source_module text not null default 'people',
      source_id uuid,
      created_at timestamptz not null default now(),
      created_by uuid,
      version integer not null default 1,
      check (end_date is null or end_date >= start_date)
    );
    create index person_event_timeline on person_event (person_id, start_date desc, created_at desc);
    create index person_event_reporting on person_event (org_id, event_type, start_date);
  `.execute(db);

  for (const table of [
    'person',
    'communication_entry',
    'relationship',
    'restricted_access',
    'break_glass',
    'person_event',
  ]) {
    await sql`alter table ${sql.table(table)} enable row level security`.execute(db);
    await sql`create policy org_isolation on ${sql.table(table)} using (org_id = nullif(current_setting('app.org_id', true), '')::uuid) with check (org_id = nullif(current_setting('app.org_id', true), '')::uuid)`.execute(
      db,
    );
    await sql`grant select, insert, update on ${sql.table(table)} to tl_app`.execute(db);
  }
  await sql`grant delete on restricted_access to tl_app`.execute(db);

  // Name search candidates. Under row-level security PostgreSQL may not use the trigram index for
  // `<%` (the operator is not leakproof), so a search scanned every person. This function runs as
  // the owner, so it can use the indexes, and applies the same organisation rule as the policy:
  // it only ever returns ids from the organisation set for the transaction.
  // Most searches are spelt right, so an exact family name (and the start of a first name, when
  // one is given) is tried first on a btree index; only when that finds nobody does the fuzzy
  // search run: trigram word similarity, or the family name's sound (Double Metaphone).
  await sql`
    create function person_name_candidates(q text, last_word text) returns setof uuid
    language plpgsql stable security definer set search_path = public as $$
    declare
      org uuid := nullif(current_setting('app.org_id', true), '')::uuid;
      first_word text := case when position(' ' in q) > 0 then split_part(q, ' ', 1) end;
      escaped text := replace(replace(replace(last_word, '\\', '\\\\'), '%', '\\%'), '_', '\\_');
    begin
      return query
        select p.id from person p
        where p.org_id = org and lower(p.family_name) = last_word
          and (first_word is null or p.search_name like replace(replace(replace(first_word, '\\', '\\\\'), '%', '\\%'), '_', '\\_') || '%')
        limit 5000;
      if found then return; end if;
      -- One word: the start of a family or first name ("Marg", "Smit").
      if first_word is null then
        return query
          select p.id from person p
          where p.org_id = org and (lower(p.family_name) like escaped || '%' or lower(p.given_name) like escaped || '%')
          limit 5000;
        if found then return; end if;
      end if;
      return query
        select p.id from person p
        where p.org_id = org and (q <% p.search_name or dmetaphone(p.family_name) = dmetaphone(last_word))
        limit 5000;
    end $$;
    revoke execute on function person_name_candidates(text, text) from public;
    grant execute on function person_name_candidates(text, text) to tl_app;
  `.execute(db);
}
