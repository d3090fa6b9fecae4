import { describe, expect, it } from 'vitest';
import { costSupportPlan, costingProblems, unitsToHundredths } from './costing.js';
import { CONVERSION_RULES, type PlanCostingInput, type SupportItem } from './costing-types.js';

const item = (overrides: Partial<SupportItem> & Pick<SupportItem, 'id' | 'what'>): SupportItem => ({
  amountPence: 0,
  units: 1,
  frequency: 'weekly',
  funding: 'personal_budget',
  ...overrides,
});

/** Scenario S2: Mrs N plans her own support within a direct payment. */
const mrsN: PlanCostingInput = {
  items: [
    item({ id: 'care', what: 'Personal care from a small local agency', amountPence: 1980, units: 10.5 }),
    item({ id: 'garden', what: 'Gardener', amountPence: 1400, units: 2, frequency: 'fortnightly' }),
    item({ id: 'car', what: 'Car cleaning', amountPence: 800, frequency: 'monthly' }),
    item({ id: 'shopping', what: 'Grandson as PA for shopping trips, student rate', amountPence: 1144, units: 3 }),
    item({ id: 'household', what: 'PA for household jobs', amountPence: 1350, units: 4 }),
    item({ id: 'chiropody', what: 'Chiropody', amountPence: 3200, frequency: 'monthly' }),
    item({ id: 'church', what: 'Lifts to church from her son', funding: 'unpaid' }),
  ],
  contingencyPence: 500,
  fees: [],
  agreedWeeklyBudgetPence: 32_000,
};

describe('costing a support plan', () => {
  it("costs Mrs N's plan per item per week and per year, and flags it over budget", () => {
    const costed = costSupportPlan(mrsN);
    expect(costed.items.map((i) => [i.id, i.perOccurrencePence, i.annualPence])).toEqual([
      ['care', 20_790, 1_081_080],
      ['garden', 2800, 72_800],
      ['car', 800, 9600],
      ['shopping', 3432, 178_464],
      ['household', 5400, 280_800],
      ['chiropody', 3200, 38_400],
      ['church', 0, 0],
    ]);
    expect(costed.contingency).toEqual({ weeklyPence: 500, annualPence: 26_000 });
    expect(costed.annualCostPence).toBe(1_687_144);
    expect(costed.weeklyCostPence).toBe(32_445);
    expect(costed.annualBudgetPence).toBe(1_664_000);
    expect(costed.remainingAnnualPence).toBe(-23_144);
    expect(costed.overBudgetByPence).toBe(23_144);
    expect(costed.overBudgetWeeklyPence).toBe(445);
    expect(costed.warning).toBe('This plan is £4.45 a week (£231.44 a year) over the budget');
  });

  it('explains each item in plain English, saying which are not part of the cost', () => {
    const texts = costSupportPlan({
      ...mrsN,
      items: [
        ...mrsN.items,
        item({ id: 'nhs', what: 'Physiotherapy', amountPence: 4500, frequency: 'four_weekly', funding: 'nhs' }),
        item({ id: 'own', what: 'Hairdresser', amountPence: 1800, frequency: 'monthly', funding: 'own_money' }),
        item({ id: 'group', what: 'Carers group', frequency: 'monthly', funding: 'free' }),
      ],
    }).items.map((i) => i.text);
    expect(texts).toEqual([
      'Personal care from a small local agency: 10.5 × £19.80 = £207.90 every week, £10,810.80 a year',
      'Gardener: 2 × £14.00 = £28.00 every 2 weeks, £728.00 a year',
      'Car cleaning: £8.00 every month, £96.00 a year',
      'Grandson as PA for shopping trips, student rate: 3 × £11.44 = £34.32 every week, £1,784.64 a year',
      'PA for household jobs: 4 × £13.50 = £54.00 every week, £2,808.00 a year',
      'Chiropody: £32.00 every month, £384.00 a year',
      "Lifts to church from her son: unpaid, every week (not part of the budget's cost)",
      "Physiotherapy: £45.00 every 4 weeks, £585.00 a year, paid by the NHS (not part of the budget's cost)",
      "Hairdresser: £18.00 every month, £216.00 a year, paid from their own money (not part of the budget's cost)",
      "Carers group: free, every month (not part of the budget's cost)",
    ]);
  });

  it.each([
    ['weekly', 52],
    ['fortnightly', 26],
    ['four_weekly', 13],
    ['monthly', 12],
    ['annual', 1],
    ['one_off', 1],
  ] as const)('counts a %s item %i times in the plan year', (frequency, times) => {
    const costed = costSupportPlan({
      items: [item({ id: 'x', what: 'X', amountPence: 1001, frequency })],
      contingencyPence: 0,
      fees: [],
      agreedWeeklyBudgetPence: 100_000,
    });
    expect(costed.items[0]!.annualPence).toBe(1001 * times);
    expect(costed.annualCostPence).toBe(1001 * times);
  });

  it('rounds units × price once per occurrence, half up, and multiplies that penny amount', () => {
    const costed = costSupportPlan({
      items: [
        item({ id: 'half', what: 'Half a penny up', amountPence: 33, units: 1.5 }),
        item({ id: 'down', what: 'Under half down', amountPence: 1, units: 0.49 }),
        item({ id: 'float', what: 'Units floating point cannot hold', amountPence: 1000, units: 7.29 }),
      ],
      contingencyPence: 0,
      fees: [],
      agreedWeeklyBudgetPence: 0,
    });
    expect(costed.items.map((i) => [i.perOccurrencePence, i.annualPence])).toEqual([
      [50, 2600],
      [0, 0],
      [7290, 379_080],
    ]);
  });

  it('shows weekly figures rounded half up while the yearly figure stays exact', () => {
    const costed = costSupportPlan({
      items: [item({ id: 'bed', what: 'Riser bed', amountPence: 10_000, frequency: 'one_off' })],
      contingencyPence: 0,
      fees: [],
      agreedWeeklyBudgetPence: 1000,
    });
    expect(costed.items[0]!.annualPence).toBe(10_000);
    expect(costed.items[0]!.weeklyEquivalentPence).toBe(192); // 192.31
    expect(costed.remainingAnnualPence).toBe(52_000 - 10_000);
    expect(costed.warning).toBeNull();
  });

  it('adds fees and the contingency to the cost, 52 weeks each', () => {
    const costed = costSupportPlan({
      items: [item({ id: 'x', what: 'Day centre', amountPence: 11_234 })],
      contingencyPence: 0,
      fees: [{ label: ' Managed account fee ', weeklyPence: 450 }],
      agreedWeeklyBudgetPence: 10_450,
    });
    expect(costed.fees).toEqual([{ label: 'Managed account fee', weeklyPence: 450, annualPence: 23_400 }]);
    expect(costed.annualCostPence).toBe((11_234 + 450) * 52);
    expect(costed.warning).toBe('This plan is £12.34 a week (£641.68 a year) over the budget');
  });

  it('says nothing is wrong with a plan exactly on budget', () => {
    const costed = costSupportPlan({
      items: [item({ id: 'x', what: 'X', amountPence: 5000 })],
      contingencyPence: 0,
      fees: [],
      agreedWeeklyBudgetPence: 5000,
    });
    expect([costed.remainingAnnualPence, costed.overBudgetByPence, costed.warning]).toEqual([0, 0, null]);
  });
});

