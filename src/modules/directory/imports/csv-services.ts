import { csvRecords, pick } from '../csv.js';
import { days, schedule, type Mapped } from './candidate.js';

/**
 * One CSV file of services, one row per service: the HSDS `services.csv` columns (id, name,
 * description, url, email, status, minimum_age, maximum_age, assured_date) plus the commonly
 * flattened ones documented in docs (organization_name, address_1, city, postal_code, days,
 * opens_at, closes_at, phone, cost_amount, languages, taxonomy_terms, …). Lists inside a cell are
 * separated by semicolons. Required: id, name, status (as the tabular profile) and organization_name.
 */
export const CSV_COLUMNS = [
  'id',
  'name',
  'description',
  'organization_name',
  'organization_description',
  'url',
  'email',
  'status',
  'minimum_age',
  'maximum_age',
  'eligibility_description',
  'address_1',
  'address_2',
  'city',
  'state_province',
  'postal_code',
  'accessibility',
  'days',
  'opens_at',
  'closes_at',
  'schedule_description',
  'contact_name',
  'phone',
  'contact_email',
  'cost_option',
  'cost_amount',
  'cost_description',
  'languages',
  'service_areas',
  'taxonomy_terms',
  'accepts_direct_payments',
  'free_or_low_cost',
  'assured_date',
] as const;

const list = (v: string | undefined) =>
  (v ?? '')
    .split(';')
    .map((x) => x.trim())
    .filter(Boolean);
const yes = (v: string | undefined) => /^(y|yes|true|1)$/i.test(v ?? '');

type Row = Record<string, string>;

export function mapCsv(text: string): { headerProblem: string | null; records: Mapped[] } {
  const { headers, records } = csvRecords(text);
  const missing = ['id', 'name', 'status'].filter((h) => !headers.includes(h));
  if (missing.length)
    return { headerProblem: `The first row must name the columns; missing: ${missing.join(', ')}`, records: [] };
  return { headerProblem: null, records: records.map((r, i) => mapCsvRow(r, i + 2)) };
}

/** One data row (`line` is its line in the file, counting the header) into a candidate or its reasons. */
function mapCsvRow(r: Row, line: number): Mapped {
  const id = pick(r, 'id');
  const name = pick(r, 'name');
  const label = name ?? id ?? `Row ${line}`;
  const reasons = [
    ...(id ? [] : [`row ${line}: id is required`]),
    ...(name ? [] : [`row ${line}: name is required`]),
    ...(pick(r, 'status') ? [] : [`row ${line}: status is required`]),
  ];
  if (reasons.length) return { ok: false, sourceId: id ?? null, label, reasons };
  return {
    ok: true,
    candidate: {
      sourceId: id!,
      label,
      terms: list(pick(r, 'taxonomy_terms', 'kinds', 'taxonomy')).map((code) => ({
        code,
        name: code,
        description: null,
        taxonomy: null,
      })),
      organization: { description: pick(r, 'organization_description') ?? null, email: null, website: null },
      input: csvServiceInput(r, name!),
    },
  };
}

function csvServiceInput(r: Row, name: string): Record<string, unknown> {
  return {
    name,
    description: pick(r, 'description') ?? name,
    organizationName: pick(r, 'organization_name', 'organization') ?? '',
    url: pick(r, 'url'),
    email: pick(r, 'email'),
    status: pick(r, 'status'),
    eligibilityDescription: pick(r, 'eligibility_description', 'eligibility'),
    minimumAge: pick(r, 'minimum_age'),
    maximumAge: pick(r, 'maximum_age'),
    location: csvLocation(r),
    schedules: csvSchedules(r),
    contacts: csvContacts(r),
    costOptions: csvCostOptions(r),
    languages: list(pick(r, 'languages')),
    serviceAreas: list(pick(r, 'service_areas')),
    acceptsDirectPayments: yes(pick(r, 'accepts_direct_payments')),
    freeOrLowCost: yes(pick(r, 'free_or_low_cost')),
    lastChecked: pick(r, 'assured_date'),
    kinds: [],
  };
}

/** A location only when the row gives a first address line or a postcode. */
function csvLocation(r: Row) {
  const address1 = pick(r, 'address_1', 'address1', 'address');
  const postcode = pick(r, 'postal_code', 'postcode');
  if (!address1 && !postcode) return null;
  return {
    name: null,
    address1,
    address2: pick(r, 'address_2'),
    city: pick(r, 'city'),
    county: pick(r, 'state_province', 'county'),
    postcode,
    accessibility: pick(r, 'accessibility'),
  };
}

function csvSchedules(r: Row) {
  const sched = schedule({
    days: days(pick(r, 'days', 'byday')),
    opens: pick(r, 'opens_at'),
    closes: pick(r, 'closes_at'),
    description: pick(r, 'schedule_description'),
  });
  return sched ? [sched] : [];
}

function csvContacts(r: Row) {
  const contact = {
    name: pick(r, 'contact_name') ?? null,
    phone: pick(r, 'phone', 'contact_phone') ?? null,
    email: pick(r, 'contact_email') ?? null,
  };
  return contact.name || contact.phone || contact.email ? [contact] : [];
}

function csvCostOptions(r: Row) {
  const cost = {
    option: pick(r, 'cost_option') ?? null,
    amountPence: pick(r, 'cost_amount', 'amount') ?? null,
    amountDescription: pick(r, 'cost_description', 'amount_description') ?? null,
  };
  return cost.amountPence !== null || cost.amountDescription ? [cost] : [];
}
