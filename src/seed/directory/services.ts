import { mulberry32, stableUuid } from '../generate/random.js';
import { addDays } from '../generate/dates.js';
import {
  contactFamilyNames,
  contactFirstNames,
  contactTitles,
  fundingSources,
  kindTemplates,
  lunchCost,
} from './catalogue.js';
import { directoryOrganisations, type DemoDirectoryOrganisation } from './organisations.js';
import { sessionSchedule, openingHours } from './schedules.js';
import type { Row } from './bulk.js';
import { VenueBook } from './venues.js';
import {
  dramaNumber,
  languagesFor,
  organisationFor,
  slug,
  townChoices,
  uniqueName,
  withdrawalReasons,
} from './service-choices.js';

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
