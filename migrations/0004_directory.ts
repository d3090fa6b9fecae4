import { sql, type Kysely } from 'kysely';

/**
 * The community directory, stored in the Open Referral UK 3.0 (HSDS 3.0) shape: one table per HSDS
 * entity, `directory_` + the HSDS table name, with the official field names, so the ORUK API and
 * the ORUK imports map column for column. Every id is a uuid. Fields ORUK 3.0 dropped but HSDS 3.0
 * keeps (contact email, phones, language name/code) are stored too and published as HSDS extras.
 *
 * Our own curation fields carry a `tl_` prefix so nobody mistakes them for HSDS fields: the
 * owner, the "last checked" date, withdrawal (nothing is deleted, only withdrawn) and the filters
 * residents asked for that HSDS has no field for (accepts direct payments, free or low cost).
 *
 * Also here: the postcode table (public reference data, not owned by an organisation) and the
 * "stories" shown beside services.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table directory_taxonomy (
      id uuid primary key default gen_random_uuid(),
      org_id uuid not null references organisation(id),
      name text not null,
      description text not null,
      uri text,
      version text,
      created_at timestamptz not null default now()
    );

    create table directory_taxonomy_term (
      id uuid primary key default gen_random_uuid(),
      org_id uuid not null references organisation(id),
      taxonomy_id uuid references directory_taxonomy(id),
      parent_id uuid references directory_taxonomy_term(id),
      code text,
      name text not null,
      description text not null,
      taxonomy text,
      term_uri text,
      term text,
      tl_local boolean not null default false,
      created_at timestamptz not null default now(),
      unique (org_id, taxonomy_id, code)
    );
    create index directory_taxonomy_term_parent on directory_taxonomy_term (parent_id);

    create table directory_organization (
      id uuid primary key default gen_random_uuid(),
      org_id uuid not null references organisation(id),
      name text not null,
      description text not null,
      email text,
      website text,
      logo text,
      uri text,
      parent_organization_id uuid references directory_organization(id),
      tl_partner_org_id uuid references organisation(id),
      last_modified timestamptz not null default now(),
      version integer not null default 1
    );

    create table directory_organization_identifier (
      id uuid primary key default gen_random_uuid(),
      org_id uuid not null references organisation(id),
      organization_id uuid not null references directory_organization(id),
      identifier_scheme text,
      identifier_type text not null,
      identifier text not null
    );

    create table directory_service (
      id uuid primary key default gen_random_uuid(),
      org_id uuid not null references organisation(id),
      organization_id uuid not null references directory_organization(id),
      name text not null,
      alternate_name text,
      description text,
      url text,
      email text,
      status text not null default 'active' check (status in ('active', 'inactive', 'defunct', 'temporarily closed')),
      fees text,
      fees_description text,
      accreditations text,
      eligibility_description text,
      minimum_age numeric,
      maximum_age numeric,
      assured_date date,
      assurer_email text,
      alert text,
      application_process text,
      last_modified timestamptz not null default now(),
      tl_owner_user_id uuid references staff_user(id),
      tl_owner_name text,
      tl_last_checked date,
      tl_withdrawn_at timestamptz,
      tl_withdrawn_by uuid,
      tl_withdrawn_reason text,
      tl_accepts_direct_payments boolean not null default false,
      tl_free_or_low_cost boolean not null default false,
      tl_source text,
      tl_source_id text,
      search_vector tsvector generated always as (
        setweight(to_tsvector('english', name), 'A') ||
        setweight(to_tsvector('english', coalesce(alternate_name, '') || ' ' || coalesce(description, '')), 'B') ||
        setweight(to_tsvector('english', coalesce(eligibility_description, '') || ' ' || coalesce(fees, '')), 'C')
      ) stored,
      created_at timestamptz not null default now(),
      created_by uuid,
      version integer not null default 1
    );
    create index directory_service_org on directory_service (org_id, status);
    create index directory_service_search on directory_service using gin (search_vector);
    create index directory_service_last_checked on directory_service (org_id, tl_last_checked);
    create index directory_service_modified on directory_service (org_id, last_modified);
    create unique index directory_service_source on directory_service (org_id, tl_source, tl_source_id) where tl_source_id is not null;

    create table directory_location (
      id uuid primary key default gen_random_uuid(),
      org_id uuid not null references organisation(id),
      location_type text not null default 'physical' check (location_type in ('physical', 'postal', 'virtual')),
      name text,
      alternate_name text,
      description text,
      transportation text,
      latitude double precision,
      longitude double precision,
      external_identifier text,
      external_identifier_type text,
      last_modified timestamptz not null default now()
    );
    create index directory_location_geo on directory_location (latitude, longitude);

    create table directory_address (
      id uuid primary key default gen_random_uuid(),
      org_id uuid not null references organisation(id),
      location_id uuid not null references directory_location(id),
      attention text,
      address_1 text not null,
      address_2 text,
      city text not null,
      region text,
      state_province text not null,
      postal_code text not null,
      country text not null default 'GB',
      address_type text not null default 'physical' check (address_type in ('physical', 'postal', 'virtual'))
    );
    create index directory_address_location on directory_address (location_id);

    create table directory_accessibility (
      id uuid primary key default gen_random_uuid(),
      org_id uuid not null references organisation(id),
      location_id uuid not null references directory_location(id),
      description text,
      details text,
      url text
    );
    create index directory_accessibility_location on directory_accessibility (location_id);

    create table directory_service_at_location (
      id uuid primary key default gen_random_uuid(),
      org_id uuid not null references organisation(id),
      service_id uuid not null references directory_service(id),
      location_id uuid not null references directory_location(id),
      description text,
      last_modified timestamptz not null default now(),
      unique (service_id, location_id)
    );
    create index directory_sal_location on directory_service_at_location (location_id);

    create table directory_schedule (
      id uuid primary key default gen_random_uuid(),
      org_id uuid not null references organisation(id),
      service_id uuid references directory_service(id),
      service_at_location_id uuid references directory_service_at_location(id),
      valid_from date,
      valid_to date,
      dtstart date,
      freq text check (freq in ('WEEKLY', 'MONTHLY')),
      interval integer,
      byday text,
      bymonthday text,
      description text,
      opens_at time,
      closes_at time,
      schedule_link text,
      attending_type text,
      notes text
    );
    create index directory_schedule_service on directory_schedule (service_id);

    create table directory_contact (
      id uuid primary key default gen_random_uuid(),
      org_id uuid not null references organisation(id),
      service_id uuid references directory_service(id),
      organization_id uuid references directory_organization(id),
      name text,
      title text,
      department text,
      email text
    );
    create index directory_contact_service on directory_contact (service_id);

    create table directory_phone (
      id uuid primary key default gen_random_uuid(),
      org_id uuid not null references organisation(id),
      service_id uuid references directory_service(id),
      contact_id uuid references directory_contact(id),
      location_id uuid references directory_location(id),
      number text not null,
      extension text,
      type text,
      description text
    );
    create index directory_phone_service on directory_phone (service_id);
    create index directory_phone_contact on directory_phone (contact_id);

    create table directory_cost_option (
      id uuid primary key default gen_random_uuid(),
      org_id uuid not null references organisation(id),
      service_id uuid not null references directory_service(id),
      valid_from date,
      valid_to date,
      option text,
      currency text default 'GBP',
      amount_pence integer check (amount_pence is null or amount_pence >= 0),
      amount_description text
    );
    create index directory_cost_option_service on directory_cost_option (service_id);

    create table directory_funding (
      id uuid primary key default gen_random_uuid(),
      org_id uuid not null references organisation(id),
      service_id uuid not null references directory_service(id),
      source text
    );
    create index directory_funding_service on directory_funding (service_id);

    create table directory_language (
      id uuid primary key default gen_random_uuid(),
      org_id uuid not null references organisation(id),
      service_id uuid references directory_service(id),
      location_id uuid references directory_location(id),
      phone_id uuid references directory_phone(id),
      name text not null,
      code text,
      note text
    );
    create index directory_language_service on directory_language (service_id);

    create table directory_service_area (
      id uuid primary key default gen_random_uuid(),
      org_id uuid not null references organisation(id),
      service_id uuid not null references directory_service(id),
      name text,
      description text,
      extent text,
      extent_type text,
      uri text
    );
    create index directory_service_area_service on directory_service_area (service_id);

    -- HSDS links taxonomy terms to any record through attribute (link_type names the table).
    create table directory_attribute (
      id uuid primary key default gen_random_uuid(),
      org_id uuid not null references organisation(id),
      link_id uuid not null,
      link_type text not null,
      link_entity text not null,
      taxonomy_term_id uuid not null references directory_taxonomy_term(id),
      value text,
      label text,
      unique (link_id, taxonomy_term_id)
    );
    create index directory_attribute_term on directory_attribute (taxonomy_term_id, link_entity);

    -- Short anonymised accounts of how people used support ("images of possibility").
    create table directory_story (
      id uuid primary key default gen_random_uuid(),
      org_id uuid not null references organisation(id),
      slug text not null,
      title text not null,
      summary text not null,
      body text not null,
      tags text[] not null default '{}',
      taxonomy_term_ids uuid[] not null default '{}',
      published boolean not null default true,
      created_at timestamptz not null default now(),
      unique (org_id, slug)
    );

    -- Postcode centroids (ONS Postcode Directory shape, reduced to what search needs).
    create table postcode (
      postcode_key text primary key,
      postcode text not null,
      latitude double precision not null,
      longitude double precision not null,
      local_authority text,
      terminated boolean not null default false
    );
  `.execute(db);

  const orgTables = [
    'directory_taxonomy',
    'directory_taxonomy_term',
    'directory_organization',
    'directory_organization_identifier',
    'directory_service',
    'directory_location',
    'directory_address',
    'directory_accessibility',
    'directory_service_at_location',
    'directory_schedule',
    'directory_contact',
    'directory_phone',
    'directory_cost_option',
    'directory_funding',
    'directory_language',
    'directory_service_area',
    'directory_attribute',
    'directory_story',
  ];
  for (const table of orgTables) {
    await sql`alter table ${sql.table(table)} enable row level security`.execute(db);
    await sql`create policy org_isolation on ${sql.table(table)} using (org_id = nullif(current_setting('app.org_id', true), '')::uuid) with check (org_id = nullif(current_setting('app.org_id', true), '')::uuid)`.execute(
      db,
    );
    // Withdrawn, never deleted: the application role gets no DELETE on services. Links (attributes,
    // schedules, phones…) are replaced as a whole when an entry is edited, so those may be deleted.
    await sql`grant select, insert, update on ${sql.table(table)} to tl_app`.execute(db);
  }
  for (const table of [
    'directory_attribute',
    'directory_schedule',
    'directory_contact',
    'directory_phone',
    'directory_cost_option',
    'directory_funding',
    'directory_language',
    'directory_service_area',
    'directory_accessibility',
    'directory_address',
    'directory_service_at_location',
    'directory_organization_identifier',
  ]) {
    await sql`grant delete on ${sql.table(table)} to tl_app`.execute(db);
  }
  await sql`grant select on postcode to tl_app`.execute(db);
}
