import { describe, expect, it } from 'vitest';
import {
  applyOverride,
  determineAdultEligibility,
  determineCarerEligibility,
  type Determination,
  type DeterminationResult,
} from './eligibility.js';
import { ADULT_OUTCOMES, CARER_OUTCOMES, UNABLE_WAYS, type UnableWayKey } from './eligibility-outcomes.js';
import type { AdultAnswersInput, CarerAnswersInput } from './eligibility-schema.js';

const yes = (words: string) => ({ met: true, words });
const no = { met: false, words: '' };
const unable = (way: UnableWayKey, words: string) => ({ ways: [way], words: { [way]: words } });

const nutrition = unable('without_assistance', 'Cannot use the cooker safely since the stroke');
const hygiene = unable('pain_distress_anxiety', 'Washing leaves her in pain for hours');
const relationships = unable('endangers_health_safety', 'Falls on the stairs when visiting her sister');

function adult(overrides: Partial<AdultAnswersInput> = {}): AdultAnswersInput {
  return {
    impairmentOrIllness: yes('Vascular dementia and arthritis'),
    outcomes: { nutrition, personal_hygiene: hygiene },
    wellbeingImpact: yes('She is losing weight and no longer goes out'),
    ...overrides,
  };
}

function carer(overrides: Partial<CarerAnswersInput> = {}): CarerAnswersInput {
  return {
    needsFromProvidingCare: yes('Gives his wife personal care day and night'),
    healthDeteriorating: no,
    outcomes: {},
    wellbeingImpact: yes('Exhausted; his COPD is worse'),
    continuingToCare: { willing: 'yes', able: 'not_sure', words: 'Wants to go on, but not at night' },
    ...overrides,
  };
}

function decided(result: DeterminationResult): Determination & { ok: true } {
  if (!result.ok) throw new Error(`Expected a determination, got problems: ${JSON.stringify(result.problems)}`);
  return result;
}

