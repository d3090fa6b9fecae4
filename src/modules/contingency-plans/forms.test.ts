import { describe, expect, it } from 'vitest';
import { parsePlanForm, planFormValues, rowsToShow } from './forms.js';
import { describePlanChanges } from './changes.js';
import type { PlanContent } from './schema.js';

const valid = {
  'situations-0-situation': 'If Harold is admitted to hospital',
  'situations-0-whatShouldHappen': 'Carol stays',
  agreedWithPerson: 'yes',
  'agreedOn-day': '2',
  'agreedOn-month': '3',
  'agreedOn-year': '2026',
  'reviewDate-day': '2',
  'reviewDate-month': '9',
  'reviewDate-year': '2099',
};

const content = (over: Partial<PlanContent> = {}): PlanContent => ({
  situations: [{ key: 'k1', situation: 'If Harold is admitted to hospital', whatShouldHappen: 'Carol stays' }],
  wants: 'Stay at home',
  doesNotWant: 'No respite bed',
  increasesDistress: null,
  reducesDistress: null,
  helpers: [],
  callList: [],
  support: [],
  agreedWithPerson: true,
  agreedWithOthers: null,
  agreedOn: '2026-03-02',
  reviewDate: '2099-09-02',
  ...over,
});

describe('contingency plan form', () => {
  it('drops cleared rows and closes the gaps, so errors point at the rows as shown again', () => {
    const body = {
      ...valid,
      'callList-0-name': '',
      'callList-0-phone': '',
      'callList-3-name': 'Duty team',
      'callList-3-phone': 'not a number',
    };
    const parsed = parsePlanForm(body);
    expect(parsed.errors).toEqual([{ text: 'Enter a phone number, like 01632 960 001', href: '#callList-0-phone' }]);
    expect(planFormValues(body).lists.callList).toEqual([
      { relationshipId: '', name: 'Duty team', phone: 'not a number', relationshipType: '', when: '' },
    ]);
  });

  it('says every missing answer at once, in page order, even when a date is wrong', () => {
    const parsed = parsePlanForm({ 'reviewDate-day': '31', 'reviewDate-month': '2', 'reviewDate-year': '2099' });
    expect(parsed.errors?.map((e) => e.href)).toEqual([
      '#situations-0-situation',
      '#agreedWithPerson',
      '#agreedOn-day',
      '#reviewDate-day',
    ]);
    expect(parsed.errors?.at(-1)?.text).toBe('Review date must be a real date');
  });

  it('accepts a complete plan, with a directory service given as its page address', () => {
    const id = '3f1f6c5e-1234-4abc-8def-0123456789ab';
    const parsed = parsePlanForm({
      ...valid,
      'support-0-what': 'Sitting service',
      'support-0-directoryServiceId': `https://council.example/information/services/${id.toUpperCase()}`,
    });
    expect(parsed.errors).toBeNull();
    expect(parsed.data?.support).toEqual([{ what: 'Sitting service', providedBy: null, directoryServiceId: id }]);
    expect(parsed.data?.situations).toHaveLength(1);
  });

  it('always offers blank rows, and one more in the list asked for', () => {
    const values = planFormValues(valid);
    const rows = rowsToShow(values, 'situations');
    expect(rows.situations).toHaveLength(3);
    expect(rows.helpers).toHaveLength(2);
    expect(rowsToShow(values).situations).toHaveLength(2);
  });
});

describe('stale edit changes', () => {
  it('lists only what someone else changed since the version the user opened, with both sides', () => {
    const opened = content();
    const saved = content({ doesNotWant: 'No respite bed unless Carol cannot stay' });
    const mine = content({ wants: 'Stay at home with Harold' });
    expect(describePlanChanges(opened, saved, mine)).toEqual([
      { field: 'What they do not want', theirs: 'No respite bed unless Carol cannot stay', yours: 'No respite bed' },
    ]);
  });
});
