import type { Rng } from './random.js';

/**
 * Addresses in the demo county's three patches (see demoPatches in ../organisation.ts). Towns and
 * postcode districts follow the real Fens and south Cambridgeshire, but streets and numbers are made
 * up, so no generated address is anyone's real home.
 */
interface Town {
  town: string;
  district: string;
  weight: number;
}

export const patchTowns: Record<string, readonly Town[]> = {
  'Fenland North': [
    { town: 'Wisbech', district: 'PE13', weight: 30 },
    { town: 'March', district: 'PE15', weight: 25 },
    { town: 'Chatteris', district: 'PE16', weight: 12 },
    { town: 'Whittlesey', district: 'PE7', weight: 14 },
    { town: 'Doddington', district: 'PE15', weight: 4 },
    { town: 'Leverington', district: 'PE13', weight: 3 },
    { town: 'Manea', district: 'PE15', weight: 3 },
    { town: 'Parson Drove', district: 'PE13', weight: 2 },
  ],
  'Cathedral City': [
    { town: 'Ely', district: 'CB7', weight: 35 },
    { town: 'Littleport', district: 'CB6', weight: 15 },
    { town: 'Soham', district: 'CB7', weight: 18 },
    { town: 'Sutton', district: 'CB6', weight: 6 },
    { town: 'Haddenham', district: 'CB6', weight: 6 },
    { town: 'Witchford', district: 'CB6', weight: 4 },
  ],
  'Southern Villages': [
    { town: 'Linton', district: 'CB21', weight: 12 },
    { town: 'Sawston', district: 'CB22', weight: 14 },
    { town: 'Balsham', district: 'CB21', weight: 5 },
    { town: 'Great Abington', district: 'CB21', weight: 4 },
    { town: 'Duxford', district: 'CB22', weight: 5 },
    { town: 'Fulbourn', district: 'CB21', weight: 8 },
    { town: 'Great Shelford', district: 'CB22', weight: 8 },
    { town: 'Bottisham', district: 'CB25', weight: 5 },
  ],
};

/** Share of residents in each patch: the Fenland towns are the most populous. */
export const patchWeights: readonly (readonly [string, number])[] = [
  ['Fenland North', 45],
  ['Cathedral City', 30],
  ['Southern Villages', 25],
];

const streetNames = [
  'High Street',
  'Church Lane',
  'Station Road',
  'Mill Road',
  'The Causeway',
  'Victoria Road',
  'Queen Street',
  'Elm Road',
  'Orchard Way',
  'Fen View',
  'Willow Close',
  'Back Lane',
  'School Lane',
  'Market Street',
  'Station Approach',
  'New Road',
  'Cromwell Road',
  'Nene Parade',
  'Westfield Road',
  'The Green',
  'Chapel Street',
  'Meadow Way',
  'Bramley Road',
  'Stonald Road',
  'Cherry Tree Close',
  'Lynn Road',
  'Ramsey Road',
  'Broad Street',
  'St Mary\u2019s Close',
  'Beech Avenue',
  'Ash Grove',
  'Ouse Walk',
  'Lisle Lane',
  'Cambridge Road',
  'Bury Lane',
  'Horseheath Road',
  'Granta Close',
  'London Road',
  'Woodland Road',
];
// Inward-code letters never use C, I, K, M, O or V.
const inwardLetters = 'ABDEFGHJLNPQRSTUWXYZ';

export interface Address {
  address_line1: string;
  address_line2: string | null;
  town: string;
  postcode: string;
}

export function addressIn(rng: Rng, patch: string): Address {
  const towns = patchTowns[patch];
  if (!towns) throw new Error(`No towns for patch ${patch}`);
  const place = rng.weighted(towns.map((t) => [t, t.weight] as const));
  const street = rng.pick(streetNames);
  const flat = rng.chance(0.12) ? `Flat ${rng.int(1, 24)}` : null;
  const inward = `${rng.int(1, 9)}${inwardLetters.charAt(rng.int(0, 19))}${inwardLetters.charAt(rng.int(0, 19))}`;
  return {
    address_line1: flat
      ? `${flat}, ${rng.pick(['Fen Court', 'Riverside House', 'Orchard Court', 'Cedar Lodge'])}`
      : `${rng.int(1, 140)} ${street}`,
    address_line2: flat ? street : null,
    town: place.town,
    postcode: `${place.district} ${inward}`,
  };
}
