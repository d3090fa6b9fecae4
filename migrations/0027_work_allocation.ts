import { sql, type Kysely } from 'kysely';

/**
 * Casework (issue 13 §4): who holds each open piece of work. A row in work_allocation says which
 * team's queue a piece of work is in and which worker, if any, holds it; work with no row waits in
 * its team's unallocated queue. The work itself stays in the module that owns it (a request, an
 * assessment, a plan); casework keeps only the allocation. Every allocate, transfer and return to
 * the queue adds a row to work_allocation_history, which is never changed.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table work_allocation (
      id uuid primary key default gen_random_uuid(),
      org_id uuid not null references organisation(id),
      kind text not null,
      work_id uuid not null,
      person_id uuid not null references person(id),
      team_id uuid references team(id),
      worker_id uuid references staff_user(id),
      allocated_at timestamptz not null default now(),
      allocated_by uuid,
      version integer not null default 1 check (version >= 1),
      unique (org_id, kind, work_id)
    );
    create index work_allocation_worker on work_allocation (org_id, worker_id) where worker_id is not null;
    create index work_allocation_person on work_allocation (person_id);

    create table work_allocation_history (
      id uuid primary key default gen_random_uuid(),
      org_id uuid not null references organisation(id),
      kind text not null,
      work_id uuid not null,
      person_id uuid not null references person(id),
      action text not null check (action in ('allocate', 'transfer', 'return')),
      from_worker_id uuid references staff_user(id),
      to_worker_id uuid references staff_user(id),
      note text,
      created_at timestamptz not null default now(),
      created_by uuid
    );
    create index work_allocation_history_work on work_allocation_history (org_id, kind, work_id, created_at);
  `.execute(db);

  for (const table of ['work_allocation', 'work_allocation_history']) {
    await sql`alter table ${sql.table(table)} enable row level security`.execute(db);
    await sql`create policy org_isolation on ${sql.table(table)} using (org_id = nullif(current_setting('app.org_id', true), '')::uuid) with check (org_id = nullif(current_setting('app.org_id', true), '')::uuid)`.execute(
      db,
    );
  }
  // History is history: the application may add to it but never change it.
  await sql`grant select, insert, update on work_allocation to tl_app`.execute(db);
  await sql`grant select, insert on work_allocation_history to tl_app`.execute(db);
}
