import type { RecordSection } from '../people/index.js';
import type { Tx } from '../../platform/db/scope.js';
import { formatDate } from '../../platform/views/format.js';
import { ABILITIES, capacityFinding } from './finding.js';
import { DECISION_CATEGORIES, POWER_KINDS, POWER_SCOPES, RESULTS } from './schema.js';
import type { CapacityAssessmentRow, LegalPowerRow } from './tables.js';
import { listAssessments, listPowers } from './repository.js';

export const capacityHref = (personId: string) => `/people/${personId}/capacity`;
export const assessmentHref = (personId: string, id: string) => `${capacityHref(personId)}/assessments/${id}`;

const yesNo = (v: boolean) => (v ? 'Yes' : 'No');

/** An assessment as the pages show it: the answers, the result, and why the result follows. */
export function assessmentView(a: CapacityAssessmentRow & { created_by_name: string | null }) {
  const answers = {
    impairment: a.impairment,
    canUnderstand: a.can_understand,
    canRetain: a.can_retain,
    canUseOrWeigh: a.can_use_or_weigh,
    canCommunicate: a.can_communicate,
  };
  return {
    id: a.id,
    href: assessmentHref(a.person_id, a.id),
    decision: a.decision,
    category: DECISION_CATEGORIES[a.decision_category],
    impairment: yesNo(a.impairment),
    impairmentDetail: a.impairment_detail,
    abilities: ABILITIES.map((ability) => ({ question: ability.question, answer: yesNo(answers[ability.key]) })),
    practicableSteps: a.practicable_steps,
    result: a.result,
    resultLabel: RESULTS[a.result],
    explanation: capacityFinding(answers).explanation,
    reasons: a.reasons,
    assessor: `${a.assessor_name} (${a.assessor_role})`,
    assessedOn: a.assessed_on,
    recordedBy: a.created_by_name,
    recordedAt: a.created_at,
  };
}

export function powerView(p: LegalPowerRow) {
  return {
    id: p.id,
    kind: POWER_KINDS[p.kind],
    scope: POWER_SCOPES[p.scope],
    holders: p.holders,
    reference: p.reference,
    registeredOn: p.registered_on,
    endedOn: p.ended_on,
    endedReason: p.ended_reason,
    endHref: `${capacityHref(p.person_id)}/powers/${p.id}/end`,
  };
}

/**
 * The person's record page shows each decision's latest finding and the powers in force, read in
 * the record's own transaction (people/record-sections.ts), so the record's one audit entry covers it.
 */
export async function capacityRecordSection(tx: Tx, personId: string): Promise<RecordSection> {
  const [assessments, powers] = await Promise.all([listAssessments(tx, personId), listPowers(tx, personId)]);
  const inForce = powers.filter((p) => !p.ended_on);
  return {
    id: 'capacity',
    heading: 'Mental capacity and legal powers',
    items: [
      ...assessments.slice(0, 5).map((a) => ({
        href: assessmentHref(personId, a.id),
        text: `${DECISION_CATEGORIES[a.decision_category]}: ${RESULTS[a.result].toLowerCase()}`,
        detail: `${a.decision} (assessed ${formatDate(a.assessed_on)})`,
      })),
      ...inForce.map((p) => ({
        href: capacityHref(personId),
        text: `${POWER_KINDS[p.kind]}: ${POWER_SCOPES[p.scope].toLowerCase()}`,
        detail: `${p.holders} (${p.reference})`,
      })),
    ],
    empty: 'No capacity assessments or powers of attorney recorded.',
    actions: [
      { href: capacityHref(personId), text: 'Mental capacity and legal powers', policy: 'capacity.read' },
      {
        href: `${capacityHref(personId)}/assessments/new`,
        text: 'Record a capacity assessment',
        policy: 'capacity.write',
      },
    ],
  };
}
