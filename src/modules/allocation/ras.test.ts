import { describe, expect, it } from 'vitest';
import { carerAllocation, indicativeBudget, priceForPoints } from './ras.js';
import type { RasVersion } from './ras-types.js';
import { defineRasVersion, deriveRasVersion } from './ras-validate.js';

/**
 * A small version for worked examples, with figures a reader can check by hand: bands 0–20 points at
 * £7.00, 21–40 at £6.50, 41 and over at £6.00; floor £50, ceiling £300.
 */
function smallVersion(): RasVersion {
  const answers = (points: number[]) => points.map((p, i) => ({ key: `a${i}`, text: `${p} points`, points: p }));
  const domain = (key: string, label: string, points: number[]) => ({
    key,
    label,
    questions: [{ key: `${key}_q`, text: `${label}?`, answers: answers(points) }],
  });
  return {
    id: 'small-1',
    label: 'Small RAS 1',
    effectiveFrom: '2025-04-01',
    domains: [
      domain('personal_care', 'Personal care', [0, 5, 12]),
      domain('getting_out', 'Getting out', [0, 4, 8]),
      domain('eating', 'Eating and drinking', [0, 3, 7]),
      domain('carer', 'Carer support', [0, 3, 6]),
    ],
    bands: [
      { fromPoints: 0, toPoints: 20, pencePerPoint: 700 },
      { fromPoints: 21, toPoints: 40, pencePerPoint: 650 },
      { fromPoints: 41, toPoints: null, pencePerPoint: 600 },
    ],
    floorWeeklyPence: 5000,
    ceilingWeeklyPence: 30_000,
    networkReductionPercent: { getting_out: 50, eating: 25 },
    carer: {
      domainKey: 'carer',
      bands: [
        { fromPoints: 0, toPoints: 2, weeklyPence: 0 },
        { fromPoints: 3, toPoints: 5, weeklyPence: 1500 },
        { fromPoints: 6, toPoints: null, weeklyPence: 3000 },
      ],
    },
  };
}

const small = defineRasVersion(smallVersion());

/** Answers by the index of the option chosen in each domain's one question. */
function answers(pc: number, out: number, eating: number, carer: number, networkMeetsNeed: string[] = []) {
  return {
    answers: { personal_care_q: `a${pc}`, getting_out_q: `a${out}`, eating_q: `a${eating}`, carer_q: `a${carer}` },
    networkMeetsNeed,
  };
}

const texts = (v: RasVersion, a: ReturnType<typeof answers>) => indicativeBudget(v, a).lines.map((l) => l.text);

describe('pricing points in bands', () => {
  it('prices each point at the rate of its band, like income tax', () => {
    expect(priceForPoints(small.bands, 0)).toBe(0n);
    expect(priceForPoints(small.bands, 20)).toBe(14_000n);
    expect(priceForPoints(small.bands, 21)).toBe(14_650n);
    expect(priceForPoints(small.bands, 45)).toBe(14_000n + 13_000n + 3_000n);
  });

  it("looks up the carer's allocation in its own table", () => {
    expect([0, 2, 3, 5, 6, 99].map((p) => carerAllocation(small.carer.bands, p))).toEqual([
      0, 0, 1500, 1500, 3000, 3000,
    ]);
  });
});

