import { describe, it, expect } from 'vitest';
import {
  cldLists,
  currentCode,
  govukItems,
  isCldValue,
  isDefinedValue,
  isLocalList,
  isProvisional,
  labelFor,
  listFor,
  listValues,
  localLists,
  zodCldValue,
  type ListId,
} from './index.js';

const allIds = [...Object.keys(cldLists), ...Object.keys(localLists)] as ListId[];
const codes = (id: ListId, includeRetired = false) => listValues(id, { includeRetired }).map((v) => v.code);

describe('every defined list', () => {
  it.each(allIds)('%s is well formed', (id) => {
    const list = listFor(id);
    expect(list.id).toBe(id);
    expect(list.field.trim()).not.toBe('');
    expect(list.source.trim()).not.toBe('');
    expect(listValues(id).length).toBeGreaterThan(0);

    const all = listValues(id, { includeRetired: true });
    // Codes must be unique (exact, case-sensitive) or a stored value would have two meanings.
    expect(new Set(all.map((v) => v.code)).size).toBe(all.length);
    // Two current options with the same text would be indistinguishable on a page.
    const current = listValues(id);
    expect(new Set(current.map((v) => v.label)).size).toBe(current.length);
    for (const v of all) {
      expect(v.code).toBe(v.code.trim());
      expect(v.code).not.toBe('');
      expect(v.label.trim()).not.toBe('');
      // A replacement must be a current value of the same list, or the export would emit an invalid code.
      if (v.replacedBy !== undefined) {
        expect(v.retired).toBe(true);
        expect(isDefinedValue(id, v.replacedBy)).toBe(true);
      }
    }
  });

  it('keeps CLD and local list ids apart', () => {
    const local = new Set(Object.keys(localLists));
    expect(Object.keys(cldLists).filter((id) => local.has(id))).toEqual([]);
  });

  it('records how well each CLD list is evidenced', () => {
    for (const list of Object.values(cldLists))
      expect(['confirmed', 'partial', 'provisional']).toContain(list.evidence);
    expect(isProvisional('eventOutcome')).toBe(false);
  });

  it('keeps the lists CLD publishes no values for local, never CLD (cld.md §3.6, §3.17)', () => {
    const local = [
      'eligibleNeedsIdentified',
      'methodOfAssessment',
      'methodOfReview',
      'reviewOutcomesAchieved',
      'costFrequencyUnitType',
      'autismSpectrumDisorder',
      'visualImpairment',
      'hearingImpairment',
      'dementia',
    ] as const;
    for (const id of local) {
      expect(Object.keys(cldLists)).not.toContain(id);
      expect(isLocalList(id)).toBe(true);
      expect(listFor(id).source).toMatch(/^Local list/);
      for (const code of codes(id)) expect(isCldValue(id, code)).toBe(false);
    }
    // "Financial assessment" is a local value inside a CLD list: offered, never a CLD value.
    expect(isDefinedValue('assessmentType', 'Financial assessment')).toBe(true);
    expect(isCldValue('assessmentType', 'Financial assessment')).toBe(false);
    expect(isCldValue('assessmentType', 'Long term assessment')).toBe(true);
    expect(isCldValue('gender', 'Female')).toBe(true);
    expect(isCldValue('gender', 'female')).toBe(false);
  });
});

