import type { Kysely } from 'kysely';
import type { DB } from '../platform/db/schema.js';
import type { SeededOrganisation } from './organisation.js';
import {
  bulkInsert,
  eventColumns,
  linkCarerEvents,
  relationshipColumns,
  type RelationshipSeed,
} from './generate/insert.js';
import { scenarioEvents } from './generate/scenario-histories.js';
import { dramaPhone } from './generate/networks.js';
import { mulberry32 } from './generate/random.js';
import { todayIso } from './generate/dates.js';

/**
 * The people of the source documents' case studies (see shared/scenarios), so a newcomer can find
 * Mr and Mrs Jones straight after `npm start`. NHS numbers are valid test-range numbers (999…);
 * council ids P0000001–P0000011 are theirs in every scale.
 */
const WHITE_BRITISH = 'White: English, Welsh, Scottish, Northern Irish or British';
const RETIRED = 'Not in paid employment: Not actively seeking work or retired';
const OWNER = 'Owner occupier or shared ownership scheme';
const MEMORY = 'Support with memory and cognition';
const PERSONAL_CARE = 'Physical support: Personal care support';

interface ScenarioPerson {
  key: string;
  given_name: string;
  family_name: string;
  date_of_birth: string;
  nhs_number: string;
  gender: string;
  primary_support_reason: string | null;
  first_language: string;
  interpreter_needed?: boolean;
  ethnicity?: string;
  client_type?: string;
  accommodation_status?: string;
  patch: string;
  address_line1: string;
  town: string;
  postcode: string;
}

export const scenarioPeople: readonly ScenarioPerson[] = [
  {
    key: 'mrJones',
    given_name: 'Harold',
    family_name: 'Jones',
    date_of_birth: '1942-05-14',
    nhs_number: '9990000018',
    gender: 'Male',
    primary_support_reason: null,
    first_language: 'en',
    patch: 'Fenland North',
    address_line1: '14 Elm Road',
    town: 'March',
    postcode: 'PE15 8AA',
  },
  {
    key: 'mrsJones',
    given_name: 'Edna',
    family_name: 'Jones',
    date_of_birth: '1944-09-02',
    nhs_number: '9990000026',
    gender: 'Female',
    primary_support_reason: MEMORY,
    first_language: 'en',
    patch: 'Fenland North',
    address_line1: '14 Elm Road',
    town: 'March',
    postcode: 'PE15 8AA',
  },
  {
    key: 'mrsN',
    given_name: 'Nirmala',
    family_name: 'Nair',
    date_of_birth: '1929-01-20',
    nhs_number: '9990000034',
    gender: 'Female',
    primary_support_reason: PERSONAL_CARE,
    first_language: 'gu',
    interpreter_needed: true,
    ethnicity: 'Asian or Asian British: Indian',
    patch: 'Fenland North',
    address_line1: '3 Nene Parade',
    town: 'Wisbech',
    postcode: 'PE13 1DA',
  },
  {
    key: 'margaret',
    given_name: 'Margaret',
    family_name: 'Ellis',
    date_of_birth: '1936-11-30',
    nhs_number: '9990000042',
    gender: 'Female',
    primary_support_reason: PERSONAL_CARE,
    first_language: 'en',
    patch: 'Cathedral City',
    address_line1: '22 Lisle Lane',
    town: 'Ely',
    postcode: 'CB7 4AS',
  },
  {
    key: 'george',
    given_name: 'George',
    family_name: 'Barker',
    date_of_birth: '1939-03-07',
    nhs_number: '9990000050',
    gender: 'Male',
    primary_support_reason: 'Physical support: Access and mobility only',
    first_language: 'en',
    patch: 'Cathedral City',
    address_line1: '8 Station Road',
    town: 'Soham',
    postcode: 'CB7 5DZ',
  },
  {
    key: 'shirley',
    given_name: 'Shirley',
    family_name: 'Bennett',
    date_of_birth: '1958-06-11',
    nhs_number: '9990000069',
    gender: 'Female',
    primary_support_reason: PERSONAL_CARE,
    first_language: 'en',
    accommodation_status: 'Tenant: Local authority or other social housing provider',
    patch: 'Southern Villages',
    address_line1: '5 Granta Close',
    town: 'Linton',
    postcode: 'CB21 4JT',
  },
  {
    key: 'joan',
    given_name: 'Joan',
    family_name: 'Whitmore',
    date_of_birth: '1938-02-17',
    nhs_number: '9990000077',
    gender: 'Female',
    primary_support_reason: MEMORY,
    first_language: 'en',
    patch: 'Southern Villages',
    address_line1: '41 London Road',
    town: 'Sawston',
    postcode: 'CB22 3HU',
  },
  {
    key: 'mrL',
    given_name: 'Leonard',
    family_name: 'Lambert',
    date_of_birth: '1940-10-03',
    nhs_number: '9990000085',
    gender: 'Male',
    primary_support_reason: null,
    client_type: 'Unpaid carer',
    first_language: 'en',
    patch: 'Fenland North',
    address_line1: '2 Ramsey Road',
    town: 'Chatteris',
    postcode: 'PE16 6EA',
  },
  {
    key: 'mrsL',
    given_name: 'Lilian',
    family_name: 'Lambert',
    date_of_birth: '1941-04-25',
    nhs_number: '9990000093',
    gender: 'Female',
    primary_support_reason: PERSONAL_CARE,
    first_language: 'en',
    patch: 'Fenland North',
    address_line1: '2 Ramsey Road',
    town: 'Chatteris',
    postcode: 'PE16 6EA',
  },
  {
    key: 'mrM',
    given_name: 'Maurice',
    family_name: 'Marsh',
    date_of_birth: '1945-12-08',
    nhs_number: '9990000107',
    gender: 'Male',
    primary_support_reason: null,
    client_type: 'Unpaid carer',
    first_language: 'en',
    patch: 'Cathedral City',
    address_line1: '17 Ouse Walk',
    town: 'Littleport',
    postcode: 'CB6 1QB',
  },
  {
    key: 'mrsM',
    given_name: 'Marion',
    family_name: 'Marsh',
    date_of_birth: '1947-07-19',
    nhs_number: '9990000115',
    gender: 'Female',
    primary_support_reason: MEMORY,
    first_language: 'en',
    patch: 'Cathedral City',
    address_line1: '17 Ouse Walk',
    town: 'Littleport',
    postcode: 'CB6 1QB',
  },
];