describe('costingProblems', () => {
  it('names each problem so the form can say what to put right', () => {
    const problems = costingProblems({
      items: [
        item({ id: 'a', what: 'Cleaner', amountPence: 12.5 }),
        item({ id: 'a', what: ' ', units: 1.234 }),
        { ...item({ id: 'c', what: 'Sitter' }), frequency: 'daily', funding: 'lottery' } as unknown as SupportItem,
      ],
      contingencyPence: -1,
      fees: [{ label: '', weeklyPence: 100 }],
      agreedWeeklyBudgetPence: 100,
    });
    expect(problems).toEqual([
      'The cost of ‘Cleaner’ must be a whole number of pence, 0 or more',
      'Enter what support item 2 is',
      'The units of support item 2 must be a number from 0 to 10,000 with no more than 2 decimal places, like 7.5',
      'Select how often ‘Sitter’ happens',
      'Select who pays for ‘Sitter’',
      'Each support item needs its own id: ‘a’ is used twice',
      'The contingency must be a whole number of pence, 0 or more',
      'Enter what fee 1 is for',
    ]);
    expect(() => costSupportPlan({ ...mrsN, contingencyPence: -1 })).toThrow(/The contingency must be/);
  });

  it('reads units to hundredths exactly, refusing a third decimal place', () => {
    expect([7.5, 7.29, 0.1 + 0.2, 0, 10_000].map(unitsToHundredths)).toEqual([750, 729, 30, 0, 1_000_000]);
    expect([7.295, -1, 10_000.01, Number.NaN, Infinity].map(unitsToHundredths)).toEqual([null, null, null, null, null]);
  });
});

describe('CONVERSION_RULES', () => {
  it('state the multipliers and the rounding the costing uses', () => {
    const text = CONVERSION_RULES.join(' ');
    expect(text).toContain(
      '52 weekly items, 26 fortnightly ones, 13 every four weeks, 12 monthly ones and 1 yearly one',
    );
    expect(text).toContain('rounded once to the nearest penny, half a penny up');
    expect(text).toContain('divided by 52');
  });
});
