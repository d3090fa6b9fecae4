import type { CareDecisionAuthority } from '../capacity/index.js';
import type { FieldError } from '../../platform/http/errors.js';
import type { PlanAgreement } from './plan-content.js';

/**
 * A representative agrees the plan only with the capacity record behind them (issue 13 §3): an
 * attorney or deputy by a health and welfare power in force naming them; anyone in a best-interests
 * decision once the person was found to lack capacity for care and support decisions and that
 * decision was made. Someone the person chose to speak for them needs no record. Pure: what is
 * missing, in words that say where to record it; empty when the agreement stands.
 */
const sameName = (a: string) => a.toLowerCase().replace(/\s+/g, ' ').trim();

export function representativeProblems(agreement: PlanAgreement, authority: CareDecisionAuthority): FieldError[] {
  if (agreement.by !== 'representative') return [];
  const name = agreement.representativeName;
  const powerNamed = (kind: string) =>
    authority.welfarePowers.some((p) => p.kind === kind && sameName(p.holders).includes(sameName(name)));
  const fail = (text: string, href = '#representativeBasis') => [{ text, href }];
  switch (agreement.representativeBasis) {
    case 'lpa_health_welfare':
      return powerNamed('lpa')
        ? []
        : fail(
            `There is no registered lasting power of attorney for health and welfare naming ${name} on their record. Record it under mental capacity and legal powers first`,
            '#representativeName',
          );
    case 'deputy':
      return powerNamed('deputyship')
        ? []
        : fail(
            `There is no Court of Protection deputyship for health and welfare naming ${name} on their record. Record it under mental capacity and legal powers first`,
            '#representativeName',
          );
    case 'best_interests':
      if (!authority.lacksCapacityForCare)
        return fail(
          'There is no capacity assessment finding they lack capacity to decide their care and support. Record one under mental capacity and legal powers first',
        );
      return authority.bestInterestsDecided
        ? []
        : fail(
            'There is no best-interests decision about their care and support. Record one under mental capacity and legal powers first',
          );
    default:
      return [];
  }
}
