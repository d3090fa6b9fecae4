import type { Rng } from './random.js';
import { addDays, toDays } from './dates.js';
import { endService } from './events-packages.js';
import { assessmentAndSupport, clamp, methodOfReview } from './events-support.js';
export { generateCarerHistory } from './events-carer.js';

/**
 * A plausible history of CLD events for one person: requests with a route of access and an outcome,
 * short-term reablement (ST-Max), Care Act assessments, long-term services with a delivery mechanism
 * and a cost, and planned and unplanned reviews, in date order, ending at death where there is one.
 * Every coded value is a current value of its list (CLD, or local where CLD publishes none).
 *
 * The chronology follows how SALT finds what followed an event (../shared/standards/cld.md §4.7,
 * §4.9, §5.1): an event whose outcome is a next step ("progress to …") is followed by that step
 * within NEXT_STEP_DAYS of its end, because a later gap breaks the chain and the request would count
 * as having "no chronology". county.test.ts walks every chain of a generated county.
 */
export const NEXT_STEP_DAYS = 3;
export const nextStep = (rng: Rng, day: string) => addDays(day, rng.int(0, NEXT_STEP_DAYS));

export interface GeneratedEvent {
  event_type: 'Request' | 'Assessment' | 'Service' | 'Review';
  start_date: string;
  end_date: string | null;
  event_outcome: string | null;
  route_of_access?: string | null;
  assessment_type?: string | null;
  eligible_needs_identified?: string | null;
  method_of_assessment?: string | null;
  service_type?: string | null;
  service_component?: string | null;
  delivery_mechanism?: string | null;
  review_reason?: string | null;
  review_outcomes_achieved?: string | null;
  method_of_review?: string | null;
  unit_cost_pence?: number | null;
  cost_frequency?: string | null;
  /** cld.md §2.1 field 50: hours, sessions or days a week; 1 for a weekly (or longer) cost. */
  planned_units_per_week?: number | null;
  /** Service user unless the event is a carer's own (cld.md §3.2). */
  client_type?: string;
  summary: string | null;
}

export interface HistoryInput {
  age: number;
  primarySupportReason: string;
  dateOfDeath: string | null;
  asOf: string;
  hasCarer: boolean;
}

export type Setting = 'community' | 'residential' | 'nursing' | 'supported';

const requestSummaries: Record<string, readonly string[]> = {
  'Community / Other route': [
    'Daughter phoned: struggling with stairs after a fall',
    'GP referral: managing less well at home',
    'Self-referral: wants help with washing and dressing',
    'Neighbour concerned: not seen going out for a week',
    'Community nurse referral: needs help with personal care',
    'Son phoned: worried about memory and cooking safely',
  ],
  'Discharge from Hospital': [
    'Hospital discharge team: ready to go home, needs support',
    'Discharge notification after a hip fracture',
    'Ward referral: home with support after a chest infection',
  ],
  'Diversion from Hospital Services': [
    'Rapid response: avoid admission, needs short-term support',
    'A&E in-reach: sent home with support instead of admission',
  ],
  'Planned Entry (Transition)': ['Transition from children\u2019s services at 18'],
  'Self-Funder': ['Savings now below the upper capital limit: asks the council to arrange care'],
  'Transfer from Other LA': ['Moved into the county to be near family; previous council sent details'],
  Prison: ['Release planning: social care needs on release'],
};

const routes = (age: number): readonly (readonly [string, number])[] =>
  age < 26
    ? [
        ['Planned Entry (Transition)', 40],
        ['Community / Other route', 50],
        ['Discharge from Hospital', 10],
      ]
    : [
        ['Community / Other route', 52],
        ['Discharge from Hospital', 28],
        ['Diversion from Hospital Services', 7],
        ['Self-Funder', 5],
        ['Transfer from Other LA', 3],
        ['Prison', age < 65 ? 1 : 0],
      ];

