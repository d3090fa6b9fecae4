/**
 * What each CLD event type must carry, in ONE place: the event schema applies these rules (zod), and
 * migration 0019 holds the same rules as CHECK constraints, named in `constraint` so a test can run
 * each rule's cases through both (test/integration/people-event-model.test.ts).
 *
 * Sources (../shared/standards/cld.md): §2.1 fields 31 (route of access, every request), 32
 * (assessment type, every assessment), 40–42 (service type and component; delivery mechanism, which
 * CLD does not make mandatory but the council always knows and the cost rule depends on), rule C
 * (costs), 35–39 (carer fields only on a carer's events, at most three linked adults), 44 (provider).
 */

export interface EventRuleInput {
  eventType: string;
  clientType: string;
  routeOfAccess: string | null;
  assessmentType: string | null;
  serviceType: string | null;
  serviceComponent: string | null;
  deliveryMechanism: string | null;
  unitCostPence: number | null;
  costFrequency: string | null;
  plannedUnitsPerWeek: number | null;
  linkedPersonIds: readonly string[];
  adultsCaredFor: number | null;
  hoursCaringPerWeek: number | null;
  providerCqcLocationId: string | null;
}

export interface EventRule {
  /** The CHECK constraint on person_event that holds the same rule. */
  readonly constraint: string;
  /** The field an error is shown against. */
  readonly path: keyof EventRuleInput;
  readonly message: string;
  readonly holds: (e: EventRuleInput) => boolean;
}

const isCarer = (clientType: string) => /carer/i.test(clientType);

/** cld.md §2.1 rule C: which services must carry their costs (compared case-blind, R1 and R2 spellings). */
export function serviceNeedsCosts(e: EventRuleInput): boolean {
  if (e.eventType !== 'Service' || e.deliveryMechanism === null) return false;
  if (e.deliveryMechanism.toLowerCase() === 'cassr commissioned support') return false;
  const type = (e.serviceType ?? '').toLowerCase();
  const component = (e.serviceComponent ?? '').toLowerCase();
  return (
    type.startsWith('long term support:') ||
    type.startsWith('unpaid carer support:') ||
    type.startsWith('carer support:') ||
    ['short term residential care', 'short term nursing care', 'unpaid carer respite', 'carer respite'].includes(
      component,
    )
  );
}

export const eventRules: readonly EventRule[] = [
  {
    constraint: 'person_event_request_route',
    path: 'routeOfAccess',
    message: 'Select how the request came to us (the route of access)',
    holds: (e) => e.eventType !== 'Request' || e.routeOfAccess !== null,
  },
  {
    constraint: 'person_event_assessment_type',
    path: 'assessmentType',
    message: 'Select the assessment type',
    holds: (e) => e.eventType !== 'Assessment' || e.assessmentType !== null,
  },
  {
    constraint: 'person_event_service_coding',
    path: 'serviceType',
    message: 'Select the service type',
    holds: (e) => e.eventType !== 'Service' || e.serviceType !== null,
  },
  {
    constraint: 'person_event_service_coding',
    path: 'serviceComponent',
    message: 'Select the service component',
    holds: (e) => e.eventType !== 'Service' || e.serviceComponent !== null,
  },
  {
    constraint: 'person_event_service_mechanism',
    path: 'deliveryMechanism',
    message: 'Select how the service is delivered (the delivery mechanism)',
    holds: (e) => e.eventType !== 'Service' || e.deliveryMechanism !== null,
  },
  ...(['unitCostPence', 'costFrequency', 'plannedUnitsPerWeek'] as const).map((path): EventRule => ({
    constraint: 'person_event_service_costs',
    path,
    message: {
      unitCostPence: 'Enter the unit cost: this support must carry its costs',
      costFrequency: 'Select the cost frequency: this support must carry its costs',
      plannedUnitsPerWeek: 'Enter the planned units per week: this support must carry its costs',
    }[path],
    holds: (e) => !serviceNeedsCosts(e) || e[path] !== null,
  })),
  {
    constraint: 'person_event_linked_people',
    path: 'linkedPersonIds',
    message: 'Only a carer’s event can be linked to the people they care for, at most three',
    holds: (e) => e.linkedPersonIds.length <= 3 && (e.linkedPersonIds.length === 0 || isCarer(e.clientType)),
  },
  {
    constraint: 'person_event_caring',
    path: 'adultsCaredFor',
    message: 'Only a carer’s event records how many adults they care for and for how long',
    holds: (e) => (e.adultsCaredFor === null && e.hoursCaringPerWeek === null) || isCarer(e.clientType),
  },
  {
    constraint: 'person_event_provider',
    path: 'providerCqcLocationId',
    message: 'Only a service has a provider',
    holds: (e) => e.providerCqcLocationId === null || e.eventType === 'Service',
  },
];

/** The rules an event breaks (empty when it is complete for its type). */
export function brokenEventRules(e: EventRuleInput): EventRule[] {
  return eventRules.filter((rule) => !rule.holds(e));
}
