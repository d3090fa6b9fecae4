/**
 * The fairness report's arithmetic, pure: agreed weekly budgets (pence) against RAS points.
 *
 * - The fit is ordinary least squares, budget = intercept + slope × points (slope in pence a point).
 * - A residual is the agreed budget less the fit's budget for those points.
 * - The spread is the residual standard deviation with n − 2 degrees of freedom (two figures were
 *   fitted), and the interquartile range of pounds per point over people with any points.
 * - Quantiles interpolate linearly between ranks, as PostgreSQL's percentile_cont and spreadsheets do.
 * - An outlier's agreed budget lies outside the band of ±N % around the fit's budget for its points.
 */

export interface FairnessPoint {
  points: number;
  /** The agreed weekly budget, integer pence. */
  agreedPence: number;
}

export interface Fit {
  /** Pence a point. */
  slope: number;
  /** Pence at no points. */
  intercept: number;
}

export type Side = 'above' | 'below';

export interface GroupFigures {
  group: string;
  count: number;
  meanAgreedPence: number;
  meanPoints: number;
  /** Null without a fit. */
  meanResidualPence: number | null;
  above: number;
  below: number;
}

export interface FairnessFigures {
  count: number;
  fit: Fit | null;
  residualSdPence: number | null;
  /** Pounds per point as pence per point, over people with points > 0. */
  penceAPoint: { q1: number; median: number; q3: number; iqr: number; count: number } | null;
  above: number;
  below: number;
}

/** The least-squares line through the points; null when it is not defined (fewer than two distinct points). */
export function leastSquares(data: readonly FairnessPoint[]): Fit | null {
  const n = data.length;
  if (n < 2) return null;
  const meanX = data.reduce((s, d) => s + d.points, 0) / n;
  const meanY = data.reduce((s, d) => s + d.agreedPence, 0) / n;
  let sxx = 0;
  let sxy = 0;
  for (const d of data) {
    sxx += (d.points - meanX) ** 2;
    sxy += (d.points - meanX) * (d.agreedPence - meanY);
  }
  if (sxx === 0) return null;
  const slope = sxy / sxx;
  return { slope, intercept: meanY - slope * meanX };
}

export const fitted = (fit: Fit, points: number): number => fit.intercept + fit.slope * points;

export const residual = (fit: Fit, d: FairnessPoint): number => d.agreedPence - fitted(fit, d.points);

/** The q-th quantile (0 ≤ q ≤ 1) of values already sorted ascending, interpolating between ranks. */
export function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) throw new RangeError('No values to take a quantile of');
  const rank = q * (sorted.length - 1);
  const low = Math.floor(rank);
  const high = Math.ceil(rank);
  return sorted[low]! + (sorted[high]! - sorted[low]!) * (rank - low);
}

/** √(Σ residual² / (n − 2)); null with fewer than three people (no spread left after fitting two figures). */
export function residualSd(residuals: readonly number[]): number | null {
  if (residuals.length < 3) return null;
  const sum = residuals.reduce((s, r) => s + r * r, 0);
  return Math.sqrt(sum / (residuals.length - 2));
}

/**
 * Which side of the band the budget lies, or null inside it. The band is measured from the fit's
 * budget, by its size, so a fit below nothing (few points, negative intercept) still has a band.
 */
export function outside(fit: Fit, d: FairnessPoint, bandPercent: number): Side | null {
  const expected = fitted(fit, d.points);
  const margin = (Math.abs(expected) * bandPercent) / 100;
  const difference = d.agreedPence - expected;
  // A hair of tolerance, so a budget exactly on the band's edge counts as inside whatever the rounding.
  const tolerance = 1e-9 * Math.max(1, Math.abs(expected));
  if (difference > margin + tolerance) return 'above';
  if (difference < -margin - tolerance) return 'below';
  return null;
}

function penceAPoint(data: readonly FairnessPoint[]): FairnessFigures['penceAPoint'] {
  const rates = data
    .filter((d) => d.points > 0)
    .map((d) => d.agreedPence / d.points)
    .sort((a, b) => a - b);
  if (rates.length === 0) return null;
  const q1 = quantile(rates, 0.25);
  const q3 = quantile(rates, 0.75);
  return { q1, median: quantile(rates, 0.5), q3, iqr: q3 - q1, count: rates.length };
}

/** The whole-population figures: fit, spread and how many lie outside the band. */
export function fairnessFigures(data: readonly FairnessPoint[], bandPercent: number): FairnessFigures {
  const fit = leastSquares(data);
  const sides = fit ? data.map((d) => outside(fit, d, bandPercent)) : [];
  return {
    count: data.length,
    fit,
    residualSdPence: fit ? residualSd(data.map((d) => residual(fit, d))) : null,
    penceAPoint: penceAPoint(data),
    above: sides.filter((s) => s === 'above').length,
    below: sides.filter((s) => s === 'below').length,
  };
}

/** Count, means and outliers per group (groups sorted by name), each measured against the one overall fit. */
export function groupFigures<T extends FairnessPoint>(
  data: readonly T[],
  groupOf: (d: T) => string,
  fit: Fit | null,
  bandPercent: number,
): GroupFigures[] {
  const groups = new Map<string, T[]>();
  for (const d of data) {
    const key = groupOf(d);
    const members = groups.get(key);
    if (members) members.push(d);
    else groups.set(key, [d]);
  }
  return [...groups.entries()]
    .sort(([a], [b]) => a.localeCompare(b, 'en-GB'))
    .map(([group, members]) => {
      const mean = (f: (d: T) => number) => members.reduce((s, d) => s + f(d), 0) / members.length;
      const sides = fit ? members.map((d) => outside(fit, d, bandPercent)) : [];
      return {
        group,
        count: members.length,
        meanAgreedPence: mean((d) => d.agreedPence),
        meanPoints: mean((d) => d.points),
        meanResidualPence: fit ? mean((d) => residual(fit, d)) : null,
        above: sides.filter((s) => s === 'above').length,
        below: sides.filter((s) => s === 'below').length,
      };
    });
}
