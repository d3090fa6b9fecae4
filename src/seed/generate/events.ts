import type { Rng } from './random.js';
import { addDays, toDays } from './dates.js';

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
const nextStep = (rng: Rng, day: string) => addDays(day, rng.int(0, NEXT_STEP_DAYS));

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

type Setting = 'community' | 'residential' | 'nursing' | 'supported';

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

function assessmentAndSupport(
  rng: Rng,
  input: HistoryInput,
  start: string,
  end: string,
  events: GeneratedEvent[],
): string | null {
  const assessed = clamp(addDays(start, rng.int(3, 35)), end);
  const eligible = rng.chance(0.82);
  events.push({
    event_type: 'Assessment',
    start_date: start,
    end_date: assessed,
    assessment_type: 'Long term assessment',
    eligible_needs_identified: eligible ? 'Yes' : 'No',
    method_of_assessment: rng.weighted([
      ['Face to face', 70],
      ['Telephone', 12],
      ['Video call', 5],
      ['Supported self-assessment', 10],
      ['Self-assessment', 3],
    ] as const),
    event_outcome: eligible
      ? 'Progress to support planning or services'
      : rng.pick(['NFA: Information and advice or signposting', 'NFA: No services offered for other reason']),
    summary: eligible
      ? 'Care Act assessment: eligible needs; support planning next'
      : 'Care Act assessment: needs not eligible; information and connections offered',
  });
  if (!eligible) return assessed;
  // Financial assessments have no Event Outcome (cld.md §2.3); the support does not wait for them.
  if (rng.chance(0.6)) {
    events.push({
      event_type: 'Assessment',
      start_date: assessed,
      end_date: clamp(addDays(assessed, rng.int(5, 30)), end),
      assessment_type: 'Financial assessment',
      event_outcome: null,
      summary: 'Financial assessment: contribution worked out',
    });
  }
  let setting: Setting = settingFor(rng, input);
  let day = clamp(nextStep(rng, assessed), end);
  let lines = startPackage(rng, setting, day, events);
  let firstReview = true;
  for (;;) {
    const gap = firstReview ? rng.int(42, 70) : rng.int(200, 365);
    const unplanned = !firstReview && rng.chance(0.35);
    const reviewDay = addDays(day, unplanned ? rng.int(60, 250) : gap);
    if (toDays(reviewDay) >= toDays(end)) return null;
    firstReview = false;
    const reason = unplanned
      ? rng.weighted([
          ['Unplanned - Hospital (Planned and unplanned episodes)', 50],
          ['Unplanned - Carer related', input.hasCarer ? 20 : 0],
          ['Unplanned - Safeguarding concern', 8],
          ['Unplanned - Other Reason', 15],
          ['Unplanned - Provider Failure', 4],
        ] as const)
      : 'Planned';
    const change = rng.chance(unplanned ? 0.65 : 0.35);
    const ends = !change && rng.chance(0.05);
    const outcome = ends
      ? 'NFA: Support ended for other reason'
      : change
        ? 'Progress to support planning or services'
        : 'Continuation of support or services';
    events.push({
      event_type: 'Review',
      start_date: reviewDay,
      end_date: reviewDay,
      review_reason: reason,
      event_outcome: outcome,
      method_of_review: methodOfReview(rng, input),
      review_outcomes_achieved: rng.weighted([
        ['Fully achieved', 45],
        ['Partially achieved', 40],
        ['Not achieved', 8],
        ['Unknown', 7],
      ] as const),
      summary:
        reason === 'Planned' ? 'Annual review of the support plan' : `Unplanned review: ${reasonSummary(reason)}`,
    });
    if (reason === 'Planned' && rng.chance(0.3)) {
      events.push({
        event_type: 'Assessment',
        start_date: reviewDay,
        end_date: clamp(addDays(reviewDay, rng.int(3, 21)), end),
        assessment_type: 'Financial assessment',
        event_outcome: null,
        summary: 'Annual financial reassessment',
      });
    }
    // Home from hospital: a spell of reablement, then its review looks at the support plan again.
    if (reason === 'Unplanned - Hospital (Planned and unplanned episodes)' && rng.chance(0.6)) {
      const stEnd = clamp(addDays(reviewDay, rng.int(10, 42)), end);
      events.push({
        event_type: 'Service',
        start_date: reviewDay,
        end_date: stEnd,
        event_outcome: 'Progress to assessment, review or reassessment',
        service_type: 'Short term support: ST-Max',
        service_component: 'Reablement',
        delivery_mechanism: 'CASSR commissioned support',
        unit_cost_pence: rng.int(2300, 2700),
        cost_frequency: 'Hourly',
        planned_units_per_week: rng.int(5, 14),
        summary: 'Reablement after a hospital stay',
      });
      events.push({
        event_type: 'Review',
        start_date: stEnd,
        end_date: stEnd,
        event_outcome: 'Continuation of support or services',
        review_reason: 'Review of short term support',
        review_outcomes_achieved: 'Fully achieved',
        method_of_review: methodOfReview(rng, input),
        summary: 'End-of-reablement review: the support plan carries on',
      });
    }
    if (ends) {
      for (const line of lines) endService(line, reviewDay, 'NFA: Support ended for other reason');
      return reviewDay;
    }
    if (change) {
      for (const line of lines) endService(line, reviewDay, 'Progress to support planning or services');
      if (setting === 'community' && input.age >= 75 && rng.chance(0.2))
        setting = rng.chance(0.7) ? 'residential' : 'nursing';
      else if (setting === 'residential' && rng.chance(0.15)) setting = 'nursing';
      lines = startPackage(rng, setting, addDays(reviewDay, 1), events);
    }
    day = reviewDay;
  }
}

