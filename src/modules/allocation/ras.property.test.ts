import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { indicativeBudget } from './ras.js';
import type { CarerBand, PriceBand, RasAnswers, RasDomain, RasVersion } from './ras-types.js';
import { defineRasVersion, deriveRasVersion } from './ras-validate.js';

/** Contiguous bands from widths: [5, 10, …] → 0–5, 6–15, …, the last open-ended. */
function contiguous<T>(
  widths: number[],
  extra: (i: number) => T,
): (T & { fromPoints: number; toPoints: number | null })[] {
  let from = 0;
  return widths.map((width, i) => {
    const last = i === widths.length - 1;
    const band = { fromPoints: from, toPoints: last ? null : from + width, ...extra(i) };
    from += width + 1;
    return band;
  });
}

const priceBandsArb: fc.Arbitrary<PriceBand[]> = fc
  .array(fc.record({ width: fc.integer({ min: 0, max: 30 }), price: fc.integer({ min: 0, max: 2000 }) }), {
    minLength: 1,
    maxLength: 4,
  })
  .map((spec) =>
    contiguous(
      spec.map((s) => s.width),
      (i) => ({ pencePerPoint: spec[i]!.price }),
    ),
  );

/** The carer's table rises (or stays level) band by band, as validation requires. */
const carerBandsArb: fc.Arbitrary<CarerBand[]> = fc
  .array(fc.record({ width: fc.integer({ min: 0, max: 6 }), rise: fc.integer({ min: 0, max: 3000 }) }), {
    minLength: 1,
    maxLength: 4,
  })
  .map((spec) => {
    const amounts = spec.map((_, i) => spec.slice(0, i + 1).reduce((sum, s) => sum + s.rise, 0));
    return contiguous(
      spec.map((s) => s.width),
      (i) => ({ weeklyPence: amounts[i]! }),
    );
  });

const domainArb = (index: number): fc.Arbitrary<RasDomain> =>
  fc
    .array(fc.array(fc.integer({ min: 0, max: 20 }), { minLength: 2, maxLength: 4 }), { minLength: 1, maxLength: 3 })
    .map((questions) => ({
      key: `d${index}`,
      label: `Domain ${index}`,
      questions: questions.map((points, q) => ({
        key: `d${index}q${q}`,
        text: `Question ${q} of domain ${index}`,
        answers: points.map((p, a) => ({ key: `a${a}`, text: `Answer ${a}`, points: p })),
      })),
    }));

const versionArb: fc.Arbitrary<RasVersion> = fc
  .integer({ min: 1, max: 5 })
  .chain((needDomains) =>
    fc.record({
      domains: fc.tuple(...Array.from({ length: needDomains + 1 }, (_, i) => domainArb(i))),
      bands: priceBandsArb,
      floor: fc.integer({ min: 0, max: 20_000 }),
      headroom: fc.integer({ min: 0, max: 200_000 }),
      reductions: fc.array(fc.integer({ min: 0, max: 100 }), { minLength: needDomains, maxLength: needDomains }),
      carerBands: carerBandsArb,
    }),
  )
  .map((g) =>
    defineRasVersion({
      id: 'generated',
      label: 'Generated RAS',
      effectiveFrom: '2025-04-01',
      domains: g.domains,
      bands: g.bands,
      floorWeeklyPence: g.floor,
      ceilingWeeklyPence: g.floor + g.headroom,
      networkReductionPercent: Object.fromEntries(g.reductions.map((r, i) => [`d${i}`, r])),
      carer: { domainKey: `d${g.domains.length - 1}`, bands: g.carerBands },
    }),
  );

const questionsOf = (v: RasVersion) => v.domains.flatMap((d) => d.questions);
const needDomainKeys = (v: RasVersion) => v.domains.map((d) => d.key).filter((k) => k !== v.carer.domainKey);

function answersArb(v: RasVersion): fc.Arbitrary<RasAnswers> {
  return fc.record({
    answers: fc
      .tuple(...questionsOf(v).map((q) => fc.constantFrom(...q.answers.map((a) => a.key))))
      .map((keys) => Object.fromEntries(questionsOf(v).map((q, i) => [q.key, keys[i]!]))),
    networkMeetsNeed: fc.subarray(needDomainKeys(v)),
  });
}

const versionAndAnswers = versionArb.chain((v) => fc.tuple(fc.constant(v), answersArb(v)));

describe('the indicative budget, for any valid version and answers', () => {
  it('is the same every time for the same answers and version', () => {
    fc.assert(
      fc.property(versionAndAnswers, ([v, a]) => {
        expect(indicativeBudget(structuredClone(v), structuredClone(a))).toEqual(indicativeBudget(v, a));
      }),
    );
  });

  it('has lines that add up exactly to the weekly total, and a year of exactly 52 weeks', () => {
    fc.assert(
      fc.property(versionAndAnswers, ([v, a]) => {
        const budget = indicativeBudget(v, a);
        expect(budget.lines.reduce((sum, line) => sum + line.weeklyPence, 0)).toBe(budget.weeklyPence);
        expect(budget.annualPence).toBe(budget.weeklyPence * 52);
        expect(budget.lines.every((l) => Number.isInteger(l.weeklyPence))).toBe(true);
        expect(budget.versionId).toBe(v.id);
      }),
    );
  });

  it('stays within the floor and the ceiling', () => {
    fc.assert(
      fc.property(versionAndAnswers, ([v, a]) => {
        const { weeklyPence } = indicativeBudget(v, a);
        expect(weeklyPence).toBeGreaterThanOrEqual(v.floorWeeklyPence);
        expect(weeklyPence).toBeLessThanOrEqual(v.ceilingWeeklyPence);
      }),
    );
  });

  it('never gives less money for more points, when no network reduction applies', () => {
    const pairArb = versionArb.chain((v) =>
      fc
        .tuple(...questionsOf(v).map((q) => fc.tuple(fc.nat(q.answers.length - 1), fc.nat(q.answers.length - 1))))
        .map((picks) => {
          const lower: Record<string, string> = {};
          const higher: Record<string, string> = {};
          questionsOf(v).forEach((q, i) => {
            const [x, y] = picks[i]!.map((p) => q.answers[p]!);
            const [low, high] = x!.points <= y!.points ? [x!, y!] : [y!, x!];
            lower[q.key] = low.key;
            higher[q.key] = high.key;
          });
          return [v, lower, higher] as const;
        }),
    );
    fc.assert(
      fc.property(pairArb, ([v, lower, higher]) => {
        const less = indicativeBudget(v, { answers: lower, networkMeetsNeed: [] });
        const more = indicativeBudget(v, { answers: higher, networkMeetsNeed: [] });
        expect(more.points).toBeGreaterThanOrEqual(less.points);
        expect(more.weeklyPence).toBeGreaterThanOrEqual(less.weeklyPence);
      }),
    );
  });

  it('worked out under version A is unchanged after version B is published and used', () => {
    fc.assert(
      fc.property(versionAndAnswers, priceBandsArb, fc.integer({ min: 0, max: 50_000 }), ([a, given], bands, floor) => {
        const stored = structuredClone(indicativeBudget(a, given));
        const versionABefore = structuredClone(a);
        const b = deriveRasVersion(a, {
          id: 'generated-next',
          label: 'Generated RAS, next year',
          effectiveFrom: '2026-04-01',
          bands,
          floorWeeklyPence: floor,
          ceilingWeeklyPence: floor + 100_000,
        });
        expect(indicativeBudget(b, given).versionId).toBe('generated-next');
        expect(a).toEqual(versionABefore);
        expect(indicativeBudget(a, given)).toEqual(stored);
      }),
    );
  });
});
