import { plainDateProblem } from '../../platform/dates.js';
import { formatPounds } from '../../platform/money.js';
import type { RasAnswers, RasDomain, RasVersion } from './ras-types.js';

/**
 * Checks a RAS version before it is published, with messages a council's finance lead can act on.
 * A version that passes always prices every possible total: bands start at 0, follow on without gaps
 * and end open-ended; amounts are whole pence; the floor is not above the ceiling.
 */

/** £100,000 a week: far above any care cost, and keeps every total a safe integer in pence. */
const MAX_WEEKLY_PENCE = 10_000_000;
const MAX_POINTS_PER_ANSWER = 1000;

const isWhole = (n: unknown, max = Number.MAX_SAFE_INTEGER): n is number =>
  typeof n === 'number' && Number.isInteger(n) && n >= 0 && n <= max;

function duplicates(keys: readonly string[]): string[] {
  return [...new Set(keys.filter((k, i) => keys.indexOf(k) !== i))];
}

function domainProblems(domains: readonly RasDomain[]): string[] {
  if (domains.length === 0) return ['Add at least one domain'];
  const problems = duplicates(domains.map((d) => d.key)).map(
    (k) => `Domain key ‘${k}’ is used twice: each domain needs its own key`,
  );
  const questions = domains.flatMap((d) => d.questions);
  problems.push(
    ...duplicates(questions.map((q) => q.key)).map(
      (k) => `Question key ‘${k}’ is used twice: each question needs its own key`,
    ),
  );
  for (const domain of domains) {
    if (domain.key.trim() === '' || domain.label.trim() === '') problems.push('Give every domain a key and a label');
    if (domain.questions.length === 0) problems.push(`Add at least one question to ‘${domain.label}’`);
  }
  for (const question of questions) {
    if (question.answers.length < 2) problems.push(`Give ‘${question.text}’ at least two answers to choose from`);
    for (const k of duplicates(question.answers.map((a) => a.key))) {
      problems.push(`‘${question.text}’ has the answer key ‘${k}’ twice: each answer needs its own key`);
    }
    for (const answer of question.answers) {
      if (!isWhole(answer.points, MAX_POINTS_PER_ANSWER)) {
        problems.push(
          `Points for ‘${answer.text}’ in ‘${question.text}’ must be a whole number from 0 to ${MAX_POINTS_PER_ANSWER}`,
        );
      }
    }
  }
  return problems;
}

/** Bands of points must start at 0, follow on without a gap or overlap, and the last must be open-ended. */
function bandProblems(name: string, bands: readonly { fromPoints: number; toPoints: number | null }[]): string[] {
  if (bands.length === 0) return [`Add at least one ${name} band`];
  const problems: string[] = [];
  if (bands[0]!.fromPoints !== 0) problems.push(`The first ${name} band must start at 0 points`);
  bands.forEach((band, i) => {
    const n = i + 1;
    if (!isWhole(band.fromPoints)) problems.push(`${name} band ${n} must start at a whole number of points`);
    const last = i === bands.length - 1;
    if (band.toPoints === null && !last) problems.push(`Only the last ${name} band may have no upper limit`);
    if (band.toPoints === null) return;
    if (last) problems.push(`The last ${name} band must have no upper limit, so that every total is covered`);
    if (!isWhole(band.toPoints) || band.toPoints < band.fromPoints) {
      problems.push(`${name} band ${n} must end at a whole number of points, at or after where it starts`);
    }
    const next = bands[i + 1];
    if (next && next.fromPoints !== band.toPoints + 1) {
      problems.push(`${name} band ${n + 1} must start at ${band.toPoints + 1} points, straight after band ${n} ends`);
    }
  });
  return problems.map((p) => p.charAt(0).toUpperCase() + p.slice(1));
}

function moneyProblems(v: RasVersion): string[] {
  const problems: string[] = [];
  v.bands.forEach((band, i) => {
    if (!isWhole(band.pencePerPoint, MAX_WEEKLY_PENCE)) {
      problems.push(`The price per point in price band ${i + 1} must be a whole number of pence, 0 or more`);
    }
  });
  const limits = [
    ['floor', v.floorWeeklyPence],
    ['ceiling', v.ceilingWeeklyPence],
  ] as const;
  for (const [name, pence] of limits) {
    if (!isWhole(pence, MAX_WEEKLY_PENCE)) {
      problems.push(`The ${name} must be a whole number of pence, from 0 to ${formatPounds(MAX_WEEKLY_PENCE)} a week`);
    }
  }
  if (problems.length === 0 && v.floorWeeklyPence > v.ceilingWeeklyPence) {
    problems.push(
      `The floor (${formatPounds(v.floorWeeklyPence)}) must not be more than the ceiling (${formatPounds(v.ceilingWeeklyPence)})`,
    );
  }
  return problems;
}

