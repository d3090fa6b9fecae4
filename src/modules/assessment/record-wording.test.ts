import { describe, expect, it } from 'vitest';
import { assessmentTitle, carerWording, namesList } from './record-wording.js';
import { CARER_OUTCOMES, UNABLE_WAYS } from './eligibility-outcomes.js';

describe('an assessment of the care someone gives', () => {
  it('puts the regulations’ “carer” in plain terms about the person unless they accept the word', () => {
    expect(carerWording('caring responsibilities the carer has for a child', false)).toBe(
      'caring responsibilities they have for a child',
    );
    expect(carerWording("a habitable home environment in the carer's home", false)).toBe(
      'a habitable home environment in their home',
    );
    expect(carerWording('the ways a carer counts', false)).toBe('the ways someone giving care counts');
    expect(carerWording('caring responsibilities the carer has for a child', true)).toContain('the carer has');
  });

  it('leaves no “carer” in any carer outcome or way the form shows', () => {
    for (const text of [...CARER_OUTCOMES.map((o) => o.label), ...UNABLE_WAYS.map((w) => w.label)])
      expect(carerWording(text, false)).not.toMatch(/\bcarers?\b/i);
  });

  it('names the assessment by what they do, or as a carer’s assessment once they accept it', () => {
    expect(assessmentTitle('carer', { acceptsCarerLabel: false, caredForNames: ['Edna Jones'] })).toBe(
      'Assessment of the care they give to Edna Jones',
    );
    expect(assessmentTitle('carer', { acceptsCarerLabel: true, caredForNames: ['Edna Jones'] })).toBe(
      'Carer’s assessment',
    );
    expect(assessmentTitle('adult', { acceptsCarerLabel: true, caredForNames: [] })).toBe(
      'Assessment of care and support needs',
    );
    expect(namesList(['A', 'B', 'C'])).toBe('A, B and C');
  });
});
