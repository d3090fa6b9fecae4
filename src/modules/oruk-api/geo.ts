import { sql, type RawBuilder } from 'kysely';
import type { Tx } from '../../platform/db/scope.js';
import { findCentroid } from '../../platform/geo/postcodes.js';
import { BadParameter, MAX_PROXIMITY_METRES, text, type RawQuery } from './query.js';

/**
 * "Near a point": ORUK's `postcode` + `proximity` (metres from the postcode's centroid), or a
 * `latitude` + `longitude` pair instead of a postcode. Distances are great-circle (haversine); a
 * latitude/longitude bounding box is tested first so the location index narrows the rows before
 * the trigonometry runs.
 */
export interface Near {
  latitude: number;
  longitude: number;
  /** Only results within this many metres; without it results are only ordered by distance. */
  withinMetres?: number;
}

const EARTH_RADIUS_METRES = 6_371_000;
const METRES_PER_DEGREE_LATITUDE = 111_320;

function number(query: RawQuery, name: string, min: number, max: number): number | undefined {
  const value = text(query, name);
  if (value === undefined) return undefined;
  const parsed = /^-?\d+(?:\.\d+)?$/.test(value) ? Number(value) : Number.NaN;
  if (!(parsed >= min && parsed <= max)) throw new BadParameter(`${name} must be a number from ${min} to ${max}`);
  return parsed;
}

/** The postcode table's key: upper case, no spaces ('PE13 1AB' → 'PE131AB'). */
export function postcodeKey(postcode: string): string {
  return postcode.replace(/\s+/g, '').toUpperCase();
}

export async function readNear(tx: Tx, query: RawQuery): Promise<Near | undefined> {
  const proximity = number(query, 'proximity', 1, MAX_PROXIMITY_METRES);
  const postcode = text(query, 'postcode');
  const latitude = number(query, 'latitude', -90, 90);
  const longitude = number(query, 'longitude', -180, 180);
  if ((latitude === undefined) !== (longitude === undefined))
    throw new BadParameter('Give latitude and longitude together');
  if (postcode !== undefined && latitude !== undefined)
    throw new BadParameter('Give either postcode or latitude and longitude, not both');
  if (latitude !== undefined && longitude !== undefined) return { latitude, longitude, withinMetres: proximity };
  if (postcode === undefined) {
    if (proximity !== undefined)
      throw new BadParameter('proximity needs a postcode (or latitude and longitude) to measure from');
    return undefined;
  }
  const key = postcodeKey(postcode);
  if (!/^[A-Z]{1,2}\d[A-Z\d]?\d[A-Z]{2}$/.test(key))
    throw new BadParameter(`postcode "${postcode}" is not a UK postcode, like PE13 1AB`);
  const row = await findCentroid(tx, key);
  if (!row) throw new BadParameter(`postcode "${postcode}" was not found in our postcode list`);
  return { latitude: row.latitude, longitude: row.longitude, withinMetres: proximity };
}

/** Great-circle distance in metres from `near` to the location alias's latitude/longitude columns. */
export function distanceSql(near: Near, alias: string): RawBuilder<number> {
  const lat = sql.ref(`${alias}.latitude`);
  const lng = sql.ref(`${alias}.longitude`);
  return sql<number>`(2 * ${EARTH_RADIUS_METRES} * asin(sqrt(
    power(sin(radians(${lat} - ${near.latitude}::float8) / 2), 2) +
    cos(radians(${near.latitude}::float8)) * cos(radians(${lat})) * power(sin(radians(${lng} - ${near.longitude}::float8) / 2), 2)
  )))`;
}

/** Index-friendly pre-filter: the box around the circle (a little larger, never smaller). */
export function boundingBoxSql(near: Near & { withinMetres: number }, alias: string): RawBuilder<boolean> {
  const dLat = near.withinMetres / METRES_PER_DEGREE_LATITUDE;
  const cosLat = Math.max(Math.cos((near.latitude * Math.PI) / 180), 0.01);
  const dLng = near.withinMetres / (METRES_PER_DEGREE_LATITUDE * cosLat);
  const lat = sql.ref(`${alias}.latitude`);
  const lng = sql.ref(`${alias}.longitude`);
  return sql<boolean>`(${lat} between ${near.latitude - dLat} and ${near.latitude + dLat}
    and ${lng} between ${near.longitude - dLng} and ${near.longitude + dLng})`;
}