function startPackage(rng: Rng, setting: Setting, day: string, events: GeneratedEvent[]): GeneratedEvent[] {
  const lines: GeneratedEvent[] = [];
  const add = (e: Omit<GeneratedEvent, 'event_type' | 'start_date' | 'end_date' | 'event_outcome'>) => {
    const line: GeneratedEvent = { event_type: 'Service', start_date: day, end_date: null, event_outcome: null, ...e };
    lines.push(line);
    events.push(line);
  };
  if (setting === 'residential')
    add({
      service_type: 'Long term support: Residential care',
      service_component: 'Long term residential care',
      delivery_mechanism: 'CASSR commissioned support',
      unit_cost_pence: rng.int(850, 1200) * 100,
      cost_frequency: 'Weekly',
      planned_units_per_week: 1,
      summary: 'Permanent residential care',
    });
  else if (setting === 'nursing')
    add({
      service_type: 'Long term support: Nursing care',
      service_component: 'Long term nursing care',
      delivery_mechanism: 'CASSR commissioned support',
      unit_cost_pence: rng.int(1000, 1400) * 100,
      cost_frequency: 'Weekly',
      planned_units_per_week: 1,
      summary: 'Permanent nursing care',
    });
  else if (setting === 'supported')
    add({
      service_type: 'Long term support: Community',
      service_component: 'Community supported living',
      delivery_mechanism: 'CASSR commissioned support',
      unit_cost_pence: rng.int(900, 1600) * 100,
      cost_frequency: 'Weekly',
      planned_units_per_week: 1,
      summary: 'Supported living with shared and one-to-one hours',
    });
  else {
    const mechanism = rng.weighted([
      ['CASSR commissioned support', 62],
      ['Direct payment', 26],
      ['CASSR managed personal budget', 12],
    ] as const);
    if (mechanism === 'Direct payment')
      add({
        service_type: 'Long term support: Community',
        service_component: 'Direct payment',
        delivery_mechanism: mechanism,
        unit_cost_pence: rng.int(120, 520) * 100,
        cost_frequency: 'Weekly',
        planned_units_per_week: 1,
        summary: 'Direct payment: employs a personal assistant',
      });
    else
      add({
        service_type: 'Long term support: Community',
        service_component: 'Home support or domiciliary care',
        delivery_mechanism: mechanism,
        unit_cost_pence: rng.int(2400, 2900),
        cost_frequency: 'Hourly',
        planned_units_per_week: rng.int(7, 28),
        summary: `Home care: ${rng.pick(['two', 'three', 'four'])} visits a day`,
      });
    if (rng.chance(0.45))
      add({
        service_type: 'Long term support: Community',
        service_component: 'Day support',
        delivery_mechanism: 'CASSR commissioned support',
        unit_cost_pence: rng.int(45, 70) * 100,
        cost_frequency: 'Per session',
        planned_units_per_week: 2,
        summary: 'Day centre twice a week',
      });
    if (rng.chance(0.45))
      add({
        service_type: 'Long term support: Community',
        service_component: 'Equipment',
        delivery_mechanism: 'CASSR commissioned support',
        unit_cost_pence: rng.int(60, 900) * 100,
        cost_frequency: 'One-off',
        planned_units_per_week: 1,
        summary: rng.pick(['Stairlift', 'Bath lift and grab rails', 'Profiling bed', 'Telecare pendant alarm']),
      });
    if (rng.chance(0.2))
      add({
        service_type: 'Long term support: Community',
        service_component: 'Transport',
        delivery_mechanism: 'CASSR commissioned support',
        unit_cost_pence: rng.int(900, 1800),
        cost_frequency: 'Per session',
        planned_units_per_week: 2,
        summary: 'Transport to the day centre',
      });
    if (rng.chance(0.2))
      add({
        service_type: 'Long term support: Community',
        service_component: 'Meals',
        delivery_mechanism: 'CASSR commissioned support',
        unit_cost_pence: rng.int(550, 700),
        cost_frequency: 'Daily',
        planned_units_per_week: 7,
        summary: 'Hot meals delivered',
      });
  }
  // Equipment is delivered once, so its service event ends the week it starts.
  for (const line of lines)
    if (line.cost_frequency === 'One-off') endService(line, addDays(day, 7), 'NFA: Support ended as planned');
  return lines.filter((l) => l.end_date === null);
}

