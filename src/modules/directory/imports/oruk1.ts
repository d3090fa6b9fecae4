import { z } from 'zod';
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

/**
 * An ORUK 1.0 (HSDS-UK-1.0) service in the usual nested shape of v1 feeds: required `id`,
 * `name` and an `organization` with id, name and description (oruk-1.0/schema/service.json);
 * `regular_schedules`, `service_at_locations[].location.physical_addresses`,
 * `accessibility_for_disabilities`, `eligibilitys`, `languages[].language`, `service_areas[].service_area`,
 * `service_taxonomys[].taxonomy`, `contacts[].phones`, `cost_options`. 1.0 ids may be any string.
 */
export const oruk1ServiceSchema = z.looseObject({
  id: z.union([z.string().trim().min(1, 'is required'), z.number().transform(String)], 'is required'),
  name: z.string('is required').trim().min(1, 'is required'),
  organization: z.looseObject(
    {
      id: z.union([z.string(), z.number()], 'is required'),
      name: z.string('is required').min(1, 'is required'),
      description: z.string('is required'),
    },
    'is required',
  ),
  status: z.string().optional(),
});

type Raw = Record<string, unknown>;

export function mapOruk1(raw: unknown): Mapped {
  const label = str(obj(raw)?.name) ?? str(obj(raw)?.id) ?? 'Unnamed record';
  const parsed = oruk1ServiceSchema.safeParse(raw);
  if (!parsed.success) return { ok: false, sourceId: str(obj(raw)?.id), label, reasons: zodReasons(parsed.error) };
  const s = parsed.data as Raw & z.output<typeof oruk1ServiceSchema>;
  const org = s.organization;
  return {
    ok: true,
    candidate: {
      sourceId: s.id,
      label,
      terms: oruk1Terms(s),
      organization: { description: str(org.description), email: str(org.email), website: str(org.url) },
      input: oruk1ServiceInput(s),
    },
  };
}

function oruk1ServiceInput(s: Raw & z.output<typeof oruk1ServiceSchema>): Record<string, unknown> {
  const eligibility = arr(s.eligibilitys)[0] ?? {};
  const costs = arr(s.cost_options);
  const age = (v: unknown) => (typeof v === 'number' ? v : str(v));
  return {
    name: s.name,
    description: str(s.description) ?? s.name,
    organizationName: str(s.organization.name),
    url: str(s.url),
    email: str(s.email),
    status: (s.status ?? 'active').toLowerCase(),
    eligibilityDescription: str(eligibility.eligibility),
    minimumAge: age(eligibility.minimum_age),
    maximumAge: age(eligibility.maximum_age),
    location: oruk1Location(s),
    schedules: arr(s.regular_schedules)
      .map((x) =>
        schedule({
          days: days(x.weekday ?? x.byday),
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
      .map((l) => str(l.language))
      .filter(Boolean),
    serviceAreas: arr(s.service_areas)
      .map((a) => str(a.service_area))
      .filter(Boolean)
      .map((n) => n!.slice(0, 200)),
    acceptsDirectPayments: false,
    freeOrLowCost: allFree(costs),
    lastChecked: str(s.assured_date),
    kinds: [],
  };
}

function oruk1Terms(s: Raw): TermRef[] {
  return arr(s.service_taxonomys)
    .map((x) => obj(x.taxonomy))
    .filter((t): t is Raw => t !== null && !!str(t.name))
    .map((t) => ({ code: str(t.id), name: str(t.name)!, description: null, taxonomy: str(t.vocabulary) }));
}

/** The first location with a physical address, at its first address. */
function oruk1Location(s: Raw) {
  const location =
    arr(s.service_at_locations)
      .map((sal) => obj(sal.location))
      .find((l) => l && arr(l.physical_addresses).length > 0) ?? null;
  if (!location) return null;
  const address = arr(location.physical_addresses)[0]!;
  return {
    name: str(location.name),
    address1: str(address.address_1),
    address2: null,
    city: str(address.city),
    county: str(address.state_province),
    postcode: str(address.postal_code),
    accessibility:
      arr(location.accessibility_for_disabilities)
        .map((a) => str(a.accessibility))
        .filter(Boolean)
        .join(' ') || null,
    latitude: location.latitude,
    longitude: location.longitude,
  };
}
