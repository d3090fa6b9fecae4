import { describe, expect, it } from 'vitest';
import { ABILITIES, capacityFinding, type AbilityKey, type CapacityAnswers } from './finding.js';
import { parseAssessmentForm } from './schema.js';

/** Every combination of the four stage-2 abilities (16), each with and without a stage-1 impairment. */
const combinations: CapacityAnswers[] = [true, false].flatMap((impairment) =>
  Array.from({ length: 16 }, (_, bits) => ({
    impairment,
    canUnderstand: (bits & 1) !== 0,
    canRetain: (bits & 2) !== 0,
    canUseOrWeigh: (bits & 4) !== 0,
    canCommunicate: (bits & 8) !== 0,
  })),
);
const label = (a: CapacityAnswers) =>
  `impairment ${a.impairment ? 'yes' : 'no'}; ${ABILITIES.map((x) => `${x.key} ${a[x.key] ? 'yes' : 'no'}`).join(', ')}`;
const missingOf = (a: CapacityAnswers) => ABILITIES.filter((x) => !a[x.key]);

/** A complete assessment form for the answers given, claiming `result`. */
function form(a: CapacityAnswers, result: string): Record<string, string> {
  const yn = (v: boolean) => (v ? 'yes' : 'no');
  return {
    decision: 'Whether to agree to a direct payment for her support',
    decisionCategory: 'direct_payment_consent',
    impairment: yn(a.impairment),
    impairmentDetail: a.impairment ? 'Dementia (Alzheimer’s type)' : '',
    ...Object.fromEntries(ABILITIES.map((x) => [x.key, yn(a[x.key as AbilityKey])])),
    practicableSteps: 'Met at home in the morning, her friend Sheila present, easy-read leaflet',
    result,
    reasons: 'What she said and did',
    assessorName: 'Sam Practitioner',
    assessorRole: 'Social worker',
    'assessedOn-day': '2',
    'assessedOn-month': '11',
    'assessedOn-year': '2026',
  };
}

describe('the two-stage test (Mental Capacity Act 2005 ss.2–3)', () => {
  it.each(combinations.map((a) => [label(a), a] as const))('%s', (_label, answers) => {
    const expected = answers.impairment && missingOf(answers).length > 0 ? 'lacks_capacity' : 'has_capacity';
    const finding = capacityFinding(answers);
    expect(finding.result).toBe(expected);
    // The explanation names each missing ability when (and only when) they decide the result.
    for (const ability of ABILITIES) {
      const named = finding.explanation.includes(ability.missing);
      expect(named, ability.key).toBe(expected === 'lacks_capacity' && !answers[ability.key]);
    }

    // The form takes the result that follows from the answers, and refuses the other one, saying why.
    const other = expected === 'lacks_capacity' ? 'has_capacity' : 'lacks_capacity';
    const accepted = parseAssessmentForm(form(answers, expected));
    expect(accepted.errors).toBeNull();
    expect(accepted.data?.result).toBe(expected);
    const refused = parseAssessmentForm(form(answers, other));
    expect(refused.errors).toEqual([
      { href: '#result', text: expect.stringContaining('The result must follow from the answers') },
    ]);
    expect(refused.errors?.[0]?.text).toContain(finding.explanation);
  });
});

describe('the assessment form', () => {
  const allYes = { impairment: true, canUnderstand: true, canRetain: true, canUseOrWeigh: true, canCommunicate: true };

  it('asks for every answer when nothing is given, each linked to its box', () => {
    const { errors } = parseAssessmentForm({});
    expect(errors?.map((e) => e.href)).toEqual([
      '#decision',
      '#decisionCategory',
      '#impairment',
      '#canUnderstand',
      '#canRetain',
      '#canUseOrWeigh',
      '#canCommunicate',
      '#practicableSteps',
      '#result',
      '#reasons',
      '#assessorName',
      '#assessorRole',
      '#assessedOn-day',
    ]);
  });

  it('needs the impairment described when stage 1 is yes', () => {
    const { errors } = parseAssessmentForm({ ...form(allYes, 'has_capacity'), impairmentDetail: ' ' });
    expect(errors).toEqual([{ href: '#impairmentDetail', text: expect.stringContaining('Enter the impairment') }]);
  });

  it('refuses a date in the future and a category it does not know', () => {
    const { errors } = parseAssessmentForm({
      ...form(allYes, 'has_capacity'),
      'assessedOn-year': '2999',
      decisionCategory: 'haircut',
    });
    expect(errors?.map((e) => e.href)).toEqual(['#decisionCategory', '#assessedOn-day']);
  });
});
