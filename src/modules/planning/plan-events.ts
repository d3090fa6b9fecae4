import { EMPTY_EVENT_FIELDS, type EventInput } from '../people/index.js';
import type { PlanItem } from './plan-content.js';
import { FREQUENCIES, type Frequency } from './costing-types.js';

/**
 * What an approved plan writes to the Client Level Data, decided in ONE place (issue 13 §3;
 * ../shared/standards/cld.md §2.3): each item the personal budget pays for is a long-term support
 * Service event from the day the plan is approved; items the person, the NHS or their network pay
 * for, or give free, are in the plan but not in CLD. The delivery mechanism is how the budget is held
 * (the budgets module says, through delivery-mechanism.ts); with none set up it is "CASSR commissioned
 * support". Any other mechanism carries the item's costs (cld.md §2.1 rule C): its unit cost, how often
 * it is paid for, and its planned units a week. Pure.
 *
 * A re-approval after a change: an item still funded keeps its event and its start date (its coding
 * brought up to date, nothing written when nothing changed); an item removed, or no longer paid from
 * the budget, has its event ended on the day of the re-approval, "Support ended as planned".
 */
export const PLAN_EVENT_SOURCE = 'planning';
export const PLAN_DELIVERY_MECHANISM = 'CASSR commissioned support';
const ENDED = 'NFA: Support ended as planned';

export interface PlanEventWrite {
  source: { module: string; id: string };
  event: EventInput;
}

/** A plan item's live event as stored (people's person_event row, the fields this needs). */
export interface StoredPlanEvent {
  itemId: string;
  startDate: string;
  endDate: string | null;
  serviceType: string | null;
  serviceComponent: string | null;
  summary: string | null;
  /** As stored, kept when the event is ended (an ended line reports as it was delivered). */
  deliveryMechanism?: string | null;
  unitCostPence?: number | null;
  costFrequency?: string | null;
  plannedUnitsPerWeek?: number | null;
}

/** The costs a Service event carries (all null under commissioned support). */
export interface ServiceCosts {
  unitCostPence: number | null;
  costFrequency: string | null;
  plannedUnitsPerWeek: number | null;
}

const NO_COSTS: ServiceCosts = { unitCostPence: null, costFrequency: null, plannedUnitsPerWeek: null };

/** The CLD cost frequency for each of the plan's frequencies (platform/cld's costFrequencyUnitType list). */
const COST_FREQUENCY: Record<Frequency, string> = {
  weekly: 'Weekly',
  fortnightly: 'Fortnightly',
  four_weekly: '4-weekly',
  monthly: 'Monthly',
  annual: 'Annually',
  one_off: 'One-off',
};

/** An item's costs as CLD wants them: the price of a unit, how often, and units a week to two decimal places. */
export function itemCosts(item: Pick<PlanItem, 'amountPence' | 'units' | 'frequency'>): ServiceCosts {
  const perYear = FREQUENCIES.find((f) => f.key === item.frequency)?.perYear ?? 52;
  const weekly = item.frequency === 'one_off' ? 0 : Math.round((item.units * perYear * 100) / 52) / 100;
  return {
    unitCostPence: item.amountPence,
    costFrequency: COST_FREQUENCY[item.frequency],
    plannedUnitsPerWeek: weekly,
  };
}

export interface PlanCoding {
  serviceType: string;
  serviceComponent: string;
}

const has = (what: string, words: RegExp) => words.test(what.toLowerCase());

/** The CLD R2 service type and component an item of support reports as, from who gives it and what it is. */
export function planItemCoding(item: Pick<PlanItem, 'what' | 'giver'>): PlanCoding {
  const what = item.what;
  if (has(what, /\bnursing\b/))
    return { serviceType: 'Long term support: Nursing care', serviceComponent: 'Long term nursing care' };
  if (has(what, /\bresidential\b|\bcare home\b/))
    return { serviceType: 'Long term support: Residential care', serviceComponent: 'Long term residential care' };
  return { serviceType: 'Long term support: Community', serviceComponent: communityComponent(item) };
}

