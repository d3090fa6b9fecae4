/**
 * Where things are in the demo county, for the postcode table and the directory's venues. The people
 * seed (../generate/places.ts) makes postcodes as district + sector digit 1–9 + two inward letters;
 * here each district's sectors are shared out between its towns (following the real sectors where we
 * know them: PE15 8 is March, CB7 5 Soham, CB21 5 Fulbourn…) and every town has a real-ish centroid.
 * Units then sit a short, deterministic distance from their sector's centre, so distances between
 * postcodes are plausible without copying any real ONS data.
 */
export interface DemoTown {
  town: string;
  district: string;
  latitude: number;
  longitude: number;
  localAuthority: string;
}

const FENLAND = 'E07000010';
const EAST_CAMBS = 'E07000009';
const SOUTH_CAMBS = 'E07000012';

export const demoTowns: readonly DemoTown[] = [
  { town: 'Wisbech', district: 'PE13', latitude: 52.666, longitude: 0.159, localAuthority: FENLAND },
  { town: 'Leverington', district: 'PE13', latitude: 52.679, longitude: 0.129, localAuthority: FENLAND },
  { town: 'Parson Drove', district: 'PE13', latitude: 52.651, longitude: 0.028, localAuthority: FENLAND },
  { town: 'March', district: 'PE15', latitude: 52.551, longitude: 0.088, localAuthority: FENLAND },
  { town: 'Doddington', district: 'PE15', latitude: 52.496, longitude: 0.06, localAuthority: FENLAND },
  { town: 'Manea', district: 'PE15', latitude: 52.496, longitude: 0.177, localAuthority: FENLAND },
  { town: 'Chatteris', district: 'PE16', latitude: 52.456, longitude: 0.053, localAuthority: FENLAND },
  { town: 'Whittlesey', district: 'PE7', latitude: 52.558, longitude: -0.13, localAuthority: FENLAND },
  { town: 'Ely', district: 'CB7', latitude: 52.399, longitude: 0.262, localAuthority: EAST_CAMBS },
  { town: 'Soham', district: 'CB7', latitude: 52.334, longitude: 0.336, localAuthority: EAST_CAMBS },
  { town: 'Littleport', district: 'CB6', latitude: 52.458, longitude: 0.307, localAuthority: EAST_CAMBS },
  { town: 'Sutton', district: 'CB6', latitude: 52.386, longitude: 0.113, localAuthority: EAST_CAMBS },
  { town: 'Haddenham', district: 'CB6', latitude: 52.359, longitude: 0.146, localAuthority: EAST_CAMBS },
  { town: 'Witchford', district: 'CB6', latitude: 52.387, longitude: 0.205, localAuthority: EAST_CAMBS },
  { town: 'Bottisham', district: 'CB25', latitude: 52.222, longitude: 0.259, localAuthority: EAST_CAMBS },
  { town: 'Linton', district: 'CB21', latitude: 52.097, longitude: 0.277, localAuthority: SOUTH_CAMBS },
  { town: 'Balsham', district: 'CB21', latitude: 52.132, longitude: 0.317, localAuthority: SOUTH_CAMBS },
  { town: 'Great Abington', district: 'CB21', latitude: 52.11, longitude: 0.23, localAuthority: SOUTH_CAMBS },
  { town: 'Fulbourn', district: 'CB21', latitude: 52.182, longitude: 0.222, localAuthority: SOUTH_CAMBS },
  { town: 'Sawston', district: 'CB22', latitude: 52.124, longitude: 0.169, localAuthority: SOUTH_CAMBS },
  { town: 'Duxford', district: 'CB22', latitude: 52.093, longitude: 0.159, localAuthority: SOUTH_CAMBS },
  { town: 'Great Shelford', district: 'CB22', latitude: 52.148, longitude: 0.138, localAuthority: SOUTH_CAMBS },
];

