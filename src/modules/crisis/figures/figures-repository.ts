import { sql } from 'kysely';
import type { Tx } from '../../../platform/db/scope.js';
import { whatFollowedOptions } from '../choices.js';

/** The closing answers that mean long-term support followed (decided in one place, the close form's options). */
const longTermFollowUps = whatFollowedOptions.filter((o) => o.longTerm).map((o) => o.key);

/**
 * The crisis figures, computed in SQL by patch and month of referral (London time), with a total
 * per patch and a total for all patches. Definitions (also on the page, under "How these are counted"):
 *
 * - Time to first contact: hours from referral to first contact, over episodes with a first contact.
 * - First-contact breaches: episodes whose first contact came after the urgency's deadline, or that
 *   are still waiting for one after it has passed (at `now`).
 * - Episode length: days from the episode's start to the day it closed, over closed episodes.
 * - No long-term support: closed episodes where what followed was not long-term support and no
 *   long-term service was started (by manager override) during the episode.
 * - Stepped down to tier 1: closed episodes whose close route was step down.
 * - Re-referral within 91 days: of the closed episodes whose 91 days after closing are over (closed
 *   more than 91 days before `today`), those whose person had another crisis episode referred after
 *   this one closed and no later than 91 days after its closing day.
 */
export interface FiguresRow {
  patch_id: string | null;
  patch_name: string | null;
  month: string | null;
  /** 1 when the row adds up every patch (the grand total). */
  all_patches: number;
  /** 1 when the row adds up every month of its patch. */
  all_months: number;
  referred: number;
  contacted: number;
  contact_hours_median: number | null;
  contact_hours_p90: number | null;
  breaches: number;
  closed: number;
  length_days_median: number | null;
  length_days_p90: number | null;
  no_long_term: number;
  stepped_down: number;
  rereferral_eligible: number;
  rereferred: number;
}

export interface FiguresRange {
  /** First instant counted (the start of the first month, London time). */
  from: Date;
  /** First instant not counted (the start of the month after the last). */
  until: Date;
  now: Date;
  /** Today in London, 'YYYY-MM-DD'. */
  today: string;
}

export async function crisisFigures(tx: Tx, range: FiguresRange): Promise<FiguresRow[]> {
  const result = await sql<FiguresRow>`
    with ep as (
      select e.id, e.patch_id, t.name as patch_name,
        to_char(e.referred_at at time zone 'Europe/London', 'YYYY-MM') as month,
        e.status,
        extract(epoch from (e.first_contact_at - e.referred_at))::float8 / 3600.0 as contact_hours,
        (e.first_contact_at > e.response_due_at or (e.first_contact_at is null and e.response_due_at < ${range.now})) as breached,
        case when e.status = 'closed' then (e.closed_on - e.starts_on)::float8 end as length_days,
        (e.status = 'closed' and coalesce(e.what_followed, '') not in (${sql.join(longTermFollowUps)})
          and not exists (select 1 from crisis_service s where s.episode_id = e.id and s.long_term)) as no_long_term,
        (e.status = 'closed' and e.close_route = 'step_down') as stepped_down,
        (e.status = 'closed' and e.closed_on + 91 < ${range.today}::date) as rereferral_eligible,
        (e.status = 'closed' and exists (
          select 1 from crisis_episode o
          where o.person_id = e.person_id and o.id <> e.id
            and o.referred_at > coalesce(e.closed_at, e.closed_on::timestamp at time zone 'Europe/London')
            and (o.referred_at at time zone 'Europe/London')::date <= e.closed_on + 91
        )) as rereferred
      from crisis_episode e
      left join team t on t.id = e.patch_id
      where e.referred_at >= ${range.from} and e.referred_at < ${range.until}
    )
    select patch_id, patch_name, month,
      grouping(patch_id, patch_name) as all_patches, grouping(month) as all_months,
      count(*) as referred,
      count(contact_hours) as contacted,
      percentile_cont(0.5) within group (order by contact_hours) as contact_hours_median,
      percentile_cont(0.9) within group (order by contact_hours) as contact_hours_p90,
      count(*) filter (where breached) as breaches,
      count(*) filter (where status = 'closed') as closed,
      percentile_cont(0.5) within group (order by length_days) as length_days_median,
      percentile_cont(0.9) within group (order by length_days) as length_days_p90,
      count(*) filter (where no_long_term) as no_long_term,
      count(*) filter (where stepped_down) as stepped_down,
      count(*) filter (where rereferral_eligible) as rereferral_eligible,
      count(*) filter (where rereferral_eligible and rereferred) as rereferred
    from ep
    group by grouping sets ((patch_id, patch_name, month), (patch_id, patch_name), ())
    order by grouping(patch_id, patch_name), patch_name nulls last, patch_id, grouping(month), month
  `.execute(tx);
  // With no episodes at all the grand total is a row of zeros: leave it out, so "nothing referred" shows.
  return result.rows.filter((r) => Number(r.referred) > 0).map(withNumbers);
}

/** The counts PostgreSQL returns as bigint (strings, from some drivers), as numbers. */
const COUNTS = [
  'referred',
  'contacted',
  'breaches',
  'closed',
  'no_long_term',
  'stepped_down',
  'rereferral_eligible',
  'rereferred',
] as const;

function withNumbers(r: FiguresRow): FiguresRow {
  return {
    ...r,
    all_patches: Number(r.all_patches) === 0 ? 0 : 1,
    all_months: Number(r.all_months),
    ...Object.fromEntries(COUNTS.map((k) => [k, Number(r[k])])),
  };
}
