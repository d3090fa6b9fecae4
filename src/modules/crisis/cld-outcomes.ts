/**
 * How each way of closing a crisis episode is reported to CLD: the ONE table (a test walks every
 * row). Release 2 Event Outcomes (../shared/standards/cld.md §3.3):
 *
 * - `service`: the outcome on the short-term support that ends with the episode — the intended next
 *   step after it, which SALT falls back on when no later event is found (STS002a, §5.2).
 * - `request`: the outcome on the request when the episode closes without any council-arranged
 *   support having been put in (otherwise the request was already decided when support went in).
 *
 * Stepping up is a referral for a tier 3 (Care Act) assessment, so it is "Progress to assessment,
 * review or reassessment" — unless the person died, moved away, declined or went into hospital,
 * which end the request whatever the route. Stepping down to signposting and community connections
 * with nothing more needed is information and advice for a request; for support that ran its
 * course it is "support ended as planned".
 */
export type CloseRouteKey = 'step_down' | 'step_up' | 'other';

export interface ClosingOutcomes {
  readonly request: string;
  readonly service: string;
}

const ASSESSMENT = 'Progress to assessment, review or reassessment';
const PLANNING = 'Progress to support planning or services';
const both = (outcome: string): ClosingOutcomes => ({ request: outcome, service: outcome });
const toAssessment = both(ASSESSMENT);

/** What followed × how it ended → the outcomes. Keys are whatFollowedOptions' (workspace-schema.ts). */
export const CLOSING_OUTCOMES: Readonly<Record<string, Readonly<Record<CloseRouteKey, ClosingOutcomes>>>> = {
  no_further_support: {
    step_down: { request: 'NFA: Information and advice or signposting', service: 'NFA: Support ended as planned' },
    step_up: toAssessment,
    other: { request: 'NFA: No services offered for other reason', service: 'NFA: Support ended as planned' },
  },
  ongoing_low_level: { step_down: both(PLANNING), step_up: toAssessment, other: both(PLANNING) },
  other_short_term: { step_down: both(PLANNING), step_up: toAssessment, other: both(PLANNING) },
  long_term: { step_down: both(PLANNING), step_up: toAssessment, other: both(PLANNING) },
  admitted_to_hospital: {
    step_down: both('Admitted to hospital'),
    step_up: both('Admitted to hospital'),
    other: both('Admitted to hospital'),
  },
  deceased: { step_down: both('NFA: Deceased'), step_up: both('NFA: Deceased'), other: both('NFA: Deceased') },
  support_declined: {
    step_down: both('NFA: Support declined'),
    step_up: both('NFA: Support declined'),
    other: both('NFA: Support declined'),
  },
  moved_away: {
    step_down: both('NFA: Responsibility moved to another local authority'),
    step_up: both('NFA: Responsibility moved to another local authority'),
    other: both('NFA: Responsibility moved to another local authority'),
  },
};

export function closingOutcomes(route: CloseRouteKey, whatFollowed: string): ClosingOutcomes {
  const row = CLOSING_OUTCOMES[whatFollowed];
  if (!row) throw new Error(`No closing outcome for "${whatFollowed}"`);
  return row[route];
}
