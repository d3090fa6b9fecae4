import { sql, type Kysely } from 'kysely';
import type { DB } from '../src/platform/db/schema.js';
import { demoCouncil } from '../src/seed/organisation.js';
import type { LoadJob } from './load.js';

/**
 * The budget page's benchmark data (issue 14 §6), added in bulk SQL when missing: for MONEY_PEOPLE
 * of the tier 3 people, a direct payment part and twelve months of postings on its account — a
 * four-weekly payment in (13) and a week's spending out (52), 65 journals, 130 postings each.
 */
export const MONEY_PEOPLE = 500;
const WEEKS = 52;

export interface MoneyBench {
  people: string[];
  seedSeconds: number | null;
}

export async function ensureMoney(db: Kysely<DB>, log: (line: string) => void): Promise<MoneyBench> {
  const org = await db
    .selectFrom('organisation')
    .select('id')
    .where('ods_code', '=', demoCouncil.ods_code)
    .executeTakeFirstOrThrow();
  const existing = () =>
    db
      .selectFrom('budget_part')
      .select('person_id')
      .where('org_id', '=', org.id)
      .where('holder', '=', 'Bench direct payment')
      .orderBy('person_id')
      .execute();
  let people = await existing();
  let seedSeconds: number | null = null;
  if (people.length < MONEY_PEOPLE) {
    log(`Adding direct payments with a year of postings for ${MONEY_PEOPLE} people…`);
    const started = Date.now();
    await db.transaction().execute((tx) => insertMoney(tx as unknown as Kysely<DB>, org.id));
    await sql`analyze budget_account, budget_part, budget_journal, budget_posting`.execute(db);
    seedSeconds = (Date.now() - started) / 1000;
    log(`Added them in ${seedSeconds.toFixed(1)} s`);
    people = await existing();
  }
  return { people: people.map((p) => p.person_id), seedSeconds };
}

/** One transaction, one statement per table; the ledger's deferred balance check runs at commit. */
async function insertMoney(tx: Kysely<DB>, orgId: string) {
  await sql`
    insert into budget_account (org_id, kind, label) values (${orgId}, 'council_funding', 'Council: personal budgets funding'),
      (${orgId}, 'spending', 'Spent on support') on conflict do nothing`.execute(tx);
  await sql`
    create temporary table money_people on commit drop as
    select b.person_id, b.agreed_weekly_pence as weekly, gen_random_uuid() as account_id, gen_random_uuid() as part_id
    from budget_allocation b
    where b.org_id = ${orgId} and b.status = 'agreed'
      and not exists (select 1 from budget_part p where p.person_id = b.person_id)
    order by b.person_id limit ${MONEY_PEOPLE}`.execute(tx);
  await sql`
    insert into budget_account (id, org_id, kind, person_id, label)
    select account_id, ${orgId}, 'holding', person_id, 'Direct payment to the person: Bench direct payment' from money_people`.execute(
    tx,
  );
  await sql`
    insert into budget_part (id, org_id, person_id, route, holder, weekly_pence, starts_on, cld_delivery_mechanism, account_id, updated_at)
    select part_id, ${orgId}, person_id, 'direct_payment', 'Bench direct payment', weekly, current_date - 364, 'Direct payment', account_id, now()
    from money_people`.execute(tx);
  // Week w (0…51): a payment in every fourth week, spending out every week.
  await sql`
    create temporary table money_journals on commit drop as
    select gen_random_uuid() as id, m.person_id, m.account_id, m.weekly, w.w,
      case when w.kind = 'pay' then 'pay' else 'spend' end as kind
    from money_people m
    cross join lateral (
      select w, 'spend' as kind from generate_series(0, ${WEEKS - 1}) w
      union all select w, 'pay' from generate_series(0, ${WEEKS - 1}, 4) w) w`.execute(tx);
  await sql`
    insert into budget_journal (id, org_id, kind, description, effective_on, person_id)
    select id, ${orgId}, kind,
      case when kind = 'pay' then 'Four-weekly direct payment' else 'Personal assistant and agency, week ' || (w + 1) end,
      current_date - 364 + w * 7, person_id
    from money_journals`.execute(tx);
  await sql`
    insert into budget_posting (org_id, journal_id, account_id, amount_pence)
    select ${orgId}, j.id, case when side = 1 then j.account_id
        else (select id from budget_account where org_id = ${orgId} and kind = case when j.kind = 'pay' then 'council_funding' else 'spending' end) end,
      case when j.kind = 'pay' then 4 * j.weekly else j.weekly - (j.w % 3) * 100 end * case when side = 1 then 1 else -1 end
        * case when j.kind = 'pay' then 1 else -1 end
    from money_journals j cross join (values (1), (2)) s(side)`.execute(tx);
}

type Job = Omit<LoadJob, 'url' | 'connections' | 'durationSeconds'>;

export function moneyJobs(
  bench: MoneyBench,
  cookie: Record<string, string>,
  has: (url: string) => boolean,
): [string, Job][] {
  const headers = { ...cookie, 'accept-encoding': 'gzip, deflate, br' };
  if (!has('/people/:id/money') || bench.people.length === 0) return [];
  return [
    [
      `Budget page: GET /people/:id/money (a year of postings: 65 journals), ${bench.people.length} people`,
      { method: 'GET', headers, paths: bench.people.map((id) => `/people/${id}/money`) },
    ],
  ];
}

export const moneyNotes = [
  `Budgets (issue 14): ${MONEY_PEOPLE} of the tier 3 people hold their budget as a direct payment with a year of postings on its account (13 four-weekly payments in, 52 weeks of spending out: 65 journals, 130 postings), written in bulk SQL by bench/money.ts. The budget page (the person's Money tab: how it is held, balances summed over all 130 postings, contributions and the last three months' statement, read in one statement; the year's statement is its own page, /people/:id/money/statement) is measured at 50 connections against the signed-in home page.`,
];
