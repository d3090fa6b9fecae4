import { describe, expect, it } from 'vitest';
import { DEMO_RAS_VERSIONS, rasVersion2025, rasVersion2026 } from './demo-versions.js';
import { indicativeBudget } from './ras.js';
import type { RasVersion } from './ras-types.js';
import { defineRasVersion, deriveRasVersion, rasAnswerProblems, validateRasVersion } from './ras-validate.js';

/** The 2025 demo version with one thing changed, unfrozen so a test can break it. */
function broken(change: (v: RasVersion & Record<string, unknown>) => void): RasVersion {
  const copy = structuredClone(rasVersion2025) as RasVersion & Record<string, unknown>;
  change(copy);
  return copy;
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };
const bands = (v: RasVersion) => v.bands as Mutable<RasVersion['bands'][number]>[];
const carerBands = (v: RasVersion) => v.carer.bands as Mutable<RasVersion['carer']['bands'][number]>[];

describe('the demo RAS versions', () => {
  it('both pass validateRasVersion', () => {
    expect(DEMO_RAS_VERSIONS.map((v) => [v.id, validateRasVersion(v)])).toEqual([
      ['ras-2025', []],
      ['ras-2026', []],
    ]);
  });

  it('are frozen values: a published version cannot be changed in place', () => {
    expect(Object.isFrozen(rasVersion2025)).toBe(true);
    expect(Object.isFrozen(rasVersion2025.bands[0])).toBe(true);
    expect(Object.isFrozen(rasVersion2025.domains[0]!.questions[0]!.answers[0])).toBe(true);
    expect(() => {
      (rasVersion2025.bands[0] as { pencePerPoint: number }).pencePerPoint = 1;
    }).toThrow(TypeError);
  });

  it('price the same need higher in 2026 than in 2025', () => {
    const given = (v: RasVersion) => ({
      answers: Object.fromEntries(v.domains.flatMap((d) => d.questions.map((q) => [q.key, q.answers.at(-1)!.key]))),
      networkMeetsNeed: [],
    });
    const in2025 = indicativeBudget(rasVersion2025, given(rasVersion2025));
    const in2026 = indicativeBudget(rasVersion2026, given(rasVersion2026));
    expect(in2025.versionId).toBe('ras-2025');
    expect(in2026.weeklyPence).toBeGreaterThan(in2025.weeklyPence);
  });
});

describe('validateRasVersion', () => {
  it.each<[string, (v: RasVersion & Record<string, unknown>) => void, string]>([
    ['a blank id', (v) => (v.id = ' '), 'Give the version an id'],
    [
      'a date that is not a date',
      (v) => (v.effectiveFrom = '2025-02-30'),
      'The date it takes effect must be a real date',
    ],
    ['no domains', (v) => (v.domains = []), 'Add at least one domain'],
    [
      'a domain key used twice',
      (v) => (v.domains = [...v.domains, { ...v.domains[0]!, questions: [] }]),
      'Domain key ‘personal_care’ is used twice: each domain needs its own key',
    ],
    [
      'a question key used twice',
      (v) =>
        (v.domains = [v.domains[0]!, { ...v.domains[1]!, questions: v.domains[0]!.questions }, ...v.domains.slice(2)]),
      'Question key ‘washing’ is used twice: each question needs its own key',
    ],
    [
      'an answer key used twice in a question',
      (v) => {
        const q = v.domains[0]!.questions[0]!;
        (q as { answers: unknown }).answers = [...q.answers, q.answers[0]];
      },
      '‘Washing, bathing or showering’ has the answer key ‘none’ twice: each answer needs its own key',
    ],
    [
      'points that are not whole',
      (v) => ((v.domains[0]!.questions[0]!.answers[1] as { points: number }).points = 2.5),
      'Points for ‘I need some help, some of the time’ in ‘Washing, bathing or showering’ must be a whole number from 0 to 1000',
    ],
    ['no price bands', (v) => (v.bands = []), 'Add at least one price band'],
    [
      'a first band not starting at 0',
      (v) => (bands(v)[0]!.fromPoints = 1),
      'The first price band must start at 0 points',
    ],
    [
      'a gap between bands',
      (v) => (bands(v)[1]!.fromPoints = 22),
      'Price band 2 must start at 21 points, straight after band 1 ends',
    ],
    [
      'an overlap between bands',
      (v) => (bands(v)[1]!.fromPoints = 20),
      'Price band 2 must start at 21 points, straight after band 1 ends',
    ],
    [
      'a last band with an upper limit',
      (v) => (bands(v)[3]!.toPoints = 80),
      'The last price band must have no upper limit, so that every total is covered',
    ],
    [
      'a price in fractions of a penny',
      (v) => (bands(v)[2]!.pencePerPoint = 612.5),
      'The price per point in price band 3 must be a whole number of pence, 0 or more',
    ],
    [
      'a negative price',
      (v) => (bands(v)[0]!.pencePerPoint = -700),
      'The price per point in price band 1 must be a whole number of pence, 0 or more',
    ],
    [
      'a floor above the ceiling',
      (v) => (v.floorWeeklyPence = 130_000),
      'The floor (£1,300.00) must not be more than the ceiling (£1,250.00)',
    ],
    [
      'a network reduction over 100%',
      (v) => (v.networkReductionPercent = { home: 120 }),
      'The network reduction for ‘home’ must be a whole percentage from 0 to 100',
    ],
    [
      'a network reduction for a domain that does not exist',
      (v) => (v.networkReductionPercent = { gardening: 10 }),
      'The network reduction names ‘gardening’, which is not a domain',
    ],
    [
      "a carer's allocation that falls as points rise",
      (v) => (carerBands(v)[2]!.weeklyPence = 1000),
      "The carer's allocation in band 3 must not be less than in band 2: more points must never give less",
    ],
    [
      "a carer's domain that does not exist",
      (v) => (v.carer = { ...v.carer, domainKey: 'carers' }),
      "The carer's allocation names the domain ‘carers’, which is not in this version",
    ],
  ])('finds %s', (_case, change, message) => {
    expect(validateRasVersion(broken(change))).toContain(message);
  });

  it('refuses to define or derive an invalid version, and a derived version must have a new id', () => {
    expect(() => defineRasVersion(broken((v) => (v.bands = [])))).toThrow(/Add at least one price band/);
    expect(() =>
      deriveRasVersion(rasVersion2025, { id: 'ras-2025', label: 'Again', effectiveFrom: '2027-04-01' }),
    ).toThrow(/new id/);
  });
});

describe('rasAnswerProblems', () => {
  it('asks for every unanswered question by its text', () => {
    const problems = rasAnswerProblems(rasVersion2025, { answers: { washing: 'some' }, networkMeetsNeed: [] });
    expect(problems).toContain('Select an answer for ‘Getting dressed and undressed’');
    expect(problems).not.toContain('Select an answer for ‘Washing, bathing or showering’');
  });
});
