import { sql, type Kysely } from 'kysely';

/**
 * A change number per organisation and *area*, moved in the same transaction as any write to a
 * table the area's kept pages are built from. The crisis board (src/modules/crisis/board-cache.ts)
 * keeps each viewer's rendered board under its area's number and renders again as soon as the number
 * moves, so a kept board is never older than the data, whoever wrote it — a page, a partner's API
 * call, another process, SQL by hand.
 *
 * It generalises 0011's directory_generation (one table for any number of areas, the area named in
 * the trigger's argument); the directory keeps its own table, which already shipped.
 *
 * Statement-level triggers: a bulk load moves the number once per statement, not once per row. The
 * row lock the update takes is held until the writer commits, so writers of these tables in one
 * organisation commit one after another; they are people at keyboards and partner events, a few a
 * second at most, and each holds it for one short transaction.
 */
const AREAS: Record<string, string[]> = {
  // What the crisis board shows, and who may see whom on it (restricted records, break glass).
  'crisis-board': [
    'crisis_episode',
    'crisis_setting',
    'crisis_urgency_level',
    'person',
    'team',
    'staff_user',
    'restricted_access',
    'break_glass',
  ],
};

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table change_generation (
      org_id uuid not null references organisation(id),
      area text not null,
      generation bigint not null default 1,
      changed_at timestamptz not null default now(),
      primary key (org_id, area)
    );

    -- Runs as the owner: the application role may not write the table itself. A write inside an
    -- organisation's transaction moves that organisation's number; a write without one (the seed,
    -- by hand) moves every organisation's.
    create function change_generation_touch() returns trigger
    language plpgsql security definer set search_path = public as $$
    declare
      org uuid := nullif(current_setting('app.org_id', true), '')::uuid;
      changed text := tg_argv[0];
    begin
      if org is not null then
        insert into change_generation as g (org_id, area) values (org, changed)
          on conflict (org_id, area) do update set generation = g.generation + 1, changed_at = now();
      else
        insert into change_generation as g (org_id, area) select id, changed from organisation
          on conflict (org_id, area) do update set generation = g.generation + 1, changed_at = now();
      end if;
      return null;
    end $$;
    revoke execute on function change_generation_touch() from public;
    grant select on change_generation to tl_app;
  `.execute(db);
  for (const [area, tables] of Object.entries(AREAS)) {
    for (const table of tables) {
      await sql`create trigger ${sql.id(`${table}_touch_${area.replace(/-/g, '_')}`)} after insert or update or delete or truncate on ${sql.table(table)}
        for each statement execute function change_generation_touch(${sql.lit(area)})`.execute(db);
    }
  }
}