function endService(line: GeneratedEvent, day: string, outcome: string): void {
  if (line.end_date !== null) return;
  line.end_date = day < line.start_date ? line.start_date : day;
  line.event_outcome = outcome;
}

/** Nothing happens after death: open services end that day with the outcome 'NFA: Deceased'. */
function closeAtDeath(events: GeneratedEvent[], died: string): void {
  for (const e of events) {
    if (e.end_date !== null && e.end_date > died) e.end_date = died;
    if (e.event_type === 'Service' && e.end_date === null) endService(e, died, 'NFA: Deceased');
  }
}

function settingFor(rng: Rng, input: HistoryInput): Setting {
  if (input.primarySupportReason === 'Learning Disability Support' && rng.chance(0.35)) return 'supported';
  if (input.age >= 80)
    return rng.weighted([
      ['community', 74],
      ['residential', 18],
      ['nursing', 8],
    ] as const);
  return rng.weighted([
    ['community', 90],
    ['residential', 7],
    ['nursing', 3],
  ] as const);
}

function methodOfReview(rng: Rng, input: HistoryInput): string {
  return input.hasCarer && rng.chance(0.6) ? 'Service User and Carer' : 'Service User Only';
}

function reasonSummary(reason: string): string {
  return (
    (
      {
        'Unplanned - Hospital (Planned and unplanned episodes)': 'home from hospital',
        'Unplanned - Carer related': 'carer can no longer manage as before',
        'Unplanned - Safeguarding concern': 'safeguarding concern raised',
        'Unplanned - Other Reason': 'needs changed',
        'Unplanned - Provider Failure': 'care provider handed back the package',
      } as Record<string, string>
    )[reason] ?? 'needs changed'
  );
}

function clamp(day: string, end: string): string {
  return day > end ? end : day;
}

/**
 * Events for an unpaid carer (their own carer's assessment and support), shorter than a cared-for
 * person's history. Every one is a carer's (client type); seeding links them to the person cared for.
 */
export function generateCarerHistory(rng: Rng, asOf: string): GeneratedEvent[] {
  const start = addDays(asOf, -rng.int(60, 1500));
  const assessed = addDays(start, rng.int(7, 40));
  // Most carers get support of their own; the rest leave with information and advice.
  const supported = rng.chance(0.7);
  const events: GeneratedEvent[] = [
    {
      event_type: 'Request',
      start_date: start,
      end_date: start,
      event_outcome: 'Progress to assessment, review or reassessment',
      route_of_access: 'Community / Other route',
      summary: 'Carer asked for a carer\u2019s assessment',
    },
    {
      event_type: 'Assessment',
      start_date: start,
      end_date: assessed,
      assessment_type: 'Long term assessment',
      eligible_needs_identified: 'Yes',
      method_of_assessment: 'Face to face',
      event_outcome: supported
        ? 'Progress to support planning or services'
        : 'NFA: Information and advice or signposting',
      summary: 'Carer\u2019s assessment: what would help them keep going',
    },
  ];
  if (supported) {
    events.push({
      event_type: 'Service',
      start_date: nextStep(rng, assessed),
      end_date: null,
      event_outcome: null,
      service_type: 'Unpaid carer support: Direct to unpaid carer',
      service_component: rng.pick([
        'Unpaid carer respite',
        'Unpaid carer sitting service',
        'Unpaid carer universal services',
      ]),
      delivery_mechanism: 'Direct payment',
      unit_cost_pence: rng.int(200, 500) * 100,
      cost_frequency: 'Annually',
      planned_units_per_week: 1,
      summary: 'Carer\u2019s direct payment for breaks',
    });
  }
  return events.filter((e) => e.start_date <= asOf).map((e) => ({ ...e, client_type: 'Unpaid carer' }));
}
