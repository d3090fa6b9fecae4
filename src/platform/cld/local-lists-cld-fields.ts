/**
 * Local, configurable lists for CLD fields whose values cld.md could NOT find published (§3.6: eligible
 * needs, method of assessment, method of review, review outcomes; §3.17: cost frequency and the ASD,
 * visual, hearing and dementia flags). They were once kept among the CLD lists, so forms and the demo
 * county wrote invented values as if they were CLD's. Here they are the council's own vocabulary:
 * `field` still names the CLD field they stand in for, `source` says why it is local, and
 * `isCldValue` answers false for every one of them, so nothing presents or exports them as CLD
 * values until the Release 2 workbook is checked and each list is moved back with its real values.
 */
import type { DefinedValue, ListDefinition } from './lists.js';

export type CldFieldLocalListId =
  | 'eligibleNeedsIdentified'
  | 'methodOfAssessment'
  | 'methodOfReview'
  | 'reviewOutcomesAchieved'
  | 'costFrequencyUnitType'
  | 'autismSpectrumDisorder'
  | 'visualImpairment'
  | 'hearingImpairment'
  | 'dementia';

const yesNoUnknown: readonly DefinedValue[] = [
  { code: 'Yes', label: 'Yes' },
  { code: 'No', label: 'No' },
  { code: 'Unknown', label: 'Not known' },
];

const notPublished = (section: string) => `Local list: CLD publishes no values for this field (cld.md ${section})`;

export const cldFieldLocalLists = {
  eligibleNeedsIdentified: {
    id: 'eligibleNeedsIdentified',
    field: 'Eligible Needs Identified',
    source: notPublished('§3.6'),
    values: [
      { code: 'Yes', label: 'Yes' },
      { code: 'No', label: 'No' },
    ],
  },

  methodOfAssessment: {
    id: 'methodOfAssessment',
    field: 'Method of Assessment',
    source: notPublished('§3.6'),
    values: [
      { code: 'Face to face', label: 'Face to face' },
      { code: 'Telephone', label: 'Telephone' },
      { code: 'Video call', label: 'Video call' },
      { code: 'Supported self-assessment', label: 'Supported self-assessment' },
      { code: 'Self-assessment', label: 'Self-assessment' },
      { code: 'Other', label: 'Other' },
    ],
  },

  methodOfReview: {
    id: 'methodOfReview',
    field: 'Method of Review',
    // Two values are quoted by the SALT LTS002a approach (cld.md §3.6, §5.7) and kept in that spelling;
    // the full list is unknown, so the list stays local.
    source: `${notPublished('§3.6')}; two values quoted in the SALT PDF (§5.7)`,
    values: [
      { code: 'Service User Only', label: 'With the person only' },
      { code: 'Service User and Carer', label: 'With the person and their carer' },
    ],
  },

  reviewOutcomesAchieved: {
    id: 'reviewOutcomesAchieved',
    field: 'Review Outcomes Achieved',
    source: notPublished('§3.6'),
    values: [
      { code: 'Fully achieved', label: 'Fully achieved' },
      { code: 'Partially achieved', label: 'Partly achieved' },
      { code: 'Not achieved', label: 'Not achieved' },
      { code: 'Unknown', label: 'Not known' },
    ],
  },

  costFrequencyUnitType: {
    id: 'costFrequencyUnitType',
    field: 'Cost Frequency (Unit Type)',
    // Only DHSC's costing prefixes are known (week…, fortnight…, 4-week…, month…, quarter…, annual…,
    // exact "one-off"; per session/hour/day use planned units per week): these values fit them.
    source: `${notPublished('§3.17')}; values fit DHSC 6.Costs_fact.sql prefixes`,
    values: [
      { code: 'Per session', label: 'Per session' },
      { code: 'Hourly', label: 'Hourly' },
      { code: 'Daily', label: 'Daily' },
      { code: 'Weekly', label: 'Weekly' },
      { code: 'Fortnightly', label: 'Fortnightly' },
      { code: '4-weekly', label: 'Every 4 weeks' },
      { code: 'Monthly', label: 'Monthly' },
      { code: 'Quarterly', label: 'Quarterly' },
      { code: 'Annually', label: 'Yearly' },
      { code: 'One-off', label: 'One-off' },
    ],
  },

  autismSpectrumDisorder: {
    id: 'autismSpectrumDisorder',
    field: 'Autism Spectrum Disorder (ASD)',
    source: notPublished('§3.17'),
    values: yesNoUnknown,
  },

  visualImpairment: {
    id: 'visualImpairment',
    field: 'Visual Impairment',
    // A third-party draft says these come from the CLD specification; not checked, so local.
    source: `${notPublished('§3.17')}; values from a third-party draft, unchecked`,
    values: [
      { code: 'Blind/severely sight impaired', label: 'Blind or severely sight impaired' },
      { code: 'Partial sight/sight impaired', label: 'Partially sighted or sight impaired' },
      { code: 'No visual impairment', label: 'No sight loss' },
      { code: 'Visual impairment - severity unknown', label: 'Sight loss, severity not known' },
      { code: 'Unknown', label: 'Not known' },
    ],
  },

  hearingImpairment: {
    id: 'hearingImpairment',
    field: 'Hearing Impairment',
    source: `${notPublished('§3.17')}; values from a third-party draft, unchecked`,
    values: [
      { code: 'Deaf with speech', label: 'Deaf with speech' },
      { code: 'Deaf without speech', label: 'Deaf without speech' },
      { code: 'Hard of hearing', label: 'Hard of hearing' },
      { code: 'No hearing impairment', label: 'No hearing loss' },
      { code: 'Hearing impairment: Severity unknown', label: 'Hearing loss, severity not known' },
      { code: 'Unknown', label: 'Not known' },
    ],
  },

  dementia: {
    id: 'dementia',
    field: 'Dementia',
    source: notPublished('§3.17'),
    values: yesNoUnknown,
  },
} satisfies { readonly [K in CldFieldLocalListId]: ListDefinition<K> };
