import { sql, type Kysely } from 'kysely';

/**
 * Monitoring how a budget part is spent (issue 14 §4: S5, S7, S8), kept light: for most people a
 * statement is all that is asked.
 *
 * - budget_statement_import: one imported card or bank statement, with its report (rows accepted and
 *   refused, and why). A file that cannot be read is refused whole, so no import row is half-written.
 * - budget_transaction: one statement line. `row_hash` (part + date + amount + description +
 *   reference) is unique, so a line imported twice is refused as a duplicate. Spending and refunds
 *   are journals on the ledger (`journal_id`). Only its category (against the plan) may change.
 * - budget_monitoring_case: something to talk to the person about — a surplus, or an unusual pattern —
 *   flagged, then a conversation held, then agreed: recover an amount (a 'recover' journal) or keep it.
 *   At most one open case per part, reason and transaction.
 * - budget_saved_hours: an append-only ledger of hours saved up (+) and used (−), in hundredths of an
 *   hour; the balance is the sum.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table budget_statement_import (
      id uuid primary key default gen_random_uuid(),
      org_id uuid not null references organisation(id),
      part_id uuid not null references budget_part(id),
      source text not null check (source in ('card', 'bank')),
      rows_accepted integer not null check (rows_accepted >= 0),
      rows_refused integer not null check (rows_refused >= 0),
      -- The refused rows and why: [{ line, reason }].
      refused jsonb not null default '[]',
      created_at timestamptz not null default now(),
      created_by uuid
    );
    create index budget_statement_import_part on budget_statement_import (part_id, created_at);

    create table budget_transaction (
      id uuid primary key default gen_random_uuid(),
      org_id uuid not null references organisation(id),
      part_id uuid not null references budget_part(id),
      import_id uuid not null references budget_statement_import(id),
      occurred_on date not null,
      description text not null check (length(description) between 1 and 300),
      -- Money out negative, money in positive.
      amount_pence bigint not null check (amount_pence <> 0),
      balance_pence bigint,
      reference text check (length(reference) <= 100),
      row_hash text not null check (length(row_hash) = 64),
      journal_id uuid not null references budget_journal(id),
      category text check (length(category) between 1 and 200),
      categorised_at timestamptz,
      categorised_by uuid,
      version integer not null default 1,
      created_at timestamptz not null default now(),
      unique (org_id, row_hash)
    );
    create index budget_transaction_part on budget_transaction (part_id, occurred_on);

    create table budget_monitoring_case (
      id uuid primary key default gen_random_uuid(),
      org_id uuid not null references organisation(id),
      part_id uuid not null references budget_part(id),
      person_id uuid not null references person(id),
      reason text not null check (reason in ('surplus', 'large_transaction', 'cash_withdrawal', 'no_statement')),
      transaction_id uuid references budget_transaction(id),
      -- What was seen, in words, and the amount (the surplus, or the transaction).
      detail text not null check (length(detail) between 1 and 500),
      amount_pence bigint,
      flagged_on date not null,
      status text not null default 'flagged' check (status in ('flagged', 'conversation_held', 'recovered', 'kept')),
      conversation_notes text check (length(conversation_notes) <= 5000),
      conversation_on date,
      recovered_pence bigint check (recovered_pence > 0),
      recovery_journal_id uuid references budget_journal(id),
      keep_reason text check (length(keep_reason) <= 2000),
      created_at timestamptz not null default now(),
      created_by uuid,
      updated_at timestamptz not null default now(),
      updated_by uuid,
      version integer not null default 1,
      check ((status = 'recovered') = (recovery_journal_id is not null)),
      check (status <> 'kept' or keep_reason is not null),
      check (status = 'flagged' or conversation_notes is not null)
    );
    create unique index budget_monitoring_case_open on budget_monitoring_case
      (part_id, reason, coalesce(transaction_id, '00000000-0000-0000-0000-000000000000'::uuid))
      where status in ('flagged', 'conversation_held');
    create index budget_monitoring_case_status on budget_monitoring_case (org_id, status, flagged_on);

    create table budget_saved_hours (
      id uuid primary key default gen_random_uuid(),
      org_id uuid not null references organisation(id),
      part_id uuid not null references budget_part(id),
      -- Hundredths of an hour: + saved, − used.
      hundredths integer not null check (hundredths <> 0),
      week_of date not null,
      note text not null check (length(note) between 1 and 500),
      created_at timestamptz not null default now(),
      created_by uuid
    );
    create index budget_saved_hours_part on budget_saved_hours (part_id, week_of);
  `.execute(db);

  for (const table of [
    'budget_statement_import',
    'budget_transaction',
    'budget_monitoring_case',
    'budget_saved_hours',
  ]) {
    await sql`alter table ${sql.table(table)} enable row level security`.execute(db);
    await sql`create policy org_isolation on ${sql.table(table)} using (org_id = nullif(current_setting('app.org_id', true), '')::uuid) with check (org_id = nullif(current_setting('app.org_id', true), '')::uuid)`.execute(
      db,
    );
  }
  // Statements and saved hours are history: insert and read only. A transaction's category may change, nothing else.
  await sql`
    grant select, insert on budget_statement_import, budget_saved_hours to tl_app;
    grant select, insert on budget_transaction to tl_app;
    grant update (category, categorised_at, categorised_by, version) on budget_transaction to tl_app;
    grant select, insert, update on budget_monitoring_case to tl_app;
  `.execute(db);
}
