import { describe, expect, it } from 'vitest';
import { DEFAULT_SUPPORT_MATRIX, recommendedLevel } from './matrix.js';
import { insuranceState, lastDayDue } from './renewals.js';
import { parseMatrix, renewalDays } from './council-routes.js';
import type { ManageCapacity, SupportInPlace, SupportLevel } from './tables.js';

describe('the direct payment support matrix (demo defaults)', () => {
  const cases: [ManageCapacity, SupportInPlace, SupportLevel][] = [
    ['independent', 'none', 'information'],
    ['independent', 'family', 'information'],
    ['independent', 'organisation', 'information'],
    ['some_help', 'none', 'light'],
    ['some_help', 'family', 'light'],
    ['some_help', 'organisation', 'information'],
    ['considerable_help', 'none', 'regular'],
    ['considerable_help', 'family', 'regular'],
    ['considerable_help', 'organisation', 'light'],
    ['cannot_manage', 'none', 'managed'],
    ['cannot_manage', 'family', 'regular'],
    ['cannot_manage', 'organisation', 'regular'],
  ];
  it.each(cases)('%s with %s support recommends %s', (capacity, support, level) => {
    expect(recommendedLevel(DEFAULT_SUPPORT_MATRIX, capacity, support)).toBe(level);
  });

  it('reads a posted table only when every cell names a level', () => {
    const body = Object.fromEntries(
      cases.map(([c, s, l]) => [`cell-${c}-${s}`, c === 'some_help' && s === 'family' ? 'regular' : l]),
    );
    const parsed = parseMatrix(body);
    expect('matrix' in parsed && parsed.matrix.some_help.family).toBe('regular');
    const missing = parseMatrix({ ...body, 'cell-cannot_manage-none': 'everything' });
    expect(missing).toEqual({
      errors: [
        {
          text: 'Select the level for “Cannot manage — a suitable person or representative manages” with “None”',
          href: '#cell-cannot_manage-none',
        },
      ],
    });
  });
});

describe('employer’s liability insurance renewals', () => {
  const today = '2026-06-01';
  it.each([
    [null, 'none'],
    ['2026-05-31', 'lapsed'],
    ['2026-06-01', 'due'],
    ['2026-07-01', 'due'],
    ['2026-07-02', 'ok'],
  ] as const)('renewing on %s is %s (30 days from 1 June 2026)', (renewsOn, state) => {
    expect(insuranceState(renewsOn, today, 30)).toBe(state);
  });

  it('counts the window across a month end and a leap day', () => {
    expect(lastDayDue('2028-02-15', 30)).toBe('2028-03-16');
    expect(lastDayDue('2026-12-20', 30)).toBe('2027-01-19');
  });

  it('takes the window from ?days= when it is a whole number up to a year', () => {
    expect(renewalDays({ days: '60' })).toBe(60);
    expect(renewalDays({ days: '0' })).toBe(0);
    expect(renewalDays({})).toBe(30);
    expect(renewalDays({ days: '366' })).toBe(30);
    expect(renewalDays({ days: '-1' })).toBe(30);
    expect(renewalDays({ days: 'ten' })).toBe(30);
  });
});