/** Highest council person number the scenario people use; generated residents start above it. */
export const SCENARIO_COUNCIL_NUMBERS = scenarioPeople.length;

type Rel = Omit<RelationshipSeed, 'person_id' | 'related_person_id'> & { of: string; related?: string };
const link = (of: string, related: string, type: string, extra: Partial<Rel> = {}): Rel => ({
  of,
  related,
  contact_name: null,
  contact_phone: null,
  relationship_type: type,
  other_provides_care: false,
  other_receives_care: false,
  carer_label: 'not_asked',
  in_circle_of_support: true,
  is_key_contact: false,
  notes: null,
  ...extra,
});
const contact = (of: string, name: string, type: string, extra: Partial<Rel> = {}): Rel => ({
  ...link(of, '', type, extra),
  related: undefined,
  contact_name: name,
});

function scenarioNetwork(phone: () => string): Rel[] {
  // One number per person, whichever network holds them: Carol and the Webbs are in both Harold's
  // and Edna's, and Edna's contingency plan reads their numbers from her network.
  const carolPhone = phone();
  const webbsPhone = phone();
  return [
    // Mr Jones cares for his wife but does not want to be called a carer: record what he does, not the label.
    link('mrsJones', 'mrJones', 'spouse-or-partner', {
      other_provides_care: true,
      other_receives_care: true,
      carer_label: 'declined',
      is_key_contact: true,
      notes: 'Looks after Edna every day; does not see himself as a carer',
    }),
    link('mrJones', 'mrsJones', 'spouse-or-partner', { other_receives_care: true, is_key_contact: true }),
    contact('mrsJones', 'Carol Jones', 'daughter', {
      contact_phone: carolPhone,
      other_provides_care: true,
      carer_label: 'accepted',
      notes: 'Lives ten miles away; part of the contingency plan',
    }),
    contact('mrJones', 'Carol Jones', 'daughter', {
      contact_phone: carolPhone,
      is_key_contact: true,
      notes: 'Call first if Mr Jones is admitted to hospital',
    }),
    contact('mrsJones', 'Pat and Dave Webb', 'neighbour', {
      contact_phone: webbsPhone,
      notes: 'Next door; have a key and pop in daily',
    }),
    contact('mrJones', 'Pat and Dave Webb', 'neighbour', { contact_phone: webbsPhone, notes: 'Help with the garden' }),
    contact('mrsN', 'Priya Nair', 'grandchild', {
      contact_phone: phone(),
      other_provides_care: true,
      carer_label: 'not_asked',
      is_key_contact: true,
      notes: 'Granddaughter: checks the prepaid card balance and transactions',
    }),
    contact('mrsN', 'Rohan Nair', 'grandchild', { notes: 'Grandson: takes her shopping' }),
    contact('margaret', 'Fenland Home Care Ltd', 'professional', {
      contact_phone: phone(),
      notes: 'Holds her individual service fund',
    }),
    contact('george', 'Alan Barker', 'son', { contact_phone: phone(), is_key_contact: true }),
    contact('shirley', 'Lisa Bennett', 'daughter', {
      contact_phone: phone(),
      other_provides_care: true,
      carer_label: 'accepted',
      is_key_contact: true,
      notes: 'Helps with forms and the direct payment paperwork',
    }),
    contact('joan', 'Sheila Parr', 'friend', {
      contact_phone: phone(),
      other_provides_care: true,
      carer_label: 'not_asked',
      is_key_contact: true,
      notes: 'Holds enduring power of attorney; proposed as suitable person for the direct payment',
    }),
    link('mrsL', 'mrL', 'spouse-or-partner', {
      other_provides_care: true,
      carer_label: 'accepted',
      is_key_contact: true,
    }),
    link('mrL', 'mrsL', 'spouse-or-partner', { other_receives_care: true, is_key_contact: true }),
    link('mrsM', 'mrM', 'spouse-or-partner', {
      other_provides_care: true,
      carer_label: 'accepted',
      is_key_contact: true,
      notes: 'Cares for Marion; worried about the garden',
    }),
    link('mrM', 'mrsM', 'spouse-or-partner', { other_receives_care: true, is_key_contact: true }),
  ];
}

