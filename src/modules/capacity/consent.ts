import { sql } from 'kysely';
import type { Tx } from '../../platform/db/scope.js';
import { todayInLondon } from '../../platform/dates.js';
import type { CapacityResult, PowerKind } from './tables.js';
import type { Consultee } from './schema.js';

/** The latest capacity assessment of the decision "consent to a direct payment". */
export interface ConsentAssessment {
  id: string;
  decision: string;
  result: CapacityResult;
  reasons: string;
  assessorName: string;
  assessorRole: string;
  assessedOn: string;
}

/** The latest best-interests decision that follows that assessment. */
export interface ConsentBestInterests {
  id: string;
  decisionMade: string;
  reasons: string;
  decidedBy: string;
  decidedOn: string;
  consulted: Consultee[];
}

/** A power over the person's property and financial affairs, in force on the day asked about. */
export interface FinancialPower {
  id: string;
  kind: PowerKind;
  holders: string;
  reference: string;
  registeredOn: string;
}

export interface DirectPaymentConsentStatus {
  /** True only when the latest assessment of this decision found the person lacks capacity for it. */
  lacksCapacity: boolean;
  assessment: ConsentAssessment | null;
  bestInterests: ConsentBestInterests | null;
  /** Lasting and enduring powers of attorney and deputyships for property and financial affairs in force. */
  powers: FinancialPower[];
}

interface ConsentRow {
  assessment: ConsentAssessment | null;
  best_interests: ConsentBestInterests | null;
  powers: FinancialPower[] | null;
}

/**
 * What the budgets issue asks before a direct payment to a suitable person (Care Act s.32, S6): can
 * the person consent to a direct payment, and if not, what was decided in their best interests and
 * who holds a power over their money. It is ONE statement on purpose: the answer decides whether money
 * is paid, so its three parts must come from one snapshot of the database — read separately (each
 * statement sees the latest commit under read committed), a power ended or an assessment added
 * between them could pair a new finding with an old power. One round trip also keeps it cheap on a
 * payment run. A health and welfare power gives no authority over money, so only property and
 * financial powers count; "in force" means registered by `on` and not ended by it.
 *
 * The caller has already checked the person is visible to the actor and audits its own use.
 */
export async function directPaymentConsentStatus(
  tx: Tx,
  personId: string,
  on: string = todayInLondon().toString(),
): Promise<DirectPaymentConsentStatus> {
  const { rows } = await sql<ConsentRow>`
    select a.assessment, b.best_interests, p.powers
    from (select 1) as one
    left join lateral (
      select ca.id, json_build_object(
        'id', ca.id, 'decision', ca.decision, 'result', ca.result, 'reasons', ca.reasons,
        'assessorName', ca.assessor_name, 'assessorRole', ca.assessor_role,
        'assessedOn', to_char(ca.assessed_on, 'YYYY-MM-DD')) as assessment
      from capacity_assessment ca
      where ca.person_id = ${personId} and ca.decision_category = 'direct_payment_consent'
      order by ca.assessed_on desc, ca.created_at desc
      limit 1
    ) a on true
    left join lateral (
      select json_build_object(
        'id', bi.id, 'decisionMade', bi.decision_made, 'reasons', bi.reasons, 'decidedBy', bi.decided_by,
        'decidedOn', to_char(bi.decided_on, 'YYYY-MM-DD'), 'consulted', bi.consulted) as best_interests
      from best_interests_decision bi
      where bi.capacity_assessment_id = a.id
      order by bi.decided_on desc, bi.created_at desc
      limit 1
    ) b on true
    left join lateral (
      select json_agg(json_build_object(
        'id', lp.id, 'kind', lp.kind, 'holders', lp.holders, 'reference', lp.reference,
        'registeredOn', to_char(lp.registered_on, 'YYYY-MM-DD')) order by lp.registered_on, lp.created_at) as powers
      from legal_power lp
      where lp.person_id = ${personId} and lp.scope = 'property_and_financial'
        and lp.registered_on <= ${on}::date and (lp.ended_on is null or lp.ended_on > ${on}::date)
    ) p on true`.execute(tx);
  const row = rows[0]!;
  return {
    lacksCapacity: row.assessment?.result === 'lacks_capacity',
    assessment: row.assessment,
    bestInterests: row.best_interests,
    powers: row.powers ?? [],
  };
}
