/**
 * CLD Primary Support Reason defined list (cld.md §3.10). Kept in its own file because each R2 value
 * is carried beside the R1 spelling it replaced (as retired values), to let pre-R2 records display and
 * be mapped forward; the groups are the ones SALT and ASCOF report by.
 */
import type { DefinedList } from './lists.js';

export const primarySupportReasonList = {
  id: 'primarySupportReason',
  field: 'Primary Support Reason',
  // cld.md §3.10 only saw two R2 strings. The rest follow R2's sentence-case "Group: detail" pattern as
  // spelt by two third-party R2-era sources (a dbt CLD cleaning macro; the socialcaredata draft
  // Safeguarding Standard). DHSC code writes "Learning Disability Support", but it compares on a
  // case-insensitive SQL Server collation, so that is no evidence of R2 capitalisation.
  source: 'CLD R2 (partly inferred) via cld.md §3.10 + third-party R2-era lists; R1 retired (NHSE #REF_PSR)',
  evidence: 'partial',
  values: [
    {
      code: 'Physical support: Access and mobility only',
      label: 'Physical support: access and mobility only',
      group: 'Physical support',
    },
    {
      code: 'Physical support: Personal care support',
      label: 'Physical support: personal care',
      group: 'Physical support',
    },
    {
      code: 'Sensory support: Support for visual impairment',
      label: 'Sensory support: sight loss',
      group: 'Sensory support',
    },
    {
      code: 'Sensory support: Support for hearing impairment',
      label: 'Sensory support: hearing loss',
      group: 'Sensory support',
    },
    {
      code: 'Sensory support: Support for dual impairment',
      label: 'Sensory support: sight and hearing loss',
      group: 'Sensory support',
    },
    {
      code: 'Support with memory and cognition',
      label: 'Support with memory and cognition',
      group: 'Support with memory and cognition',
    },
    // The one spelling cld.md §3.10 found in R2-era DHSC code (R1 spelt it the same way): kept as found
    // rather than re-cased to the inferred sentence case of the others.
    {
      code: 'Learning Disability Support',
      label: 'Learning disability support',
      group: 'Learning disability support',
    },
    { code: 'Mental health support', label: 'Mental health support', group: 'Mental health support' },
    {
      code: 'Social support: Substance misuse support',
      label: 'Social support: substance misuse',
      group: 'Social support',
    },
    {
      code: 'Social support: Asylum seeker support',
      label: 'Social support: asylum seeker',
      group: 'Social support',
    },
    {
      code: 'Social support: Support for social isolation or other reason',
      label: 'Social support: social isolation or other reason',
      group: 'Social support',
    },
    {
      code: 'Social support: Support to unpaid carer',
      label: 'Social support: support to an unpaid carer',
      group: 'Social support',
    },
    { code: 'Unknown', label: 'Not known', group: 'Unknown' },
    {
      code: 'Physical Support: Access & mobility only',
      label: 'Physical support: access and mobility only',
      retired: true,
      replacedBy: 'Physical support: Access and mobility only',
    },
    {
      code: 'Physical Support: Personal care support',
      label: 'Physical support: personal care',
      retired: true,
      replacedBy: 'Physical support: Personal care support',
    },
    {
      code: 'Sensory Support: Support for visual impairment',
      label: 'Sensory support: sight loss',
      retired: true,
      replacedBy: 'Sensory support: Support for visual impairment',
    },
    {
      code: 'Sensory Support: Support for hearing impairment',
      label: 'Sensory support: hearing loss',
      retired: true,
      replacedBy: 'Sensory support: Support for hearing impairment',
    },
    {
      code: 'Sensory Support: Support for dual impairment',
      label: 'Sensory support: sight and hearing loss',
      retired: true,
      replacedBy: 'Sensory support: Support for dual impairment',
    },
    {
      code: 'Support with Memory & Cognition',
      label: 'Support with memory and cognition',
      retired: true,
      replacedBy: 'Support with memory and cognition',
    },
    // A local spelling the demo county once wrote (migration 0019 maps stored values).
    {
      code: 'Learning disability support',
      label: 'Learning disability support',
      retired: true,
      replacedBy: 'Learning Disability Support',
    },
    {
      code: 'Mental Health Support',
      label: 'Mental health support',
      retired: true,
      replacedBy: 'Mental health support',
    },
    {
      code: 'Social Support: Substance misuse support',
      label: 'Social support: substance misuse',
      retired: true,
      replacedBy: 'Social support: Substance misuse support',
    },
    {
      code: 'Social Support: Asylum seeker support',
      label: 'Social support: asylum seeker',
      retired: true,
      replacedBy: 'Social support: Asylum seeker support',
    },
    {
      code: 'Social Support: Support for Social Isolation/Other',
      label: 'Social support: social isolation or other reason',
      retired: true,
      replacedBy: 'Social support: Support for social isolation or other reason',
    },
    {
      code: 'Social Support: Support to Carer',
      label: 'Social support: support to an unpaid carer',
      retired: true,
      replacedBy: 'Social support: Support to unpaid carer',
    },
  ],
} as const satisfies DefinedList;
