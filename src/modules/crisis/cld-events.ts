import { Temporal } from 'temporal-polyfill';
import { EMPTY_EVENT_FIELDS, type EventInput } from '../people/index.js';
import { closingOutcomes, type CloseRouteKey } from './cld-outcomes.js';

/**
 * What a crisis episode writes to the Client Level Data, decided in ONE place from the episode's
 * facts: every write path (opening, putting support in, ending, cancelling or correcting it,
 * closing) recomputes this list and the episode's events are brought in line with it
 * (cld-sync.ts), and the demo county writes the same list. Rules, from ../shared/standards/cld.md:
 *
 * - The Request starts on the referral day and ENDS WHEN THE RESPONSE IS DECIDED: the day the first
 *   council-arranged support was put in (or the day it started, if that was earlier), with
 *   "Progress to reablement/ST-Max" when that support is reablement and "Progress to support planning
 *   or services" otherwise; an episode that closes without any ends its Request at close with the
 *   closing table's request outcome. STS001 looks for events starting on or after the request's end
 *   (§5.1 step 7), so support begun before the close is then found as the sequel.
 * - Only council-arranged support is a CLD Service (§2.3 "any ASC support commissioned by/involving
 *   the LA"): community and family help stays in the plan, not in CLD. Crisis support is commissioned
 *   by the council: delivery mechanism "CASSR commissioned support" (so rule C asks no costs).
 * - Equipment is ongoing low-level support (§7: DHSC reads nested equipment as "Short term support:
 *   Ongoing low level"). Carers' emergency cover for a person who is themselves a carer is that
 *   carer's own support: "Unpaid carer support: Support involving the person cared-for", client type
 *   unpaid carer, linked to the people they care for; for anyone else it is emergency support to them.
 * - Short-term support ends with the episode (its own end date stands) and carries the closing
 *   table's service outcome (e.g. "NFA: Support ended as planned" is the ST-Max row's, never a request's).
 * - Long-term support a manager agreed during the crisis is NOT ended at close: while the crisis lasts
 *   it is reported as short-term support, and from the day after the close it is its own long-term
 *   Service event, so STS002a and ASCOF 2A find it as what followed the ST-Max (§5.2 step 5, §4.9).
 */

export const CRISIS_DELIVERY_MECHANISM = 'CASSR commissioned support';
export const PROGRESS_TO_ST_MAX = 'Progress to reablement/ST-Max';
export const PROGRESS_TO_PLANNING = 'Progress to support planning or services';
const SUPPORT_ENDED_AS_PLANNED = 'NFA: Support ended as planned';

/** Event sources: the episode's request, each item's event during the crisis, and what continues after. */
export const CRISIS_SOURCES = {
  request: 'crisis',
  support: 'crisis-service',
  longTerm: 'crisis-service-long-term',
} as const;

export interface CrisisSupportFacts {
  id: string;
  kind: string;
  description: string;
  provider: string;
  /** Provided by someone from the person's own network (family, a friend): not council-arranged. */
  fromNetwork: boolean;
  startsOn: string;
  endsOn: string | null;
  /** For long-term support: the CLD type and component the manager agreed. */
  longTermServiceType: string | null;
  longTermComponent: string | null;
  cancelled: boolean;
  /** The day it was put in (London). */
  decidedOn: string;
}

export interface CrisisEpisodeFacts {
  episodeId: string;
  startsOn: string;
  routeOfAccess: string;
  referralReason: string;
  /**
   * The people on our records this person cares for (at most three); empty: they are not a carer.
   * A carer's request is theirs as an unpaid carer (as a tier-one conversation is), and their
   * emergency cover is unpaid carer support; their own support (reablement, …) stays theirs as a
   * service user.
   */
  caresFor: readonly string[];
  support: readonly CrisisSupportFacts[];
  close: { closedOn: string; route: CloseRouteKey; whatFollowed: string } | null;
}

export interface CldEventWrite {
  source: { module: string; id: string };
  event: EventInput;
}

export interface Coding {
  serviceType: string;
  serviceComponent: string;
  clientType?: string;
  linkedPersonIds?: readonly string[];
}

/**
 * How support reports while the crisis lasts; null: it is not a CLD service (help from family,
 * friends or the community, or anyone from the person's own network).
 */
export function crisisSupportCoding(
  s: Pick<CrisisSupportFacts, 'kind' | 'fromNetwork' | 'longTermComponent'>,
  caresFor: readonly string[],
): Coding | null {
  if (s.fromNetwork) return null;
  switch (s.kind) {
    case 'reablement':
      return { serviceType: 'Short term support: ST-Max', serviceComponent: 'Reablement' };
    case 'rehabilitation':
      return { serviceType: 'Short term support: Other short term', serviceComponent: 'Other short term support' };
    case 'equipment':
      return { serviceType: 'Short term support: Ongoing low level', serviceComponent: 'Equipment' };
    case 'home_support':
      return {
        serviceType: 'Short term support: Other short term',
        serviceComponent: 'Home support or domiciliary care',
      };
    case 'carers_cover':
      return caresFor.length > 0
        ? {
            serviceType: 'Unpaid carer support: Support involving the person cared-for',
            serviceComponent: 'Unpaid carer respite',
            clientType: 'Unpaid carer',
            linkedPersonIds: caresFor,
          }
        : { serviceType: 'Short term support: Other short term', serviceComponent: 'Emergency support' };
    case 'long_term':
      return { serviceType: 'Short term support: Other short term', serviceComponent: interimComponent(s) };
    default:
      return null; // community and family help
  }
}

