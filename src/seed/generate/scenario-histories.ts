import type { GeneratedEvent } from './events.js';
import { addDays } from './dates.js';
import type { Ev } from './scenario-event-builders.js';
import { jonesHistories } from './scenario-histories-jones.js';
import { personalBudgetHistories } from './scenario-histories-budgets.js';
import { couplesHistories } from './scenario-histories-couples.js';

/**
 * The CLD events behind the source documents' case studies (shared/scenarios/README.md), dated back
 * from `asOf` so the timelines always look current. Offsets are days before `asOf`; a null end is
 * support still in place. Each next step starts within three days of the step before it ends, as
 * SALT's chronology needs (cld.md §4.9; see NEXT_STEP_DAYS in events.ts).
 */
export const scenarioHistories: Record<string, readonly Ev[]> = {
  ...jonesHistories,
  ...personalBudgetHistories,
  ...couplesHistories,
};

export function scenarioEvents(key: string, asOf: string): GeneratedEvent[] {
  return (scenarioHistories[key] ?? []).map(({ from, to, outcome, ...rest }) => ({
    ...rest,
    start_date: addDays(asOf, -from),
    end_date: to === null ? null : addDays(asOf, -to),
    event_outcome: outcome,
  }));
}
