import type { Selectable } from 'kysely';
import type {
  DirectoryAccessibilityTable,
  DirectoryAddressTable,
  DirectoryContactTable,
  DirectoryCostOptionTable,
  DirectoryFundingTable,
  DirectoryLanguageTable,
  DirectoryLocationTable,
  DirectoryOrganizationIdentifierTable,
  DirectoryOrganizationTable,
  DirectoryPhoneTable,
  DirectoryScheduleTable,
  DirectoryServiceAreaTable,
  DirectoryServiceTable,
  DirectoryTaxonomyTable,
  DirectoryTaxonomyTermTable,
} from '../directory/index.js';

/**
 * Database rows → ORUK 3.0 JSON. Every ORUK property has one JSON type, so `null` would fail the
 * official validator: missing values and empty arrays are left out (`compact`). Our `tl_` curation
 * fields (owner, withdrawal, last checked) are never published. HSDS 3.0 fields the UK profile
 * dropped (phones, language names, alternate names…) are published as extras, which HSDS allows.
 */
export type Json = Record<string, unknown>;

export function compact(fields: Json): Json {
  const out: Json = {};
  for (const [key, value] of Object.entries(fields)) {
    if (value === null || value === undefined) continue;
    if (Array.isArray(value) && value.length === 0) continue;
    out[key] = value;
  }
  return out;
}

/** RFC 3339 with milliseconds, as `service.last_modified` asks. */
export function timestamp(value: Date | string | null): string | undefined {
  return value === null ? undefined : new Date(value).toISOString();
}

/** 'HH:MM:SS' → 'HH:MM'. */
function clock(value: string | null): string | undefined {
  return value === null ? undefined : value.slice(0, 5);
}

/**
 * Curated and imported entries are checked when saved, but one malformed web address or email must
 * never make the whole published feed fail validation: such a value is left out instead.
 */
