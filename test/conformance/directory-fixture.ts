import type { Kysely } from 'kysely';
import type { DB } from '../../src/platform/db/schema.js';

/**
 * A small, realistic directory with every kind of child row, so every nested ORUK schema is
 * exercised: a taxonomy with a two-level term tree; two organisations (identifiers, attributes);
 * four published services with schedules (on the service and on a service-at-location), service
 * areas, locations with addresses, accessibility and attributes, languages, funding, cost options
 * in pence, contacts with phones and attributes, service phones; and one withdrawn service that must
 * never be published. Inserted as the database owner. Ids are fixed so tests can name them.
 */
const id = (n: number) => `0000${n.toString(16).padStart(4, '0')}-1111-4111-8111-111111111111`;

export const ids = {
  taxonomy: id(1),
  termCarers: id(2),
  termCarersGroups: id(3),
  termAdvocacy: id(4),
  termTransport: id(5),
  orgCarers: id(10),
  orgTransport: id(11),
  carersCafe: id(20),
  advocacy: id(21),
  dialARide: id(22),
  shortBreaks: id(23),
  withdrawn: id(24),
  hall: id(30),
  library: id(31),
  farAway: id(32),
  salCafeHall: id(40),
  salAdvocacyLibrary: id(41),
  salRideHall: id(42),
  salWithdrawnHall: id(43),
  salBreaksFar: id(44),
  contactCafe: id(50),
};

/** The town centre of the fixture (a made-up postcode in the real format, placed in the Fens). */
export const centre = { postcode: 'ZZ99 1AA', key: 'ZZ991AA', latitude: 52.666, longitude: 0.16 };
/** About 3.4 km north of the centre. */
export const north = { postcode: 'ZZ99 2ZZ', key: 'ZZ992ZZ', latitude: 52.6966, longitude: 0.16 };