describe('adult eligibility (regulation 2)', () => {
  it.each<[string, Partial<AdultAnswersInput>, boolean]>([
    ['all three conditions met with two outcomes', {}, true],
    ['no impairment or illness', { impairmentOrIllness: no }, false],
    ['impairment but no outcomes', { outcomes: {} }, false],
    ['only one outcome', { outcomes: { nutrition } }, false],
    ['three outcomes', { outcomes: { nutrition, personal_hygiene: hygiene, relationships } }, true],
    ['no significant impact on wellbeing', { wellbeingImpact: no }, false],
    ['an outcome answered with no ways does not count', { outcomes: { nutrition, clothed: { ways: [] } } }, false],
  ])('%s → eligible: %s', (_case, overrides, eligible) => {
    const result = decided(determineAdultEligibility(adult(overrides)));
    expect(result.eligible).toBe(eligible);
    expect(result.eligibleByRule).toBe(eligible);
    expect(result.reasons[0]).toBe(
      eligible
        ? 'Eligible: all three conditions of regulation 2 are met.'
        : 'Not eligible: not every condition of regulation 2 is met.',
    );
  });

  it.each(UNABLE_WAYS.map((w) => w.key))('"%s" on its own makes an outcome count', (way) => {
    const outcomes = { nutrition: unable(way, 'Words'), clothed: unable(way, 'More words') };
    const result = decided(determineAdultEligibility(adult({ outcomes })));
    expect(result.eligible).toBe(true);
    expect(result.counted.map((o) => o.key)).toEqual(['nutrition', 'clothed']);
    expect(result.counted[0]!.ways).toEqual([expect.objectContaining({ key: way, words: 'Words' })]);
  });

  it('names each condition and each outcome counted, with its ways and words', () => {
    const outcomes = {
      nutrition: {
        ways: ['without_assistance', 'endangers_health_safety'],
        words: { without_assistance: 'Needs meals made', endangers_health_safety: 'Left the gas on twice' },
      },
      personal_hygiene: hygiene,
      relationships,
    } satisfies AdultAnswersInput['outcomes'];
    const result = decided(determineAdultEligibility(adult({ outcomes })));
    expect(result.reasons).toEqual([
      'Eligible: all three conditions of regulation 2 are met.',
      'Their needs arise from or are related to a physical or mental impairment or illness: ‘Vascular dementia and arthritis’.',
      'Unable to achieve 3 of the 10 outcomes: managing and maintaining nutrition (unable without assistance: ‘Needs meals made’; ' +
        'endangers health or safety: ‘Left the gas on twice’), maintaining personal hygiene (causes significant pain, distress ' +
        'or anxiety: ‘Washing leaves her in pain for hours’), developing and maintaining family or other personal relationships ' +
        '(endangers health or safety: ‘Falls on the stairs when visiting her sister’). Two or more are needed, so this condition is met.',
      'As a consequence there is, or is likely to be, a significant impact on their wellbeing: ‘She is losing weight and no longer goes out’.',
    ]);
  });

  it('says which conditions are not met', () => {
    const result = decided(determineAdultEligibility(adult({ impairmentOrIllness: no, outcomes: { nutrition } })));
    expect(result.reasons).toContain(
      'Their needs do not arise from, and are not related to, a physical or mental impairment or illness.',
    );
    expect(result.reasons[2]).toMatch(/^Unable to achieve 1 of the 10 outcomes: .* so this condition is not met\.$/);
    const none = decided(determineAdultEligibility(adult({ outcomes: {}, wellbeingImpact: no })));
    expect(none.reasons).toContain(
      'Unable to achieve 0 of the 10 outcomes. Two or more are needed, so this condition is not met.',
    );
    expect(none.reasons).toContain('There is not, and is not likely to be, a significant impact on their wellbeing.');
  });

  it('records fluctuating needs in the reasons', () => {
    const result = decided(
      determineAdultEligibility(adult({ fluctuation: 'Worse in winter; looked at the last year' })),
    );
    expect(result.reasons.at(-1)).toBe(
      'Their needs fluctuate: ‘Worse in winter; looked at the last year’. Their circumstances over that period were taken into account.',
    );
  });

  it('returns a way ticked without words as a problem, naming the outcome, never as a decision', () => {
    const result = determineAdultEligibility(
      adult({ outcomes: { nutrition: { ways: ['without_assistance'], words: { without_assistance: '  ' } } } }),
    );
    expect(result).toEqual({
      ok: false,
      problems: [
        {
          field: 'outcomes.nutrition.words.without_assistance',
          text: 'Describe the help they need with managing nutrition',
        },
      ],
    });
  });

  it('asks for the words behind a yes, and for an answer to each question', () => {
    const result = determineAdultEligibility({
      impairmentOrIllness: { met: 'yes', words: '' },
      outcomes: { toilet_needs: { ways: 'takes_significantly_longer' } },
    } as unknown as AdultAnswersInput);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.problems).toEqual([
      { field: 'impairmentOrIllness.words', text: 'Describe the impairment or illness their needs arise from' },
      {
        field: 'outcomes.toilet_needs.words.takes_significantly_longer',
        text: 'Describe how much longer managing toilet needs takes them than would normally be expected',
      },
      {
        field: 'wellbeingImpact.met',
        text: 'Select yes if there is, or is likely to be, a significant impact on their wellbeing',
      },
    ]);
  });

  it('refuses outcomes and ways that are not in the regulations', () => {
    const result = determineAdultEligibility(
      adult({ outcomes: { gardening: unable('without_assistance', 'x') } as AdultAnswersInput['outcomes'] }),
    );
    expect(result.ok).toBe(false);
    const way = determineAdultEligibility(adult({ outcomes: { nutrition: { ways: ['slowly'] } } } as never));
    expect(way.ok).toBe(false);
  });
});

