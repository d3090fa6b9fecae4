import { stringify } from 'csv-stringify/sync';
import type { BudgetTransactionRow } from './tables.js';

type Cell = string | number | null;

/**
 * A part's statement lines as CSV, for the person or whoever helps them check it (S7: a
 * granddaughter checks the card's transactions). CRLF line ends; text starting with a formula
 * character (= + - @, tab, CR) gets a leading apostrophe, so a description like "=HYPERLINK(…)" is
 * shown, not run; amounts are numbers in pounds.
 */
export function statementCsv(
  heading: { personName: string; part: string },
  transactions: readonly BudgetTransactionRow[],
): string {
  const pounds = (pence: string | number | null) => (pence === null ? null : Number(pence) / 100);
  const rows: Cell[][] = [
    ['Statement for', heading.personName],
    ['Budget part', heading.part],
    [],
    ['Date', 'Description', 'Amount (£)', 'Balance (£)', 'Reference', 'What it was for'],
    ...transactions.map((t) => [
      t.occurred_on,
      t.description,
      pounds(t.amount_pence),
      pounds(t.balance_pence),
      t.reference,
      t.category,
    ]),
  ];
  return stringify(rows, {
    record_delimiter: 'windows',
    quoted_match: /[\r\n]/,
    cast: { string: (text) => (/^[=+\-@\t\r]/.test(text) ? `'${text}` : text) },
  });
}
