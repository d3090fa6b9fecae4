import { sql, type Kysely } from 'kysely';

/**
 * A pool's signatories change (someone steps down, a new member takes their place), and the record of
 * who approved what must survive it (S9). So a signatory is replaced, never renamed or deleted:
 *
 * - `replaced_on` on the signatory who stood down: the first day they no longer sign. Their earlier
 *   approvals still count and still name them.
 * - `replaces_id` on the new signatory: whom they took over from (same pool, same position).
 * - Three *current* signatories always (the deferred trigger now counts those, on every change), one
 *   per position; an approval is refused if the signatory had been replaced by its date.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table budget_pool_signatory
      add column replaced_on date,
      add column replaces_id uuid unique,
      add foreign key (replaces_id, pool_id) references budget_pool_signatory (id, pool_id);
    alter table budget_pool_signatory drop constraint budget_pool_signatory_pool_id_position_key;
    create unique index budget_pool_signatory_current on budget_pool_signatory (pool_id, position)
      where replaced_on is null;

    create or replace function budget_pool_has_three_signatories() returns trigger language plpgsql security definer
      set search_path = public as $$
    declare
      pool uuid;
      signatories integer;
    begin
      if tg_table_name = 'budget_pool' then pool := new.id; else pool := new.pool_id; end if;
      select count(*) into signatories from budget_pool_signatory where pool_id = pool and replaced_on is null;
      if signatories <> 3 then
        raise exception 'pool % has % signatories: a pool has exactly three named signatories', pool, signatories
          using errcode = 'check_violation';
      end if;
      return null;
    end $$;
    create constraint trigger budget_pool_signatories_changed after insert or update on budget_pool_signatory
      deferrable initially deferred for each row execute function budget_pool_has_three_signatories();

    create or replace function budget_pool_approval_not_by_requester() returns trigger language plpgsql security definer
      set search_path = public as $$
    begin
      if exists (select 1 from budget_pool_expense e
                 where e.id = new.expense_id and e.requested_by_signatory_id = new.signatory_id) then
        raise exception 'the signatory who asked for an expense cannot approve it' using errcode = 'check_violation';
      end if;
      if exists (select 1 from budget_pool_signatory s
                 where s.id = new.signatory_id and s.replaced_on is not null and s.replaced_on <= new.approved_on) then
        raise exception 'that signatory had been replaced by the date of the approval' using errcode = 'check_violation';
      end if;
      return new;
    end $$;

    grant update (replaced_on) on budget_pool_signatory to tl_app;
  `.execute(db);
}
