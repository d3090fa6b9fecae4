import { sql } from 'kysely';
import type { Tx } from '../../platform/db/scope.js';
import { todayInLondon } from '../../platform/dates.js';
import type { PowerKind } from './tables.js';

/** A lasting power of attorney or deputyship for health and welfare, in force on the day asked about. */
export interface WelfarePower {
  kind: PowerKind;
  holders: string;
  reference: string;
}

export interface CareDecisionAuthority {
  /** Health and welfare powers in force: the ones that let someone agree a care plan for the person. */
  welfarePowers: WelfarePower[];
  /** The latest assessment of a care and support decision found the person lacks capacity to make it. */
  lacksCapacityForCare: boolean;
  /** …and a best-interests decision follows that assessment. */
  bestInterestsDecided: boolean;
}

interface Row {
  powers: WelfarePower[] | null;
  result: string | null;
  best_interests: boolean | null;
}

/**
 * What lets someone agree a support plan for the person (planning asks before recording a
 * representative's agreement): health and welfare powers in force, and whether the latest assessment
 * of a care and support decision found the person lacks capacity, followed by a best-interests
 * decision. One statement, so the answer comes from one snapshot. A property and financial power gives
 * no say over care, so it does not count here. The caller has checked visibility and audits its use.
 */
export async function careDecisionAuthority(
  tx: Tx,
  personId: string,
  on: string = todayInLondon().toString(),
): Promise<CareDecisionAuthority> {
  const { rows } = await sql<Row>`
    select p.powers, a.result, b.best_interests
    from (select 1) as one
    left join lateral (
      select json_agg(json_build_object('kind', lp.kind, 'holders', lp.holders, 'reference', lp.reference)
        order by lp.registered_on, lp.created_at) as powers
      from legal_power lp
      where lp.person_id = ${personId} and lp.scope = 'health_and_welfare'
        and lp.registered_on <= ${on}::date and (lp.ended_on is null or lp.ended_on > ${on}::date)
    ) p on true
    left join lateral (
      select ca.id, ca.result from capacity_assessment ca
      where ca.person_id = ${personId} and ca.decision_category = 'care_and_support'
      order by ca.assessed_on desc, ca.created_at desc
      limit 1
    ) a on true
    left join lateral (
      select true as best_interests from best_interests_decision bi where bi.capacity_assessment_id = a.id limit 1
    ) b on true`.execute(tx);
  const row = rows[0]!;
  return {
    welfarePowers: row.powers ?? [],
    lacksCapacityForCare: row.result === 'lacks_capacity',
    bestInterestsDecided: row.best_interests === true,
  };
}