function carerProblems(v: RasVersion): string[] {
  const problems: string[] = [];
  if (!v.domains.some((d) => d.key === v.carer.domainKey)) {
    problems.push(`The carer's allocation names the domain ‘${v.carer.domainKey}’, which is not in this version`);
  }
  problems.push(...bandProblems("carer's allocation", v.carer.bands));
  v.carer.bands.forEach((band, i) => {
    if (!isWhole(band.weeklyPence, MAX_WEEKLY_PENCE)) {
      problems.push(`The carer's allocation in band ${i + 1} must be a whole number of pence, 0 or more`);
    }
    const before = v.carer.bands[i - 1];
    if (before && band.weeklyPence < before.weeklyPence) {
      problems.push(
        `The carer's allocation in band ${i + 1} must not be less than in band ${i}: more points must never give less`,
      );
    }
  });
  return problems;
}

function networkProblems(v: RasVersion): string[] {
  return Object.entries(v.networkReductionPercent).flatMap(([key, percent]) => {
    if (key === v.carer.domainKey)
      return [`The carer's domain ‘${key}’ cannot have a network reduction: the carer is the network`];
    if (!v.domains.some((d) => d.key === key)) return [`The network reduction names ‘${key}’, which is not a domain`];
    return isWhole(percent, 100) ? [] : [`The network reduction for ‘${key}’ must be a whole percentage from 0 to 100`];
  });
}

/** Every problem with a version, as sentences; an empty list means it may be published. */
export function validateRasVersion(v: RasVersion): string[] {
  const problems: string[] = [];
  if (v.id.trim() === '') problems.push('Give the version an id');
  if (v.label.trim() === '') problems.push('Give the version a label');
  const dateProblem = plainDateProblem('The date it takes effect', v.effectiveFrom);
  if (dateProblem) problems.push(dateProblem);
  return [
    ...problems,
    ...domainProblems(v.domains),
    ...bandProblems('price', v.bands),
    ...moneyProblems(v),
    ...networkProblems(v),
    ...carerProblems(v),
  ];
}

/** Every problem with a person's answers under a version; empty means a budget can be worked out. */
export function rasAnswerProblems(v: RasVersion, given: RasAnswers): string[] {
  const questions = v.domains.flatMap((d) => d.questions);
  const problems = questions.flatMap((q) => {
    const chosen = given.answers[q.key];
    if (chosen === undefined || chosen === '') return [`Select an answer for ‘${q.text}’`];
    return q.answers.some((a) => a.key === chosen) ? [] : [`Select an answer for ‘${q.text}’ from the list`];
  });
  for (const key of Object.keys(given.answers)) {
    if (!questions.some((q) => q.key === key)) problems.push(`‘${key}’ is not a question in ${v.label}`);
  }
  for (const key of given.networkMeetsNeed) {
    if (!v.domains.some((d) => d.key === key) || key === v.carer.domainKey) {
      problems.push(`‘${key}’ is not an area of need the person's network can meet in ${v.label}`);
    }
  }
  return problems;
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const inner of Object.values(value)) deepFreeze(inner);
  }
  return value;
}

/**
 * A version ready to use: checked, copied and frozen, so neither its author nor anyone holding it can
 * change it after a budget has been worked out under it. Throws on an invalid version: versions in
 * code are checked by their tests, and versions typed in go through validateRasVersion first.
 */
export function defineRasVersion(v: RasVersion): RasVersion {
  const problems = validateRasVersion(v);
  if (problems.length > 0) throw new RangeError(`RAS version ‘${v.id}’ is not valid: ${problems.join('; ')}`);
  return deepFreeze(structuredClone(v));
}

/** A new version from an existing one with some things changed; the existing one is left as it was. */
export function deriveRasVersion(
  base: RasVersion,
  changes: Partial<RasVersion> & Pick<RasVersion, 'id' | 'label' | 'effectiveFrom'>,
): RasVersion {
  if (changes.id === base.id) throw new RangeError(`A new version needs a new id, not ‘${base.id}’`);
  return defineRasVersion({ ...structuredClone(base), ...structuredClone(changes) });
}
