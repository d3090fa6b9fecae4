import { nhsNumberCheckDigit } from '../../platform/identifiers/nhs-number.js';
import { addressIn, patchWeights } from './places.js';
import { familyNameFor, givenNameFor, type Heritage } from './names.js';
import { addDays, toDays, fromDays } from './dates.js';
import type { Rng } from './random.js';

/**
 * Who the generated residents are: an age mix like the people English councils support (about seven
 * in ten aged 65 or over), primary support reasons that depend on age, an ethnicity mix like England's
 * older population, and first languages that follow heritage. All codes are current CLD values.
 */
type Band = readonly [minAge: number, maxAge: number];
const ageBands: readonly (readonly [Band, number])[] = [
  [[18, 24], 4],
  [[25, 44], 10],
  [[45, 64], 15],
  [[65, 74], 15],
  [[75, 84], 27],
  [[85, 99], 27],
  [[100, 104], 2],
];

const workingAgePsr: readonly (readonly [string, number])[] = [
  ['Learning Disability Support', 38],
  ['Mental health support', 22],
  ['Physical support: Personal care support', 22],
  ['Physical support: Access and mobility only', 6],
  ['Sensory support: Support for visual impairment', 2],
  ['Sensory support: Support for hearing impairment', 1],
  ['Social support: Substance misuse support', 3],
  ['Social support: Support for social isolation or other reason', 3],
  ['Support with memory and cognition', 2],
  ['Social support: Asylum seeker support', 1],
];
const olderPsr: readonly (readonly [string, number])[] = [
  ['Physical support: Personal care support', 56],
  ['Physical support: Access and mobility only', 10],
  ['Support with memory and cognition', 18],
  ['Mental health support', 5],
  ['Sensory support: Support for visual impairment', 2],
  ['Sensory support: Support for hearing impairment', 1],
  ['Sensory support: Support for dual impairment', 1],
  ['Social support: Support for social isolation or other reason', 4],
  ['Learning Disability Support', 2],
  ['Unknown', 1],
];

interface EthnicGroup {
  code: string;
  weight: number;
  heritage: readonly (readonly [Heritage, number])[];
}
const ethnicGroups: readonly EthnicGroup[] = [
  { code: 'White: English, Welsh, Scottish, Northern Irish or British', weight: 840, heritage: [['british', 1]] },
  { code: 'White: Irish', weight: 12, heritage: [['irish', 1]] },
  { code: 'White: Gypsy or Irish Traveller', weight: 3, heritage: [['british', 1]] },
  {
    code: 'White: Any other White background',
    weight: 40,
    heritage: [
      ['polish', 5],
      ['lithuanian', 2],
      ['romanian', 1],
      ['portuguese', 2],
    ],
  },
  { code: 'Mixed or multiple ethnic groups: White and Black Caribbean', weight: 5, heritage: [['british', 1]] },
  { code: 'Mixed or multiple ethnic groups: White and Asian', weight: 4, heritage: [['british', 1]] },
  {
    code: 'Mixed or multiple ethnic groups: Any other Mixed or multiple ethnic background',
    weight: 3,
    heritage: [['british', 1]],
  },
  {
    code: 'Asian or Asian British: Indian',
    weight: 25,
    heritage: [
      ['indian-gujarati', 1],
      ['indian-punjabi', 1],
    ],
  },
  { code: 'Asian or Asian British: Pakistani', weight: 14, heritage: [['pakistani', 1]] },
  { code: 'Asian or Asian British: Bangladeshi', weight: 5, heritage: [['bangladeshi', 1]] },
  { code: 'Asian or Asian British: Chinese', weight: 4, heritage: [['chinese', 1]] },
  { code: 'Asian or Asian British: Any other Asian background', weight: 6, heritage: [['indian-gujarati', 1]] },
  { code: 'Black, Black British, Caribbean or African: African', weight: 12, heritage: [['african', 1]] },
  { code: 'Black, Black British, Caribbean or African: Caribbean', weight: 10, heritage: [['caribbean', 1]] },
  { code: 'Other ethnic group: Arab', weight: 2, heritage: [['other', 1]] },
  { code: 'Other ethnic group: Any other ethnic group', weight: 5, heritage: [['other', 1]] },
  { code: 'No data: Undeclared or not known', weight: 10, heritage: [['british', 1]] },
];

/** Share of each heritage whose first language is not English, and which language it is. */
const languages: Partial<Record<Heritage, { share: number; codes: readonly (readonly [string, number])[] }>> = {
  polish: { share: 0.8, codes: [['pl', 1]] },
  lithuanian: { share: 0.8, codes: [['lt', 1]] },
  romanian: { share: 0.8, codes: [['ro', 1]] },
  portuguese: { share: 0.8, codes: [['pt', 1]] },
  'indian-gujarati': { share: 0.6, codes: [['gu', 1]] },
  'indian-punjabi': { share: 0.55, codes: [['pa', 1]] },
  pakistani: {
    share: 0.5,
    codes: [
      ['ur', 3],
      ['pa', 2],
    ],
  },
  bangladeshi: {
    share: 0.6,
    codes: [
      ['bn', 2],
      ['syl', 1],
    ],
  },
  chinese: {
    share: 0.6,
    codes: [
      ['zh-yue', 3],
      ['zh-cmn', 1],
    ],
  },
  african: {
    share: 0.15,
    codes: [
      ['so', 1],
      ['ig', 1],
      ['am', 1],
    ],
  },
};

