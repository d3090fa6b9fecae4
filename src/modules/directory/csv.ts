/**
 * A small RFC 4180 CSV reader: quoted fields, doubled quotes, commas and line breaks inside quotes,
 * CRLF or LF, a UTF-8 byte-order mark. Enough for LGA taxonomy files and HSDS tabular exports
 * without adding a dependency.
 */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  const input = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  for (let i = 0; i < input.length; i += 1) {
    const ch = input[i];
    if (quoted) {
      if (ch === '"') {
        if (input[i + 1] === '"') {
          field += '"';
          i += 1;
        } else quoted = false;
      } else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(field);
      field = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && input[i + 1] === '\n') i += 1;
      row.push(field);
      field = '';
      rows.push(row);
      row = [];
    } else field += ch;
  }
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows.filter((r) => r.some((cell) => cell.trim() !== ''));
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
