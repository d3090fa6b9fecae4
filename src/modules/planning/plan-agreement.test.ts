import { describe, expect, it } from 'vitest';
import { representativeProblems } from './plan-agreement.js';
import type { PlanAgreement } from './plan-content.js';

const by = (basis: PlanAgreement['representativeBasis'], name = 'Martin Planwright'): PlanAgreement => ({
  by: 'representative',
  representativeName: name,
  representativeBasis: basis,
  agreedOn: '2026-12-01',
});
const none = { welfarePowers: [], lacksCapacityForCare: false, bestInterestsDecided: false };
const lpa = { kind: 'lpa' as const, holders: 'Martin  Planwright and Jo Planwright', reference: 'LPA-1' };
const deputy = { kind: 'deputyship' as const, holders: 'Fenshire Deputies Ltd', reference: 'COP-1' };

describe('representativeProblems', () => {
  it('needs nothing when the person agrees, or someone they chose speaks for them', () => {
    expect(representativeProblems({ ...by(null), by: 'person' }, none)).toEqual([]);
    expect(representativeProblems(by('chosen_by_person'), none)).toEqual([]);
  });

  it.each([
    [
      'an LPA for health and welfare naming them',
      by('lpa_health_welfare', 'martin planwright'),
      { ...none, welfarePowers: [lpa] },
    ],
    ['a deputyship naming them', by('deputy', 'Fenshire Deputies Ltd'), { ...none, welfarePowers: [deputy] }],
    [
      'a finding of incapacity and a best-interests decision',
      by('best_interests'),
      { ...none, lacksCapacityForCare: true, bestInterestsDecided: true },
    ],
  ])('accepts %s', (_name, agreement, authority) => {
    expect(representativeProblems(agreement, authority)).toEqual([]);
  });

  it.each([
    [
      'no LPA',
      by('lpa_health_welfare'),
      none,
      'no registered lasting power of attorney for health and welfare naming Martin Planwright',
    ],
    [
      'an LPA naming someone else',
      by('lpa_health_welfare', 'Carol Smith'),
      { ...none, welfarePowers: [lpa] },
      'naming Carol Smith',
    ],
    [
      'a deputyship offered as an LPA',
      by('lpa_health_welfare', 'Fenshire Deputies Ltd'),
      { ...none, welfarePowers: [deputy] },
      'no registered lasting power',
    ],
    ['no deputyship', by('deputy'), { ...none, welfarePowers: [lpa] }, 'no Court of Protection deputyship'],
    [
      'no finding of incapacity',
      by('best_interests'),
      { ...none, bestInterestsDecided: true },
      'no capacity assessment finding they lack capacity',
    ],
    [
      'no best-interests decision',
      by('best_interests'),
      { ...none, lacksCapacityForCare: true },
      'no best-interests decision',
    ],
  ])('refuses with %s, naming what is missing', (_name, agreement, authority, text) => {
    const problems = representativeProblems(agreement, authority);
    expect(problems).toHaveLength(1);
    expect(problems[0]!.text).toContain(text);
    expect(problems[0]!.text).toContain('mental capacity and legal powers');
  });
});
