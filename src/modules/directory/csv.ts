import { CsvError, parse } from 'csv-parse/sync';

/** A file that cannot be read as CSV, with the line the reader stopped at (for the import report). */
export class CsvFormatError extends Error {
  constructor(
    readonly line: number,
    message: string,
  ) {
    super(message);
  }
}

/**
 * CSV text into rows of fields (RFC 4180, by csv-parse): quoted fields, doubled quotes, commas and
 * line breaks inside quotes, CRLF, LF or CR line ends (mixed, as hand-edited files have them), a
 * UTF-8 byte-order mark, rows of different lengths. Rows with nothing in them are dropped. A file
 * that is not CSV at all (a quote never closed) is refused with the line it went wrong on.
 */
export function parseCsv(text: string): string[][] {
  try {
    const rows = parse(text, {
      bom: true,
      record_delimiter: ['\r\n', '\n', '\r'],
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: true,
    }) as string[][];
    return rows.filter((r) => r.some((cell) => cell.trim() !== ''));
  } catch (error) {
    if (!(error instanceof CsvError)) throw error;
    const line = Number((error as CsvError & { lines?: number }).lines ?? 0);
    throw new CsvFormatError(line, `The file is not valid CSV: a quoted field is not closed (line ${line})`);
  }
}

/** Header names compared loosely: case, spaces, underscores and hyphens do not matter. */
export function headerKey(name: string): string {
  return name.toLowerCase().replace(/[\s_\-.]/g, '');
}

/** Rows as objects keyed by the loosened header name (see headerKey). */
export function csvRecords(text: string): { headers: string[]; records: Record<string, string>[] } {
  const [head, ...body] = parseCsv(text);
  if (!head) return { headers: [], records: [] };
  const headers = head.map(headerKey);
  const records = body.map((cells) => {
    const rec: Record<string, string> = {};
    headers.forEach((h, i) => {
      if (h && rec[h] === undefined) rec[h] = (cells[i] ?? '').trim();
    });
    return rec;
  });
  return { headers, records };
}

/** The first non-empty value among several header spellings. */
export function pick(rec: Record<string, string>, ...names: string[]): string | undefined {
  for (const n of names) {
    const v = rec[headerKey(n)];
    if (v !== undefined && v !== '') return v;
  }
  return undefined;
}