/** Builds the history forwards in time from `start`, one episode after another. */
export function generateHistory(rng: Rng, input: HistoryInput): GeneratedEvent[] {
  const end = input.dateOfDeath ?? input.asOf;
  const yearsKnown = rng.weighted([
    [1, 1],
    [2, 2],
    [3, 3],
    [4, 3],
    [5, 3],
    [6, 3],
    [7, 3],
    [8, 3],
    [9, 2],
    [10, 2],
  ] as const);
  let day = addDays(end, -rng.int(yearsKnown * 365 - 300, yearsKnown * 365));
  const events: GeneratedEvent[] = [];
  let guard = 0;
  while (toDays(day) < toDays(end) - 7 && guard++ < 6) {
    const next = episode(rng, input, day, end, events);
    if (next === null) break; // on long-term support until the end
    day = addDays(next, rng.int(60, 500));
  }
  if (input.dateOfDeath) closeAtDeath(events, input.dateOfDeath);
  return tidy(events, end);
}

/** Steps near the end of the history can land after it: drop those, keep every end on or after its start, sort by date. */
function tidy(events: GeneratedEvent[], end: string): GeneratedEvent[] {
  const kept = events.filter((e) => e.start_date <= end);
  for (const e of kept) if (e.end_date !== null && e.end_date < e.start_date) e.end_date = e.start_date;
  return kept.sort((a, b) => (a.start_date < b.start_date ? -1 : a.start_date > b.start_date ? 1 : 0));
}

/** One episode; returns the day it ended, or null if it runs on until the end of the history. */
function episode(rng: Rng, input: HistoryInput, start: string, end: string, events: GeneratedEvent[]): string | null {
  const route = rng.weighted(routes(input.age));
  const older = input.age >= 65;
  const outcome = rng.weighted([
    ['NFA: Information and advice or signposting', 14],
    ['Progress to reablement/ST-Max', older ? 30 : 8],
    ['Progress to assessment, review or reassessment', 44],
    ['NFA: Self-funded client or under 12wk disregard', older ? 4 : 1],
    ['NFA: Referral to NHS services or NHS funded social care', 3],
    ['NFA: Support declined', 2],
    ['NFA: Referral to other service within the local authority', 3],
  ] as const);
  events.push({
    event_type: 'Request',
    start_date: start,
    end_date: start,
    event_outcome: outcome,
    route_of_access: route,
    summary: rng.pick(requestSummaries[route] ?? ['Request for support']),
  });
  let day = start;
  if (outcome.startsWith('NFA')) return day;
  if (outcome === 'Progress to reablement/ST-Max') {
    const stEnd = clamp(addDays(day, rng.int(10, 42)), end);
    const after = rng.weighted([
      ['NFA: Support ended as planned', 45],
      ['Progress to assessment, review or reassessment', 45],
      ['Admitted to hospital', 6],
      ['NFA: Support declined', 4],
    ] as const);
    events.push({
      event_type: 'Service',
      start_date: nextStep(rng, day),
      end_date: stEnd,
      event_outcome: after,
      service_type: 'Short term support: ST-Max',
      service_component: 'Reablement',
      delivery_mechanism: 'CASSR commissioned support',
      unit_cost_pence: rng.int(2300, 2700),
      cost_frequency: 'Hourly',
      planned_units_per_week: rng.int(5, 14),
      summary: 'Reablement at home: up to six weeks to regain confidence and skills',
    });
    events.push({
      event_type: 'Review',
      start_date: stEnd,
      end_date: stEnd,
      event_outcome: after,
      review_reason: 'Review of short term support',
      review_outcomes_achieved: after === 'NFA: Support ended as planned' ? 'Fully achieved' : 'Partially achieved',
      method_of_review: methodOfReview(rng, input),
      summary: 'End-of-reablement review',
    });
    day = stEnd;
    if (after !== 'Progress to assessment, review or reassessment') return day;
  }
  return assessmentAndSupport(rng, input, nextStep(rng, day), end, events);
}

/** Nothing happens after death: open services end that day with the outcome 'NFA: Deceased'. */
function closeAtDeath(events: GeneratedEvent[], died: string): void {
  for (const e of events) {
    if (e.end_date !== null && e.end_date > died) e.end_date = died;
    if (e.event_type === 'Service' && e.end_date === null) endService(e, died, 'NFA: Deceased');
  }
}