export async function seedScenarioPeople(
  db: Kysely<DB>,
  org: SeededOrganisation,
  opts: { asOf?: string } = {},
): Promise<Record<string, string>> {
  const asOf = opts.asOf ?? todayIso();
  const ids: Record<string, string> = {};
  let n = 1;
  for (const { key, patch, ethnicity, client_type, accommodation_status, ...p } of scenarioPeople) {
    const row = await db
      .insertInto('person')
      .values({
        ...p,
        org_id: org.orgId,
        council_person_id: `P${String(n++).padStart(7, '0')}`,
        patch_id: org.patchIds[patch] ?? null,
        ethnicity: ethnicity ?? WHITE_BRITISH,
        client_type: client_type ?? 'Service user',
        accommodation_status: accommodation_status ?? OWNER,
        employment_status: RETIRED,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    ids[key] = row.id;
  }
  const rng = mulberry32(20_260_101);
  const relationships = scenarioNetwork(() => dramaPhone(rng)).map(({ of, related, ...r }) => ({
    ...r,
    org_id: org.orgId,
    person_id: ids[of]!,
    related_person_id: related ? ids[related]! : null,
  }));
  await bulkInsert(db, 'relationship', relationshipColumns, relationships);
  const events = scenarioPeople.flatMap(({ key }) =>
    scenarioEvents(key, asOf).map((e) => ({
      ...e,
      client_type: e.client_type ?? 'Service user',
      org_id: org.orgId,
      person_id: ids[key]!,
      source_module: 'seed',
    })),
  );
  await bulkInsert(db, 'person_event', eventColumns, events);
  await linkCarerEvents(db, org.orgId);
  return ids;
}
