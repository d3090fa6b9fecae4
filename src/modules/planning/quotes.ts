import { formatPounds } from '../../platform/money.js';
import type { SupportItem } from './costing-types.js';

/**
 * Quotes gathered for a support item (Mrs N's car cleaning: three quotes, £8 to £40). The person
 * chooses one; the chosen quote's amount becomes the item's amount. Quotes are plain values: choosing
 * returns a new list and never changes the one given.
 */
export interface Quote {
  itemId: string;
  /** Unique among one item's quotes: it is how a quote is chosen. */
  supplier: string;
  amountPence: number;
  chosen: boolean;
}

/** The quotes with exactly this one chosen for its item; the item's other quotes are unchosen. */
export function chooseQuote(quotes: readonly Quote[], itemId: string, supplier: string): Quote[] {
  if (!quotes.some((q) => q.itemId === itemId && q.supplier === supplier)) {
    throw new RangeError(`There is no quote from ‘${supplier}’ for item ‘${itemId}’`);
  }
  return quotes.map((q) => (q.itemId === itemId ? { ...q, chosen: q.supplier === supplier } : { ...q }));
}

export function chosenQuote(quotes: readonly Quote[], itemId: string): Quote | null {
  const chosen = quotes.filter((q) => q.itemId === itemId && q.chosen);
  return chosen.length === 1 ? chosen[0]! : null;
}

/**
 * What is wrong with a plan's quotes: each item with quotes must have exactly one chosen, suppliers
 * differ within an item, amounts are whole pence and every quote is for an item in the plan.
 */
export function quoteProblems(quotes: readonly Quote[], items: readonly Pick<SupportItem, 'id' | 'what'>[]): string[] {
  const problems: string[] = [];
  for (const quote of quotes) {
    if (!items.some((i) => i.id === quote.itemId))
      problems.push(`A quote from ‘${quote.supplier}’ is for an item not in the plan`);
    if (!Number.isInteger(quote.amountPence) || quote.amountPence < 0) {
      problems.push(`The quote from ‘${quote.supplier}’ must be a whole number of pence, 0 or more`);
    }
  }
  for (const item of items) {
    const forItem = quotes.filter((q) => q.itemId === item.id);
    if (forItem.length === 0) continue;
    const suppliers = forItem.map((q) => q.supplier);
    if (new Set(suppliers).size !== suppliers.length)
      problems.push(`‘${item.what}’ has two quotes from the same supplier`);
    const chosen = forItem.filter((q) => q.chosen).length;
    if (chosen === 0) problems.push(`Choose one of the quotes for ‘${item.what}’`);
    if (chosen > 1) problems.push(`Choose only one of the quotes for ‘${item.what}’`);
  }
  return problems;
}

/**
 * The items with each chosen quote's amount as the item's amount. Items without quotes keep theirs.
 * Throws if an item has more than one chosen, which chooseQuote never makes.
 */
export function applyChosenQuotes<T extends SupportItem>(items: readonly T[], quotes: readonly Quote[]): T[] {
  return items.map((item) => {
    const chosen = quotes.filter((q) => q.itemId === item.id && q.chosen);
    if (chosen.length > 1) throw new RangeError(`More than one quote is chosen for ‘${item.what}’`);
    return chosen.length === 1 ? { ...item, amountPence: chosen[0]!.amountPence } : { ...item };
  });
}

/** "Shine Car Care: £8.00 (chosen)", for listing an item's quotes on the plan. */
export function quoteText(quote: Quote): string {
  return `${quote.supplier}: ${formatPounds(quote.amountPence)}${quote.chosen ? ' (chosen)' : ''}`;
}
