import { readFileSync } from 'node:fs';
import { sql, type Kysely } from 'kysely';
import type { DB } from '../../platform/db/schema.js';
import { centroidOf, demoPostcodes } from './places.js';

/**
 * The demo county's postcode table, shipped as `postcodes.csv` in the ONS Postcode Directory's column
 * names (pcds, lat, long, oslaua, doterm), so `cli import-postcodes` reads it as well as a real ONSPD
 * extract. It covers every postcode the people seed can make. Regenerate it (after changing
 * places.ts) with `npx tsx src/seed/directory/write-postcodes.ts`.
 */
export const POSTCODES_CSV = new URL('./postcodes.csv', import.meta.url);
export const POSTCODES_HEADER = 'pcds,lat,long,oslaua,doterm';

export function postcodesCsvText(): string {
  const lines = [POSTCODES_HEADER];
  for (const postcode of demoPostcodes()) {
    const c = centroidOf(postcode);
    if (c) lines.push(`${c.postcode},${c.latitude},${c.longitude},${c.localAuthority},`);
  }
  return `${lines.join('\n')}\n`;
}

export interface PostcodeRow {
  postcode_key: string;
  postcode: string;
  latitude: number;
  longitude: number;
  local_authority: string | null;
}

/** Upper case, no spaces: the table's key. */
export function postcodeKey(postcode: string): string {
  return postcode.replace(/\s+/g, '').toUpperCase();
}

export function readShippedPostcodes(): PostcodeRow[] {
  const [header, ...lines] = readFileSync(POSTCODES_CSV, 'utf8').split('\n');
  if (header !== POSTCODES_HEADER) throw new Error(`postcodes.csv should start with "${POSTCODES_HEADER}"`);
  const rows: PostcodeRow[] = [];
  for (const line of lines) {
    if (!line) continue;
    // The file is ours and has no quoted fields, so a plain split is enough (and fast).
    const [postcode = '', lat = '', long = '', authority = ''] = line.split(',');
    rows.push({
      postcode_key: postcodeKey(postcode),
      postcode,
      latitude: Number(lat),
      longitude: Number(long),
      local_authority: authority || null,
    });
  }
  return rows;
}

const BATCH = 8_000;

/**
 * Load the shipped postcodes (public reference data, shared by every organisation). Rows already
 * present (a second organisation, or an ONSPD import) are left as they are.
 */
export async function seedPostcodes(db: Kysely<DB>): Promise<number> {
  const rows = readShippedPostcodes();
  for (let i = 0; i < rows.length; i += BATCH) {
    const batch = rows.slice(i, i + BATCH);
    await sql`
      insert into postcode (postcode_key, postcode, latitude, longitude, local_authority)
      select * from unnest(${batch.map((r) => r.postcode_key)}::text[], ${batch.map((r) => r.postcode)}::text[],
        ${batch.map((r) => r.latitude)}::float8[], ${batch.map((r) => r.longitude)}::float8[], ${batch.map((r) => r.local_authority)}::text[])
      on conflict (postcode_key) do nothing`.execute(db);
  }
  return rows.length;
}
