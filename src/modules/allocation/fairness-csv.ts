import { stringify } from 'csv-stringify/sync';
import {
  isTooSmallToShow,
  oneDecimal,
  poundsNumber,
  SPLITS,
  summaryLines,
  TOO_SMALL_TEXT,
  type SplitKey,
} from './fairness-view.js';
import type { FairnessFigures, GroupFigures } from './fairness-stats.js';

type Cell = string | number | null;

/**
 * Rows as CSV for a spreadsheet: CRLF line ends; a field quoted when it holds a comma, quote or line
 * break; text starting with a formula character neutralised with a leading apostrophe (a patch named
 * "=HYPERLINK(…)" is shown, not run). Numbers are left as numbers.
 */
function toCsv(rows: readonly (readonly Cell[])[]): string {
  return stringify(rows as Cell[][], {
    record_delimiter: 'windows',
    quoted_match: /[\r\n]/,
    cast: { string: (text) => (/^[=+\-@\t\r]/.test(text) ? `'${text}` : text) },
  });
}

export interface CsvReport {
  versionLabel: string;
  bandPercent: number;
  split: SplitKey;
  figures: FairnessFigures;
  groups: GroupFigures[];
}

/**
 * The page's figures: what was asked, the headline figures (as the page words them), a blank line,
 * then one row per group with amounts in pounds to the penny.
 */
export function fairnessCsv(report: CsvReport): string {
  const header: Cell[][] = [
    ['Resource allocation system version', report.versionLabel],
    ['Band around the fit line (per cent)', report.bandPercent],
    ['Split by', SPLITS[report.split]],
    ...summaryLines(report.figures, report.bandPercent),
    [],
  ];
  const groups: Cell[][] = report.groups.map((g) =>
    isTooSmallToShow(g)
      ? [g.group, TOO_SMALL_TEXT, null, null, null, null, null]
      : [
          g.group,
          g.count,
          poundsNumber(g.meanAgreedPence),
          oneDecimal(g.meanPoints),
          poundsNumber(g.meanResidualPence),
          g.above,
          g.below,
        ],
  );
  return toCsv([
    ...header,
    [
      SPLITS[report.split],
      'People',
      'Mean agreed weekly budget (£)',
      'Mean points',
      'Mean difference from the fit line (£)',
      'Above the band',
      'Below the band',
    ],
    ...groups,
  ]);
}
