import type { Rng } from './random.js';
import { addDays } from './dates.js';
import type { GeneratedEvent, HistoryInput, Setting } from './events.js';

/** A generated person's long-term package: the setting it is in, its service lines, and how a line ends. */

export function startPackage(rng: Rng, setting: Setting, day: string, events: GeneratedEvent[]): GeneratedEvent[] {
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

/** End a service line on `day` (never before it started) with its outcome; a line already ended is left. */
export function endService(line: GeneratedEvent, day: string, outcome: string): void {
  if (line.end_date !== null) return;
  line.end_date = day < line.start_date ? line.start_date : day;
  line.event_outcome = outcome;
}

export function settingFor(rng: Rng, input: HistoryInput): Setting {
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
