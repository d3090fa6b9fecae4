import { sql, type Kysely } from 'kysely';

/**
 * Tier-one strengths-based conversations: what matters to the person, their strengths and network,
 * the information and advice given (linked directory entries), connections made, and follow-ups
 * for a worker or patch ("call Mr Jones in two weeks"). Each conversation also writes a CLD
 * request event into person_event (source_module 'conversations', source_id = conversation id).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table conversation (
      id uuid primary key default gen_random_uuid(),
      org_id uuid not null references organisation(id),
      person_id uuid not null references person(id),
      patch_id uuid references team(id),
      held_on date not null,
      route_of_access text not null,
      others_present text,
      what_matters text not null,
      strengths text not null,
      network_notes text,
      worries text,
      advice_notes text,
      outcome text not null,
      outcome_notes text,
      created_at timestamptz not null default now(),
      created_by uuid,
      updated_at timestamptz not null default now(),
      updated_by uuid,
      version integer not null default 1
    );
    create index conversation_person on conversation (person_id, held_on desc);

    -- Links to the person's relationships: who was there, and who in their network was talked about.
    create table conversation_network (
      org_id uuid not null references organisation(id),
      conversation_id uuid not null references conversation(id),
      relationship_id uuid not null references relationship(id),
      role text not null check (role in ('present', 'network')),
      primary key (conversation_id, relationship_id, role)
    );

    create table conversation_advice (
      id uuid primary key default gen_random_uuid(),
      org_id uuid not null references organisation(id),
      conversation_id uuid not null references conversation(id),
      directory_service_id uuid not null references directory_service(id),
      unique (conversation_id, directory_service_id)
    );
    create index conversation_advice_conversation on conversation_advice (conversation_id);

    create table conversation_connection (
      id uuid primary key default gen_random_uuid(),
      org_id uuid not null references organisation(id),
      conversation_id uuid not null references conversation(id),
      directory_service_id uuid references directory_service(id),
      connected_to_name text,
      agreed_follow_up text,
      position integer not null,
      check ((directory_service_id is null) <> (connected_to_name is null))
    );
    create index conversation_connection_conversation on conversation_connection (conversation_id);

    create table follow_up (
      id uuid primary key default gen_random_uuid(),
      org_id uuid not null references organisation(id),
      person_id uuid not null references person(id),
      conversation_id uuid references conversation(id),
      what text not null,
      due_on date not null,
      assigned_to uuid references staff_user(id),
      patch_id uuid references team(id),
      done_at timestamptz,
      done_by uuid,
      created_at timestamptz not null default now(),
      created_by uuid,
      version integer not null default 1
    );
    create index follow_up_assigned on follow_up (org_id, assigned_to, due_on) where done_at is null;
    create index follow_up_patch on follow_up (org_id, patch_id, due_on) where done_at is null;
    create index follow_up_conversation on follow_up (conversation_id);
  `.execute(db);

  for (const table of [
    'conversation',
    'conversation_network',
    'conversation_advice',
    'conversation_connection',
    'follow_up',
  ]) {
    await sql`alter table ${sql.table(table)} enable row level security`.execute(db);
    await sql`create policy org_isolation on ${sql.table(table)} using (org_id = nullif(current_setting('app.org_id', true), '')::uuid) with check (org_id = nullif(current_setting('app.org_id', true), '')::uuid)`.execute(
      db,
    );
    await sql`grant select, insert, update on ${sql.table(table)} to tl_app`.execute(db);
  }
  // An edit replaces the conversation's links; the conversation itself is never deleted.
  for (const table of ['conversation_network', 'conversation_advice', 'conversation_connection']) {
    await sql`grant delete on ${sql.table(table)} to tl_app`.execute(db);
  }
}
