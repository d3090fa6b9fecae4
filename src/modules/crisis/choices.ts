/** The choices the crisis forms offer: kinds of support, long-term arrangements, how an episode ends. */

/**
 * The kinds of support a crisis team puts in. How each is reported to CLD (and whether it is at all:
 * family and community help is not a council service) is decided in ./cld-events.ts.
 */
export const serviceKinds = [
  { key: 'reablement', label: 'Reablement (short-term support to maximise independence, ST-Max)' },
  { key: 'rehabilitation', label: 'Rehabilitation' },
  { key: 'equipment', label: 'Assistive technology and equipment' },
  { key: 'home_support', label: 'Short-term home support' },
  { key: 'carers_cover', label: 'Carers’ emergency cover' },
  { key: 'community_help', label: 'Community and family help' },
  { key: 'long_term', label: 'Long-term support (only with a manager’s agreement)' },
] as const;
export type ServiceKindKey = (typeof serviceKinds)[number]['key'];

/** Long-term arrangements a manager may agree to, and the CLD service component each reports as. */
export const longTermTypes = [
  { serviceType: 'Long term support: Community', component: 'Other long term support' },
  { serviceType: 'Long term support: Residential care', component: 'Long term residential care' },
  { serviceType: 'Long term support: Nursing care', component: 'Long term nursing care' },
] as const;

export const LONG_TERM_RULE = 'No long-term arrangements in a crisis — a manager must agree, with a reason.';

/**
 * What followed the episode. The CLD outcomes each is reported as, by how the episode ended, are in
 * ./cld-outcomes.ts (one table). `longTerm`: counted as going on to long-term support in the figures.
 */
export const whatFollowedOptions = [
  { key: 'no_further_support', label: 'No further support needed', longTerm: false },
  { key: 'ongoing_low_level', label: 'Ongoing low-level support', longTerm: false },
  { key: 'other_short_term', label: 'Other short-term support', longTerm: false },
  { key: 'long_term', label: 'Long-term support', longTerm: true },
  { key: 'admitted_to_hospital', label: 'Admitted to hospital', longTerm: false },
  { key: 'deceased', label: 'The person died', longTerm: false },
  { key: 'support_declined', label: 'Support declined', longTerm: false },
  { key: 'moved_away', label: 'Moved to another council’s area', longTerm: false },
] as const;
export type WhatFollowedKey = (typeof whatFollowedOptions)[number]['key'];

export const closeRoutes = [
  { key: 'step_down', label: 'Step down to tier 1: signposting and community connections' },
  { key: 'step_up', label: 'Step up: refer for a tier 3 assessment' },
  { key: 'other', label: 'Other ending' },
] as const;
