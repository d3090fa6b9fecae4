import { penceToPounds } from '../../platform/money.js';
import type { ServiceInput } from './model.js';

/**
 * The entry form is flat (no JavaScript to add rows): a fixed number of rows for opening times,
 * contacts and costs; blank rows are dropped. Field names are the zod paths joined by '-', so an
 * error on `schedules.1.closesAt` links to the input with id 'schedules-1-closesAt'.
 */
export const SCHEDULE_ROWS = 3;
export const CONTACT_ROWS = 2;
export const COST_ROWS = 2;
/** Rows read back from a post: an imported entry may have more than the blank form offers. */
const MAX_ROWS = 20;

type Body = Record<string, unknown>;
const text = (v: unknown) => (typeof v === 'string' ? v.trim() : Array.isArray(v) ? String(v[0] ?? '').trim() : '');
const list = (v: unknown) => (Array.isArray(v) ? v.map(String) : typeof v === 'string' && v !== '' ? [v] : []);
const filled = (o: Record<string, unknown>) =>
  Object.values(o).some((v) => (Array.isArray(v) ? v.length > 0 : v !== ''));

function rows<T extends Record<string, unknown>>(count: number, read: (i: number) => T): T[] {
  return Array.from({ length: count }, (_, i) => read(i)).filter(filled);
}

export function serviceFormToInput(body: Body): Record<string, unknown> {
  const location = {
    name: text(body['location-name']),
    address1: text(body['location-address1']),
    address2: text(body['location-address2']),
    city: text(body['location-city']),
    county: text(body['location-county']),
    postcode: text(body['location-postcode']),
    accessibility: text(body['location-accessibility']),
  };
  return {
    name: text(body.name),
    description: text(body.description),
    organizationName: text(body.organizationName),
    url: text(body.url),
    email: text(body.email),
    status: text(body.status) || 'active',
    eligibilityDescription: text(body.eligibilityDescription),
    minimumAge: text(body.minimumAge),
    maximumAge: text(body.maximumAge),
    location: filled(location) ? location : null,
    schedules: rows(MAX_ROWS, (i) => ({
      days: list(body[`schedules-${i}-days`]),
      opensAt: text(body[`schedules-${i}-opensAt`]),
      closesAt: text(body[`schedules-${i}-closesAt`]),
      description: text(body[`schedules-${i}-description`]),
    })),
    contacts: rows(MAX_ROWS, (i) => ({
      name: text(body[`contacts-${i}-name`]),
      phone: text(body[`contacts-${i}-phone`]),
      email: text(body[`contacts-${i}-email`]),
    })),
    costOptions: rows(MAX_ROWS, (i) => ({
      option: text(body[`costOptions-${i}-option`]),
      amountPence: text(body[`costOptions-${i}-amountPence`]),
      amountDescription: text(body[`costOptions-${i}-amountDescription`]),
    })),
    languages: text(body.languages),
    serviceAreas: text(body.serviceAreas),
    kinds: list(body.kinds),
    acceptsDirectPayments: text(body.acceptsDirectPayments) === 'yes',
    freeOrLowCost: text(body.freeOrLowCost) === 'yes',
    ownerName: text(body.ownerName),
    lastChecked: text(body.lastChecked),
  };
}

/** Values for re-showing a submitted form exactly as typed. */
export function serviceFormValues(body: Body): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(body)) if (k !== '_csrf') values[k] = v;
  values.kinds = list(body.kinds);
  for (let i = 0; i < MAX_ROWS; i += 1) values[`schedules-${i}-days`] = list(body[`schedules-${i}-days`]);
  return values;
}

/** A saved entry as form values. */
export function serviceInputToForm(input: ServiceInput, version: number): Record<string, unknown> {
  const values: Record<string, unknown> = {
    name: input.name,
    description: input.description,
    organizationName: input.organizationName,
    url: input.url ?? '',
    email: input.email ?? '',
    status: input.status,
    eligibilityDescription: input.eligibilityDescription ?? '',
    minimumAge: input.minimumAge ?? '',
    maximumAge: input.maximumAge ?? '',
    languages: input.languages.join(', '),
    serviceAreas: input.serviceAreas.join(', '),
    kinds: input.kinds,
    acceptsDirectPayments: input.acceptsDirectPayments ? 'yes' : '',
    freeOrLowCost: input.freeOrLowCost ? 'yes' : '',
    ownerName: input.ownerName ?? '',
    lastChecked: input.lastChecked ?? '',
    version,
  };
  if (input.location) {
    const l = input.location;
    Object.assign(values, {
      'location-name': l.name ?? '',
      'location-address1': l.address1,
      'location-address2': l.address2 ?? '',
      'location-city': l.city,
      'location-county': l.county,
      'location-postcode': l.postcode,
      'location-accessibility': l.accessibility ?? '',
    });
  }
  input.schedules.forEach((s, i) =>
    Object.assign(values, {
      [`schedules-${i}-days`]: s.days,
      [`schedules-${i}-opensAt`]: s.opensAt ?? '',
      [`schedules-${i}-closesAt`]: s.closesAt ?? '',
      [`schedules-${i}-description`]: s.description ?? '',
    }),
  );
  input.contacts.forEach((c, i) =>
    Object.assign(values, {
      [`contacts-${i}-name`]: c.name ?? '',
      [`contacts-${i}-phone`]: c.phone ?? '',
      [`contacts-${i}-email`]: c.email ?? '',
    }),
  );
  input.costOptions.forEach((c, i) =>
    Object.assign(values, {
      [`costOptions-${i}-option`]: c.option ?? '',
      [`costOptions-${i}-amountPence`]: c.amountPence === null ? '' : penceToPounds(c.amountPence),
      [`costOptions-${i}-amountDescription`]: c.amountDescription ?? '',
    }),
  );
  return values;
}

/** How many rows of each kind the form shows: one blank row more than is filled, at least the default. */
export function rowCounts(values: Record<string, unknown>): {
  schedules: number;
  contacts: number;
  costOptions: number;
} {
  const used = (prefix: string) => {
    let n = 0;
    for (const key of Object.keys(values)) {
      const m = new RegExp(`^${prefix}-(\\d+)-`).exec(key);
      const v = values[key];
      if (m && (Array.isArray(v) ? v.length > 0 : v !== '' && v !== undefined)) n = Math.max(n, Number(m[1]) + 1);
    }
    return n;
  };
  return {
    schedules: Math.min(MAX_ROWS, Math.max(SCHEDULE_ROWS, used('schedules') + 1)),
    contacts: Math.min(MAX_ROWS, Math.max(CONTACT_ROWS, used('contacts') + 1)),
    costOptions: Math.min(MAX_ROWS, Math.max(COST_ROWS, used('costOptions') + 1)),
  };
}
