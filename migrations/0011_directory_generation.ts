import { sql, type Kysely } from 'kysely';

/**
 * A generation number per organisation that moves whenever anything the public directory shows
 * changes (any directory table, stories, postcode centroids), in the same transaction as the change.
 *
 * The public search pages and the open ORUK API keep their answers in memory keyed by this number
 * (src/modules/directory/public-cache.ts): a request reads one row, and serves the kept answer only
 * if the number is unchanged, so an answer is never older than the data, whoever wrote it — the
 * curation pages, an import, another process, or SQL by hand. Statement-level triggers keep bulk
 * loads (the seed, a 10,000-service import) cheap: one update per statement, not per row.
 */
const DIRECTORY_TABLES = [
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
  'postcode',
];

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table directory_generation (
      org_id uuid primary key references organisation(id),
      generation bigint not null default 1,
      changed_at timestamptz not null default now()
    );

    -- Runs as the owner: the application role may not write the table itself. A write inside an
    -- organisation's transaction moves that organisation's number; a write without one (the seed,
    -- a postcode import, by hand) moves every organisation's.
    create function directory_touch() returns trigger
    language plpgsql security definer set search_path = public as $$
    declare
      org uuid := nullif(current_setting('app.org_id', true), '')::uuid;
    begin
      if org is not null then
        insert into directory_generation as g (org_id) values (org)
          on conflict (org_id) do update set generation = g.generation + 1, changed_at = now();
      else
        insert into directory_generation as g (org_id) select id from organisation
          on conflict (org_id) do update set generation = g.generation + 1, changed_at = now();
      end if;
      return null;
    end $$;
    revoke execute on function directory_touch() from public;
  `.execute(db);
  for (const table of DIRECTORY_TABLES) {
    await sql`create trigger directory_touch after insert or update or delete or truncate on ${sql.table(table)}
      for each statement execute function directory_touch()`.execute(db);
  }
  await sql`grant select on directory_generation to tl_app`.execute(db);
}
