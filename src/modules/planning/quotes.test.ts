import { describe, expect, it } from 'vitest';
import { costSupportPlan } from './costing.js';
import type { SupportItem } from './costing-types.js';
import { applyChosenQuotes, chooseQuote, chosenQuote, quoteProblems, quoteText, type Quote } from './quotes.js';

const carCleaning: SupportItem = {
  id: 'car',
  what: 'Car cleaning',
  amountPence: 0,
  units: 1,
  frequency: 'monthly',
  funding: 'personal_budget',
};
const gardener: SupportItem = { ...carCleaning, id: 'garden', what: 'Gardener', amountPence: 2800 };

/** Scenario S2: three quotes for car cleaning, from £40 down to £8. */
const quotes: Quote[] = [
  { itemId: 'car', supplier: 'Valet Express', amountPence: 4000, chosen: false },
  { itemId: 'car', supplier: 'Town Car Wash', amountPence: 1500, chosen: false },
  { itemId: 'car', supplier: 'Shine Car Care', amountPence: 800, chosen: false },
];

describe('quotes', () => {
  it("lets Mrs N choose the £8 quote, which becomes the item's amount", () => {
    const chosen = chooseQuote(quotes, 'car', 'Shine Car Care');
    expect(chosen.filter((q) => q.chosen)).toEqual([
      { itemId: 'car', supplier: 'Shine Car Care', amountPence: 800, chosen: true },
    ]);
    expect(chosenQuote(chosen, 'car')?.supplier).toBe('Shine Car Care');
    expect(quoteProblems(chosen, [carCleaning, gardener])).toEqual([]);
    const items = applyChosenQuotes([carCleaning, gardener], chosen);
    expect(items.map((i) => i.amountPence)).toEqual([800, 2800]);
    const costed = costSupportPlan({ items, contingencyPence: 0, fees: [], agreedWeeklyBudgetPence: 10_000 });
    expect(costed.items[0]!.annualPence).toBe(800 * 12);
    expect(chosen.map(quoteText)).toEqual([
      'Valet Express: £40.00',
      'Town Car Wash: £15.00',
      'Shine Car Care: £8.00 (chosen)',
    ]);
  });

  it('keeps exactly one chosen when she changes her mind, and leaves the list given unchanged', () => {
    const first = chooseQuote(quotes, 'car', 'Shine Car Care');
    const second = chooseQuote(first, 'car', 'Town Car Wash');
    expect(second.filter((q) => q.chosen).map((q) => q.supplier)).toEqual(['Town Car Wash']);
    expect(first.filter((q) => q.chosen).map((q) => q.supplier)).toEqual(['Shine Car Care']);
    expect(quotes.some((q) => q.chosen)).toBe(false);
  });

  it('does not touch the quotes of other items', () => {
    const mixed = [...quotes, { itemId: 'garden', supplier: 'Green Fingers', amountPence: 2800, chosen: true }];
    expect(chooseQuote(mixed, 'car', 'Valet Express').at(-1)).toEqual(mixed.at(-1));
  });

  it('refuses a quote that is not there', () => {
    expect(() => chooseQuote(quotes, 'car', 'Nobody')).toThrow(/no quote from ‘Nobody’/);
    expect(() => chooseQuote(quotes, 'garden', 'Shine Car Care')).toThrow(RangeError);
  });

  it('asks for exactly one chosen quote per item', () => {
    expect(quoteProblems(quotes, [carCleaning])).toEqual(['Choose one of the quotes for ‘Car cleaning’']);
    const two = quotes.map((q) => ({ ...q, chosen: q.amountPence < 4000 }));
    expect(quoteProblems(two, [carCleaning])).toEqual(['Choose only one of the quotes for ‘Car cleaning’']);
    expect(() => applyChosenQuotes([carCleaning], two)).toThrow(/More than one quote/);
  });

  it('finds quotes for items not in the plan, repeated suppliers and amounts that are not whole pence', () => {
    const odd: Quote[] = [
      { itemId: 'car', supplier: 'Shine Car Care', amountPence: 799.5, chosen: true },
      { itemId: 'car', supplier: 'Shine Car Care', amountPence: 900, chosen: false },
      { itemId: 'boat', supplier: 'Harbour', amountPence: 100, chosen: true },
    ];
    expect(quoteProblems(odd, [carCleaning])).toEqual([
      'The quote from ‘Shine Car Care’ must be a whole number of pence, 0 or more',
      'A quote from ‘Harbour’ is for an item not in the plan',
      '‘Car cleaning’ has two quotes from the same supplier',
    ]);
  });
});
