import { mapCsv } from './csv-services.js';
import { CsvFormatError } from '../csv.js';
import { mapOruk1 } from './oruk1.js';
import { mapOruk3 } from './oruk3.js';
import { arr, obj, str, type FeedFormat, type Mapped } from './candidate.js';

/** A feed that cannot be read at all (not one bad record): the whole import stops with this message. */
export class FeedError extends Error {}

/**
 * Which format a file is, when not told: CSV unless it starts like JSON; an ORUK 1.0 list has
 * `content` (Spring-style page), ORUK 3.0 has `contents`; a bare array or single service is 1.0
 * when its services carry 1.0-only fields (regular_schedules, physical addresses, eligibilitys).
 */
export function detectFormat(text: string): FeedFormat {
  const start = text.trimStart()[0];
  if (start !== '{' && start !== '[') return 'csv';
  const json = parseJson(text);
  const o = obj(json);
  if (o && Array.isArray(o.content)) return 'oruk1';
  if (o && Array.isArray(o.contents)) return 'oruk3';
  const first = Array.isArray(json) ? obj(json[0]) : o;
  const v1 = first && ['regular_schedules', 'eligibilitys', 'service_taxonomys', 'fundings'].some((k) => k in first);
  return v1 ? 'oruk1' : 'oruk3';
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new FeedError('The file is not valid JSON');
  }
}

/** Services in a JSON feed file: an array, a list page (`contents` / `content`) or one service. */
export function servicesIn(json: unknown): unknown[] {
  if (Array.isArray(json)) return json;
  const o = obj(json);
  if (!o) throw new FeedError('The feed must be a list of services or one service');
  if (Array.isArray(o.contents)) return o.contents;
  if (Array.isArray(o.content)) return o.content;
  if (Array.isArray(o.services)) return o.services;
  if ('id' in o && 'name' in o) return [o];
  throw new FeedError(
    'No services found: expected an array, or an object with "contents" (ORUK 3.0) or "content" (ORUK 1.0)',
  );
}

/** Organisations a feed lists beside its services (`organizations`), for services that only give organization_id. */
function organizationsIn(json: unknown): Map<string, Record<string, unknown>> {
  const list = arr(obj(json)?.organizations);
  return new Map(list.filter((o) => str(o.id)).map((o) => [str(o.id)!, o]));
}

export function mapRecords(
  format: FeedFormat,
  services: unknown[],
  organizations = new Map<string, Record<string, unknown>>(),
): Mapped[] {
  return services.map((s) => (format === 'oruk1' ? mapOruk1(s) : mapOruk3(s, organizations)));
}

/** The CSV feed's rows, or a FeedError the import page shows when the file is not CSV at all. */
function readCsv(text: string): ReturnType<typeof mapCsv> {
  try {
    return mapCsv(text);
  } catch (error) {
    if (error instanceof CsvFormatError) throw new FeedError(error.message);
    throw error;
  }
}

export function readFeedText(text: string, format: FeedFormat | undefined): { format: FeedFormat; mapped: Mapped[] } {
  if (text.trim() === '') throw new FeedError('The file is empty');
  const chosen = format ?? detectFormat(text);
  if (chosen === 'csv') {
    const { headerProblem, records } = readCsv(text);
    if (headerProblem) throw new FeedError(headerProblem);
    return { format: chosen, mapped: records };
  }
  const json = parseJson(text);
  return { format: chosen, mapped: mapRecords(chosen, servicesIn(json), organizationsIn(json)) };
}
