import { describe, expect, it } from 'vitest';
import { EMPTY_EVENT_FIELDS } from '../people/index.js';
import type { PlanItem } from './plan-content.js';
import { approvedPlanEvents, earlierLineId, itemCosts, planItemCoding } from './plan-events.js';

const item = (id: string, what: string, over: Partial<PlanItem> = {}): PlanItem => ({
  id,
  what,
  giver: 'provider',
  giverName: 'Fen Care',
  directoryServiceId: null,
  when: '',
  frequency: 'weekly',
  amountPence: 1_500,
  units: 1,
  funding: 'personal_budget',
  quotes: [],
  ...over,
});

const service = (
  serviceType: string,
  serviceComponent: string,
  start: string,
  end: string | null,
  summary: string,
) => ({
  ...EMPTY_EVENT_FIELDS,
  eventType: 'Service',
  startDate: start,
  endDate: end,
  eventOutcome: end === null ? null : 'NFA: Support ended as planned',
  serviceType,
  serviceComponent,
  deliveryMechanism: 'CASSR commissioned support',
  plannedUnitsPerWeek: null,
  clientType: 'Service user',
  linkedPersonIds: [],
  summary,
});

describe('planItemCoding', () => {
  it.each([
    [item('a', 'Personal care each morning'), 'Long term support: Community', 'Home support or domiciliary care'],
    [
      item('a', 'Help to get up', { giver: 'personal_assistant' }),
      'Long term support: Community',
      'Home support or domiciliary care',
    ],
    [item('a', 'Day centre on Tuesdays'), 'Long term support: Community', 'Day support'],
    [item('a', 'Hot meals delivered'), 'Long term support: Community', 'Meals'],
    [item('a', 'Taxi to the lunch club'), 'Long term support: Community', 'Transport'],
    [item('a', 'Taxi to church'), 'Long term support: Community', 'Transport'],
    [item('a', 'Falls alarm', { giver: 'technology' }), 'Long term support: Community', 'Equipment'],
    [item('a', 'Shared Lives carer'), 'Long term support: Community', 'Shared Lives'],
    [item('a', 'Respite in a care home'), 'Long term support: Residential care', 'Long term residential care'],
    [item('a', 'Nursing home place'), 'Long term support: Nursing care', 'Long term nursing care'],
    [item('a', 'Swimming companion'), 'Long term support: Community', 'Other long term support'],
  ])('%o reports as %s / %s', (it_, serviceType, serviceComponent) => {
    expect(planItemCoding(it_)).toEqual({ serviceType, serviceComponent });
  });
});

describe('approvedPlanEvents', () => {
  const care = item('care', 'Personal care each morning');
  const day = item('day', 'Day centre on Tuesdays');
  const lunch = item('lunch', 'Sunday lunch', { giver: 'family', funding: 'unpaid', amountPence: 0 });
  const own = item('own', 'Gardener', { funding: 'own_money' });

  it('starts a long-term support event for each item the budget pays for, from the approval day, and none for the rest', () => {
    expect(approvedPlanEvents([care, lunch, own, day], '2026-12-01', [])).toEqual([
      {
        source: { module: 'planning', id: 'care' },
        event: service(
          'Long term support: Community',
          'Home support or domiciliary care',
          '2026-12-01',
          null,
          'Support plan: Personal care each morning (Fen Care)',
        ),
      },
      {
        source: { module: 'planning', id: 'day' },
        event: service(
          'Long term support: Community',
          'Day support',
          '2026-12-01',
          null,
          'Support plan: Day centre on Tuesdays (Fen Care)',
        ),
      },
    ]);
  });

  it('on re-approval keeps a continuing item’s start, ends a removed or no-longer-funded one, and starts a new one', () => {
    const stored = [
      {
        itemId: 'care',
        startDate: '2026-12-01',
        endDate: null,
        serviceType: 'Long term support: Community',
        serviceComponent: 'Home support or domiciliary care',
        summary: 'Support plan: Personal care each morning (Fen Care)',
      },
      {
        itemId: 'day',
        startDate: '2026-12-01',
        endDate: null,
        serviceType: 'Long term support: Community',
        serviceComponent: 'Day support',
        summary: 'Support plan: Day centre on Tuesdays (Fen Care)',
      },
      {
        itemId: 'own',
        startDate: '2026-12-01',
        endDate: null,
        serviceType: 'Long term support: Community',
        serviceComponent: 'Other long term support',
        summary: 'Support plan: Gardener (Fen Care)',
      },
      {
        itemId: 'old',
        startDate: '2026-06-01',
        endDate: '2026-09-01',
        serviceType: 'Long term support: Community',
        serviceComponent: 'Meals',
        summary: 'Support plan: Meals',
      },
    ];
    const meals = item('meals', 'Hot meals delivered');
    const events = approvedPlanEvents([care, own, meals], '2026-12-15', stored);
    expect(events.map((e) => [e.source.id, e.event.startDate, e.event.endDate, e.event.eventOutcome])).toEqual([
      ['care', '2026-12-01', null, null],
      ['meals', '2026-12-15', null, null],
      ['day', '2026-12-01', '2026-12-15', 'NFA: Support ended as planned'],
      ['own', '2026-12-01', '2026-12-15', 'NFA: Support ended as planned'],
      ['old', '2026-06-01', '2026-09-01', 'NFA: Support ended as planned'],
    ]);
    // Unchanged: exactly what was stored, so the sync writes nothing for it.
    expect(events[0]!.event).toEqual(
      service(
        'Long term support: Community',
        'Home support or domiciliary care',
        '2026-12-01',
        null,
        'Support plan: Personal care each morning (Fen Care)',
      ),
    );
  });
});

