import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { costSupportPlan, unitsToHundredths } from './costing.js';
import { FREQUENCIES, FUNDING_SOURCES, type PlanCostingInput, type SupportItem } from './costing-types.js';

const perYear = Object.fromEntries(FREQUENCIES.map((f) => [f.key, f.perYear]));

const itemArb = (id: string, funding?: SupportItem['funding']): fc.Arbitrary<SupportItem> =>
  fc.record({
    id: fc.constant(id),
    what: fc.constantFrom('Personal care', 'Gardener', 'Sitter', 'Day centre', 'Chiropody'),
    // Everyday amounts most of the time, so plans fall both within and over budget; huge ones too.
    amountPence: fc.oneof(fc.integer({ min: 0, max: 5000 }), fc.integer({ min: 0, max: 1_000_000_000 })),
    units: fc
      .oneof(fc.integer({ min: 0, max: 2000 }), fc.integer({ min: 0, max: 1_000_000 }))
      .map((hundredths) => hundredths / 100),
    frequency: fc.constantFrom(...FREQUENCIES.map((f) => f.key)),
    funding: funding ? fc.constant(funding) : fc.constantFrom(...FUNDING_SOURCES.map((f) => f.key)),
  });

const planArb: fc.Arbitrary<PlanCostingInput> = fc.integer({ min: 0, max: 12 }).chain((n) =>
  fc.record({
    items: fc.tuple(...Array.from({ length: n }, (_, i) => itemArb(`item-${i}`))),
    contingencyPence: fc.integer({ min: 0, max: 100_000 }),
    fees: fc.array(fc.record({ label: fc.constant('Fee'), weeklyPence: fc.integer({ min: 0, max: 10_000 }) }), {
      maxLength: 2,
    }),
    agreedWeeklyBudgetPence: fc.integer({ min: 0, max: 1_000_000_000 }),
  }),
);

/** An item's year worked out independently: price × hundredths / 100, half up, times a year's occurrences. */
function expectedAnnual(item: SupportItem): bigint {
  const exact = BigInt(item.amountPence) * BigInt(Math.round(item.units * 100));
  return ((exact * 2n + 100n) / 200n) * BigInt(perYear[item.frequency]!);
}

describe('the costing, for any mix of items', () => {
  it('reads every amount of hundredths back exactly from its units', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1_000_000 }), (hundredths) => {
        expect(unitsToHundredths(hundredths / 100)).toBe(hundredths);
      }),
    );
  });

  it('has an annual total equal, exactly, to the sum of the counted items, contingency and fees', () => {
    fc.assert(
      fc.property(planArb, (plan) => {
        const costed = costSupportPlan(plan);
        costed.items.forEach((costedItem, i) =>
          expect(BigInt(costedItem.annualPence)).toBe(expectedAnnual(plan.items[i]!)),
        );
        const counted = costed.items.filter((i) => i.countsInCost).reduce((sum, i) => sum + BigInt(i.annualPence), 0n);
        const weeklyExtras = plan.contingencyPence + plan.fees.reduce((sum, f) => sum + f.weeklyPence, 0);
        expect(BigInt(costed.annualCostPence)).toBe(counted + BigInt(weeklyExtras) * 52n);
        expect(costed.items.map((i) => i.countsInCost)).toEqual(plan.items.map((i) => i.funding === 'personal_budget'));
      }),
    );
  });

  it('never changes the cost when an unpaid (or other non-budget) item is added', () => {
    const extraArb = fc.constantFrom('unpaid', 'free', 'nhs', 'own_money' as const).chain((f) => itemArb('extra', f));
    fc.assert(
      fc.property(planArb, extraArb, (plan, extra) => {
        const before = costSupportPlan(plan);
        const after = costSupportPlan({ ...plan, items: [...plan.items, extra] });
        expect(after.items).toHaveLength(before.items.length + 1);
        expect(after.items.at(-1)!.countsInCost).toBe(false);
        const { items: _a, ...withoutItemsAfter } = after;
        const { items: _b, ...withoutItemsBefore } = before;
        expect(withoutItemsAfter).toEqual(withoutItemsBefore);
      }),
    );
  });

  it('leaves remaining + cost equal to the budget, and warns exactly when over', () => {
    const seen = { over: 0, within: 0 };
    fc.assert(
      fc.property(planArb, (plan) => {
        const costed = costSupportPlan(plan);
        seen[costed.warning ? 'over' : 'within'] += 1;
        expect(costed.remainingAnnualPence + costed.annualCostPence).toBe(costed.annualBudgetPence);
        expect(costed.annualBudgetPence).toBe(plan.agreedWeeklyBudgetPence * 52);
        const over = costed.annualCostPence > costed.annualBudgetPence;
        expect(costed.warning !== null).toBe(over);
        expect(costed.overBudgetByPence).toBe(over ? costed.annualCostPence - costed.annualBudgetPence : 0);
      }),
    );
    // Both sides of the line were tried, so the property was not true by never meeting one of them.
    expect(seen.over).toBeGreaterThan(5);
    expect(seen.within).toBeGreaterThan(5);
  });
});