function communityComponent({ what, giver }: Pick<PlanItem, 'what' | 'giver'>): string {
  if (giver === 'technology' || has(what, /equipment|telecare|alarm|sensor|hoist/)) return 'Equipment';
  if (has(what, /shared lives/)) return 'Shared Lives';
  if (has(what, /supported living/)) return 'Community supported living';
  if (has(what, /extra care/)) return 'Extra care housing';
  if (has(what, /\bday (centre|center|service|support|opportunit)/)) return 'Day support';
  if (has(what, /transport|taxi|\btravel/)) return 'Transport';
  if (has(what, /\bmeals?\b|lunch|dinner/)) return 'Meals';
  if (has(what, /education|employment|college|\bjob\b|training/)) return 'Learning, education or employment support';
  if (
    giver === 'personal_assistant' ||
    has(what, /personal care|home care|domiciliary|get up|getting up|washing|dressing/)
  )
    return 'Home support or domiciliary care';
  return 'Other long term support';
}

const summaryOf = (item: PlanItem) =>
  `Support plan: ${item.what}${item.giverName ? ` (${item.giverName})` : ''}`.slice(0, 2000);

function serviceEvent(
  coding: PlanCoding,
  start: string,
  end: string | null,
  summary: string | null,
  mechanism: string,
  costs: ServiceCosts,
): EventInput {
  return {
    ...EMPTY_EVENT_FIELDS,
    ...costs,
    eventType: 'Service',
    startDate: start,
    endDate: end,
    eventOutcome: end === null ? null : ENDED,
    serviceType: coding.serviceType,
    serviceComponent: coding.serviceComponent,
    deliveryMechanism: mechanism,
    clientType: 'Service user',
    linkedPersonIds: [],
    summary,
  };
}

/**
 * Every event the plan's items should have once this version is approved on `approvedOn`: the funded
 * items' (new ones starting that day, continuing ones keeping their start), and the ended ones'.
 */
export function approvedPlanEvents(
  items: readonly PlanItem[],
  approvedOn: string,
  stored: readonly StoredPlanEvent[],
  mechanism: string = PLAN_DELIVERY_MECHANISM,
): PlanEventWrite[] {
  const costsOf = (item: PlanItem) => (mechanism === PLAN_DELIVERY_MECHANISM ? NO_COSTS : itemCosts(item));
  const funded = items.filter((i) => i.funding === 'personal_budget');
  const byItem = new Map(stored.map((s) => [s.itemId, s]));
  const writes: PlanEventWrite[] = funded.map((item) => {
    const before = byItem.get(item.id);
    // An item ended by an earlier re-approval and now funded again starts afresh only if its event had ended.
    const start = before && before.endDate === null ? before.startDate : approvedOn;
    return {
      source: { module: PLAN_EVENT_SOURCE, id: item.id },
      event: serviceEvent(planItemCoding(item), start, null, summaryOf(item), mechanism, costsOf(item)),
    };
  });
  const fundedIds = new Set(funded.map((i) => i.id));
  for (const s of stored) {
    if (fundedIds.has(s.itemId) || !s.serviceType || !s.serviceComponent) continue;
    const coding = { serviceType: s.serviceType, serviceComponent: s.serviceComponent };
    // Ended now if it was running; one ended before keeps its end date.
    const end = s.endDate ?? (approvedOn < s.startDate ? s.startDate : approvedOn);
    writes.push({
      source: { module: PLAN_EVENT_SOURCE, id: s.itemId },
      event: serviceEvent(coding, s.startDate, end, s.summary, s.deliveryMechanism ?? PLAN_DELIVERY_MECHANISM, {
        unitCostPence: s.unitCostPence ?? null,
        costFrequency: s.costFrequency ?? null,
        plannedUnitsPerWeek: s.plannedUnitsPerWeek ?? null,
      }),
    });
  }
  return writes;
}