describe('itemCosts (cld.md §2.1 rule C)', () => {
  it.each([
    [
      { amountPence: 1_500, units: 2, frequency: 'weekly' as const },
      { unitCostPence: 1_500, costFrequency: 'Weekly', plannedUnitsPerWeek: 2 },
    ],
    [
      { amountPence: 2_000, units: 3, frequency: 'fortnightly' as const },
      { unitCostPence: 2_000, costFrequency: 'Fortnightly', plannedUnitsPerWeek: 1.5 },
    ],
    [
      { amountPence: 3_500, units: 1, frequency: 'monthly' as const },
      { unitCostPence: 3_500, costFrequency: 'Monthly', plannedUnitsPerWeek: 0.23 },
    ],
    [
      { amountPence: 900, units: 7.5, frequency: 'four_weekly' as const },
      { unitCostPence: 900, costFrequency: '4-weekly', plannedUnitsPerWeek: 1.88 },
    ],
    [
      { amountPence: 25_000, units: 1, frequency: 'one_off' as const },
      { unitCostPence: 25_000, costFrequency: 'One-off', plannedUnitsPerWeek: 0 },
    ],
  ])('%o costs as %o', (item, costs) => {
    expect(itemCosts(item)).toEqual(costs);
  });

  it('carries the costs only when the support is not commissioned by the council', () => {
    const [commissioned] = approvedPlanEvents([item('a', 'Personal care')], '2026-12-07', []);
    expect(commissioned!.event).toMatchObject({ deliveryMechanism: 'CASSR commissioned support', unitCostPence: null });
    const [direct] = approvedPlanEvents(
      [item('a', 'Personal care', { units: 2 })],
      '2026-12-07',
      [],
      [{ from: '2026-12-07', mechanism: 'Direct payment' }],
    );
    expect(direct!.event).toMatchObject({
      deliveryMechanism: 'Direct payment',
      unitCostPence: 1_500,
      costFrequency: 'Weekly',
      plannedUnitsPerWeek: 2,
    });
  });
});

