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

/** A value shown as it is stored ('Telephone'), or a stored code with the words pages show instead. */
type LocalValue = string | readonly [code: string, label: string];

interface LocalListSpec {
  readonly field: string;
  readonly source: string;
  readonly values: readonly LocalValue[];
}

type LocalLists = { readonly [K in CldFieldLocalListId]: ListDefinition<K> };

const definedValue = (value: LocalValue): DefinedValue =>
  typeof value === 'string' ? { code: value, label: value } : { code: value[0], label: value[1] };

/** The lists as helpers read them: each list's id is its key, each value a code with its label. */
function localLists(specs: { readonly [K in CldFieldLocalListId]: LocalListSpec }): LocalLists {
  const lists = Object.entries(specs).map(([id, { field, source, values }]) => [
    id,
    { id, field, source, values: values.map(definedValue) },
  ]);
  // Object.fromEntries loses the keys' types; each entry's id is its own key, as LocalLists says.
  return Object.fromEntries(lists) as LocalLists;
}

const yesNoUnknown: readonly LocalValue[] = ['Yes', 'No', ['Unknown', 'Not known']];

const notPublished = (section: string) => `Local list: CLD publishes no values for this field (cld.md ${section})`;

export const cldFieldLocalLists = localLists({
  eligibleNeedsIdentified: {
    field: 'Eligible Needs Identified',
    source: notPublished('§3.6'),
    values: ['Yes', 'No'],
  },

  methodOfAssessment: {
    field: 'Method of Assessment',
    source: notPublished('§3.6'),
    values: ['Face to face', 'Telephone', 'Video call', 'Supported self-assessment', 'Self-assessment', 'Other'],
  },

  methodOfReview: {
    field: 'Method of Review',
    // Two values are quoted by the SALT LTS002a approach (cld.md §3.6, §5.7) and kept in that spelling;
    // the full list is unknown, so the list stays local.
    source: `${notPublished('§3.6')}; two values quoted in the SALT PDF (§5.7)`,
    values: [
      ['Service User Only', 'With the person only'],
      ['Service User and Carer', 'With the person and their carer'],
    ],
  },

  reviewOutcomesAchieved: {
    field: 'Review Outcomes Achieved',
    source: notPublished('§3.6'),
    values: ['Fully achieved', ['Partially achieved', 'Partly achieved'], 'Not achieved', ['Unknown', 'Not known']],
  },

  costFrequencyUnitType: {
    field: 'Cost Frequency (Unit Type)',
    // Only DHSC's costing prefixes are known (week…, fortnight…, 4-week…, month…, quarter…, annual…,
    // exact "one-off"; per session/hour/day use planned units per week): these values fit them.
    source: `${notPublished('§3.17')}; values fit DHSC 6.Costs_fact.sql prefixes`,
    values: [
      'Per session',
      'Hourly',
      'Daily',
      'Weekly',
      'Fortnightly',
      ['4-weekly', 'Every 4 weeks'],
      'Monthly',
      'Quarterly',
      ['Annually', 'Yearly'],
      'One-off',
    ],
  },

  autismSpectrumDisorder: {
    field: 'Autism Spectrum Disorder (ASD)',
    source: notPublished('§3.17'),
    values: yesNoUnknown,
  },

  visualImpairment: {
    field: 'Visual Impairment',
    // A third-party draft says these come from the CLD specification; not checked, so local.
    source: `${notPublished('§3.17')}; values from a third-party draft, unchecked`,
    values: [
      ['Blind/severely sight impaired', 'Blind or severely sight impaired'],
      ['Partial sight/sight impaired', 'Partially sighted or sight impaired'],
      ['No visual impairment', 'No sight loss'],
      ['Visual impairment - severity unknown', 'Sight loss, severity not known'],
      ['Unknown', 'Not known'],
    ],
  },

  hearingImpairment: {
    field: 'Hearing Impairment',
    source: `${notPublished('§3.17')}; values from a third-party draft, unchecked`,
    values: [
      'Deaf with speech',
      'Deaf without speech',
      'Hard of hearing',
      ['No hearing impairment', 'No hearing loss'],
      ['Hearing impairment: Severity unknown', 'Hearing loss, severity not known'],
      ['Unknown', 'Not known'],
    ],
  },

  dementia: {
    field: 'Dementia',
    source: notPublished('§3.17'),
    values: yesNoUnknown,
  },
});
