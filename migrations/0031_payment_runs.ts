import { sql, type Kysely } from 'kysely';

/**
 * Payment runs (issue 14 §3): who is paid into which bank account, and runs that pay each part of a
 * budget at most once per period however often they are interrupted and resumed.
 *
 * - payee_bank_account: the account a budget part is paid into, or (for council-managed parts and
 *   ISFs) the provider's account, keyed by its directory service. Finance officers only.
 * - payment_run: one per period (periods never overlap, so nothing is paid twice across runs);
 *   status preparing → prepared → released → completed. Release is by a second person.
 * - payment: one per part per run, keyed `${runId}:${partId}:${periodStart}` (unique), written in
 *   the same transaction as its journal (posted with the same key) and its outbox row. A part that
 *   must not be paid (a suitable person without an appointment, no bank details) is a payment row
 *   'held_back' with the reason, no journal and no outbox row; one whose pro rata share of the
 *   period rounds to 0p is 'nothing_due' (so a resumed run moves past it).
 * - payment_outbox: what the payment files are made from, a snapshot of the payee at preparation,
 *   so the files are byte for byte the same whenever they are made.
 * - payment_settings: the council's own (originating) bank account and Bacs service user number.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table payee_bank_account (
      id uuid primary key default gen_random_uuid(),
      org_id uuid not null references organisation(id),
      part_id uuid references budget_part(id),
      service_id uuid references directory_service(id),
      account_name text not null check (length(account_name) between 1 and 100),
      sort_code text not null check (sort_code ~ '^[0-9]{6}$'),
      account_number text not null check (account_number ~ '^[0-9]{8}$'),
      created_at timestamptz not null default now(),
      created_by uuid,
      updated_at timestamptz not null default now(),
      updated_by uuid,
      version integer not null default 1,
      check ((part_id is null) <> (service_id is null)),
      unique (org_id, part_id),
      unique (org_id, service_id)
    );

    create table payment_settings (
      org_id uuid primary key references organisation(id),
      originator_name text not null default 'COUNCIL ASC' check (length(originator_name) between 1 and 18),
      originator_sort_code text not null default '200000' check (originator_sort_code ~ '^[0-9]{6}$'),
      originator_account_number text not null default '55779911' check (originator_account_number ~ '^[0-9]{8}$'),
      service_user_number text not null default '123456' check (service_user_number ~ '^[0-9]{6}$'),
      updated_at timestamptz not null default now()
    );

    create table payment_run (
      id uuid primary key default gen_random_uuid(),
      org_id uuid not null references organisation(id),
      period_start date not null,
      period_end date not null,
      status text not null default 'preparing' check (status in ('preparing', 'prepared', 'released', 'completed')),
      -- Null when prepared by the command line (then any finance officer may release it).
      prepared_by uuid,
      prepared_at timestamptz,
      released_by uuid,
      released_at timestamptz,
      completed_at timestamptz,
      payment_count integer not null default 0,
      held_back_count integer not null default 0,
      total_pence bigint not null default 0,
      -- How far preparing has got: parts are paid in id order, a batch at a time, and this moves in
      -- the batch's transaction, so the parts after it are exactly the ones not yet looked at.
      last_part_id uuid,
      created_at timestamptz not null default now(),
      unique (id, org_id),
      unique (org_id, period_start),
      check (period_end >= period_start),
      check (released_by is null or released_by <> prepared_by),
      check ((status in ('released', 'completed')) = (released_by is not null))
    );

    -- The council comes with the run (composite key), and the person with the part: no foreign keys
    -- of their own, as each costs a check per row on a 10,000-payment run.
    create table payment (
      id uuid primary key default gen_random_uuid(),
      org_id uuid not null,
      run_id uuid not null,
      part_id uuid not null references budget_part(id),
      person_id uuid not null,
      period_start date not null,
      route text not null,
      gross_pence bigint not null check (gross_pence >= 0),
      contribution_pence bigint not null default 0 check (contribution_pence >= 0),
      amount_pence bigint not null check (amount_pence >= 0),
      state text not null check (state in ('posted', 'held_back', 'nothing_due')),
      held_back_reason text,
      journal_id uuid,
      idempotency_key text not null,
      created_at timestamptz not null default now(),
      foreign key (run_id, org_id) references payment_run (id, org_id),
      foreign key (journal_id, org_id) references budget_journal (id, org_id),
      unique (idempotency_key),
      unique (run_id, part_id),
      check ((state = 'posted') = (journal_id is not null)),
      check ((state = 'held_back') = (held_back_reason is not null)),
      check (amount_pence = gross_pence - contribution_pence)
    );

    create table payment_outbox (
      id bigserial primary key,
      org_id uuid not null,
      run_id uuid not null,
      payment_id uuid not null unique references payment(id),
      idempotency_key text not null unique,
      payee_name text not null,
      sort_code text not null check (sort_code ~ '^[0-9]{6}$'),
      account_number text not null check (account_number ~ '^[0-9]{8}$'),
      amount_pence bigint not null check (amount_pence > 0),
      reference text not null check (length(reference) between 1 and 18),
      payment_date date not null,
      created_at timestamptz not null default now(),
      foreign key (run_id, org_id) references payment_run (id, org_id)
    );
    create index payment_outbox_run on payment_outbox (run_id, idempotency_key);
  `.execute(db);

  for (const table of ['payee_bank_account', 'payment_settings', 'payment_run', 'payment', 'payment_outbox']) {
    await sql`alter table ${sql.table(table)} enable row level security`.execute(db);
    await sql`create policy org_isolation on ${sql.table(table)} using (org_id = nullif(current_setting('app.org_id', true), '')::uuid) with check (org_id = nullif(current_setting('app.org_id', true), '')::uuid)`.execute(
      db,
    );
  }
  // Payments and the outbox are history: inserted and read, never changed. A run's status moves on.
  await sql`
    grant select, insert, update on payee_bank_account, payment_run, payment_settings to tl_app;
    grant select, insert on payment, payment_outbox to tl_app;
    grant usage on sequence payment_outbox_id_seq to tl_app;
  `.execute(db);
}
