/**
 * A resource allocation system (RAS): how a council turns answers about a person's needs into an
 * indicative weekly personal budget, from comparative need rather than "what things happen to cost".
 * A version is an immutable value: once published it never changes, so any budget worked out under it
 * can be worked out again, exactly, years later. A change is a new version with a new id.
 */

export interface RasAnswerOption {
  key: string;
  text: string;
  /** A whole number, 0 or more. */
  points: number;
}

export interface RasQuestion {
  /** Unique across the whole version: answers are stored by question key. */
  key: string;
  text: string;
  answers: readonly RasAnswerOption[];
}

export interface RasDomain {
  key: string;
  label: string;
  questions: readonly RasQuestion[];
}

/**
 * Points numbered fromPoints to toPoints (inclusive; null is "and above") are priced at pencePerPoint.
 * Bands are marginal, like income tax bands: in "0–20 at £7.00, 21–40 at £6.50", a total of 30 points is
 * 20 × £7.00 + 10 × £6.50. So one more point never gives less money, which whole-total pricing (all 30
 * points at £6.50) would break at every band's edge.
 */
export interface PriceBand {
  fromPoints: number;
  toPoints: number | null;
  pencePerPoint: number;
}

/** A carer's allocation: the carer domain's points (fromPoints to toPoints, inclusive) give a fixed weekly amount. */
export interface CarerBand {
  fromPoints: number;
  toPoints: number | null;
  weeklyPence: number;
}

export interface RasVersion {
  id: string;
  label: string;
  /** 'YYYY-MM-DD': the first day assessments use this version. */
  effectiveFrom: string;
  domains: readonly RasDomain[];
  bands: readonly PriceBand[];
  /** The least and the most indicative weekly budget, in pence. */
  floorWeeklyPence: number;
  ceilingWeeklyPence: number;
  /**
   * Percentage (whole number, 0–100) taken off a domain's money when the person's own network (family,
   * friends, neighbours) meets that need. A domain not listed is never reduced; 100 at most, so never
   * below zero.
   */
  networkReductionPercent: Readonly<Record<string, number>>;
  /** The domain whose points give the carer's allocation, and its table. */
  carer: { domainKey: string; bands: readonly CarerBand[] };
}

export interface RasAnswers {
  /** Question key → the key of the answer chosen. Every question of the version is answered. */
  answers: Readonly<Record<string, string>>;
  /** Domains (by key) where the person's network meets the need. */
  networkMeetsNeed: readonly string[];
}

export interface BudgetLine {
  kind: 'need' | 'carer' | 'floor' | 'ceiling';
  /** The domain's key; null for the floor and ceiling lines. */
  domainKey: string | null;
  /** The domain's label, or what the line is ("Least weekly budget"). */
  domain: string;
  points: number;
  /** Negative only on a ceiling line, which takes money off. */
  weeklyPence: number;
  text: string;
}

export interface IndicativeBudget {
  versionId: string;
  versionLabel: string;
  points: number;
  weeklyPence: number;
  /** weeklyPence × 52, exactly. */
  annualPence: number;
  /** Sum exactly to weeklyPence. */
  lines: BudgetLine[];
  summary: string;
}

/** The rules in plain English, for the page that shows a budget and for the council's settings. */
export const RAS_RULES: readonly string[] = [
  'Each answer is worth a number of points, and points are added up for each area of need.',
  'Points are priced in bands, like income tax: each point is priced at the rate of the band it falls in, so one more point never gives less money.',
  'Each area of need gets its share of the money in proportion to its points.',
  "Where the person's family, friends or neighbours meet a need, that area's money is reduced by the percentage the council sets for it, never below zero.",
  "The carer's allocation comes from its own table and is added as its own line.",
  'The weekly total is rounded to the nearest penny, half a penny up.',
  'Pennies lost to rounding each line down are given back one at a time to the lines that lost the most, and to the first of those in the list when they lost the same, so the lines add up exactly to the total.',
  'The total is then raised to the least weekly budget or lowered to the most, if it falls outside them, and that change is shown as its own line.',
  'The yearly amount is the weekly amount times 52.',
];
