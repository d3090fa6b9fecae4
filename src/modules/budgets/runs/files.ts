import { sql } from 'kysely';
import { Temporal } from 'temporal-polyfill';
import type { Tx } from '../../../platform/db/scope.js';
import { councilAccount } from '../ledger.js';

/**
 * The payment files, made only from the outbox (a snapshot taken when each payment was posted) in
 * a stable order, with no clock and no randomness in them: the same run gives the same bytes every
 * time. Their totals are checked against the ledger's own total for the run.
 */

export interface OutboxLine {
  idempotencyKey: string;
  payeeName: string;
  sortCode: string;
  accountNumber: string;
  amountPence: number;
  reference: string;
  paymentDate: string;
}

export interface Originator {
  name: string;
  sortCode: string;
  accountNumber: string;
  serviceUserNumber: string;
}

export async function outboxLines(tx: Tx, runId: string): Promise<OutboxLine[]> {
  const rows = await tx
    .selectFrom('payment_outbox')
    .select([
      'idempotency_key',
      'payee_name',
      'sort_code',
      'account_number',
      'amount_pence',
      'reference',
      'payment_date',
    ])
    .where('run_id', '=', runId)
    .orderBy('idempotency_key')
    .execute();
  return rows.map((r) => ({
    idempotencyKey: r.idempotency_key,
    payeeName: r.payee_name,
    sortCode: r.sort_code,
    accountNumber: r.account_number,
    amountPence: Number(r.amount_pence),
    reference: r.reference,
    paymentDate: r.payment_date,
  }));
}

export async function originatorOf(tx: Tx): Promise<Originator> {
  const row = await tx.selectFrom('payment_settings').selectAll().executeTakeFirst();
  return {
    name: row?.originator_name ?? 'COUNCIL ASC',
    sortCode: row?.originator_sort_code ?? '200000',
    accountNumber: row?.originator_account_number ?? '55779911',
    serviceUserNumber: row?.service_user_number ?? '123456',
  };
}

/** What the ledger says the run paid out of council funding: the sum of its payments' funding postings. */
export async function ledgerTotalForRun(tx: Tx, runId: string): Promise<number> {
  const funding = await councilAccount(tx, 'council_funding');
  const row = await sql<{ total: string }>`
    select coalesce(-sum(p.amount_pence), 0) as total from budget_posting p
    join payment pay on pay.journal_id = p.journal_id
    where pay.run_id = ${runId} and p.account_id = ${funding}`.execute(tx);
  return Number(row.rows[0]!.total);
}

const total = (lines: readonly OutboxLine[]) => lines.reduce((sum, l) => sum + l.amountPence, 0);

/** A text cell a spreadsheet would run as a formula (=, +, -, @, tab, CR) starts with an apostrophe instead. */
export function neutralise(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

function csvCell(value: string | number): string {
  if (typeof value === 'number') return String(value);
  const safe = neutralise(value);
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

const csvRow = (cells: (string | number)[]) => `${cells.map(csvCell).join(',')}\r\n`;

/** CSV: a header row, one row per payment in key order, and a trailer row with the count and total pence. */
export function paymentCsv(lines: readonly OutboxLine[]): string {
  const header = ['Reference', 'Payee name', 'Sort code', 'Account number', 'Amount (pence)', 'Payment date', 'Key'];
  const body = lines.map((l) =>
    csvRow([l.reference, l.payeeName, l.sortCode, l.accountNumber, l.amountPence, l.paymentDate, l.idempotencyKey]),
  );
  return csvRow(header) + body.join('') + csvRow(['TRAILER', lines.length, total(lines)]);
}

/** Bacs text: capitals, digits, space and . & / - only; anything else becomes a space. */
function bacsText(text: string, width: number): string {
  const cleaned = text
    .normalize('NFKD')
    .toUpperCase()
    .replace(/[^A-Z0-9 .&/-]/g, ' ');
  return cleaned.slice(0, width).padEnd(width, ' ');
}

const digits = (n: number, width: number) => String(n).padStart(width, '0');

/** Bacs dates are ' yyddd': a space, the year's last two digits and the day of the year. */
function bacsDate(date: string): string {
  const d = Temporal.PlainDate.from(date);
  return ` ${String(d.year % 100).padStart(2, '0')}${String(d.dayOfYear).padStart(3, '0')}`;
}

/** One 100-character Standard 18 record. */
function record(
  dest: { sortCode: string; accountNumber: string; name: string },
  code: '99' | '17',
  amountPence: number,
  originator: Originator,
  reference: string,
): string {
  return (
    dest.sortCode +
    dest.accountNumber +
    '0' +
    code +
    originator.sortCode +
    originator.accountNumber +
    '    ' +
    digits(amountPence, 11) +
    bacsText(originator.name, 18) +
    bacsText(reference, 18) +
    bacsText(dest.name, 18)
  );
}

const label = (text: string) => text.slice(0, 80).padEnd(80, ' ');

/**
 * A Bacs Standard 18-style file: VOL1, HDR1 and UHL1 labels (80 characters), a 100-character credit
 * record (transaction code 99) per payment, a contra record debiting the council's account with the
 * total (code 17), then EOF1 and a UTL1 trailer with the totals and counts. Lines end CRLF.
 */
export function paymentBacs(
  lines: readonly OutboxLine[],
  originator: Originator,
  runId: string,
  processingDate: string,
): string {
  const fileId = runId.replaceAll('-', '').slice(0, 6).toUpperCase();
  const sum = total(lines);
  const out = [
    label(`VOL1${fileId}0${' '.repeat(20)}${' '.repeat(6)}${originator.serviceUserNumber}${' '.repeat(28)}1`),
    label(
      `HDR1A${originator.serviceUserNumber}S  1${originator.serviceUserNumber}${fileId}00010001${bacsDate(processingDate)}`,
    ),
    label(`UHL1${bacsDate(processingDate)}999999    000000001 DAILY  001`),
    ...lines.map((l) =>
      record(
        { sortCode: l.sortCode, accountNumber: l.accountNumber, name: l.payeeName },
        '99',
        l.amountPence,
        originator,
        l.reference,
      ),
    ),
    record(
      { sortCode: originator.sortCode, accountNumber: originator.accountNumber, name: originator.name },
      '17',
      sum,
      originator,
      'CONTRA',
    ),
    label(
      `EOF1A${originator.serviceUserNumber}S  1${originator.serviceUserNumber}${fileId}00010001${bacsDate(processingDate)}`,
    ),
    label(`UTL1${digits(sum, 13)}${digits(sum, 13)}${digits(1, 7)}${digits(lines.length, 7)}`),
  ];
  return out.map((line) => `${line}\r\n`).join('');
}

/** Control totals read back out of each file, to check them against the ledger. */
export function csvTrailer(csv: string): { count: number; totalPence: number } {
  const last = csv.trimEnd().split('\r\n').at(-1)!.split(',');
  return { count: Number(last[1]), totalPence: Number(last[2]) };
}

export function bacsTrailer(bacs: string): { count: number; totalPence: number } {
  const utl = bacs.split('\r\n').find((line) => line.startsWith('UTL1'))!;
  return { count: Number(utl.slice(37, 44)), totalPence: Number(utl.slice(17, 30)) };
}