export async function insertDirectoryFixture(db: Kysely<DB>, orgId: string): Promise<void> {
  const org_id = orgId;
  await db
    .insertInto('postcode')
    .values([
      { postcode_key: centre.key, postcode: centre.postcode, latitude: centre.latitude, longitude: centre.longitude },
      { postcode_key: north.key, postcode: north.postcode, latitude: north.latitude, longitude: north.longitude },
    ])
    .onConflict((oc) => oc.doNothing())
    .execute();
  await db
    .insertInto('directory_taxonomy')
    .values({
      id: ids.taxonomy,
      org_id,
      name: 'Fixture service kinds',
      description: 'Kinds of support in the test directory',
      uri: 'https://example.org/taxonomy/service-kinds',
      version: '1',
    })
    .execute();
  await db
    .insertInto('directory_taxonomy_term')
    .values([
      {
        id: ids.termCarers,
        org_id,
        taxonomy_id: ids.taxonomy,
        code: 'carers',
        name: 'Carers support',
        description: 'Help for unpaid carers',
        term_uri: 'https://example.org/terms/carers',
        taxonomy: 'Fixture service kinds',
      },
      {
        id: ids.termCarersGroups,
        org_id,
        taxonomy_id: ids.taxonomy,
        parent_id: ids.termCarers,
        code: 'carers-groups',
        name: "Carers' groups",
        description: 'Groups where carers meet',
      },
      {
        id: ids.termAdvocacy,
        org_id,
        taxonomy_id: ids.taxonomy,
        code: 'advocacy',
        name: 'Advocacy',
        description: 'Independent advocacy',
      },
      {
        id: ids.termTransport,
        org_id,
        taxonomy_id: ids.taxonomy,
        code: 'transport',
        name: 'Transport',
        description: 'Community transport',
        tl_local: true,
      },
    ])
    .execute();
  await db
    .insertInto('directory_organization')
    .values([
      {
        id: ids.orgCarers,
        org_id,
        name: 'Fenshire Carers Trust',
        description: 'A local charity for unpaid carers.',
        email: 'hello@carers.example.org',
        website: 'https://carers.example.org/',
        uri: 'https://register-of-charities.example.org/1234567',
      },
      {
        id: ids.orgTransport,
        org_id,
        name: 'Wisbech Community Transport',
        description: 'Door-to-door transport for people who cannot use buses.',
      },
    ])
    .execute();
  await db
    .insertInto('directory_organization_identifier')
    .values({
      id: id(60),
      org_id,
      organization_id: ids.orgCarers,
      identifier_scheme: 'GB-CHC',
      identifier_type: 'Charity number',
      identifier: '1234567',
    })
    .execute();

  const service = (
    n: string,
    organization_id: string,
    name: string,
    extra: Partial<{
      description: string;
      status: 'active' | 'inactive' | 'temporarily closed';
      withdrawn: boolean;
      modified: string;
    }> = {},
  ) => ({
    id: n,
    org_id,
    organization_id,
    name,
    description: extra.description ?? `${name} in Wisbech.`,
    status: extra.status ?? 'active',
    url: 'https://carers.example.org/services',
    email: 'services@carers.example.org',
    minimum_age: 18,
    maximum_age: 120,
    assured_date: '2026-10-01',
    assurer_email: 'directory@fenshire.example.gov.uk',
    fees: 'Free',
    alert: 'Closed on bank holidays',
    eligibility_description: 'Adults in Fenshire',
    application_process: 'Just turn up',
    last_modified: extra.modified ?? '2026-10-01T09:30:00.123Z',
    tl_last_checked: '2026-10-01',
    tl_owner_name: 'Carla Commissioner',
    tl_withdrawn_at: extra.withdrawn ? '2026-10-02T10:00:00Z' : null,
    tl_withdrawn_reason: extra.withdrawn ? 'Closed down' : null,
  });
  await db
    .insertInto('directory_service')
    .values([
      service(ids.carersCafe, ids.orgCarers, 'Carers cafe', {
        description: 'A friendly cafe where unpaid carers meet and share tips.',
      }),
      service(ids.advocacy, ids.orgCarers, 'Independent advocacy', {
        description: 'An advocate helps you say what matters to you.',
        modified: '2026-11-01T08:00:00.000Z',
      }),
      service(ids.dialARide, ids.orgTransport, 'Dial-a-ride', {
        description: 'Minibus rides to shops and appointments.',
      }),
      service(ids.shortBreaks, ids.orgCarers, 'Short breaks scheme', {
        status: 'temporarily closed',
        description: 'Short breaks for carers.',
      }),
      service(ids.withdrawn, ids.orgCarers, 'Old lunch club', {
        withdrawn: true,
        description: 'A lunch club for carers that has closed.',
      }),
    ])
    .execute();

  await db
    .insertInto('directory_location')
    .values([
      {
        id: ids.hall,
        org_id,
        name: 'Wisbech Town Hall',
        description: 'Ground floor hall',
        latitude: centre.latitude,
        longitude: centre.longitude,
        transportation: 'Bus 46 stops outside',
        external_identifier: '100090000001',
        external_identifier_type: 'UPRN',
      },
      { id: ids.library, org_id, name: 'North Library', latitude: north.latitude, longitude: north.longitude },
      { id: ids.farAway, org_id, name: 'Coast Centre', latitude: 53.2, longitude: 0.9 },
    ])
    .execute();
  await db
    .insertInto('directory_address')
    .values([
      {
        id: id(70),
        org_id,
        location_id: ids.hall,
        address_1: '1 Market Place',
        city: 'Wisbech',
        state_province: 'Fenshire',
        postal_code: centre.postcode,
        country: 'GB',
      },
      {
        id: id(71),
        org_id,
        location_id: ids.library,
        address_1: '2 North Street',
        address_2: 'Upstairs',
        city: 'Wisbech',
        state_province: 'Fenshire',
        postal_code: north.postcode,
        country: 'GB',
        address_type: 'postal',
      },
    ])
    .execute();
  await db
    .insertInto('directory_accessibility')
    .values({
      id: id(72),
      org_id,
      location_id: ids.hall,
      description: 'Step-free entrance',
      details: 'Hearing loop at reception',
      url: 'https://access.example.org/hall',
    })
    .execute();
  await db
    .insertInto('directory_service_at_location')
    .values([
      { id: ids.salCafeHall, org_id, service_id: ids.carersCafe, location_id: ids.hall },
      {
        id: ids.salAdvocacyLibrary,
        org_id,
        service_id: ids.advocacy,
        location_id: ids.library,
        description: 'Drop-in on Tuesdays',
      },
      { id: ids.salRideHall, org_id, service_id: ids.dialARide, location_id: ids.hall },
      { id: ids.salWithdrawnHall, org_id, service_id: ids.withdrawn, location_id: ids.hall },
      { id: ids.salBreaksFar, org_id, service_id: ids.shortBreaks, location_id: ids.farAway },
    ])
    .execute();
  await db
    .insertInto('directory_schedule')
    .values([
      {
        id: id(80),
        org_id,
        service_id: ids.carersCafe,
        freq: 'WEEKLY',
        interval: 1,
        byday: 'WE',
        dtstart: '2026-01-07',
        opens_at: '10:00',
        closes_at: '12:00',
        description: 'Wednesday mornings',
        valid_from: '2026-01-01',
        valid_to: '2026-12-31',
      },
      {
        id: id(81),
        org_id,
        service_at_location_id: ids.salAdvocacyLibrary,
        freq: 'MONTHLY',
        byday: '1TU',
        opens_at: '13:00',
        closes_at: '16:00',
        schedule_link: 'https://carers.example.org/book',
      },
    ])
    .execute();
  await db
    .insertInto('directory_service_area')
    .values({
      id: id(82),
      org_id,
      service_id: ids.dialARide,
      name: 'Wisbech and villages',
      extent_type: 'text',
      extent: 'Within 10 miles of Wisbech',
    })
    .execute();
  await db
    .insertInto('directory_language')
    .values([
      { id: id(83), org_id, service_id: ids.carersCafe, name: 'English', code: 'en' },
      { id: id(84), org_id, service_id: ids.carersCafe, name: 'Polish', code: 'pl' },
    ])
    .execute();
  await db
    .insertInto('directory_funding')
    .values({ id: id(85), org_id, service_id: ids.advocacy, source: 'Fenshire County Council' })
    .execute();
  await db
    .insertInto('directory_cost_option')
    .values([
      {
        id: id(86),
        org_id,
        service_id: ids.dialARide,
        option: 'Single journey',
        amount_pence: 350,
        amount_description: '£3.50 each way',
        valid_from: '2026-04-01',
      },
      { id: id(87), org_id, service_id: ids.carersCafe, option: 'Tea and cake', amount_pence: 0 },
    ])
    .execute();
  await db
    .insertInto('directory_contact')
    .values({
      id: ids.contactCafe,
      org_id,
      service_id: ids.carersCafe,
      name: 'Bookings team',
      title: 'Cafe bookings',
      email: 'cafe@carers.example.org',
    })
    .execute();
  await db
    .insertInto('directory_phone')
    .values([
      { id: id(88), org_id, contact_id: ids.contactCafe, number: '01945 000001' },
      {
        id: id(89),
        org_id,
        service_id: ids.dialARide,
        number: '01945 000002',
        type: 'voice',
        description: 'Booking line',
      },
    ])
    .execute();
  const attribute = (n: number, link_id: string, link_entity: string, taxonomy_term_id: string) => ({
    id: id(n),
    org_id,
    link_id,
    link_entity,
    link_type: 'service_type',
    taxonomy_term_id,
  });
  await db
    .insertInto('directory_attribute')
    .values([
      attribute(90, ids.carersCafe, 'service', ids.termCarersGroups),
      attribute(91, ids.carersCafe, 'service', ids.termCarers),
      attribute(92, ids.advocacy, 'service', ids.termAdvocacy),
      attribute(93, ids.dialARide, 'service', ids.termTransport),
      attribute(94, ids.shortBreaks, 'service', ids.termCarers),
      attribute(95, ids.withdrawn, 'service', ids.termCarers),
      attribute(96, ids.orgCarers, 'organization', ids.termCarers),
      attribute(97, ids.hall, 'location', ids.termTransport),
      attribute(98, ids.contactCafe, 'contact', ids.termCarersGroups),
    ])
    .execute();
}
