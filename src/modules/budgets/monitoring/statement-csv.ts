import { createHash } from 'node:crypto';
import { CsvError, parse } from 'csv-parse/sync';
import { Temporal } from 'temporal-polyfill';
import { parsePlainDate } from '../../../platform/dates.js';
import { parsePoundsToPence } from '../../../platform/money.js';
import type { RefusedRow } from './tables.js';

/**
 * A card or bank statement as CSV: columns date, description and amount (money out negative, money
 * in positive, pounds with pence), and optionally balance and reference, in any order, headers in
 * any case. Pure: no tables. A file that cannot be a statement at all is refused whole (`malformed`);
 * otherwise each line is accepted or refused with its reason, so the person sees what to fix.
 */
export const MAX_STATEMENT_CHARS = 200_000;
export const MAX_STATEMENT_ROWS = 2_000;

export interface StatementLine {
  line: number;
  occurredOn: string;
  description: string;
  amountPence: number;
  balancePence: number | null;
  reference: string | null;
  /** Part + date + amount + description + reference: the same line imported twice has the same hash. */
  rowHash: string;
}

export type ParsedStatement =
  { ok: true; lines: StatementLine[]; refused: RefusedRow[] } | { ok: false; problem: string };

const REQUIRED = ['date', 'description', 'amount'] as const;
const headerKey = (name: string) => name.toLowerCase().replace(/[\s_\-.]/g, '');

export function rowHash(partId: string, l: Omit<StatementLine, 'line' | 'rowHash' | 'balancePence'>): string {
  const key = JSON.stringify([partId, l.occurredOn, l.amountPence, l.description, l.reference ?? '']);
  return createHash('sha256').update(key).digest('hex');
}

export function parseStatement(text: string, partId: string, today: string): ParsedStatement {
  if (text.trim() === '') return { ok: false, problem: 'The file is empty' };
  if (text.length > MAX_STATEMENT_CHARS)
    return { ok: false, problem: 'The file must be smaller than 200 KB: split it into shorter statements' };
  if (text.includes('\u0000')) return { ok: false, problem: 'The file is not a CSV file (it is not text)' };
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(text, { bom: true, relax_column_count: true, skip_empty_lines: true, info: true }) as never;
  } catch (error) {
    if (!(error instanceof CsvError)) throw error;
    return { ok: false, problem: `The file is not valid CSV: ${error.message}` };
  }
  const [head, ...body] = records;
  const columns = new Map((head?.record ?? []).map((name, i) => [headerKey(name), i]));
  const missing = REQUIRED.filter((c) => !columns.has(c));
  if (missing.length > 0)
    return {
      ok: false,
      problem: `The file must have columns named date, description and amount: ${missing.join(', ')} missing`,
    };
  if (body.length > MAX_STATEMENT_ROWS)
    return { ok: false, problem: `The file has ${body.length} rows: import at most ${MAX_STATEMENT_ROWS} at a time` };
  const cell = (record: string[], name: string) => {
    const i = columns.get(name);
    return i === undefined ? '' : (record[i] ?? '').trim();
  };
  const lines: StatementLine[] = [];
  const refused: RefusedRow[] = [];
  const seen = new Map<string, number>();
  for (const { record, info } of body) {
    const read = readLine(info.lines, (name) => cell(record, name), partId, today);
    if ('reason' in read) refused.push(read);
    else if (seen.has(read.rowHash))
      refused.push({ line: read.line, reason: `A duplicate of line ${seen.get(read.rowHash)} in this file` });
    else {
      seen.set(read.rowHash, read.line);
      lines.push(read);
    }
  }
  return { ok: true, lines, refused };
}

function readLine(
  line: number,
  cell: (name: string) => string,
  partId: string,
  today: string,
): StatementLine | RefusedRow {
  const occurredOn = statementDate(cell('date'));
  if (!occurredOn)
    return { line, reason: `The date "${clip(cell('date'))}" is not a date like 2026-11-30 or 30/11/2026` };
  if (Temporal.PlainDate.compare(occurredOn, today) > 0)
    return { line, reason: `The date ${occurredOn} is in the future` };
  const amount = signedPence(cell('amount'));
  if (amount === null)
    return { line, reason: `The amount "${clip(cell('amount'))}" is not an amount in pounds, like -12.50` };
  if (amount === 0) return { line, reason: 'The amount is 0: there is nothing to record' };
  const description = cell('description');
  if (description === '') return { line, reason: 'The description is empty' };
  if (description.length > 300) return { line, reason: 'The description is longer than 300 characters' };
  const balanceText = cell('balance');
  const balancePence = balanceText === '' ? null : signedPence(balanceText);
  if (balancePence === null && balanceText !== '')
    return { line, reason: `The balance "${clip(balanceText)}" is not an amount in pounds` };
  const reference = cell('reference') || null;
  if (reference && reference.length > 100) return { line, reason: 'The reference is longer than 100 characters' };
  const fields = { occurredOn, description, amountPence: amount, reference };
  return { line, ...fields, balancePence, rowHash: rowHash(partId, fields) };
}

/** 'YYYY-MM-DD' or the UK's 'DD/MM/YYYY', as 'YYYY-MM-DD'; null if it is not a real date. */
export function statementDate(text: string): string | null {
  const uk = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(text);
  const iso = uk ? `${uk[3]}-${uk[2]!.padStart(2, '0')}-${uk[1]!.padStart(2, '0')}` : text;
  return /^\d{4}-\d{2}-\d{2}$/.test(iso) && parsePlainDate(iso) ? iso : null;
}

/** '-12.50' → -1250, '+3' or '3' → 300, '-£1,200.00' → -120000; null if it is not an amount. */
export function signedPence(text: string): number | null {
  const match = /^([+-]?)\s*(.+)$/.exec(text.trim());
  if (!match || /^[+-]/.test(match[2]!)) return null;
  const parsed = parsePoundsToPence(match[2]!);
  if (!parsed.ok) return null;
  return match[1] === '-' ? -parsed.pence : parsed.pence;
}

const clip = (text: string) => (text.length > 40 ? `${text.slice(0, 40)}…` : text);
