import { z } from 'zod';
import { serviceStatuses } from '../model.js';
import {
  allFree,
  arr,
  contactsOf,
  costOptionsOf,
  days,
  obj,
  schedule,
  str,
  zodReasons,
  type Mapped,
  type TermRef,
} from './candidate.js';
import { idField } from '../../../platform/http/ids.js';

/**
 * An ORUK 3.0 (HSDS-UK-3.0) service as `/services/{id}` returns it. The required fields and formats
 * mirror oruk-3.0/schema/service.json and organization.json (id uuid, name, status from the enum;
 * an embedded organization needs id, name and description); url and email formats are checked by
 * the entry model. Everything else is read leniently: real feeds carry extras and HSDS fields.
 */
const uuid = idField('must be a uuid');
export const oruk3ServiceSchema = z.looseObject({
  id: uuid,
  name: z.string('is required').trim().min(1, 'is required'),
  status: z.enum(serviceStatuses, `must be one of ${serviceStatuses.join(', ')}`),
  organization_id: uuid.optional(),
  organization: z
    .looseObject({
      id: uuid,
      name: z.string('is required').min(1, 'is required'),
      description: z.string('is required'),
    })
    .optional(),
  minimum_age: z.number('must be a number').optional(),
  maximum_age: z.number('must be a number').optional(),
});

type Raw = Record<string, unknown>;
type Oruk3Service = Raw & z.output<typeof oruk3ServiceSchema>;

export function mapOruk3(raw: unknown, organizations: Map<string, Raw> = new Map()): Mapped {
  const label = str(obj(raw)?.name) ?? str(obj(raw)?.id) ?? 'Unnamed record';
  const parsed = oruk3ServiceSchema.safeParse(raw);
  if (!parsed.success) return { ok: false, sourceId: str(obj(raw)?.id), label, reasons: zodReasons(parsed.error) };
  const s = parsed.data as Oruk3Service;
  const org = s.organization ?? (s.organization_id ? organizations.get(s.organization_id) : undefined);
  if (!org)
    return {
      ok: false,
      sourceId: s.id,
      label,
      reasons: ['organization: the service names no organisation the feed describes'],
    };
  return {
    ok: true,
    candidate: {
      sourceId: s.id,
      label,
      terms: oruk3Terms(s),
      organization: { description: str(org.description), email: str(org.email), website: str(org.website) },
      input: oruk3ServiceInput(s, org),
    },
  };
}

function oruk3ServiceInput(s: Oruk3Service, org: Raw): Record<string, unknown> {
  const costs = arr(s.cost_options);
  return {
    name: s.name,
    description: str(s.description) ?? s.name,
    organizationName: str(org.name),
    url: str(s.url),
    email: str(s.email),
    status: s.status,
    eligibilityDescription: str(s.eligibility_description),
    minimumAge: s.minimum_age ?? null,
    maximumAge: s.maximum_age ?? null,
    location: oruk3Location(s),
    schedules: arr(s.schedules)
      .map((x) =>
        schedule({
          days: days(x.byday),
          opens: x.opens_at,
          closes: x.closes_at,
          description: x.description,
          monthly: x.freq === 'MONTHLY',
        }),
      )
      .filter(Boolean),
    contacts: contactsOf(s.contacts),
    costOptions: costOptionsOf(costs),
    languages: arr(s.languages)
      .map((l) => str(l.name) ?? str(l.code))
      .filter(Boolean),
    serviceAreas: arr(s.service_areas)
      .map((a) => str(a.name) ?? str(a.service_area))
      .filter(Boolean)
      .map((n) => n!.slice(0, 200)),
    acceptsDirectPayments: s.tl_accepts_direct_payments === true,
    freeOrLowCost: allFree(costs),
    lastChecked: str(s.assured_date),
    kinds: [],
  };
}

function oruk3Terms(s: Raw): TermRef[] {
  return arr(s.attributes)
    .map((a) => obj(a.taxonomy_term))
    .filter((t): t is Raw => t !== null && !!str(t.name))
    .map((t) => ({
      code: str(t.code) ?? str(t.term) ?? str(t.id),
      name: str(t.name)!,
      description: str(t.description),
      taxonomy: str(t.taxonomy),
    }));
}

/** The first location with an address, at its physical address (or its first one). */
function oruk3Location(s: Raw) {
  const location =
    arr(s.service_at_locations)
      .map((sal) => obj(sal.location))
      .find((l) => l && arr(l.addresses).length > 0) ?? null;
  if (!location) return null;
  const address = arr(location.addresses).find((a) => a.address_type === 'physical') ?? arr(location.addresses)[0]!;
  return {
    name: str(location.name),
    address1: str(address.address_1),
    address2: str(address.address_2),
    city: str(address.city),
    county: str(address.state_province) ?? str(address.region),
    postcode: str(address.postal_code),
    accessibility:
      arr(location.accessibility)
        .map((a) => str(a.description) ?? str(a.accessibility))
        .filter(Boolean)
        .join(' ') || null,
    latitude: location.latitude,
    longitude: location.longitude,
  };
}