/** The person columns seeding writes (a type alias, so rows satisfy bulkInsert's Record constraint). */
export type PersonSeedRow = {
  id: string;
  council_person_id: string;
  nhs_number: string | null;
  given_name: string;
  family_name: string;
  preferred_name: string | null;
  date_of_birth: string;
  date_of_death: string | null;
  gender: string;
  ethnicity: string;
  accommodation_status: string;
  employment_status: string;
  primary_support_reason: string | null;
  client_type: string;
  address_line1: string;
  address_line2: string | null;
  town: string;
  postcode: string;
  first_language: string;
  interpreter_needed: boolean;
};

export interface GeneratedPerson {
  row: PersonSeedRow;
  patch: string;
  heritage: Heritage;
  age: number;
  sex: 'Male' | 'Female';
}

/**
 * Unique valid NHS numbers in the 999 test range (999001000 … 999999999; below that is kept for the
 * scenario people), stepped through a permutation so they do not look sequential. About 9% of nine-digit
 * stems have no valid check digit and are skipped.
 */
export function* generatedNhsNumbers(): Generator<string> {
  const SPACE = 999_000;
  // 7919 is prime and coprime with 999,000, so k → k·7919 mod SPACE visits every stem exactly once.
  for (let k = 0; k < SPACE; k++) {
    const nine = `999${String(1000 + ((k * 7919 + 104_729) % SPACE)).padStart(6, '0')}`;
    const check = nhsNumberCheckDigit(nine);
    if (check !== null) yield `${nine}${check}`;
  }
}

export function generatePerson(
  rng: Rng,
  opts: { id: string; councilNumber: number; nhsNumber: string | null; asOf: string },
): GeneratedPerson {
  const band = rng.weighted(ageBands);
  const age = rng.int(band[0], band[1]);
  const birth = addDays(opts.asOf, -(age * 365.25 + rng.int(0, 364)) | 0);
  const sex = age >= 75 ? (rng.chance(0.63) ? 'Female' : 'Male') : rng.chance(0.5) ? 'Female' : 'Male';
  const ethnic = rng.weighted(ethnicGroups.map((g) => [g, g.weight] as const));
  const heritage = rng.weighted(ethnic.heritage);
  const lang = languages[heritage];
  const firstLanguage = lang && rng.chance(lang.share) ? rng.weighted(lang.codes) : 'en';
  // Older people whose first language is not English more often need an interpreter.
  const interpreter = firstLanguage !== 'en' && rng.chance(age >= 75 ? 0.55 : 0.25);
  const patch = rng.weighted(patchWeights);
  const psr = rng.weighted(age < 65 ? workingAgePsr : olderPsr);
  const accommodation = accommodationFor(rng, age, psr);
  const employment =
    age >= 65
      ? 'Not in paid employment: Not actively seeking work or retired'
      : rng.weighted([
          ['Not in paid employment: Not actively seeking work or retired', 55],
          ['Not in paid employment: Seeking work', 10],
          ['Paid: Less than 16 hours a week', 8],
          ['Paid: 16 or more hours a week', 5],
          ['Not in paid employment: Voluntary work only', 7],
          ['Unknown', 15],
        ] as const);
  const died = age >= 75 && rng.chance(0.06);
  return {
    patch,
    heritage,
    age,
    sex,
    row: {
      id: opts.id,
      council_person_id: `P${String(opts.councilNumber).padStart(7, '0')}`,
      nhs_number: opts.nhsNumber,
      given_name: givenNameFor(rng, heritage, sex, Number(birth.slice(0, 4))),
      family_name: familyNameFor(rng, heritage),
      preferred_name: null,
      date_of_birth: birth,
      date_of_death: died ? fromDays(toDays(opts.asOf) - rng.int(10, 900)) : null,
      gender: sex,
      ethnicity: ethnic.code,
      accommodation_status: accommodation,
      employment_status: employment,
      primary_support_reason: psr,
      client_type: 'Service user',
      ...addressIn(rng, patch),
      first_language: firstLanguage,
      interpreter_needed: interpreter,
    },
  };
}

function accommodationFor(rng: Rng, age: number, psr: string): string {
  if (psr === 'Learning Disability Support') {
    return rng.weighted([
      ['Settled mainstream housing with family or friends', 45],
      ['Supported accommodation, supported lodgings or supported group home', 30],
      ['Shared Lives scheme', 8],
      ['Tenant: Local authority or other social housing provider', 10],
      ['Registered care home', 7],
    ] as const);
  }
  if (age < 65) {
    return rng.weighted([
      ['Tenant: Local authority or other social housing provider', 35],
      ['Owner occupier or shared ownership scheme', 20],
      ['Tenant: Private landlord', 15],
      ['Settled mainstream housing with family or friends', 20],
      ['Supported accommodation, supported lodgings or supported group home', 7],
      ['Unknown', 3],
    ] as const);
  }
  return rng.weighted([
    ['Owner occupier or shared ownership scheme', 52],
    ['Tenant: Local authority or other social housing provider', 22],
    ['Tenant: Private landlord', 5],
    ['Sheltered housing, extra care housing or other sheltered housing', 8],
    ['Settled mainstream housing with family or friends', 5],
    ['Registered care home', 5],
    ['Registered nursing home', 2],
    ['Unknown', 1],
  ] as const);
}
