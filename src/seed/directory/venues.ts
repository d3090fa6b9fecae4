import type { Rng } from '../generate/random.js';
import { stableUuid } from '../generate/random.js';
import { accessibilityNotes, hallVenues, officeVenues } from './catalogue.js';
import type { Row } from './bulk.js';
import { centroidOf, postcodeInTown, type DemoTown } from './places.js';

/**
 * Venues for the demo directory: a library, church hall or office in a town, with an address whose
 * postcode is in the shipped postcode table and whose latitude and longitude are that postcode's
 * centroid, so "near a postcode" searches find them where residents expect. Many groups share a venue.
 */
const streets = [
  'High Street',
  'Market Place',
  'Station Road',
  'Church Street',
  'Broad Street',
  'The Causeway',
  'Bridge Street',
  'Hall Road',
  'West End',
  'Chapel Lane',
];

export interface Venue {
  id: string;
  name: string;
  town: DemoTown;
  postcode: string;
}

export class VenueBook {
  readonly locations: Row[] = [];
  readonly addresses: Row[] = [];
  readonly accessibility: Row[] = [];
  private readonly byKey = new Map<string, Venue>();

  constructor(
    private readonly rng: Rng,
    private readonly seed: number,
    private readonly orgId: string,
    private readonly asOf: string,
  ) {}

  /** A venue of the given sort in a town; the same (town, venue name) is one location. */
  venueIn(town: DemoTown, sort: 'hall' | 'office'): Venue {
    const name = this.rng.pick(sort === 'hall' ? hallVenues : officeVenues).replace('{town}', town.town);
    const existing = this.byKey.get(name);
    if (existing) return existing;
    const postcode = postcodeInTown(town, this.rng.next(), this.rng.next(), this.rng.next());
    const centroid = centroidOf(postcode);
    if (!centroid) throw new Error(`The demo postcode ${postcode} has no centroid`);
    const venue: Venue = {
      id: stableUuid(this.seed, `${this.orgId}:directory:location:${name}`),
      name,
      town,
      postcode,
    };
    this.byKey.set(name, venue);
    this.locations.push({
      id: venue.id,
      org_id: this.orgId,
      location_type: 'physical',
      name,
      description: null,
      transportation: this.rng.chance(0.6)
        ? `Buses stop on ${this.rng.pick(streets)}, a short walk away. ${this.rng.chance(0.5) ? 'Free parking outside.' : 'Pay-and-display car park nearby.'}`
        : null,
      latitude: centroid.latitude,
      longitude: centroid.longitude,
      last_modified: `${this.asOf}T09:00:00Z`,
    });
    this.addresses.push({
      id: stableUuid(this.seed, `${this.orgId}:directory:address:${name}`),
      org_id: this.orgId,
      location_id: venue.id,
      address_1: `${this.rng.int(1, 90)} ${this.rng.pick(streets)}`,
      address_2: null,
      city: town.town,
      region: null,
      state_province: 'Cambridgeshire',
      postal_code: postcode,
      country: 'GB',
      address_type: 'physical',
    });
    const access = this.rng.pick(accessibilityNotes);
    this.accessibility.push({
      id: stableUuid(this.seed, `${this.orgId}:directory:accessibility:${name}`),
      org_id: this.orgId,
      location_id: venue.id,
      description: access.description,
      details: access.details,
      url: null,
    });
    return venue;
  }
}

export const locationColumns = [
  ['id', 'uuid'],
  ['org_id', 'uuid'],
  ['location_type', 'text'],
  ['name', 'text'],
  ['description', 'text'],
  ['transportation', 'text'],
  ['latitude', 'float8'],
  ['longitude', 'float8'],
  ['last_modified', 'timestamptz'],
] as const;
export const addressColumns = [
  ['id', 'uuid'],
  ['org_id', 'uuid'],
  ['location_id', 'uuid'],
  ['address_1', 'text'],
  ['address_2', 'text'],
  ['city', 'text'],
  ['region', 'text'],
  ['state_province', 'text'],
  ['postal_code', 'text'],
  ['country', 'text'],
  ['address_type', 'text'],
] as const;
export const accessibilityColumns = [
  ['id', 'uuid'],
  ['org_id', 'uuid'],
  ['location_id', 'uuid'],
  ['description', 'text'],
  ['details', 'text'],
  ['url', 'text'],
] as const;
