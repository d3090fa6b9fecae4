import { describe, expect, it } from 'vitest';
import {
  currentCode,
  isDefinedValue,
  listValues,
  outcomeSequels,
  SALT_UNABLE_TO_CLASSIFY,
  sequelForOutcome,
  sts001Description,
} from './index.js';

describe('R2 outcomes → SALT sequel groups (cld.md §3.3, §5.1, §5.2)', () => {
  it('covers every current R2 outcome exactly once', () => {
    const r2 = listValues('eventOutcome').map((v) => v.code);
    expect(outcomeSequels.map((s) => s.r2).sort()).toEqual([...r2].sort());
  });

  it('names only R1 outcomes that the list maps forward to the same R2 outcome', () => {
    for (const sequel of outcomeSequels)
      for (const r1 of sequel.r1) {
        expect(isDefinedValue('eventOutcome', r1, { includeRetired: true })).toBe(true);
        // 'Admitted to hospital' is spelt the same in R1 and R2.
        expect(currentCode('eventOutcome', r1)).toBe(sequel.r2);
      }
  });

  it('maps as the NHSE tables do', () => {
    expect(sts001Description('NFA: Information and advice or signposting')).toBe(
      'Universal Services/ Signposted to other services',
    );
    expect(sts001Description('NFA: Deceased')).toBe('No Services Provided - Deceased');
    expect(sts001Description('NFA: Referral to NHS services or NHS funded social care')).toBe('100% NHS Funded Care');
    expect(sts001Description('NFA: Support declined')).toBe('No Services Provided - other reason');
    // Mapping code 2: a next step is not a sequel; the following event must say what happened.
    expect(sts001Description('Progress to reablement/ST-Max')).toBe(SALT_UNABLE_TO_CLASSIFY);
    expect(sts001Description('NFA: Support ended as planned')).toBe(SALT_UNABLE_TO_CLASSIFY);
    // R2-only: SALT has no group.
    expect(sequelForOutcome('NFA: Referral to other service within the local authority')?.r1).toEqual([]);
    expect(sequelForOutcome('NFA: Support ended as planned')?.stMax).toBe('No services provided – other');
    expect(sequelForOutcome('NFA: Self-funded client or under 12wk disregard')?.stMax).toBe(
      'No services provided – needs identified but self-funding',
    );
    expect(sequelForOutcome('Progress to Assessment')).toBeUndefined();
    expect(sequelForOutcome('Progress to assessment, review or reassessment')?.r1).toEqual([
      'Progress to Assessment',
      'Progress to Re-assessment / Unplanned Review',
    ]);
  });
});
