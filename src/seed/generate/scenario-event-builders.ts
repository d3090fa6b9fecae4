import type { GeneratedEvent } from './events.js';

/**
 * Shorthand for the case studies' CLD events (scenario-histories.ts). Offsets are days before `asOf`;
 * a null end is support still in place.
 */
export type Ev = Omit<GeneratedEvent, 'start_date' | 'end_date' | 'event_outcome'> & {
  from: number;
  to: number | null;
  outcome: string | null;
};

export const request = (from: number, route: string, outcome: string, summary: string): Ev => ({
  event_type: 'Request',
  from,
  to: from,
  outcome,
  route_of_access: route,
  summary,
});
export const assessment = (
  from: number,
  to: number,
  eligible: boolean | null,
  summary: string,
  extra: Partial<Ev> = {},
): Ev => ({
  event_type: 'Assessment',
  from,
  to,
  assessment_type: eligible === null ? 'Short term assessment' : 'Long term assessment',
  eligible_needs_identified: eligible === null ? null : eligible ? 'Yes' : 'No',
  method_of_assessment: 'Face to face',
  outcome: eligible ? 'Progress to support planning or services' : 'NFA: Information and advice or signposting',
  summary,
  ...extra,
});
export const service = (
  from: number,
  to: number | null,
  outcome: string | null,
  type: string,
  component: string,
  mechanism: string,
  pence: number,
  frequency: string,
  unitsPerWeek: number,
  summary: string,
): Ev => ({
  event_type: 'Service',
  from,
  to,
  outcome,
  service_type: type,
  service_component: component,
  delivery_mechanism: mechanism,
  unit_cost_pence: pence,
  cost_frequency: frequency,
  planned_units_per_week: unitsPerWeek,
  summary,
});
/** A carer's own events (cld.md §3.2); seeding links them to the person they care for. */
export const asCarer = (events: readonly Ev[]): Ev[] => events.map((e) => ({ ...e, client_type: 'Unpaid carer' }));
export const review = (from: number, reason: string, outcome: string, summary: string, withCarer = false): Ev => ({
  event_type: 'Review',
  from,
  to: from,
  outcome,
  review_reason: reason,
  review_outcomes_achieved: 'Fully achieved',
  method_of_review: withCarer ? 'Service User and Carer' : 'Service User Only',
  summary,
});
export const LT = 'Long term support: Community';
export const CARER = 'Unpaid carer support: Direct to unpaid carer';
export const CONTINUE = 'Continuation of support or services';