describe('approvedPlanEvents when the way the budget is held changes (one mechanism per service line)', () => {
  const care = item('care', 'Personal care each morning', { units: 2 });
  const line = (over: Record<string, unknown> = {}) => ({
    itemId: 'care',
    startDate: '2026-12-01',
    endDate: null,
    serviceType: 'Long term support: Community',
    serviceComponent: 'Home support or domiciliary care',
    summary: 'Support plan: Personal care each morning (Fen Care)',
    eventOutcome: null,
    deliveryMechanism: 'Direct payment',
    unitCostPence: 1_500,
    costFrequency: 'Weekly',
    plannedUnitsPerWeek: 2,
    ...over,
  });
  const view = (writes: ReturnType<typeof approvedPlanEvents>) =>
    writes.map((w) => [
      w.source.id,
      w.formerly ?? null,
      w.event.startDate,
      w.event.endDate,
      w.event.eventOutcome,
      w.event.deliveryMechanism,
      w.event.unitCostPence,
    ]);

  it('ends the running line the day before a switch, keeping what it reported, and starts a new line that day', () => {
    const writes = approvedPlanEvents(
      [care],
      '2026-12-14',
      [line()],
      [{ from: '2026-12-14', mechanism: 'CASSR managed personal budget' }],
    );
    expect(view(writes)).toEqual([
      [
        earlierLineId('care', '2026-12-01'),
        'care',
        '2026-12-01',
        '2026-12-13',
        'Continuation of support or services',
        'Direct payment',
        1_500,
      ],
      ['care', null, '2026-12-14', null, null, 'CASSR managed personal budget', 1_500],
    ]);
  });

  it('brings a line up to date in place when the mechanism is unchanged, or the line starts on the change day', () => {
    const same = approvedPlanEvents(
      [care],
      '2026-12-14',
      [line()],
      [{ from: '2026-12-14', mechanism: 'Direct payment' }],
    );
    expect(view(same)).toEqual([['care', null, '2026-12-01', null, null, 'Direct payment', 1_500]]);
    const sameDay = approvedPlanEvents(
      [care],
      '2026-12-01',
      [line()],
      [{ from: '2026-12-01', mechanism: 'CASSR managed personal budget' }],
    );
    expect(view(sameDay)).toEqual([['care', null, '2026-12-01', null, null, 'CASSR managed personal budget', 1_500]]);
  });

  it('follows every later change: a new item approved before a switch reports each way it will be held', () => {
    const writes = approvedPlanEvents(
      [care],
      '2026-12-10',
      [],
      [
        { from: '2026-12-10', mechanism: 'Direct payment' },
        { from: '2026-12-14', mechanism: 'CASSR managed personal budget' },
        { from: '2027-01-04', mechanism: 'CASSR commissioned support' },
      ],
    );
    expect(view(writes)).toEqual([
      [
        earlierLineId('care', '2026-12-10'),
        'care',
        '2026-12-10',
        '2026-12-13',
        'Continuation of support or services',
        'Direct payment',
        1_500,
      ],
      [
        earlierLineId('care', '2026-12-14'),
        'care',
        '2026-12-14',
        '2027-01-03',
        'Continuation of support or services',
        'CASSR managed personal budget',
        1_500,
      ],
      // Commissioned support carries no costs (rule C).
      ['care', null, '2027-01-04', null, null, 'CASSR commissioned support', null],
    ]);
  });

  it('keeps an ended line as it was when its item is funded again, and starts a new line', () => {
    const ended = line({ endDate: '2026-12-05', eventOutcome: 'NFA: Support ended as planned' });
    const writes = approvedPlanEvents(
      [care],
      '2026-12-20',
      [ended],
      [{ from: '2026-12-20', mechanism: 'Direct payment' }],
    );
    expect(view(writes)).toEqual([
      [
        earlierLineId('care', '2026-12-01'),
        'care',
        '2026-12-01',
        '2026-12-05',
        'NFA: Support ended as planned',
        'Direct payment',
        1_500,
      ],
      ['care', null, '2026-12-20', null, null, 'Direct payment', 1_500],
    ]);
    // Funded again on the day it ended: the same line simply runs on.
    const again = approvedPlanEvents(
      [care],
      '2026-12-05',
      [ended],
      [{ from: '2026-12-05', mechanism: 'Direct payment' }],
    );
    expect(view(again)).toEqual([['care', null, '2026-12-01', null, null, 'Direct payment', 1_500]]);
  });

  it('names an earlier line with a well-formed uuid derived from the item and its start', () => {
    const id = earlierLineId('care', '2026-12-01');
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(earlierLineId('care', '2026-12-01')).toBe(id);
    expect(earlierLineId('care', '2026-12-02')).not.toBe(id);
    expect(earlierLineId('lunch', '2026-12-01')).not.toBe(id);
  });
});
