import type { Rng } from './random.js';
import { addDays, toDays } from './dates.js';
import { nextStep, type GeneratedEvent, type HistoryInput, type Setting } from './events.js';
import { endService, settingFor, startPackage } from './events-packages.js';

/** A generated person's Care Act assessment and what follows it: a package of support and its reviews. */

export function assessmentAndSupport(
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

export function methodOfReview(rng: Rng, input: HistoryInput): string {
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

export function clamp(day: string, end: string): string {
  return day > end ? end : day;
}
