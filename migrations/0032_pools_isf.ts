import { sql, type Kysely } from 'kysely';

/**
 * Pools and individual service funds (issue 14 §4, scenarios S9 and S3).
 *
 * A pool is a group account that members pay part of their budget into (a 'pool' ledger account).
 * Exactly three named signatories hold it; an expense is paid from it only when two distinct
 * signatories, neither of them the one who asked for it, have approved. What the database enforces:
 * - a pool commits with exactly three signatories (deferred constraint trigger), and signatories,
 *   members, contributions, shares and approvals are insert-only for the application role;
 * - a signatory approves an expense at most once (unique (expense, signatory)), so approving twice
 *   counts once however many requests race; the approving signatory must be of the expense's own pool
 *   (composite foreign keys), and cannot be the signatory who asked for it (trigger);
 * - the expense's payment is one journal with an idempotency key, `pool-expense:<id>`, so it is
 *   posted once even if two transactions both see the second approval.
 *
 * An ISF is a budget part with route 'isf' lodged with a provider's directory service; what the
 * provider delivered is recorded here, each delivery with the journal that spent it.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table budget_pool (
      id uuid primary key default gen_random_uuid(),
      org_id uuid not null references organisation(id),
      name text not null check (length(name) between 1 and 200),
      purpose text not null check (length(purpose) between 1 and 2000),
      account_id uuid not null unique,
      created_at timestamptz not null default now(),
      created_by uuid,
      unique (id, org_id),
      foreign key (account_id, org_id) references budget_account (id, org_id)
    );
    alter table budget_part add constraint budget_part_pool foreign key (pool_id) references budget_pool (id);

    create table budget_pool_signatory (
      id uuid primary key default gen_random_uuid(),
      org_id uuid not null references organisation(id),
      pool_id uuid not null,
      position smallint not null check (position between 1 and 3),
      name text not null check (length(name) between 1 and 200),
      -- When the signatory is also one of the members (optional).
      person_id uuid references person(id),
      created_at timestamptz not null default now(),
      unique (pool_id, position),
      unique (id, pool_id),
      foreign key (pool_id, org_id) references budget_pool (id, org_id)
    );

    create function budget_pool_has_three_signatories() returns trigger language plpgsql security definer
      set search_path = public as $$
    declare
      pool uuid;
      signatories integer;
    begin
      if tg_table_name = 'budget_pool' then pool := new.id; else pool := new.pool_id; end if;
      select count(*) into signatories from budget_pool_signatory where pool_id = pool;
      if signatories <> 3 then
        raise exception 'pool % has % signatories: a pool has exactly three named signatories', pool, signatories
          using errcode = 'check_violation';
      end if;
      return null;
    end $$;
    revoke execute on function budget_pool_has_three_signatories() from public;
    create constraint trigger budget_pool_signatories after insert on budget_pool
      deferrable initially deferred for each row execute function budget_pool_has_three_signatories();

    create table budget_pool_member (
      id uuid primary key default gen_random_uuid(),
      org_id uuid not null references organisation(id),
      pool_id uuid not null,
      person_id uuid not null references person(id),
      part_id uuid not null unique references budget_part(id),
      joined_on date not null,
      created_at timestamptz not null default now(),
      created_by uuid,
      unique (pool_id, person_id),
      unique (id, pool_id),
      foreign key (pool_id, org_id) references budget_pool (id, org_id)
    );

    create table budget_pool_contribution (
      id uuid primary key default gen_random_uuid(),
      org_id uuid not null references organisation(id),
      pool_id uuid not null,
      member_id uuid not null,
      amount_pence bigint not null check (amount_pence > 0),
      contributed_on date not null,
      journal_id uuid not null unique,
      created_at timestamptz not null default now(),
      created_by uuid,
      foreign key (member_id, pool_id) references budget_pool_member (id, pool_id),
      foreign key (journal_id, org_id) references budget_journal (id, org_id)
    );
    create index budget_pool_contribution_pool on budget_pool_contribution (pool_id, member_id);

    create table budget_pool_expense (
      id uuid primary key default gen_random_uuid(),
      org_id uuid not null references organisation(id),
      pool_id uuid not null,
      amount_pence bigint not null check (amount_pence > 0),
      description text not null check (length(description) between 1 and 500),
      spent_on date not null,
      requested_by_name text not null check (length(requested_by_name) between 1 and 200),
      -- Set when a signatory asked for it: that signatory may not approve it.
      requested_by_signatory_id uuid,
      paid_journal_id uuid unique,
      paid_on date,
      created_at timestamptz not null default now(),
      created_by uuid,
      unique (id, pool_id),
      foreign key (pool_id, org_id) references budget_pool (id, org_id),
      foreign key (requested_by_signatory_id, pool_id) references budget_pool_signatory (id, pool_id),
      foreign key (paid_journal_id, org_id) references budget_journal (id, org_id),
      check ((paid_journal_id is null) = (paid_on is null))
    );
    create index budget_pool_expense_pool on budget_pool_expense (pool_id, spent_on);

    -- Each member's share of an expense they took part in; the shares sum to the expense (the service splits exactly).
    create table budget_pool_expense_share (
      org_id uuid not null references organisation(id),
      pool_id uuid not null,
      expense_id uuid not null,
      member_id uuid not null,
      share_pence bigint not null check (share_pence >= 0),
      primary key (expense_id, member_id),
      foreign key (expense_id, pool_id) references budget_pool_expense (id, pool_id),
      foreign key (member_id, pool_id) references budget_pool_member (id, pool_id)
    );
    create index budget_pool_expense_share_member on budget_pool_expense_share (member_id);

    create table budget_pool_approval (
      id uuid primary key default gen_random_uuid(),
      org_id uuid not null references organisation(id),
      pool_id uuid not null,
      expense_id uuid not null,
      signatory_id uuid not null,
      approved_on date not null,
      -- Staff record an approval on the signatory's behalf (the signatory told them, or signed a form).
      recorded_by uuid,
      created_at timestamptz not null default now(),
      unique (expense_id, signatory_id),
      foreign key (expense_id, pool_id) references budget_pool_expense (id, pool_id),
      foreign key (signatory_id, pool_id) references budget_pool_signatory (id, pool_id)
    );

    create function budget_pool_approval_not_by_requester() returns trigger language plpgsql security definer
      set search_path = public as $$
    begin
      if exists (select 1 from budget_pool_expense e
                 where e.id = new.expense_id and e.requested_by_signatory_id = new.signatory_id) then
        raise exception 'the signatory who asked for an expense cannot approve it' using errcode = 'check_violation';
      end if;
      return new;
    end $$;
    revoke execute on function budget_pool_approval_not_by_requester() from public;
    create trigger budget_pool_approval_requester before insert on budget_pool_approval
      for each row execute function budget_pool_approval_not_by_requester();

    create table budget_isf_delivery (
      id uuid primary key default gen_random_uuid(),
      org_id uuid not null references organisation(id),
      part_id uuid not null references budget_part(id),
      delivered_on date not null,
      what text not null check (length(what) between 1 and 500),
      hours numeric(6, 2) check (hours > 0),
      cost_pence bigint not null check (cost_pence > 0),
      journal_id uuid not null unique,
      created_at timestamptz not null default now(),
      created_by uuid,
      foreign key (journal_id, org_id) references budget_journal (id, org_id)
    );
    create index budget_isf_delivery_part on budget_isf_delivery (part_id, delivered_on);
  `.execute(db);

  const tables = [
    'budget_pool',
    'budget_pool_signatory',
    'budget_pool_member',
    'budget_pool_contribution',
    'budget_pool_expense',
    'budget_pool_expense_share',
    'budget_pool_approval',
    'budget_isf_delivery',
  ];
  for (const table of tables) {
    await sql`alter table ${sql.table(table)} enable row level security`.execute(db);
    await sql`create policy org_isolation on ${sql.table(table)} using (org_id = nullif(current_setting('app.org_id', true), '')::uuid) with check (org_id = nullif(current_setting('app.org_id', true), '')::uuid)`.execute(
      db,
    );
  }
  // History is kept: only an expense's payment is ever filled in afterwards.
  await sql`
    grant select, insert on budget_pool, budget_pool_signatory, budget_pool_member, budget_pool_contribution,
      budget_pool_expense, budget_pool_expense_share, budget_pool_approval, budget_isf_delivery to tl_app;
    grant update (paid_journal_id, paid_on) on budget_pool_expense to tl_app;
    -- A pool's name and purpose may be put right; the grant also lets a payment lock the pool's row.
    grant update (name, purpose) on budget_pool to tl_app;
  `.execute(db);
}
