import { createReadStream } from 'node:fs';
import { parse } from 'csv-parse';
import type { Insertable, Kysely } from 'kysely';
import type { DB, PostcodeTable } from '../../platform/db/schema.js';
import { formatPostcode, postcodeKey } from '../../platform/geo/postcodes.js';

/**
 * `cli import-postcodes --file F`: the ONS Postcode Directory CSV (or any CSV with its column
 * names) into the postcode table. The full file has 2.7 million rows, so it is streamed through
 * csv-parse and written in batches; a row already there is updated (coordinates and terminations
 * change between releases). Rows that cannot be used are counted and the first few reported.
 */
export interface PostcodeImportReport {
  read: number;
  imported: number;
  terminated: number;
  rejected: number;
  /** The first REJECTIONS_SHOWN problems, 'line 12: …'. */
  rejections: string[];
}

const BATCH = 1000;
const REJECTIONS_SHOWN = 20;

interface Columns {
  postcode: number;
  lat: number;
  long: number;
  doterm: number;
  authority: number;
}

function findColumns(header: string[]): Columns | string {
  const names = header.map((h) =>
    h
      .trim()
      .toLowerCase()
      .replace(/^\uFEFF/, ''),
  );
  const at = (...candidates: string[]) => candidates.map((c) => names.indexOf(c)).find((i) => i >= 0) ?? -1;
  const columns = {
    postcode: at('pcds', 'pcd', 'pcd2'),
    lat: at('lat'),
    long: at('long'),
    doterm: at('doterm'),
    authority: at('laua', 'oslaua', 'lad25cd', 'lad24cd'),
  };
  const missing = [
    columns.postcode < 0 && 'pcds (or pcd)',
    columns.lat < 0 && 'lat',
    columns.long < 0 && 'long',
  ].filter(Boolean);
  return missing.length
    ? `The file has no ${missing.join(', ')} column. Is it the ONS Postcode Directory CSV?`
    : columns;
}

type Row = Insertable<PostcodeTable>;

/** Parse one data row, or say why it cannot be used. */
export function parsePostcodeRow(fields: string[], c: Columns): Row | string {
  const raw = fields[c.postcode]?.trim() ?? '';
  const key = postcodeKey(raw);
  if (!key) return `"${raw}" is not a postcode`;
  const lat = Number(fields[c.lat]);
  const lng = Number(fields[c.long]);
  // ONSPD marks postcodes with no grid reference with latitude 99.999999.
  if (!fields[c.lat]?.trim() || !Number.isFinite(lat) || lat < 49 || lat > 61)
    return `${formatPostcode(key)} has no usable latitude`;
  if (!fields[c.long]?.trim() || !Number.isFinite(lng) || lng < -9 || lng > 3)
    return `${formatPostcode(key)} has no usable longitude`;
  const authority = c.authority >= 0 ? fields[c.authority]?.trim() || null : null;
  const terminated = c.doterm >= 0 && Boolean(fields[c.doterm]?.trim());
  return {
    postcode_key: key,
    postcode: formatPostcode(key),
    latitude: lat,
    longitude: lng,
    local_authority: authority,
    terminated,
  };
}

export async function importPostcodes(db: Kysely<DB>, file: string): Promise<PostcodeImportReport> {
  const report: PostcodeImportReport = { read: 0, imported: 0, terminated: 0, rejected: 0, rejections: [] };
  const records = createReadStream(file).pipe(
    parse({ bom: true, relax_column_count: true, skip_empty_lines: true, info: true }),
  ) as AsyncIterable<{ record: string[]; info: { lines: number } }>;
  let columns: Columns | null = null;
  let batch = new Map<string, Row>();
  const flush = async () => {
    if (batch.size === 0) return;
    const rows = [...batch.values()];
    batch = new Map();
    await db
      .insertInto('postcode')
      .values(rows)
      .onConflict((oc) =>
        oc.column('postcode_key').doUpdateSet((eb) => ({
          postcode: eb.ref('excluded.postcode'),
          latitude: eb.ref('excluded.latitude'),
          longitude: eb.ref('excluded.longitude'),
          local_authority: eb.ref('excluded.local_authority'),
          terminated: eb.ref('excluded.terminated'),
        })),
      )
      .execute();
    report.imported += rows.length;
  };
  for await (const { record, info } of records) {
    if (!columns) {
      const found = findColumns(record);
      if (typeof found === 'string') throw new Error(found);
      columns = found;
      continue;
    }
    if (record.every((field) => field.trim() === '')) continue;
    report.read++;
    const row = parsePostcodeRow(record, columns);
    if (typeof row === 'string') {
      report.rejected++;
      if (report.rejections.length < REJECTIONS_SHOWN) report.rejections.push(`line ${info.lines}: ${row}`);
      continue;
    }
    if (row.terminated) report.terminated++;
    // A postcode repeated in one batch would make the upsert touch a row twice; the last one wins.
    batch.set(row.postcode_key, row);
    if (batch.size >= BATCH) await flush();
  }
  if (!columns) throw new Error('The file is empty');
  await flush();
  return report;
}