/** While the crisis lasts, long-term support is short-term support of the same setting. */
function interimComponent(s: Pick<CrisisSupportFacts, 'longTermComponent'>): string {
  if (s.longTermComponent === 'Long term residential care') return 'Short term residential care';
  if (s.longTermComponent === 'Long term nursing care') return 'Short term nursing care';
  return 'Other short term support';
}

const dayAfter = (date: string) => Temporal.PlainDate.from(date).add({ days: 1 }).toString();
const earlier = (a: string, b: string) => (a < b ? a : b);
const later = (a: string, b: string) => (a > b ? a : b);

function serviceEvent(coding: Coding, dates: { start: string; end: string | null }, outcome: string | null) {
  return {
    ...EMPTY_EVENT_FIELDS,
    eventType: 'Service',
    startDate: dates.start,
    endDate: dates.end,
    eventOutcome: outcome,
    serviceType: coding.serviceType,
    serviceComponent: coding.serviceComponent,
    deliveryMechanism: CRISIS_DELIVERY_MECHANISM,
    clientType: coding.clientType ?? 'Service user',
    linkedPersonIds: [...(coding.linkedPersonIds ?? [])],
  };
}

/** Support that goes ahead: not cancelled, and (short-term) not starting after the episode closed. */
export function goesAhead(s: CrisisSupportFacts, closedOn: string | null): boolean {
  if (s.cancelled) return false;
  return closedOn === null || s.kind === 'long_term' || s.startsOn <= closedOn;
}

/** The item's event while the crisis lasts (none for a long-term item starting after the close). */
function crisisPartOf(s: CrisisSupportFacts, f: CrisisEpisodeFacts): CldEventWrite | null {
  const coding = crisisSupportCoding(s, f.caresFor);
  const closedOn = f.close?.closedOn ?? null;
  if (!coding || !goesAhead(s, closedOn)) return null;
  if (closedOn !== null && s.startsOn > closedOn) return null;
  const longTerm = s.kind === 'long_term';
  const end =
    closedOn === null ? s.endsOn : longTerm ? earlier(s.endsOn ?? closedOn, closedOn) : (s.endsOn ?? closedOn);
  const outcome = f.close ? closingOutcomes(f.close.route, f.close.whatFollowed).service : null;
  return {
    source: { module: CRISIS_SOURCES.support, id: s.id },
    event: { ...serviceEvent(coding, { start: s.startsOn, end }, outcome), summary: supportSummary(s) },
  };
}

/** Long-term support continuing after the close: its own Service event from the day after. */
function continuationOf(s: CrisisSupportFacts, f: CrisisEpisodeFacts): CldEventWrite | null {
  if (s.kind !== 'long_term' || s.cancelled || s.fromNetwork || !f.close) return null;
  if (!s.longTermServiceType || !s.longTermComponent) return null;
  const closedOn = f.close.closedOn;
  if (s.endsOn !== null && s.endsOn <= closedOn) return null; // it ended within the crisis
  const coding = { serviceType: s.longTermServiceType, serviceComponent: s.longTermComponent };
  const dates = { start: later(s.startsOn, dayAfter(closedOn)), end: s.endsOn };
  return {
    source: { module: CRISIS_SOURCES.longTerm, id: s.id },
    event: {
      ...serviceEvent(coding, dates, s.endsOn === null ? null : SUPPORT_ENDED_AS_PLANNED),
      summary: `Long-term support agreed in a crisis: ${s.description} (${s.provider})`.slice(0, 2000),
    },
  };
}

export const supportSummary = (s: { description: string; provider: string }) =>
  `Crisis support: ${s.description} (${s.provider})`.slice(0, 2000);

/**
 * When and how the request was decided: the first council-arranged support (reablement first among
 * those decided the same day), else the close, else not yet (open, no outcome).
 */
export function requestDecision(f: CrisisEpisodeFacts, services: readonly CldEventWrite[]) {
  const decided = f.support
    .filter((s) => services.some((w) => w.source.module === CRISIS_SOURCES.support && w.source.id === s.id))
    .map((s) => ({ on: later(f.startsOn, earlier(s.decidedOn, s.startsOn)), reablement: s.kind === 'reablement' }));
  if (decided.length > 0) {
    const on = decided.map((d) => d.on).reduce(earlier);
    const reablement = decided.some((d) => d.on === on && d.reablement);
    return { endDate: on, outcome: reablement ? PROGRESS_TO_ST_MAX : PROGRESS_TO_PLANNING };
  }
  if (f.close)
    return { endDate: f.close.closedOn, outcome: closingOutcomes(f.close.route, f.close.whatFollowed).request };
  return { endDate: null, outcome: null };
}

/** Every CLD event the episode's facts call for, keyed by source. */
export function crisisCldEvents(f: CrisisEpisodeFacts): CldEventWrite[] {
  const services = f.support.flatMap((s) => [crisisPartOf(s, f), continuationOf(s, f)].filter((w) => w !== null));
  const decision = requestDecision(f, services);
  const request: CldEventWrite = {
    source: { module: CRISIS_SOURCES.request, id: f.episodeId },
    event: {
      ...EMPTY_EVENT_FIELDS,
      eventType: 'Request',
      // As in tier 1: someone who cares for a person on our records asks as an unpaid carer.
      clientType: f.caresFor.length > 0 ? 'Unpaid carer' : 'Service user',
      linkedPersonIds: [...f.caresFor],
      startDate: f.startsOn,
      endDate: decision.endDate,
      eventOutcome: decision.outcome,
      routeOfAccess: f.routeOfAccess,
      summary: `Crisis referral: ${f.referralReason}`.slice(0, 2000),
    },
  };
  return [request, ...services];
}