describe('values match cld.md (spot checks)', () => {
  it('event type (§3.1)', () => {
    expect(codes('eventType')).toEqual(['Request', 'Assessment', 'Service', 'Review']);
  });

  it('client type is R2, R1 retired (§3.2)', () => {
    expect(codes('clientType')).toEqual(['Service user', 'Unpaid carer', 'Unpaid carer known by association']);
    expect(isDefinedValue('clientType', 'Service User')).toBe(false);
    expect(isDefinedValue('clientType', 'Service User', { includeRetired: true })).toBe(true);
    expect(currentCode('clientType', 'Carer known by association')).toBe('Unpaid carer known by association');
  });

  it('event outcome is the 16 R2 values in DHSC hierarchy order (§3.3)', () => {
    const current = codes('eventOutcome');
    expect(current).toHaveLength(16);
    expect(current[0]).toBe('Progress to reablement/ST-Max');
    expect(current).toContain('NFA: Self-funded client or under 12wk disregard');
    expect(current.at(-1)).toBe('NFA: Other');
    // R1 oddities kept verbatim: no space before the hyphen; "(Inc." capitalised as in the NHSE table.
    expect(isDefinedValue('eventOutcome', 'NFA- Other', { includeRetired: true })).toBe(true);
    expect(
      isDefinedValue('eventOutcome', 'NFA - Self-funded client (Inc. 12wk disregard)', { includeRetired: true }),
    ).toBe(true);
    expect(currentCode('eventOutcome', 'No change in package')).toBe('Continuation of support or services');
    // No R2 home was found for these, so they must not be silently mapped.
    expect(currentCode('eventOutcome', 'Provision of service')).toBe('Provision of service');
    expect(codes('eventOutcome', true)).toHaveLength(16 + 18);
  });

  it('route of access is the R1 list (§3.4)', () => {
    expect(codes('routeOfAccess')).toEqual([
      'Planned Entry (Transition)',
      'Discharge from Hospital',
      'Diversion from Hospital Services',
      'Community / Other route',
      'Prison',
      'Self-Funder',
      'Discharge from Reablement',
      'Transfer from Other LA',
    ]);
  });

  it('assessment type (§3.5) and method of review (§3.6)', () => {
    expect(codes('assessmentType')).toEqual(expect.arrayContaining(['Long term assessment', 'Short term assessment']));
    expect(codes('methodOfReview')).toEqual(['Service User Only', 'Service User and Carer']);
  });

  it('service type is the nine R2 values (§3.7)', () => {
    expect(codes('serviceType')).toEqual([
      'Short term support: ST-Max',
      'Short term support: Ongoing low level',
      'Short term support: Other short term',
      'Long term support: Nursing care',
      'Long term support: Residential care',
      'Long term support: Community',
      'Long term support: Prison',
      'Unpaid carer support: Direct to unpaid carer',
      'Unpaid carer support: Support involving the person cared-for',
    ]);
    expect(currentCode('serviceType', 'Carer Support: Direct to Carer')).toBe(
      'Unpaid carer support: Direct to unpaid carer',
    );
  });

  it('service component contains every R2 value DHSC code uses (§3.8)', () => {
    expect(codes('serviceComponent')).toEqual(
      expect.arrayContaining([
        'Direct payment',
        'Short term residential care',
        'Short term nursing care',
        'Equipment',
        'Reablement',
        'Home support or domiciliary care',
        'Community supported living',
        'Shared Lives',
        'Extra care housing',
      ]),
    );
  });

  it('delivery mechanism (§3.9)', () => {
    expect(codes('deliveryMechanism')).toEqual([
      'Direct payment',
      'CASSR managed personal budget',
      'CASSR commissioned support',
    ]);
    expect(labelFor('deliveryMechanism', 'CASSR Managed Personal Budget')).toBe('Council-managed personal budget');
    expect(isDefinedValue('deliveryMechanism', 'Self-Funder Metering Only')).toBe(false);
  });

  it('primary support reason (§3.10)', () => {
    const current = codes('primarySupportReason');
    expect(current).toHaveLength(13);
    expect(current).toContain('Social support: Support to unpaid carer');
    expect(current).toContain('Unknown');
    expect(currentCode('primarySupportReason', 'Social Support: Support to Carer')).toBe(
      'Social support: Support to unpaid carer',
    );
    // The spelling cld.md found in DHSC code is kept; the demo county's old local spelling maps to it.
    expect(current).toContain('Learning Disability Support');
    expect(current).not.toContain('Learning disability support');
    expect(currentCode('primarySupportReason', 'Learning disability support')).toBe('Learning Disability Support');
  });

  it('review reason (§3.11)', () => {
    expect(codes('reviewReason')).toEqual(
      expect.arrayContaining(['Planned', 'Unplanned - Safeguarding concern', 'Review of short term support']),
    );
  });

  it('accommodation status: 20 R2 values, 9 settled (§3.12)', () => {
    const current = listValues('accommodationStatus');
    expect(current).toHaveLength(20);
    expect(current.filter((v) => v.group === 'Settled')).toHaveLength(9);
    expect(current.map((v) => v.code)).toContain('Tenant: Local authority or other social housing provider');
    expect(currentCode('accommodationStatus', 'Rough sleeper / squatting')).toBe('Rough sleeper or squatting');
  });

  it('employment status (§3.13)', () => {
    expect(codes('employmentStatus')).toEqual(
      expect.arrayContaining([
        'Not in paid employment: Seeking work',
        'Not in paid employment: Not actively seeking work or retired',
        'Not in paid employment: Voluntary work only',
        'Unknown',
      ]),
    );
    expect(codes('employmentStatus')).toHaveLength(7);
  });

  it('has unpaid carer (§3.14), gender (§3.16), client funding status (§3.17)', () => {
    expect(codes('hasUnpaidCarer')).toEqual(['Yes', 'No', 'Unknown']);
    expect(codes('gender')).toEqual(['Male', 'Female', 'Other', 'Unknown']);
    expect(codes('clientFundingStatus')).toEqual(
      expect.arrayContaining([
        'Fully social care funded',
        'Joint client and social care funded',
        'Fully client funded',
      ]),
    );
  });

  it('ethnicity: 21 R2 values, every R1 spelling retired and mapped (§3.15)', () => {
    expect(codes('ethnicity')).toHaveLength(21);
    expect(codes('ethnicity')).toContain('White: English, Welsh, Scottish, Northern Irish or British');
    expect(codes('ethnicity')).toContain('No data: Undeclared or not known');
    const retired = listValues('ethnicity', { includeRetired: true }).filter((v) => v.retired);
    expect(retired).toHaveLength(21);
    expect(retired.every((v) => v.replacedBy !== undefined)).toBe(true);
    expect(currentCode('ethnicity', 'No data - Undeclared or Not known')).toBe('No data: Undeclared or not known');
  });

  it('cost frequency fits the DHSC costing prefixes (§3.17)', () => {
    const prefixes = [
      'per session',
      'hour',
      'dai',
      'week',
      'fortnight',
      '4-week',
      'month',
      'quarter',
      'annual',
      'one-off',
    ];
    for (const code of codes('costFrequencyUnitType')) {
      expect(prefixes.some((p) => code.toLowerCase().startsWith(p))).toBe(true);
    }
  });
});