export function absoluteUri(value: string | null): string | undefined {
  if (value === null || /[\s<>"{}|\\^`]/.test(value)) return undefined;
  try {
    return /^[a-z][a-z\d+.-]*:/i.test(value) && new URL(value).protocol ? value : undefined;
  } catch {
    return undefined;
  }
}

export function email(value: string | null): string | undefined {
  return value !== null &&
    /^[^\s@<>()[\]\\,;:"]+@[a-z\d](?:[a-z\d-]*[a-z\d])?(?:\.[a-z\d](?:[a-z\d-]*[a-z\d])?)+$/i.test(value)
    ? value
    : undefined;
}

function num(value: string | number | null): number | undefined {
  return value === null ? undefined : Number(value);
}

/** The service columns the API publishes (never the `tl_` curation fields or the search vector). */
export const SERVICE_COLUMNS = [
  'id',
  'organization_id',
  'name',
  'alternate_name',
  'description',
  'url',
  'email',
  'status',
  'fees',
  'fees_description',
  'accreditations',
  'eligibility_description',
  'minimum_age',
  'maximum_age',
  'assured_date',
  'assurer_email',
  'alert',
  'application_process',
  'last_modified',
] as const;
export type ServiceRow = Pick<Selectable<DirectoryServiceTable>, (typeof SERVICE_COLUMNS)[number]>;
export type OrganizationRow = Selectable<DirectoryOrganizationTable>;

/** The flat service, as in list items; `organization` is attached by the caller. */
export function flatService(s: ServiceRow): Json {
  return compact({
    id: s.id,
    organization_id: s.organization_id,
    name: s.name,
    alternate_name: s.alternate_name,
    description: s.description,
    url: absoluteUri(s.url),
    email: email(s.email),
    status: s.status,
    fees: s.fees,
    fees_description: s.fees_description,
    accreditations: s.accreditations,
    eligibility_description: s.eligibility_description,
    minimum_age: num(s.minimum_age),
    maximum_age: num(s.maximum_age),
    assured_date: s.assured_date,
    assurer_email: email(s.assurer_email),
    alert: s.alert,
    application_process: s.application_process,
    last_modified: timestamp(s.last_modified),
  });
}

export function flatOrganization(
  o: Pick<
    OrganizationRow,
    'id' | 'name' | 'description' | 'email' | 'website' | 'logo' | 'uri' | 'parent_organization_id'
  >,
): Json {
  return compact({
    id: o.id,
    name: o.name,
    description: o.description,
    email: email(o.email),
    website: absoluteUri(o.website),
    logo: o.logo,
    uri: absoluteUri(o.uri),
    parent_organization_id: o.parent_organization_id,
  });
}

export function organizationIdentifier(r: Selectable<DirectoryOrganizationIdentifierTable>): Json {
  return compact({
    id: r.id,
    organization_id: r.organization_id,
    identifier_scheme: r.identifier_scheme,
    identifier_type: r.identifier_type,
    identifier: r.identifier,
  });
}

export function taxonomy(t: Selectable<DirectoryTaxonomyTable>): Json {
  return compact({ id: t.id, name: t.name, description: t.description, uri: absoluteUri(t.uri), version: t.version });
}

export function taxonomyTerm(t: Selectable<DirectoryTaxonomyTermTable>): Json {
  return compact({
    id: t.id,
    name: t.name,
    description: t.description,
    parent_id: t.parent_id,
    taxonomy: t.taxonomy,
    taxonomy_id: t.taxonomy_id,
    term_uri: absoluteUri(t.term_uri),
    term: t.term,
    code: t.code,
  });
}

export function flatLocation(l: Selectable<DirectoryLocationTable>): Json {
  return compact({
    id: l.id,
    location_type: l.location_type,
    name: l.name,
    alternate_name: l.alternate_name,
    description: l.description,
    transportation: l.transportation,
    latitude: l.latitude ?? undefined,
    longitude: l.longitude ?? undefined,
    external_identifier: l.external_identifier,
    external_identifier_type: l.external_identifier_type,
  });
}

export function address(a: Selectable<DirectoryAddressTable>): Json {
  return compact({
    id: a.id,
    location_id: a.location_id,
    attention: a.attention,
    address_1: a.address_1,
    address_2: a.address_2,
    city: a.city,
    region: a.region,
    state_province: a.state_province,
    postal_code: a.postal_code,
    country: a.country,
    address_type: a.address_type,
  });
}

export function accessibility(a: Selectable<DirectoryAccessibilityTable>): Json {
  return compact({
    id: a.id,
    location_id: a.location_id,
    description: a.description,
    details: a.details,
    url: absoluteUri(a.url),
  });
}

export function schedule(s: Selectable<DirectoryScheduleTable>): Json {
  return compact({
    id: s.id,
    service_id: s.service_id,
    service_at_location_id: s.service_at_location_id,
    valid_from: s.valid_from,
    valid_to: s.valid_to,
    dtstart: s.dtstart,
    freq: s.freq,
    interval: s.interval ?? undefined,
    byday: s.byday,
    bymonthday: s.bymonthday,
    description: s.description,
    opens_at: clock(s.opens_at),
    closes_at: clock(s.closes_at),
    schedule_link: absoluteUri(s.schedule_link),
    attending_type: s.attending_type,
    notes: s.notes,
  });
}

export function serviceArea(a: Selectable<DirectoryServiceAreaTable>): Json {
  return compact({
    id: a.id,
    service_id: a.service_id,
    name: a.name,
    description: a.description,
    extent: a.extent,
    extent_type: a.extent_type,
    uri: a.uri,
    service_area: a.name,
  });
}

export function language(l: Selectable<DirectoryLanguageTable>): Json {
  return compact({
    id: l.id,
    service_id: l.service_id,
    phone_id: l.phone_id,
    name: l.name,
    code: l.code,
    note: l.note,
  });
}

export function funding(f: Selectable<DirectoryFundingTable>): Json {
  return compact({ id: f.id, service_id: f.service_id, source: f.source });
}

/** Money is stored in pence; ORUK's `amount` is a number in the currency's main unit (pounds). */
export function costOption(c: Selectable<DirectoryCostOptionTable>): Json {
  return compact({
    id: c.id,
    service_id: c.service_id,
    valid_from: c.valid_from,
    valid_to: c.valid_to,
    option: c.option,
    currency: c.currency,
    amount: c.amount_pence === null ? undefined : c.amount_pence / 100,
    amount_description: c.amount_description,
  });
}

export function phone(p: Selectable<DirectoryPhoneTable>): Json {
  return compact({
    id: p.id,
    service_id: p.service_id,
    contact_id: p.contact_id,
    number: p.number,
    extension: p.extension,
    type: p.type,
    description: p.description,
  });
}

export function contact(c: Selectable<DirectoryContactTable>): Json {
  return compact({
    id: c.id,
    service_id: c.service_id,
    name: c.name,
    title: c.title,
    department: c.department,
    email: email(c.email),
  });
}