describe('the indicative budget', () => {
  it('explains each domain in plain English and names the version', () => {
    const budget = indicativeBudget(small, answers(2, 1, 0, 0));
    expect(budget).toMatchObject({
      versionId: 'small-1',
      versionLabel: 'Small RAS 1',
      points: 16,
      weeklyPence: 11_200,
    });
    expect(budget.annualPence).toBe(11_200 * 52);
    expect(budget.lines.map((l) => l.text)).toEqual([
      'Personal care: 12 points → £84.00 a week',
      'Getting out: 4 points → £28.00 a week',
      'Eating and drinking: 0 points → £0.00 a week',
      "Carer support: 0 points → £0.00 a week (carer's allocation)",
    ]);
    expect(budget.summary).toBe('16 points → £112.00 a week (£5,824.00 a year, 52 weeks), worked out with Small RAS 1');
  });

  it('gives the pence lost to rounding to the lines that lost most, so the lines add up exactly', () => {
    // 23 points: 20 × £7.00 + 3 × £6.50 = £159.50, shared 12 : 8 : 3 = 8321.74p, 5547.83p, 2080.43p.
    const budget = indicativeBudget(small, answers(2, 2, 1, 0));
    expect(budget.weeklyPence).toBe(15_950);
    expect(budget.lines.map((l) => l.weeklyPence)).toEqual([8322, 5548, 2080, 0]);
  });

  it("takes the council's percentage off a domain the person's network meets, never below zero", () => {
    // Getting out 5547.83p less 50% = 2773.91p; eating 2080.43p less 25% = 1560.33p; total 12655.98p → 12656p.
    const budget = indicativeBudget(small, answers(2, 2, 1, 0, ['getting_out', 'eating']));
    expect(budget.weeklyPence).toBe(12_656);
    expect(budget.lines.map((l) => l.weeklyPence)).toEqual([8322, 2774, 1560, 0]);
    expect(budget.lines[1]!.text).toBe(
      'Getting out: 8 points → £27.74 a week (50% less because family, friends or neighbours meet this need)',
    );
    const whollyMet = deriveRasVersion(small, {
      id: 'small-2',
      label: 'Small RAS 2',
      effectiveFrom: '2026-04-01',
      networkReductionPercent: { getting_out: 100 },
    });
    expect(indicativeBudget(whollyMet, answers(2, 2, 0, 0, ['getting_out'])).lines[1]!.weeklyPence).toBe(0);
  });

  it('does not reduce a domain the council lists no percentage for', () => {
    const met = indicativeBudget(small, answers(2, 1, 0, 0, ['personal_care']));
    expect(met.weeklyPence).toBe(11_200);
  });

  it("adds the carer's allocation as its own line", () => {
    const budget = indicativeBudget(small, answers(2, 1, 0, 2));
    expect(budget.weeklyPence).toBe(11_200 + 3000);
    expect(budget.points).toBe(22);
    expect(budget.lines[3]).toEqual({
      kind: 'carer',
      domainKey: 'carer',
      domain: 'Carer support',
      points: 6,
      weeklyPence: 3000,
      text: "Carer support: 6 points → £30.00 a week (carer's allocation)",
    });
  });

  it('raises a total below the floor, and says so in a line of its own', () => {
    const budget = indicativeBudget(small, answers(0, 1, 0, 0, ['getting_out']));
    expect(budget.weeklyPence).toBe(5000);
    expect(budget.lines.at(-1)).toMatchObject({ kind: 'floor', weeklyPence: 3600 });
    expect(texts(small, answers(0, 1, 0, 0, ['getting_out'])).at(-1)).toBe(
      'Raised to the least weekly budget of £50.00: £36.00 more',
    );
  });

  it('lowers a total above the ceiling, and says so in a line of its own', () => {
    const capped = deriveRasVersion(small, {
      id: 'small-capped',
      label: 'Small RAS capped',
      effectiveFrom: '2026-04-01',
      ceilingWeeklyPence: 10_000,
    });
    const budget = indicativeBudget(capped, answers(2, 1, 0, 0));
    expect(budget.weeklyPence).toBe(10_000);
    expect(budget.lines.at(-1)).toMatchObject({
      kind: 'ceiling',
      weeklyPence: -1200,
      text: 'Lowered to the most weekly budget of £100.00: £12.00 less',
    });
    expect(budget.lines.reduce((sum, l) => sum + l.weeklyPence, 0)).toBe(10_000);
  });

  it('refuses to work out a budget from missing or unknown answers', () => {
    const { answers: all } = answers(2, 1, 0, 0);
    const { eating_q: _left, ...missing } = all;
    expect(() => indicativeBudget(small, { answers: missing, networkMeetsNeed: [] })).toThrow(
      /Select an answer for ‘Eating and drinking\?’/,
    );
    expect(() => indicativeBudget(small, { answers: { ...all, meals: 'a1' }, networkMeetsNeed: [] })).toThrow(
      /‘meals’ is not a question in Small RAS 1/,
    );
    expect(() => indicativeBudget(small, answers(2, 1, 0, 0, ['carer']))).toThrow(/not an area of need/);
    expect(() => indicativeBudget(small, answers(9, 1, 0, 0))).toThrow(/from the list/);
  });
});