describe('helpers', () => {
  it('isDefinedValue is exact and case-sensitive', () => {
    expect(isDefinedValue('gender', 'Female')).toBe(true);
    expect(isDefinedValue('gender', 'female')).toBe(false);
    expect(isDefinedValue('gender', ' Female')).toBe(false);
    expect(isDefinedValue('gender', '')).toBe(false);
  });

  it('labelFor', () => {
    expect(labelFor('gender', null)).toBe('');
    expect(labelFor('gender', undefined)).toBe('');
    expect(labelFor('gender', 'Unknown')).toBe('Not known');
    expect(labelFor('gender', 'Not a value')).toBe('Not a value');
    // Retired values still read well on old records.
    expect(labelFor('clientType', 'Carer')).toBe('Unpaid carer');
    expect(labelFor('language', 'zh-yue')).toBe('Chinese (Cantonese)');
  });

  it('listValues hides retired values unless asked', () => {
    expect(listValues('deliveryMechanism').some((v) => v.retired)).toBe(false);
    expect(listValues('deliveryMechanism', { includeRetired: true }).some((v) => v.retired)).toBe(true);
  });

  it('govukItems marks the selected value and adds a placeholder first', () => {
    const items = govukItems('gender', 'Female', { placeholder: 'Select gender' });
    expect(items[0]).toEqual({ value: '', text: 'Select gender' });
    expect(items).toHaveLength(5);
    expect(items.filter((i) => i.selected)).toEqual([{ value: 'Female', text: 'Female', selected: true }]);
    expect(govukItems('gender').every((i) => i.selected === undefined)).toBe(true);
    expect(govukItems('gender', null)).toHaveLength(4);
    expect(govukItems('clientType', 'Carer').some((i) => i.value === 'Carer')).toBe(false);
    expect(govukItems('clientType', 'Carer', { includeRetired: true }).find((i) => i.value === 'Carer')?.selected).toBe(
      true,
    );
  });

  it('zodCldValue accepts current values and gives a GOV.UK message otherwise', () => {
    const schema = zodCldValue('gender', "the person's gender");
    expect(schema.parse('Male')).toBe('Male');
    for (const bad of ['male', '', undefined, 3]) {
      const result = schema.safeParse(bad);
      expect(result.success).toBe(false);
      expect(result.error?.issues[0]?.message).toBe("Select the person's gender from the list");
    }
    expect(zodCldValue('clientType', 'a client type').safeParse('Carer').success).toBe(false);
    expect(zodCldValue('clientType', 'a client type', { includeRetired: true }).safeParse('Carer').success).toBe(true);
  });

  it('works on local lists', () => {
    expect(codes('relationshipType')).toContain('spouse-or-partner');
    expect(codes('communicationMethod').map((c) => labelFor('communicationMethod', c))).toContain(
      'British Sign Language',
    );
    const languages = codes('language');
    expect(languages.length).toBeGreaterThanOrEqual(40);
    expect(languages).toEqual(
      expect.arrayContaining([
        'en',
        'gu',
        'pa',
        'ur',
        'bn',
        'pl',
        'ar',
        'so',
        'ro',
        'pt',
        'tr',
        'ta',
        'zh-yue',
        'zh-cmn',
        'bfi',
        'cy',
      ]),
    );
    expect(zodCldValue('language', 'the main language').safeParse('pl').success).toBe(true);
  });

  it('rejects an unknown list id loudly', () => {
    expect(() => listValues('nope' as ListId)).toThrow('Unknown defined list: nope');
    expect(() => labelFor('toString' as ListId, 'x')).toThrow();
  });
});
