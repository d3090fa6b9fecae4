import type { FieldError } from '../../platform/http/errors.js';
import { canonicalId } from '../../platform/http/ids.js';
import { labelFor } from '../../platform/cld/index.js';
import { formatPounds } from '../../platform/money.js';
import type { FairnessRow, VersionChoice } from './fairness-repository.js';
import type { FairnessFigures, GroupFigures } from './fairness-stats.js';

/** What the commissioner chose on the report's form, read from the query once. */

export const DEFAULT_BAND_PERCENT = 20;

export const SPLITS = {
  patch: 'Patch',
  age: 'Age band',
  ethnicity: 'Ethnicity',
  reason: 'Primary support reason',
} as const;
export type SplitKey = keyof typeof SPLITS;

export interface ReportChoice {
  version: VersionChoice | null;
  bandPercent: number;
  split: SplitKey;
  errors: FieldError[];
}

const isSplit = (value: unknown): value is SplitKey => typeof value === 'string' && Object.hasOwn(SPLITS, value);

/**
 * `?version=<id>&band=<1–100>&split=<patch|age|ethnicity|reason>`. Left out, the newest published
 * version, a band of ±20 % and the split by patch; asked for wrongly, the same with an error to say so.
 */
export function reportChoice(query: Record<string, unknown>, versions: readonly VersionChoice[]): ReportChoice {
  const errors: FieldError[] = [];
  const fallback = versions.find((v) => v.status === 'published') ?? versions[0] ?? null;
  let version = fallback;
  if (query.version !== undefined && query.version !== '') {
    const id = canonicalId(query.version);
    const found = versions.find((v) => v.id === id);
    if (found) version = found;
    else errors.push({ text: 'Choose a version of the resource allocation system from the list', href: '#version' });
  }
  let bandPercent = DEFAULT_BAND_PERCENT;
  if (query.band !== undefined && query.band !== '') {
    const text = typeof query.band === 'string' ? query.band.trim() : '';
    const band = /^\d{1,3}$/.test(text) ? Number(text) : NaN;
    if (band >= 1 && band <= 100) bandPercent = band;
    else errors.push({ text: 'Enter the band as a whole number of per cent, from 1 to 100', href: '#band' });
  }
  return { version, bandPercent, split: isSplit(query.split) ? query.split : 'patch', errors };
}

/** The group a person falls in under each split, in words. */
export function groupOf(split: SplitKey): (row: FairnessRow) => string {
  switch (split) {
    case 'patch':
      return (r) => r.patchName ?? 'No patch';
    case 'age':
      return (r) => r.ageBand;
    case 'ethnicity':
      return (r) => labelFor('ethnicity', r.ethnicity) || 'Not recorded';
    case 'reason':
      return (r) => labelFor('primarySupportReason', r.primarySupportReason) || 'Not recorded';
  }
}

/** Pence held as a fraction (a mean, a fit) shown to the nearest penny. */
export const pounds = (pence: number | null): string => (pence === null ? '–' : formatPounds(Math.round(pence)));
/** Pounds to the penny as a plain number for a spreadsheet: 1234.5 p → 12.35. */
export const poundsNumber = (pence: number | null): number | null => (pence === null ? null : Math.round(pence) / 100);
export const oneDecimal = (n: number): number => Math.round(n * 10) / 10;

/** The headline figures as label and value pairs: the page's summary list and the CSV's top rows. */
export function summaryLines(figures: FairnessFigures, bandPercent: number): [string, string][] {
  const { fit, penceAPoint: rate } = figures;
  return [
    ['People with an agreed budget', String(figures.count)],
    ['Fit line: pounds a point', fit ? pounds(fit.slope) : 'Not enough people to fit a line'],
    ['Fit line: pounds at no points', fit ? pounds(fit.intercept) : '–'],
    ['Spread around the line (residual standard deviation)', pounds(figures.residualSdPence)],
    ['Pounds a point: median', rate ? pounds(rate.median) : '–'],
    ['Pounds a point: middle half (interquartile range)', rate ? `${pounds(rate.q1)} to ${pounds(rate.q3)}` : '–'],
    ['Pounds a point: width of the middle half', rate ? pounds(rate.iqr) : '–'],
    [`Above the band (more than ${bandPercent}% over the line)`, String(figures.above)],
    [`Below the band (more than ${bandPercent}% under the line)`, String(figures.below)],
  ];
}

/**
 * Groups smaller than this show no figures. The report is for people who do not work cases: with so few
 * people in a group (one patch's only person of an ethnicity), an average is one person's budget.
 */
export const SMALLEST_GROUP_SHOWN = 5;
export const TOO_SMALL_TEXT = `Fewer than ${SMALLEST_GROUP_SHOWN}`;
export const isTooSmallToShow = (g: GroupFigures) => g.count < SMALLEST_GROUP_SHOWN;

/** One group's figures as the page's table shows them (a group too small to show, only its name). */
export function groupCells(g: GroupFigures) {
  if (isTooSmallToShow(g))
    return {
      group: g.group,
      count: TOO_SMALL_TEXT,
      meanAgreed: '–',
      meanPoints: '–',
      meanResidual: '–',
      above: '–',
      below: '–',
    };
  return {
    group: g.group,
    count: g.count,
    meanAgreed: pounds(g.meanAgreedPence),
    meanPoints: oneDecimal(g.meanPoints),
    meanResidual: pounds(g.meanResidualPence),
    above: g.above,
    below: g.below,
  };
}
