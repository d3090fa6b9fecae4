import { sql, type Kysely } from 'kysely';
import type { DB } from '../platform/db/schema.js';
import type { SeededOrganisation } from './organisation.js';
import { SCENARIO_COUNCIL_NUMBERS, seedScenarioPeople } from './scenario-people.js';
import { mulberry32, stableUuid, type Rng } from './generate/random.js';
import { generatePerson, generatedNhsNumbers, type GeneratedPerson } from './generate/demographics.js';
import { generateCarerHistory, generateHistory, type GeneratedEvent } from './generate/events.js';
import { contactsFor, linkCouple } from './generate/networks.js';
import {
  bulkInsert,
  eventColumns,
  linkCarerEvents,
  personColumns,
  relationshipColumns,
  type RelationshipSeed,
} from './generate/insert.js';
import { addDays, todayIso, yearOf } from './generate/dates.js';
import { givenNameFor } from './generate/names.js';

export type Scale = 'tiny' | 'small' | 'large';

export interface CountyOptions {
  scale: Scale;
  /** Same seed (and asOf), same county: names, NHS numbers, ids, histories. */
  seed: number;
  /** Generated residents on top of the scenario people; defaults by scale (tiny 0, small 2,000, large 100,000). */
  count?: number;
  /** The day histories run up to; defaults to today. */
  asOf?: string;
  onProgress?: (done: number, total: number) => void;
}

export interface CountySummary {
  people: number;
  relationships: number;
  events: number;
}

const defaultCounts: Record<Scale, number> = { tiny: 0, small: 2_000, large: 100_000 };
/** Council person numbers: small stays below the app's sequence (starts at 100001); large starts at 1,000,000. */
const firstNumbers: Record<Scale, number> = { tiny: SCENARIO_COUNCIL_NUMBERS + 1, small: 101, large: 1_000_000 };
const CHUNK = 2_000;

/**
 * The synthetic county: the source documents' people first, then (small/large) generated residents
 * with networks and CLD histories. Runs as the database owner, so row-level security does not apply.
 */
export async function seedCounty(db: Kysely<DB>, org: SeededOrganisation, opts: CountyOptions): Promise<CountySummary> {
  const asOf = opts.asOf ?? todayIso();
  await seedScenarioPeople(db, org, { asOf });
  const count = opts.count ?? defaultCounts[opts.scale];
  const first = firstNumbers[opts.scale];
  if (opts.scale !== 'large' && first + count > 100_001)
    throw new Error(
      `A ${opts.scale} county of ${count} people would collide with the council id sequence; use scale 'large'`,
    );
  const rng = mulberry32(opts.seed);
  const nhs = generatedNhsNumbers();
  const summary: CountySummary = { people: 0, relationships: 0, events: 0 };
  let i = 0;
  while (i < count) {
    const people: GeneratedPerson[] = [];
    const relationships: RelationshipSeed[] = [];
    const events: (GeneratedEvent & { person_id: string })[] = [];
    const nextPerson = () => {
      const number = first + i;
      const nhsNumber = rng.chance(0.96) ? (nhs.next().value as string) : null;
      const person = generatePerson(rng, {
        id: stableUuid(opts.seed, `${org.orgId}:person:${number}`),
        councilNumber: number,
        nhsNumber,
        asOf,
      });
      i += 1;
      people.push(person);
      return person;
    };
    while (people.length < CHUNK && i < count) {
      const person = nextPerson();
      const couple = person.age >= 65 && person.row.date_of_death === null && i < count && rng.chance(0.12);
      if (couple) {
        const spouse = asSpouseOf(rng, nextPerson(), person);
        const spouseIsCarer = rng.chance(0.55);
        if (spouseIsCarer) {
          spouse.row.client_type = 'Unpaid carer';
          spouse.row.primary_support_reason = null;
        }
        relationships.push(
          ...linkCouple(
            person.row.id,
            spouse.row.id,
            rng.weighted([
              ['accepted', 55],
              ['declined', 20],
              ['not_asked', 25],
            ] as const),
            !spouseIsCarer,
          ),
        );
        events.push(...history(rng, person, asOf, true));
        events.push(
          ...(spouseIsCarer ? generateCarerHistory(rng, asOf) : history(rng, spouse, asOf, true)).map((e) => ({
            ...e,
            person_id: spouse.row.id,
          })),
        );
        continue;
      }
      const network = rng.chance(0.8)
        ? contactsFor(rng, {
            personId: person.row.id,
            age: person.age,
            familyName: person.row.family_name,
            birthYear: yearOf(person.row.date_of_birth),
            learningDisability: person.row.primary_support_reason === 'Learning Disability Support',
            livesWithSpouse: person.age >= 60 && rng.chance(0.3),
          })
        : [];
      relationships.push(...network);
      events.push(
        ...history(
          rng,
          person,
          asOf,
          network.some((r) => r.other_provides_care),
        ),
      );
    }
    await bulkInsert(
      db,
      'person',
      personColumns,
      people.map((p) => ({ ...p.row, org_id: org.orgId, patch_id: org.patchIds[p.patch] ?? null })),
    );
    await bulkInsert(
      db,
      'relationship',
      relationshipColumns,
      relationships.map((r) => ({ ...r, org_id: org.orgId })),
    );
    await bulkInsert(
      db,
      'person_event',
      eventColumns,
      events.map((e) => ({
        ...e,
        client_type: e.client_type ?? 'Service user',
        org_id: org.orgId,
        source_module: 'seed',
      })),
    );
    summary.people += people.length;
    summary.relationships += relationships.length;
    summary.events += events.length;
    opts.onProgress?.(i, count);
  }
  const last = first + count - 1;
  // The app numbers new people from person_reference_seq; never let it hand out a number used here.
  if (count > 0 && last >= 100_001) await sql`select setval('person_reference_seq', ${last}::bigint, true)`.execute(db);
  await linkCarerEvents(db, org.orgId);
  await sql`analyze person; analyze relationship; analyze person_event`.execute(db);
  return summary;
}

function history(
  rng: Rng,
  p: GeneratedPerson,
  asOf: string,
  hasCarer: boolean,
): (GeneratedEvent & { person_id: string })[] {
  return generateHistory(rng, {
    age: p.age,
    primarySupportReason: p.row.primary_support_reason ?? 'Unknown',
    dateOfDeath: p.row.date_of_death ?? null,
    asOf,
    hasCarer,
  }).map((e) => ({ ...e, person_id: p.row.id }));
}

/** Turn a freshly generated person into the partner of another: same home, surname and background, similar age. */
function asSpouseOf(rng: Rng, spouse: GeneratedPerson, partner: GeneratedPerson): GeneratedPerson {
  const sex = partner.sex === 'Male' ? 'Female' : 'Male';
  const birth = addDays(partner.row.date_of_birth, rng.int(-2500, 2500));
  const age = partner.age + Math.round((Date.parse(partner.row.date_of_birth) - Date.parse(birth)) / 31_557_600_000);
  const {
    address_line1,
    address_line2,
    town,
    postcode,
    ethnicity,
    first_language,
    interpreter_needed,
    family_name,
    accommodation_status,
  } = partner.row;
  spouse.row = {
    ...spouse.row,
    gender: sex,
    date_of_birth: birth,
    date_of_death: null,
    given_name: givenNameFor(rng, partner.heritage, sex, yearOf(birth)),
    family_name,
    address_line1,
    address_line2,
    town,
    postcode,
    ethnicity,
    first_language,
    interpreter_needed,
    accommodation_status,
  };
  return { ...spouse, sex, age, heritage: partner.heritage, patch: partner.patch };
}
