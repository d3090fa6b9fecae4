import type { Rng } from './random.js';
import { addDays } from './dates.js';
import { nextStep, type GeneratedEvent } from './events.js';

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
