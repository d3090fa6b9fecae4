import type { Kysely } from 'kysely';
import type { DB } from '../../src/platform/db/schema.js';
import { seedServiceKinds } from '../../src/modules/directory/service-kinds.js';

/**
 * A small directory for the information pages' tests, written as the database owner: services at
 * known distances from PE13 1AB, one withdrawn, one defunct, one with no place to visit, one in
 * another council's directory, a story, and live and terminated postcodes.
 */
export interface InformationFixture {
  friendship: string;
  sitting: string;
  memory: string;
  withdrawn: string;
  defunct: string;
  advocacy: string;
  otherCouncil: string;
}

interface ServiceSpec {
  name: string;
  description: string;
  kind: string;
  status?: 'active' | 'defunct';
  withdrawn?: boolean;
  free?: boolean;
  directPayments?: boolean;
  place?: { lat: number; lng: number; address: string; postcode: string; transport?: string; access?: string };
  schedule?: { byday: string; freq?: 'WEEKLY' | 'MONTHLY'; opens: string; closes: string };
  language?: string;
  phone?: string;
  email?: string;
  url?: string;
  costPence?: number;
  minAge?: number;
}

export async function seedInformationFixture(db: Kysely<DB>, orgId: string): Promise<InformationFixture> {
  const kinds = await seedServiceKinds(db, orgId);
  await db
    .insertInto('postcode')
    .values([
      {
        postcode_key: 'PE131AB',
        postcode: 'PE13 1AB',
        latitude: 52.669182,
        longitude: 0.161457,
        local_authority: 'E07000010',
      },
      {
        postcode_key: 'PE139ZZ',
        postcode: 'PE13 9ZZ',
        latitude: 52.66,
        longitude: 0.16,
        local_authority: 'E07000010',
        terminated: true,
      },
    ])
    .onConflict((oc) => oc.column('postcode_key').doNothing())
    .execute();

  const other = await db
    .insertInto('organisation')
    .values({ name: 'Elsewhere Council', kind: 'council', ods_code: 'OTHER01' })
    .returning('id')
    .executeTakeFirstOrThrow();
  const otherKinds = await seedServiceKinds(db, other.id);

  async function service(org: string, termIds: Map<string, string>, spec: ServiceSpec): Promise<string> {
    const organization = await db
      .insertInto('directory_organization')
      .values({
        org_id: org,
        name: `${spec.name} Trust`,
        description: 'A local charity',
        website: 'https://example.org',
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const row = await db
      .insertInto('directory_service')
      .values({
        org_id: org,
        organization_id: organization.id,
        name: spec.name,
        description: spec.description,
        status: spec.status ?? 'active',
        tl_withdrawn_at: spec.withdrawn ? new Date() : null,
        tl_free_or_low_cost: spec.free ?? false,
        tl_accepts_direct_payments: spec.directPayments ?? false,
        tl_last_checked: '2026-10-01',
        email: spec.email ?? null,
        url: spec.url ?? null,
        minimum_age: spec.minAge ?? null,
        eligibility_description: 'Adults living in Fenshire',
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await db
      .insertInto('directory_attribute')
      .values({
        org_id: org,
        link_id: row.id,
        link_type: 'service_kind',
        link_entity: 'service',
        taxonomy_term_id: termIds.get(spec.kind)!,
      })
      .execute();
    if (spec.place) {
      const location = await db
        .insertInto('directory_location')
        .values({
          org_id: org,
          name: `${spec.name} hall`,
          latitude: spec.place.lat,
          longitude: spec.place.lng,
          transportation: spec.place.transport ?? null,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await db
        .insertInto('directory_address')
        .values({
          org_id: org,
          location_id: location.id,
          address_1: spec.place.address,
          city: 'Wisbech',
          state_province: 'Fenshire',
          postal_code: spec.place.postcode,
        })
        .execute();
      if (spec.place.access)
        await db
          .insertInto('directory_accessibility')
          .values({ org_id: org, location_id: location.id, description: spec.place.access })
          .execute();
      await db
        .insertInto('directory_service_at_location')
        .values({ org_id: org, service_id: row.id, location_id: location.id })
        .execute();
    }
    if (spec.schedule) {
      await db
        .insertInto('directory_schedule')
        .values({
          org_id: org,
          service_id: row.id,
          freq: spec.schedule.freq ?? 'WEEKLY',
          byday: spec.schedule.byday,
          opens_at: spec.schedule.opens,
          closes_at: spec.schedule.closes,
        })
        .execute();
    }
    if (spec.language)
      await db
        .insertInto('directory_language')
        .values({ org_id: org, service_id: row.id, name: spec.language, code: 'pl' })
        .execute();
    if (spec.phone)
      await db.insertInto('directory_phone').values({ org_id: org, service_id: row.id, number: spec.phone }).execute();
    if (spec.costPence !== undefined) {
      await db
        .insertInto('directory_cost_option')
        .values({ org_id: org, service_id: row.id, option: 'Per hour', amount_pence: spec.costPence })
        .execute();
    }
    return row.id;
  }

  const everyDay = 'MO,TU,WE,TH,FR,SA,SU';
  const fixture: InformationFixture = {
    friendship: await service(orgId, kinds, {
      name: 'Wisbech Friendship Circle',
      description: 'Weekly befriending visits and a friendship café for older people.',
      kind: 'befriending',
      free: true,
      language: 'Polish',
      phone: '01945 000111',
      email: 'hello@friendship.example.org',
      url: 'https://friendship.example.org',
      place: {
        lat: 52.67,
        lng: 0.16,
        address: '1 Market Place',
        postcode: 'PE13 1AA',
        transport: 'Bus 46 stops outside',
        access: 'Step-free entrance',
      },
      schedule: { byday: 'WE', opens: '10:00:00', closes: '12:00:00' },
      minAge: 60,
    }),
    sitting: await service(orgId, kinds, {
      name: 'Fenland Sitting Service',
      description: 'Trained volunteers sit with the person you look after.',
      kind: 'short-breaks',
      directPayments: true,
      costPence: 1250,
      place: { lat: 52.7, lng: 0.2, address: '5 Church Road', postcode: 'PE13 2XX' },
      schedule: { byday: everyDay, opens: '00:00:00', closes: '23:59:59' },
    }),
    memory: await service(orgId, kinds, {
      name: 'March Memory Café',
      description: 'A relaxed café for people living with dementia and the people who care for them.',
      kind: 'dementia-support',
      place: { lat: 52.55, lng: 0.09, address: 'The Library', postcode: 'PE15 8AA' },
      schedule: { byday: '1MO', freq: 'MONTHLY', opens: '14:00:00', closes: '16:00:00' },
    }),
    withdrawn: await service(orgId, kinds, {
      name: 'Old Lunch Club',
      description: 'A lunch club for anyone feeling lonely.',
      kind: 'community-activities',
      withdrawn: true,
      place: { lat: 52.669, lng: 0.161, address: 'Old Hall', postcode: 'PE13 1AB' },
    }),
    defunct: await service(orgId, kinds, {
      name: 'Closed Befriending Scheme',
      description: 'Befriending for lonely people.',
      kind: 'befriending',
      status: 'defunct',
      place: { lat: 52.669, lng: 0.161, address: 'Old School', postcode: 'PE13 1AB' },
    }),
    advocacy: await service(orgId, kinds, {
      name: 'Fenshire Advocacy Line',
      description: 'Independent advocates help you speak up about your care.',
      kind: 'advocacy',
      phone: '0800 000 222',
    }),
    otherCouncil: await service(other.id, otherKinds, {
      name: 'Elsewhere Befriending',
      description: 'Befriending for lonely people.',
      kind: 'befriending',
      place: { lat: 52.669, lng: 0.161, address: 'Elsewhere', postcode: 'PE13 1AB' },
    }),
  };

  await db
    .insertInto('directory_story')
    .values({
      org_id: orgId,
      slug: 'a-friend-every-week',
      title: 'A friend every week',
      summary: 'Mrs K felt alone after her husband died.',
      body: 'Mrs K had not been out for months.\n\nA volunteer now visits every Wednesday.',
      tags: ['loneliness', 'older people'],
      taxonomy_term_ids: [kinds.get('befriending')!],
    })
    .execute();
  await db
    .insertInto('directory_story')
    .values({
      org_id: orgId,
      slug: 'not-yet-published',
      title: 'Draft story',
      summary: 'Not ready.',
      body: 'Draft.',
      tags: ['loneliness'],
      published: false,
    })
    .execute();
  return fixture;
}
