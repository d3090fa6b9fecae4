import { mulberry32, stableUuid, type Rng } from '../generate/random.js';
import { addDays } from '../generate/dates.js';
import { patchTowns, patchWeights } from '../generate/places.js';
import {
  contactFamilyNames,
  contactFirstNames,
  contactTitles,
  fundingSources,
  kindTemplates,
  lunchCost,
  otherLanguages,
  type KindTemplate,
  meetingStreets,
  townQuarters,
} from './catalogue.js';
import { directoryOrganisations, type DemoDirectoryOrganisation } from './organisations.js';
import { townNamed, type DemoTown } from './places.js';
import { sessionSchedule, openingHours } from './schedules.js';
import type { Row } from './bulk.js';
import { VenueBook } from './venues.js';

/**
 * Builds the demo directory's rows in memory (deterministic for a seed and a day), ready for batch
 * inserts: organisations, services and every HSDS link table. Service n has kind n mod 17, so even
 * the tiny directory covers every kind; towns are drawn by population, so Wisbech and Ely have most.
 */
export interface DirectoryOwner {
  userId: string;
  name: string;
}

export interface DirectoryBuildOptions {
  orgId: string;
  seed: number;
  count: number;
  asOf: string;
  /** code → taxonomy term id (seedServiceKinds). */
  kinds: Map<string, string>;
  /** Demo staff who own (check) entries. */
  owners: readonly DirectoryOwner[];
  /** Partner organisation name → organisation id, for entries partners may curate. */
  partnerIds: Record<string, string>;
  reviewAfterDays: number;
}

export type DirectoryRows = Record<
  | 'organizations'
  | 'identifiers'
  | 'services'
  | 'locations'
  | 'addresses'
  | 'accessibility'
  | 'serviceAtLocations'
  | 'schedules'
  | 'contacts'
  | 'phones'
  | 'costOptions'
  | 'fundings'
  | 'languages'
  | 'serviceAreas'
  | 'attributes',
  Row[]
>;

const withdrawalReasons = [
  'The group has closed.',
  'Funding for the service ended.',
  'Merged with another group in the directory.',
  'The organiser has moved away and nobody has taken it on.',
];

const patchOf = new Map(
  Object.entries(patchTowns).flatMap(([patch, towns]) => towns.map((t) => [t.town, patch] as const)),
);
const townChoices = Object.entries(patchTowns).flatMap(([patch, towns]) => {
  const patchWeight = patchWeights.find(([p]) => p === patch)?.[1] ?? 10;
  const total = towns.reduce((sum, t) => sum + t.weight, 0);
  // A floor so the smallest villages still have something near them.
  return towns.map((t) => [townNamed(t.town), 2 + (t.weight / total) * patchWeight] as const);
});

/** Which organisation runs a service: its name says so for some, otherwise the local one for its patch. */
function organisationFor(rng: Rng, template: KindTemplate, name: string, town: DemoTown): string {
  if (/Polish|Lithuanian/.test(name)) return 'easternEuropean';
  if (/Asian/.test(name)) return 'asianElders';
  if (/Men’s Shed/.test(name)) return 'mensSheds';
  if (/Learning Disability|Gardening|Work Skills/.test(name)) return 'dayOpportunities';
  const patch = patchOf.get(town.town);
  if (template.kind === 'home-care-agencies')
    return rng.pick(
      patch === 'Fenland North'
        ? ['nene', 'homecareFenshire']
        : patch === 'Cathedral City'
          ? ['ouse', 'homecareFenshire']
          : ['granta'],
    );
  if (template.kind === 'transport')
    return patch === 'Fenland North'
      ? 'fenlandTransport'
      : patch === 'Cathedral City'
        ? 'elyTransport'
        : 'grantaNeighbours';
  return rng.pick(template.organisations);
}

