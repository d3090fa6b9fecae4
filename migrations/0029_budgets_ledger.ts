import { sql, type Kysely } from 'kysely';

/**
 * Personal budgets (issue 14 §1–2): the ledger, and how each part of a person's budget is held.
 *
 * The ledger is double entry in integer pence. A journal is one movement of money; its postings say
 * which accounts it moved between and sum to zero. Postings and journals are never changed or
 * deleted — a mistake is put right by a reversing journal — and balances are always summed from the
 * postings. What the database can enforce, it does:
 * - a journal whose postings do not sum to zero, or that has fewer than two, cannot commit (deferred
 *   constraint triggers, checked at commit, so the journal and its postings go in one transaction);
 * - the application role may only insert and read postings and journals, and a trigger refuses any
 *   update or delete to everyone, as for the audit log;
 * - a journal can be reversed at most once (unique reverses_id), and an idempotency key can be used
 *   once per council (unique), so a payment retried after a crash cannot be posted twice;
 * - postings name their journal's and account's council (composite foreign keys), so money cannot
 *   move between councils.
 *
 * A budget part is a share of a person's agreed weekly budget, held one way (a route) by someone (a
 * holder) from a date, with its own ledger account. Switching a part to another route ends it the
 * day before and starts a new part, so the history of routes is the parts themselves. Parts held
 * the same way by the same holder (what is left on a card after part of it switched) share an account.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table budget_account (
      id uuid primary key default gen_random_uuid(),
      org_id uuid not null references organisation(id),
      kind text not null check (kind in ('council_funding', 'spending', 'holding', 'contribution', 'pool')),
      person_id uuid references person(id),
      label text not null check (length(label) between 1 and 200),
      created_at timestamptz not null default now(),
      unique (id, org_id),
      check ((kind in ('holding', 'contribution')) = (person_id is not null))
    );
    -- One funding and one spending account per council.
    create unique index budget_account_council on budget_account (org_id, kind) where kind in ('council_funding', 'spending');
    create index budget_account_person on budget_account (org_id, person_id) where person_id is not null;

    create table budget_journal (
      id uuid primary key default gen_random_uuid(),
      org_id uuid not null references organisation(id),
      kind text not null check (kind in ('allocate', 'pay', 'spend', 'refund', 'recover', 'reverse', 'adjust',
                                         'switch', 'contribute', 'pool', 'carry_forward')),
      description text not null check (length(description) between 1 and 500),
      effective_on date not null,
      person_id uuid references person(id),
      reverses_id uuid unique,
      idempotency_key text check (length(idempotency_key) between 1 and 200),
      created_at timestamptz not null default now(),
      created_by uuid,
      unique (id, org_id),
      unique (org_id, idempotency_key),
      foreign key (reverses_id, org_id) references budget_journal (id, org_id),
      check ((kind = 'reverse') = (reverses_id is not null))
    );
    create index budget_journal_person on budget_journal (org_id, person_id, effective_on) where person_id is not null;

    create table budget_posting (
      id bigserial primary key,
      org_id uuid not null,
      journal_id uuid not null,
      account_id uuid not null,
      amount_pence bigint not null check (amount_pence <> 0),
      foreign key (journal_id, org_id) references budget_journal (id, org_id),
      foreign key (account_id, org_id) references budget_account (id, org_id)
    );
    create index budget_posting_account on budget_posting (account_id, journal_id) include (amount_pence);
    create index budget_posting_journal on budget_posting (journal_id);

    create function budget_ledger_is_append_only() returns trigger language plpgsql as $$
    begin
      raise exception 'the budget ledger is append-only: correct it with a reversing journal'
        using errcode = 'insufficient_privilege';
    end $$;
    create trigger budget_posting_no_change before update or delete on budget_posting
      for each row execute function budget_ledger_is_append_only();
    create trigger budget_journal_no_change before update or delete on budget_journal
      for each row execute function budget_ledger_is_append_only();

    -- Checked at commit, once all of a journal's postings are in. Security definer so that the
    -- check sees every posting of the journal whatever the caller's row-level security.
    create function budget_journal_balances() returns trigger language plpgsql security definer
      set search_path = public as $$
    declare
      journal uuid;
      total numeric;
      lines integer;
    begin
      if tg_table_name = 'budget_journal' then journal := new.id; else journal := new.journal_id; end if;
      select coalesce(sum(amount_pence), 0), count(*) into total, lines from budget_posting where journal_id = journal;
      if lines < 2 then
        raise exception 'journal % has % posting(s): a journal moves money between at least two accounts', journal, lines
          using errcode = 'check_violation';
      end if;
      if total <> 0 then
        raise exception 'journal % does not balance: its postings sum to % pence', journal, total
          using errcode = 'check_violation';
      end if;
      return null;
    end $$;
    revoke execute on function budget_journal_balances() from public;
    create constraint trigger budget_posting_balances after insert on budget_posting
      deferrable initially deferred for each row execute function budget_journal_balances();
    create constraint trigger budget_journal_has_postings after insert on budget_journal
      deferrable initially deferred for each row execute function budget_journal_balances();

    create table budget_settings (
      org_id uuid primary key references organisation(id),
      -- A small one-off payment without a separate bank account, up to this amount (e.g. £500).
      small_payment_limit_pence bigint not null default 50000 check (small_payment_limit_pence >= 0),
      -- Client contributions: taken off direct payments ('net') or invoiced ('invoice').
      contribution_collection text not null default 'net' check (contribution_collection in ('net', 'invoice')),
      -- A direct payment balance beyond this many weeks of the budget is a surplus to talk about.
      surplus_weeks integer not null default 8 check (surplus_weeks between 1 and 52),
      -- The council's current direct payment agreement terms.
      direct_payment_terms_version text not null default '2026-1',
      updated_at timestamptz not null default now(),
      updated_by uuid
    );

    create table budget_part (
      id uuid primary key default gen_random_uuid(),
      org_id uuid not null references organisation(id),
      person_id uuid not null references person(id),
      allocation_id uuid references budget_allocation(id),
      route text not null check (route in ('direct_payment', 'suitable_person', 'prepaid_card', 'managed_account',
                                           'trust', 'pool', 'one_off', 'council_managed', 'isf')),
      holder text not null check (length(holder) between 1 and 200),
      -- The organisation holding it, from the directory (managed account, ISF, council-managed provider).
      service_id uuid references directory_service(id),
      weekly_pence bigint check (weekly_pence > 0),
      one_off_pence bigint check (one_off_pence > 0),
      starts_on date not null,
      ends_on date,
      -- The weekly fee of a managed account, counted in the plan's costing.
      fee_weekly_pence bigint not null default 0 check (fee_weekly_pence >= 0),
      -- Restrictions on a prepaid card (e.g. no cash withdrawals), as agreed.
      card_restrictions text,
      -- The pool a 'pool' part pays into.
      pool_id uuid,
      cld_delivery_mechanism text not null check (cld_delivery_mechanism in
        ('Direct payment', 'CASSR managed personal budget', 'CASSR commissioned support')),
      account_id uuid not null,
      switched_from_id uuid references budget_part(id),
      created_at timestamptz not null default now(),
      created_by uuid,
      updated_at timestamptz not null default now(),
      updated_by uuid,
      version integer not null default 1,
      foreign key (account_id, org_id) references budget_account (id, org_id),
      check (ends_on is null or ends_on >= starts_on),
      check ((route = 'one_off') = (one_off_pence is not null and weekly_pence is null)),
      check (route = 'one_off' or weekly_pence is not null)
    );
    create index budget_part_person on budget_part (org_id, person_id, starts_on);
    create index budget_part_account on budget_part (account_id);

    create table budget_trustee (
      id uuid primary key default gen_random_uuid(),
      org_id uuid not null references organisation(id),
      part_id uuid not null references budget_part(id),
      name text not null check (length(name) between 1 and 200),
      relationship text check (length(relationship) <= 200),
      created_at timestamptz not null default now()
    );
    create index budget_trustee_part on budget_trustee (part_id);

    create table direct_payment_agreement (
      id uuid primary key default gen_random_uuid(),
      org_id uuid not null references organisation(id),
      part_id uuid not null references budget_part(id),
      signed_on date not null,
      terms_version text not null check (length(terms_version) between 1 and 50),
      signed_by text not null check (length(signed_by) between 1 and 200),
      created_at timestamptz not null default now(),
      created_by uuid
    );
    create index direct_payment_agreement_part on direct_payment_agreement (part_id);

    -- Who receives a direct payment for someone who lacks capacity to consent to one, and the council's checks.
    create table suitable_person_appointment (
      id uuid primary key default gen_random_uuid(),
      org_id uuid not null references organisation(id),
      part_id uuid not null unique references budget_part(id),
      name text not null check (length(name) between 1 and 200),
      relationship text not null check (length(relationship) between 1 and 200),
      dbs_checked_on date,
      references_checked boolean not null default false,
      agrees_to_act_in_best_interests boolean not null default false,
      appointed_on date not null,
      created_at timestamptz not null default now(),
      created_by uuid
    );

    create table client_contribution (
      id uuid primary key default gen_random_uuid(),
      org_id uuid not null references organisation(id),
      person_id uuid not null references person(id),
      weekly_pence bigint not null check (weekly_pence >= 0),
      starts_on date not null,
      ends_on date,
      financial_assessment_reference text check (length(financial_assessment_reference) <= 100),
      account_id uuid not null,
      created_at timestamptz not null default now(),
      created_by uuid,
      foreign key (account_id, org_id) references budget_account (id, org_id),
      check (ends_on is null or ends_on >= starts_on)
    );
    create index client_contribution_person on client_contribution (org_id, person_id, starts_on);
  `.execute(db);

  const tables = [
    'budget_account',
    'budget_journal',
    'budget_posting',
    'budget_settings',
    'budget_part',
    'budget_trustee',
    'direct_payment_agreement',
    'suitable_person_appointment',
    'client_contribution',
  ];
  for (const table of tables) {
    await sql`alter table ${sql.table(table)} enable row level security`.execute(db);
    await sql`create policy org_isolation on ${sql.table(table)} using (org_id = nullif(current_setting('app.org_id', true), '')::uuid) with check (org_id = nullif(current_setting('app.org_id', true), '')::uuid)`.execute(
      db,
    );
  }
  await sql`
    grant select, insert on budget_account, budget_journal, budget_posting to tl_app;
    grant usage on sequence budget_posting_id_seq to tl_app;
    grant select, insert, update on budget_settings, budget_part, client_contribution to tl_app;
    grant select, insert on budget_trustee, direct_payment_agreement, suitable_person_appointment to tl_app;
  `.execute(db);
}
