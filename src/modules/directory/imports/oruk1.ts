import { z } from 'zod';
import { arr, days, obj, poundsText, schedule, str, zodReasons, type Mapped, type TermRef } from './candidate.js';

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

export function mapOruk1(raw: unknown): Mapped {
  const label = str(obj(raw)?.name) ?? str(obj(raw)?.id) ?? 'Unnamed record';
  const parsed = oruk1ServiceSchema.safeParse(raw);
  if (!parsed.success) return { ok: false, sourceId: str(obj(raw)?.id), label, reasons: zodReasons(parsed.error) };
  const s = parsed.data as Record<string, unknown> & z.output<typeof oruk1ServiceSchema>;
  const org = s.organization;
  const location =
    arr(s.service_at_locations)
      .map((sal) => obj(sal.location))
      .find((l) => l && arr(l.physical_addresses).length > 0) ?? null;
  const address = location ? arr(location.physical_addresses)[0]! : null;
  const eligibility = arr(s.eligibilitys)[0] ?? {};
  const costs = arr(s.cost_options);
  const terms: TermRef[] = arr(s.service_taxonomys)
    .map((x) => obj(x.taxonomy))
    .filter((t): t is Record<string, unknown> => t !== null && !!str(t.name))
    .map((t) => ({ code: str(t.id), name: str(t.name)!, description: null, taxonomy: str(t.vocabulary) }));
  const age = (v: unknown) => (typeof v === 'number' ? v : str(v));
  return {
    ok: true,
    candidate: {
      sourceId: s.id,
      label,
      terms,
      organization: { description: str(org.description), email: str(org.email), website: str(org.url) },
      input: {
        name: s.name,
        description: str(s.description) ?? s.name,
        organizationName: str(org.name),
        url: str(s.url),
        email: str(s.email),
        status: (s.status ?? 'active').toLowerCase(),
        eligibilityDescription: str(eligibility.eligibility),
        minimumAge: age(eligibility.minimum_age),
        maximumAge: age(eligibility.maximum_age),
        location: address
          ? {
              name: str(location!.name),
              address1: str(address.address_1),
              address2: null,
              city: str(address.city),
              county: str(address.state_province),
              postcode: str(address.postal_code),
              accessibility:
                arr(location!.accessibility_for_disabilities)
                  .map((a) => str(a.accessibility))
                  .filter(Boolean)
                  .join(' ') || null,
              latitude: location!.latitude,
              longitude: location!.longitude,
            }
          : null,
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
        contacts: arr(s.contacts)
          .map((c) => ({
            name: str(c.name) ?? str(c.title),
            email: str(c.email),
            phone: str(arr(c.phones)[0]?.number),
          }))
          .filter((c) => c.name || c.email || c.phone),
        costOptions: costs.map((c) => ({
          option: str(c.option),
          amountPence: poundsText(c.amount),
          amountDescription: str(c.amount_description),
        })),
        languages: arr(s.languages)
          .map((l) => str(l.language))
          .filter(Boolean),
        serviceAreas: arr(s.service_areas)
          .map((a) => str(a.service_area))
          .filter(Boolean)
          .map((n) => n!.slice(0, 200)),
        acceptsDirectPayments: false,
        freeOrLowCost: costs.length > 0 && costs.every((c) => c.amount === 0),
        lastChecked: str(s.assured_date),
        kinds: [],
      },
    },
  };
}
