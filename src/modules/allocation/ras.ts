import { formatPounds } from '../../platform/money.js';
import { apportion, roundHalfUp } from './apportion.js';
import type { BudgetLine, CarerBand, IndicativeBudget, PriceBand, RasAnswers, RasVersion } from './ras-types.js';
import { rasAnswerProblems, validateRasVersion } from './ras-validate.js';

/**
 * The indicative weekly budget from a person's answers under one RAS version, explained line by line.
 * Pure and exact: the same version and answers always give the same pence (the rules are RAS_RULES).
 */

export const WEEKS_IN_A_YEAR = 52;

/** Marginal pricing: each point at the rate of the band it falls in (see PriceBand). */
export function priceForPoints(bands: readonly PriceBand[], points: number): bigint {
  let pence = 0n;
  for (const band of bands) {
    const first = Math.max(band.fromPoints, 1);
    const last = Math.min(points, band.toPoints ?? points);
    if (last >= first) pence += BigInt(last - first + 1) * BigInt(band.pencePerPoint);
  }
  return pence;
}

/** The carer's allocation for the carer domain's points: the band they fall in. */
export function carerAllocation(bands: readonly CarerBand[], points: number): number {
  const band = bands.find((b) => points >= b.fromPoints && (b.toPoints === null || points <= b.toPoints));
  return band?.weeklyPence ?? 0;
}

function pointsByDomain(version: RasVersion, given: RasAnswers): Map<string, number> {
  return new Map(
    version.domains.map((domain) => [
      domain.key,
      domain.questions.reduce(
        (sum, q) => sum + (q.answers.find((a) => a.key === given.answers[q.key])?.points ?? 0),
        0,
      ),
    ]),
  );
}

interface Share {
  kind: 'need' | 'carer';
  domainKey: string;
  domain: string;
  points: number;
  reductionPercent: number;
  numerator: bigint;
}

/**
 * Each domain's exact share of the money as a fraction over one common denominator: the needs
 * domains split the priced points in proportion to their points, less any network reduction; the
 * carer domain brings its allocation whole.
 */
function sharesOf(version: RasVersion, given: RasAnswers): { shares: Share[]; denominator: bigint } {
  const points = pointsByDomain(version, given);
  const needPoints = version.domains
    .filter((d) => d.key !== version.carer.domainKey)
    .reduce((sum, d) => sum + points.get(d.key)!, 0);
  const gross = priceForPoints(version.bands, needPoints);
  const denominator = BigInt(Math.max(needPoints, 1)) * 100n;
  const shares = version.domains.map((d): Share => {
    const p = points.get(d.key)!;
    if (d.key === version.carer.domainKey) {
      const carerPence = BigInt(carerAllocation(version.carer.bands, p));
      return {
        kind: 'carer',
        domainKey: d.key,
        domain: d.label,
        points: p,
        reductionPercent: 0,
        numerator: carerPence * denominator,
      };
    }
    const met = given.networkMeetsNeed.includes(d.key);
    const reductionPercent = met ? (version.networkReductionPercent[d.key] ?? 0) : 0;
    const numerator = gross * BigInt(p) * BigInt(100 - reductionPercent);
    return { kind: 'need', domainKey: d.key, domain: d.label, points: p, reductionPercent, numerator };
  });
  return { shares, denominator };
}

const pointsText = (points: number) => `${points} ${points === 1 ? 'point' : 'points'}`;

function shareText(share: Share, pence: number): string {
  const base = `${share.domain}: ${pointsText(share.points)} → ${formatPounds(pence)} a week`;
  if (share.kind === 'carer') return `${base} (carer's allocation)`;
  if (share.reductionPercent > 0) {
    return `${base} (${share.reductionPercent}% less because family, friends or neighbours meet this need)`;
  }
  return base;
}

function limitLine(version: RasVersion, beforeLimits: number, weekly: number): BudgetLine[] {
  if (weekly === beforeLimits) return [];
  const difference = weekly - beforeLimits;
  if (difference > 0) {
    const text = `Raised to the least weekly budget of ${formatPounds(version.floorWeeklyPence)}: ${formatPounds(difference)} more`;
    return [
      { kind: 'floor', domainKey: null, domain: 'Least weekly budget', points: 0, weeklyPence: difference, text },
    ];
  }
  const text = `Lowered to the most weekly budget of ${formatPounds(version.ceilingWeeklyPence)}: ${formatPounds(-difference)} less`;
  return [{ kind: 'ceiling', domainKey: null, domain: 'Most weekly budget', points: 0, weeklyPence: difference, text }];
}

/**
 * The indicative budget. Throws on an invalid version or incomplete answers (check them first with
 * validateRasVersion and rasAnswerProblems): a budget from half the answers would be wrong money.
 */
export function indicativeBudget(version: RasVersion, given: RasAnswers): IndicativeBudget {
  const problems = [...validateRasVersion(version), ...rasAnswerProblems(version, given)];
  if (problems.length > 0) throw new RangeError(`Cannot work out a budget: ${problems.join('; ')}`);
  const { shares, denominator } = sharesOf(version, given);
  const exactTotal = shares.reduce((sum, s) => sum + s.numerator, 0n);
  const rounded = roundHalfUp(exactTotal, denominator);
  const pence = apportion(
    shares.map((s) => s.numerator),
    denominator,
    rounded,
  ).map(Number);
  const beforeLimits = Number(rounded);
  const weeklyPence = Math.min(Math.max(beforeLimits, version.floorWeeklyPence), version.ceilingWeeklyPence);
  const lines: BudgetLine[] = [
    ...shares.map((s, i) => ({
      kind: s.kind,
      domainKey: s.domainKey,
      domain: s.domain,
      points: s.points,
      weeklyPence: pence[i]!,
      text: shareText(s, pence[i]!),
    })),
    ...limitLine(version, beforeLimits, weeklyPence),
  ];
  const points = shares.reduce((sum, s) => sum + s.points, 0);
  const annualPence = weeklyPence * WEEKS_IN_A_YEAR;
  const summary = `${pointsText(points)} → ${formatPounds(weeklyPence)} a week (${formatPounds(annualPence)} a year, 52 weeks), worked out with ${version.label}`;
  return { versionId: version.id, versionLabel: version.label, points, weeklyPence, annualPence, lines, summary };
}
