import { createHash } from 'node:crypto';
import { dayBefore } from '../../platform/dates.js';
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
 *
 * CLD keeps a delivery mechanism per service line (cld.md §2.3), so history is not rewritten when the
 * way the budget is held changes: a running line with another mechanism ends the day before the
 * change, "Continuation of support or services", and a new line starts that day. The line an item
 * has now is always stored under the item's id; an earlier line is moved to an id derived from the
 * item and its start (`earlierLineId`), keeping its row, so the events already reported keep theirs.
 */
export const PLAN_EVENT_SOURCE = 'planning';
export const PLAN_DELIVERY_MECHANISM = 'CASSR commissioned support';
const ENDED = 'NFA: Support ended as planned';
const CONTINUED = 'Continuation of support or services';

export interface PlanEventWrite {
  source: { module: string; id: string };
  event: EventInput;
  /** The source id its row is stored under now, when the row moves to another (an earlier line's). */
  formerly?: string;
}

/** A plan item's live event as stored (people's person_event row, the fields this needs). */
export interface StoredPlanEvent {
  itemId: string;
  startDate: string;
  endDate: string | null;
  serviceType: string | null;
  serviceComponent: string | null;
  summary: string | null;
  /** As stored; an ended line keeps the outcome it ended with. */
  eventOutcome?: string | null;
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
 * The source id an item's earlier line moves to when a new line takes the item's own id: a uuid named
 * by the item and the line's start (two lines of one item never start on the same day), so a rerun
 * derives the same id.
 */
export function earlierLineId(itemId: string, startDate: string): string {
  const hex = createHash('sha256').update(`support-plan-line:${itemId}:${startDate}`).digest('hex');
  // Version 8 (a custom, name-based uuid) and the RFC 9562 variant, so it is a well-formed uuid.
  const variant = ((parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-8${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** A stored line as it stands, ended on `end` with `outcome` (its end date kept if it had one). */
function storedLine(s: StoredPlanEvent, end: string, outcome: string): EventInput {
  const coding = { serviceType: s.serviceType!, serviceComponent: s.serviceComponent! };
  const costs = {
    unitCostPence: s.unitCostPence ?? null,
    costFrequency: s.costFrequency ?? null,
    plannedUnitsPerWeek: s.plannedUnitsPerWeek ?? null,
  };
  const event = serviceEvent(
    coding,
    s.startDate,
    end,
    s.summary,
    s.deliveryMechanism ?? PLAN_DELIVERY_MECHANISM,
    costs,
  );
  return { ...event, eventOutcome: outcome };
}

/**
 * Whether a funded item's stored line gives way to a new line from `from`, rather than being brought up
 * to date in place: it ended earlier (the item is funded again), or it runs under another delivery
 * mechanism and began before the change.
 */
function startsNewLine(before: StoredPlanEvent, mechanism: string, from: string): boolean {
  if (before.endDate !== null) return from > before.endDate;
  const was = before.deliveryMechanism ?? mechanism;
  return was !== mechanism && before.startDate < from;
}

/** From a day, the delivery mechanism of the support the budget pays for (how it is held then). */
export interface MechanismFrom {
  from: string;
  mechanism: string;
}

/**
 * Every event the plan's items should have once this version is approved on `approvedOn`, given how
 * the budget is held from that day and each later day that changes (`held`, first entry on
 * `approvedOn`; none known means commissioned): the funded items' lines (new ones starting that day,
 * continuing ones keeping their start until their mechanism changes), the earlier lines those
 * replace, and the ended items'.
 */
export function approvedPlanEvents(
  items: readonly PlanItem[],
  approvedOn: string,
  stored: readonly StoredPlanEvent[],
  held: readonly MechanismFrom[] = [],
): PlanEventWrite[] {
  const steps = held.length ? held : [{ from: approvedOn, mechanism: PLAN_DELIVERY_MECHANISM }];
  const earlier: PlanEventWrite[] = [];
  let lines = stored;
  let current: PlanEventWrite[] = [];
  for (const { from, mechanism } of steps) {
    const writes = linesFrom(items, from, lines, mechanism);
    earlier.push(...writes.filter((w) => w.formerly !== undefined));
    current = writes.filter((w) => w.formerly === undefined);
    lines = current.map(asStored);
  }
  return [...earlier, ...current];
}

/** One step of approvedPlanEvents: the lines from `from` when the budget is held giving `mechanism`. */
function linesFrom(
  items: readonly PlanItem[],
  from: string,
  stored: readonly StoredPlanEvent[],
  mechanism: string,
): PlanEventWrite[] {
  const costsOf = (item: PlanItem) => (mechanism === PLAN_DELIVERY_MECHANISM ? NO_COSTS : itemCosts(item));
  const funded = items.filter((i) => i.funding === 'personal_budget');
  const byItem = new Map(stored.map((s) => [s.itemId, s]));
  const source = (id: string) => ({ module: PLAN_EVENT_SOURCE, id });
  const writes: PlanEventWrite[] = [];
  for (const item of funded) {
    const before = byItem.get(item.id);
    let start = before?.startDate ?? from;
    if (before && startsNewLine(before, mechanism, from)) {
      const running = before.endDate === null;
      writes.push({
        source: source(earlierLineId(item.id, before.startDate)),
        event: storedLine(
          before,
          before.endDate ?? dayBefore(from),
          running ? CONTINUED : (before.eventOutcome ?? ENDED),
        ),
        formerly: item.id,
      });
      start = from;
    }
    const event = serviceEvent(planItemCoding(item), start, null, summaryOf(item), mechanism, costsOf(item));
    writes.push({ source: source(item.id), event });
  }
  const fundedIds = new Set(funded.map((i) => i.id));
  for (const s of stored) {
    if (fundedIds.has(s.itemId) || !s.serviceType || !s.serviceComponent) continue;
    // Ended now if it was running; one ended before keeps its end date and outcome.
    const end = s.endDate ?? (from < s.startDate ? s.startDate : from);
    writes.push({ source: source(s.itemId), event: storedLine(s, end, s.endDate ? (s.eventOutcome ?? ENDED) : ENDED) });
  }
  return writes;
}

/** A line about to be written, as the next step of approvedPlanEvents reads it. */
function asStored({ source, event }: PlanEventWrite): StoredPlanEvent {
  return {
    itemId: source.id,
    startDate: event.startDate,
    endDate: event.endDate,
    serviceType: event.serviceType,
    serviceComponent: event.serviceComponent,
    summary: event.summary,
    eventOutcome: event.eventOutcome,
    deliveryMechanism: event.deliveryMechanism,
    unitCostPence: event.unitCostPence,
    costFrequency: event.costFrequency,
    plannedUnitsPerWeek: event.plannedUnitsPerWeek ?? null,
  };
}
