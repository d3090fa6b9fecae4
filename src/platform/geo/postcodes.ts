import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.js';
import type { Tx } from '../db/scope.js';

/**
 * UK postcodes for "near me" searches. The shape check follows the Royal Mail format (outward code
 * of 2–4 characters, inward code of a digit and two letters); whether a postcode exists is the
 * postcode table's business (ONS Postcode Directory, `cli import-postcodes`).
 */
const POSTCODE_SHAPE = /^[A-Z]{1,2}[0-9][A-Z0-9]?[0-9][A-Z]{2}$/;

/** 'pe13 1ab' → 'PE131AB' (the table's key), or null when it cannot be a postcode. */
export function postcodeKey(input: string): string | null {
  const key = input.toUpperCase().replace(/[^A-Z0-9]/g, '');
  return POSTCODE_SHAPE.test(key) ? key : null;
}

/** 'PE131AB' → 'PE13 1AB': the inward code is always the last three characters. */
export function formatPostcode(key: string): string {
  return `${key.slice(0, -3)} ${key.slice(-3)}`;
}

export interface Centroid {
  postcode: string;
  latitude: number;
  longitude: number;
}

/** A live (not terminated) postcode's centroid, or null if we do not know it. */
export async function findCentroid(tx: Tx | Kysely<DB>, key: string): Promise<Centroid | null> {
  const row = await tx
    .selectFrom('postcode')
    .select(['postcode', 'latitude', 'longitude'])
    .where('postcode_key', '=', key)
    .where('terminated', '=', false)
    .executeTakeFirst();
  return row ? { postcode: row.postcode, latitude: Number(row.latitude), longitude: Number(row.longitude) } : null;
}

const EARTH_RADIUS_MILES = 3958.8;
const MILES_PER_DEGREE_LATITUDE = 69.05;

/**
 * The box that certainly contains every point within `miles` of the centre: an index-friendly
 * first cut before the exact (haversine) distance. Longitude degrees shrink towards the poles.
 */
export function boundingBox(
  centre: Centroid,
  miles: number,
): { minLat: number; maxLat: number; minLng: number; maxLng: number } {
  const dLat = miles / MILES_PER_DEGREE_LATITUDE;
  const dLng = miles / (MILES_PER_DEGREE_LATITUDE * Math.max(Math.cos((centre.latitude * Math.PI) / 180), 0.01));
  return {
    minLat: centre.latitude - dLat,
    maxLat: centre.latitude + dLat,
    minLng: centre.longitude - dLng,
    maxLng: centre.longitude + dLng,
  };
}

/** Great-circle distance in miles (the same formula the search runs in SQL). */
export function haversineMiles(
  a: { latitude: number; longitude: number },
  b: { latitude: number; longitude: number },
): number {
  const rad = (d: number) => (d * Math.PI) / 180;
  const h =
    Math.sin(rad(b.latitude - a.latitude) / 2) ** 2 +
    Math.cos(rad(a.latitude)) * Math.cos(rad(b.latitude)) * Math.sin(rad(b.longitude - a.longitude) / 2) ** 2;
  return 2 * EARTH_RADIUS_MILES * Math.asin(Math.min(1, Math.sqrt(h)));
}

export { EARTH_RADIUS_MILES };