describe('carer eligibility (regulation 3)', () => {
  const oneOutcome = { recreation: unable('without_assistance', 'Has not been to choir for a year') };
  it.each<[string, Partial<CarerAnswersInput>, boolean]>([
    [
      'health at risk alone, with a wellbeing impact',
      { healthDeteriorating: yes('COPD worse since caring at night') },
      true,
    ],
    ['one carer outcome alone, with a wellbeing impact', { outcomes: oneOutcome }, true],
    ['neither health nor any outcome', {}, false],
    ['needs not from providing necessary care', { outcomes: oneOutcome, needsFromProvidingCare: no }, false],
    ['no significant impact on wellbeing', { outcomes: oneOutcome, wellbeingImpact: no }, false],
  ])('%s → eligible: %s', (_case, overrides, eligible) => {
    expect(decided(determineCarerEligibility(carer(overrides))).eligible).toBe(eligible);
  });

  it.each(UNABLE_WAYS.filter((w) => w.forCarers).map((w) => w.key))('"%s" on its own makes an outcome count', (way) => {
    const result = decided(determineCarerEligibility(carer({ outcomes: { nutrition: unable(way, 'Words') } })));
    expect(result.eligible).toBe(true);
    expect(result.counted).toEqual([
      { key: 'nutrition', label: 'managing and maintaining nutrition', ways: [expect.objectContaining({ key: way })] },
    ]);
  });

  it('does not count "takes significantly longer" for a carer: regulation 3(3) has only three ways', () => {
    const result = determineCarerEligibility(
      carer({ outcomes: { nutrition: unable('takes_significantly_longer', 'Slow') } }),
    );
    expect(result).toEqual({
      ok: false,
      problems: [
        {
          field: 'outcomes.nutrition.ways',
          text: 'Taking significantly longer is not one of the ways a carer counts as unable to achieve an outcome (regulation 3(3))',
        },
      ],
    });
  });

  it('carries willingness and ability to go on caring without letting them decide anything', () => {
    const willing = decided(determineCarerEligibility(carer({ outcomes: oneOutcome })));
    const unwilling = decided(
      determineCarerEligibility(
        carer({ outcomes: oneOutcome, continuingToCare: { willing: 'no', able: 'no', words: '' } }),
      ),
    );
    expect(willing.eligible).toBe(unwilling.eligible);
    expect(unwilling.continuingToCare).toEqual({ willing: 'no', able: 'no', words: '' });
    expect(willing.reasons.at(-1)).toBe(
      'Willing to go on caring: yes; able to go on caring: not sure. ‘Wants to go on, but not at night’. This is recorded for the plan and is not part of the eligibility rule.',
    );
  });

  it('asks whether they are willing and able to go on caring', () => {
    const result = determineCarerEligibility(carer({ continuingToCare: undefined }));
    expect(!result.ok && result.problems).toEqual([
      { field: 'continuingToCare.willing', text: 'Select yes, no or not sure' },
      { field: 'continuingToCare.able', text: 'Select yes, no or not sure' },
    ]);
  });

  it('explains the health route', () => {
    const result = decided(determineCarerEligibility(carer({ healthDeteriorating: yes('Breathless') })));
    expect(result.reasons).toContain(
      'Their physical or mental health is, or is at risk of, deteriorating: ‘Breathless’. This alone meets the second condition.',
    );
    expect(result.reasons).toContain(
      'Unable to achieve 0 of the 8 outcomes. One is enough (or their health at risk), so this condition is met.',
    );
  });
});

describe('the outcome lists', () => {
  it('hold the ten adult and eight carer outcomes of the regulations, with unique stable keys', () => {
    expect(ADULT_OUTCOMES).toHaveLength(10);
    expect(CARER_OUTCOMES).toHaveLength(8);
    for (const list of [ADULT_OUTCOMES, CARER_OUTCOMES]) {
      expect(new Set(list.map((o) => o.key)).size).toBe(list.length);
    }
    expect(ADULT_OUTCOMES[0]).toMatchObject({ key: 'nutrition', label: 'managing and maintaining nutrition' });
    expect(CARER_OUTCOMES.at(-1)).toMatchObject({ key: 'recreation', label: 'engaging in recreational activities' });
  });
});

describe('overriding a determination', () => {
  const notEligible = decided(determineAdultEligibility(adult({ outcomes: { nutrition } })));

  it('changes the decision when a reason and a decision maker are recorded, keeping what the rule said', () => {
    const result = applyOverride(notEligible, {
      eligible: true,
      reason: '  Hygiene need fluctuates; the rule was applied to a good week  ',
      decidedBy: 'Priya Shah',
    });
    if (!result.ok) throw new Error(result.error);
    expect(result.determination.eligible).toBe(true);
    expect(result.determination.eligibleByRule).toBe(false);
    expect(result.determination.override).toEqual({
      eligible: true,
      reason: 'Hygiene need fluctuates; the rule was applied to a good week',
      decidedBy: 'Priya Shah',
    });
    expect(result.determination.reasons[0]).toBe(
      'Decision overridden by Priya Shah: eligible, where the rule finds them not eligible. Reason: ‘Hygiene need fluctuates; the rule was applied to a good week’.',
    );
    expect(result.determination.reasons.slice(1)).toEqual(notEligible.reasons);
    expect(notEligible.eligible).toBe(false);
  });

  it.each([
    [
      { eligible: true, reason: '   ', decidedBy: 'Priya Shah' },
      'Enter the reason for changing the eligibility decision',
    ],
    [{ eligible: true, reason: 'Because', decidedBy: '' }, 'Enter who made the decision'],
    [
      { eligible: false, reason: 'Because', decidedBy: 'Priya Shah' },
      'The rule already finds them not eligible: an override must change the decision',
    ],
  ])('is refused without what it needs: %j', (override, error) => {
    expect(applyOverride(notEligible, override)).toEqual({ ok: false, error });
  });

  it('is refused on a decision already overridden', () => {
    const first = applyOverride(notEligible, { eligible: true, reason: 'Because', decidedBy: 'Priya Shah' });
    if (!first.ok) throw new Error(first.error);
    expect(applyOverride(first.determination, { eligible: false, reason: 'Again', decidedBy: 'Sam' })).toEqual({
      ok: false,
      error: 'This decision has already been overridden',
    });
  });
});