function slug(text: string): string {
  return text
    .toLowerCase()
    .replace(/’/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

export function buildDirectory(opts: DirectoryBuildOptions): DirectoryRows {
  const rng = mulberry32(opts.seed * 7919 + 17);
  const { orgId, seed, asOf } = opts;
  const id = (label: string) => stableUuid(seed, `${orgId}:directory:${label}`);
  const rows: DirectoryRows = {
    organizations: [],
    identifiers: [],
    services: [],
    locations: [],
    addresses: [],
    accessibility: [],
    serviceAtLocations: [],
    schedules: [],
    contacts: [],
    phones: [],
    costOptions: [],
    fundings: [],
    languages: [],
    serviceAreas: [],
    attributes: [],
  };
  const orgIds = new Map<string, DemoDirectoryOrganisation & { id: string; host: string }>();
  for (const o of directoryOrganisations) {
    const host = new URL(o.website).host;
    orgIds.set(o.key, { ...o, id: id(`organization:${o.key}`), host });
    rows.organizations.push({
      id: id(`organization:${o.key}`),
      org_id: orgId,
      name: o.name,
      description: o.description,
      email: `hello@${host}`,
      website: o.website,
      tl_partner_org_id: o.partner ? (opts.partnerIds[o.partner] ?? null) : null,
      last_modified: `${asOf}T08:00:00Z`,
    });
    const number = o.charityNumber ?? o.companyNumber;
    if (number) {
      rows.identifiers.push({
        id: id(`identifier:${o.key}`),
        org_id: orgId,
        organization_id: id(`organization:${o.key}`),
        identifier_scheme: o.charityNumber ? 'GB-CHC' : 'GB-COH',
        identifier_type: o.charityNumber ? 'Charity number' : 'Company number',
        identifier: number,
      });
    }
  }
  const venues = new VenueBook(rng, seed, orgId, asOf);
  const usedNames = new Set<string>();
  const phonesUsed = new Set<number>();

  for (let n = 0; n < opts.count; n += 1) {
    const template = kindTemplates[n % kindTemplates.length]!;
    const town = rng.weighted(townChoices);
    const name = uniqueName(rng, template, town, usedNames);
    const organisation = orgIds.get(organisationFor(rng, template, name, town))!;
    const serviceId = id(`service:${n}`);
    const owner = rng.pick(opts.owners);
    const cost = /Lunch Club/.test(name) ? lunchCost : rng.pick(template.costs);
    const overdue = rng.chance(0.2);
    const lastChecked = addDays(
      asOf,
      overdue ? -rng.int(opts.reviewAfterDays + 5, opts.reviewAfterDays + 400) : -rng.int(0, opts.reviewAfterDays - 10),
    );
    const withdrawn = rng.chance(0.03);
    const closed = !withdrawn && rng.chance(0.02);
    rows.services.push({
      id: serviceId,
      org_id: orgId,
      organization_id: organisation.id,
      name,
      alternate_name: null,
      description: template.description.replaceAll('{town}', town.town),
      url: `${organisation.website}/${slug(name)}`,
      email: `hello@${organisation.host}`,
      status: withdrawn ? 'inactive' : closed ? 'temporarily closed' : 'active',
      fees: cost.option,
      fees_description: cost.description,
      eligibility_description: template.eligibility.replaceAll('{town}', town.town),
      minimum_age: template.minimumAge,
      maximum_age: null,
      alert: closed ? 'Closed for the summer; starts again in September.' : null,
      application_process: template.applicationProcess,
      last_modified: `${lastChecked}T10:00:00Z`,
      tl_owner_user_id: owner.userId,
      tl_owner_name: owner.name,
      tl_last_checked: lastChecked,
      tl_withdrawn_at: withdrawn ? `${addDays(asOf, -rng.int(1, 60))}T12:00:00Z` : null,
      tl_withdrawn_by: withdrawn ? owner.userId : null,
      tl_withdrawn_reason: withdrawn ? rng.pick(withdrawalReasons) : null,
      tl_accepts_direct_payments: rng.chance(template.directPayments),
      tl_free_or_low_cost: cost.pence <= 500,
      created_by: owner.userId,
    });
    for (const code of [template.kind, ...(template.alsoKinds ?? [])]) {
      const termId = opts.kinds.get(code);
      if (!termId) throw new Error(`The service kinds taxonomy has no term ${code}`);
      rows.attributes.push({
        id: id(`attribute:${n}:${code}`),
        org_id: orgId,
        link_id: serviceId,
        link_type: 'service_kind',
        link_entity: 'service',
        taxonomy_term_id: termId,
        value: null,
        label: null,
      });
    }
    const venue = venues.venueIn(town, template.venue === 'hall' ? 'hall' : 'office');
    const salId = id(`sal:${n}`);
    rows.serviceAtLocations.push({
      id: salId,
      org_id: orgId,
      service_id: serviceId,
      location_id: venue.id,
      description: null,
      last_modified: `${lastChecked}T10:00:00Z`,
    });
    const schedule = template.sessions ? sessionSchedule(rng, template.sessions, name) : openingHours(template.venue);
    rows.schedules.push({
      id: id(`schedule:${n}`),
      org_id: orgId,
      service_id: serviceId,
      service_at_location_id: salId,
      dtstart: addDays(asOf, -rng.int(60, 900)),
      ...schedule,
    });
    const contactName = `${rng.pick(contactFirstNames)} ${rng.pick(contactFamilyNames)}`;
    const contactId = id(`contact:${n}`);
    rows.contacts.push({
      id: contactId,
      org_id: orgId,
      service_id: serviceId,
      organization_id: null,
      name: contactName,
      title: rng.pick(contactTitles),
      department: null,
      email: `${slug(contactName).replace('-', '.')}@${organisation.host}`,
    });
    rows.phones.push({
      id: id(`phone:${n}`),
      org_id: orgId,
      service_id: serviceId,
      contact_id: contactId,
      location_id: null,
      number: dramaNumber(rng, phonesUsed),
      extension: null,
      type: 'voice',
      description: null,
    });
    rows.costOptions.push({
      id: id(`cost:${n}`),
      org_id: orgId,
      service_id: serviceId,
      option: cost.option,
      currency: 'GBP',
      amount_pence: cost.pence,
      amount_description: cost.description,
    });
    if (!organisation.companyNumber)
      rows.fundings.push({
        id: id(`funding:${n}`),
        org_id: orgId,
        service_id: serviceId,
        source: rng.pick(fundingSources),
      });
    for (const language of languagesFor(rng, organisation.key)) {
      rows.languages.push({
        id: id(`language:${n}:${language.code}`),
        org_id: orgId,
        service_id: serviceId,
        name: language.name,
        code: language.code,
        note: null,
      });
    }
    if (template.venue === 'home' || template.kind === 'transport' || template.kind === 'befriending') {
      rows.serviceAreas.push({
        id: id(`area:${n}`),
        org_id: orgId,
        service_id: serviceId,
        name: `${town.town} and nearby villages`,
        description: `${town.town} and the villages within about ten miles.`,
        extent: null,
        extent_type: null,
        uri: null,
      });
    }
  }
  rows.locations = venues.locations;
  rows.addresses = venues.addresses;
  rows.accessibility = venues.accessibility;
  return rows;
}

/**
 * A name no other service has. Real directories tell a town's several groups of one kind apart by
 * the part of town, then by the street they meet in, so the generator does the same when a big
 * directory (the benchmark's 10,000) runs out of plain names; a number would leak into public pages.
 */
function uniqueName(rng: Rng, template: KindTemplate, town: DemoTown, used: Set<string>): string {
  const start = rng.int(0, template.names.length - 1);
  const patterns = template.names.map((_, i) => template.names[(start + i) % template.names.length]!);
  const candidates = function* () {
    for (const place of [town.town, ...townQuarters.map((q) => `${q} ${town.town}`)])
      for (const pattern of patterns) yield pattern.replaceAll('{town}', place);
    for (const place of [town.town, ...townQuarters.map((q) => `${q} ${town.town}`)])
      for (const street of meetingStreets) for (const pattern of patterns) yield onStreet(pattern, street, place);
  };
  for (const name of candidates()) {
    if (used.has(name)) continue;
    used.add(name);
    return name;
  }
  // Beyond ~5,000 of one kind in one town: a repeated name is still a plausible name.
  return patterns[0]!.replaceAll('{town}', town.town);
}

/** "Church Lane Lunch Club, Ely", "Home Care – Church Lane, Ely". */
function onStreet(pattern: string, street: string, place: string): string {
  return pattern.startsWith('{town}')
    ? `${pattern.replace('{town}', street)}, ${place}`
    : pattern.replaceAll('{town}', `${street}, ${place}`);
}

/** Ofcom's drama range, 01632 960000–960999: never a real number. Unique while the range lasts. */
function dramaNumber(rng: Rng, used: Set<number>): string {
  let k = rng.int(0, 999);
  for (let i = 0; i < 1000 && used.has(k); i += 1) k = (k + 1) % 1000;
  used.add(k);
  return `01632 960${String(k).padStart(3, '0')}`;
}

const english = { name: 'English', code: 'en' };
function languagesFor(rng: Rng, organisationKey: string): { name: string; code: string }[] {
  if (organisationKey === 'easternEuropean')
    return [
      english,
      { name: 'Polish', code: 'pl' },
      { name: 'Lithuanian', code: 'lt' },
      { name: 'Latvian', code: 'lv' },
      { name: 'Russian', code: 'ru' },
    ];
  if (organisationKey === 'asianElders')
    return [
      english,
      { name: 'Gujarati', code: 'gu' },
      { name: 'Hindi', code: 'hi' },
      { name: 'Punjabi', code: 'pa' },
      { name: 'Bengali', code: 'bn' },
    ];
  return rng.chance(0.15) ? [english, rng.pick(otherLanguages)] : [english];
}
