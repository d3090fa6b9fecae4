import type { ConsentStatus, PartnerEventType } from './tables.js';

/** The defined lists of the register, with the words staff see. Codes are what the API carries. */
export const referrerKinds = {
  gp_practice: 'GP practice',
  community_nurse: 'Community nurse',
  neighbour: 'Neighbour',
  self: 'The person themselves',
  family: 'Family',
  other_professional: 'Other professional',
} as const;
export type ReferrerKind = keyof typeof referrerKinds;

export const riskFactors = {
  carer_health: 'Their carer’s health is getting worse',
  unrecognised_carer: 'Cared for by someone who does not see themselves as a carer',
  dementia: 'Dementia or memory problems',
  falls: 'Falls or fear of falling',
  long_term_condition: 'Long-term condition getting worse (for example COPD or heart failure)',
  lives_alone: 'Lives alone',
  isolation: 'Lonely or cut off from other people',
  bereavement: 'Recent bereavement',
  hospital_admissions: 'Recent or repeated hospital admissions',
  housing: 'Home is unsafe or unsuitable',
  self_neglect: 'Self-neglect',
} as const;
export type RiskFactor = keyof typeof riskFactors;

export const consentLabels: Record<ConsentStatus, string> = {
  given: 'Consent given',
  not_given: 'Consent not given',
  lacks_capacity: 'Lacks capacity to decide – best-interests decision',
};

/** Partner event types, and the words a trigger of that kind uses. */
export const eventTypeLabels: Record<PartnerEventType, string> = {
  admission: 'Admitted to hospital',
  discharge: 'Discharged from hospital',
  fall: 'A fall',
  carer_breakdown: 'Carer breakdown',
};
export const partnerEventTypes = Object.keys(eventTypeLabels) as [PartnerEventType, ...PartnerEventType[]];

export const label = <K extends string>(list: Record<K, string>, code: string | null | undefined): string =>
  code && Object.hasOwn(list, code) ? list[code as K] : (code ?? '');

/** GOV.UK select/radio items for a list, with the chosen value marked. */
export function listItems(
  list: Record<string, string>,
  chosen: string | readonly string[] | null | undefined,
  mark: 'selected' | 'checked' = 'selected',
) {
  const picked = new Set(Array.isArray(chosen) ? chosen : chosen ? [chosen] : []);
  return Object.entries(list).map(([value, text]) => ({ value, text, [mark]: picked.has(value) }));
}