/** Which town each sector (the digit after the space) of a district belongs to. */
const sectorTowns: Record<string, readonly string[]> = {
  //        1          2          3          4              5          6               7          8          9
  PE13: [
    'Wisbech',
    'Wisbech',
    'Wisbech',
    'Leverington',
    'Wisbech',
    'Parson Drove',
    'Wisbech',
    'Wisbech',
    'Leverington',
  ],
  PE15: ['March', 'March', 'March', 'Doddington', 'Doddington', 'Manea', 'March', 'March', 'March'],
  PE16: [
    'Chatteris',
    'Chatteris',
    'Chatteris',
    'Chatteris',
    'Chatteris',
    'Chatteris',
    'Chatteris',
    'Chatteris',
    'Chatteris',
  ],
  PE7: [
    'Whittlesey',
    'Whittlesey',
    'Whittlesey',
    'Whittlesey',
    'Whittlesey',
    'Whittlesey',
    'Whittlesey',
    'Whittlesey',
    'Whittlesey',
  ],
  CB7: ['Ely', 'Ely', 'Ely', 'Ely', 'Soham', 'Ely', 'Soham', 'Soham', 'Soham'],
  CB6: [
    'Littleport',
    'Sutton',
    'Haddenham',
    'Witchford',
    'Haddenham',
    'Sutton',
    'Witchford',
    'Littleport',
    'Littleport',
  ],
  CB21: [
    'Linton',
    'Balsham',
    'Balsham',
    'Linton',
    'Fulbourn',
    'Great Abington',
    'Linton',
    'Fulbourn',
    'Great Abington',
  ],
  CB22: [
    'Sawston',
    'Sawston',
    'Sawston',
    'Duxford',
    'Great Shelford',
    'Sawston',
    'Duxford',
    'Great Shelford',
    'Great Shelford',
  ],
  CB25: [
    'Bottisham',
    'Bottisham',
    'Bottisham',
    'Bottisham',
    'Bottisham',
    'Bottisham',
    'Bottisham',
    'Bottisham',
    'Bottisham',
  ],
};

/** Same letters as the people seed: inward codes never use C, I, K, M, O or V. */
export const INWARD_LETTERS = 'ABDEFGHJLNPQRSTUWXYZ';

const townsByName = new Map(demoTowns.map((t) => [t.town, t]));

export function townNamed(name: string): DemoTown {
  const town = townsByName.get(name);
  if (!town) throw new Error(`No demo town ${name}`);
  return town;
}

/** The sector digits (1–9) of a town's district that belong to it. */
export function sectorsOf(town: DemoTown): number[] {
  const sectors = sectorTowns[town.district] ?? [];
  return sectors.flatMap((name, i) => (name === town.town ? [i + 1] : []));
}

export interface PostcodeCentroid {
  postcode: string;
  latitude: number;
  longitude: number;
  localAuthority: string;
}

/** A small hash of a string to [0, 1), so a unit's offset depends only on its postcode. */
function unitFraction(text: string, salt: number): number {
  let h = 2166136261 ^ salt;
  for (let i = 0; i < text.length; i += 1) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  return ((h >>> 0) % 100_000) / 100_000;
}

const KM_LAT = 1 / 111.2;
const KM_LONG = 1 / 68;

/** The centroid of one demo postcode ('PE15 8AA'), or undefined outside the demo county's pattern. */
export function centroidOf(postcode: string): PostcodeCentroid | undefined {
  const match = /^([A-Z]{2}\d{1,2}) ([1-9])([A-Z]{2})$/.exec(postcode);
  if (!match) return undefined;
  const [, district = '', sectorDigit = '', letters = ''] = match;
  const townName = sectorTowns[district]?.[Number(sectorDigit) - 1];
  if (!townName || [...letters].some((l) => !INWARD_LETTERS.includes(l))) return undefined;
  const town = townNamed(townName);
  // Sectors fan out around the town centre (up to ~1.5 km); units scatter ~600 m around their sector.
  const angle = (Number(sectorDigit) / 9) * 2 * Math.PI;
  const sectorKm = sectorsOf(town).length > 1 ? 0.4 + unitFraction(`${district}${sectorDigit}`, 7) * 1.1 : 0;
  const northKm = Math.sin(angle) * sectorKm + (unitFraction(postcode, 1) - 0.5) * 1.2;
  const eastKm = Math.cos(angle) * sectorKm + (unitFraction(postcode, 2) - 0.5) * 1.2;
  return {
    postcode,
    latitude: Math.round((town.latitude + northKm * KM_LAT) * 1e6) / 1e6,
    longitude: Math.round((town.longitude + eastKm * KM_LONG) * 1e6) / 1e6,
    localAuthority: town.localAuthority,
  };
}

/** Every postcode the demo county can produce, in a stable order. */
export function* demoPostcodes(): Generator<string> {
  for (const district of Object.keys(sectorTowns)) {
    for (let sector = 1; sector <= 9; sector += 1) {
      for (const a of INWARD_LETTERS) for (const b of INWARD_LETTERS) yield `${district} ${sector}${a}${b}`;
    }
  }
}

/** A postcode in one of the town's sectors, chosen by the caller's random draws (0 ≤ r < 1). */
export function postcodeInTown(town: DemoTown, r1: number, r2: number, r3: number): string {
  const sectors = sectorsOf(town);
  const sector = sectors[Math.floor(r1 * sectors.length)] ?? 1;
  const a = INWARD_LETTERS.charAt(Math.floor(r2 * INWARD_LETTERS.length));
  const b = INWARD_LETTERS.charAt(Math.floor(r3 * INWARD_LETTERS.length));
  return `${town.district} ${sector}${a}${b}`;
}
