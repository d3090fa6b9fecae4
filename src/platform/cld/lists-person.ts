/**
 * CLD defined lists for the "Person details" module (cld.md §2.1 rows 10–24, §3.2, §3.10, §3.12–3.17).
 * Re-exported through lists.ts; see there for what `retired`, `replacedBy`, `group` and `evidence` mean.
 * Ethnicity lives in lists-ethnicity.ts only to keep this file readable.
 */
import { ethnicityList } from './lists-ethnicity.js';
import type { DefinedList } from './lists.js';

// The ids this file owns; lists.ts merges them with the event lists and checks none is missing.
type PersonListId =
  | 'gender'
  | 'ethnicity'
  | 'clientType'
  | 'primarySupportReason'
  | 'accommodationStatus'
  | 'employmentStatus'
  | 'hasUnpaidCarer'
  | 'clientFundingStatus';

// Yes/No/Unknown is used for flags whose values cld.md could not find; 'Not known' is the GOV.UK label.
const yesNoUnknown = [
  { code: 'Yes', label: 'Yes' },
  { code: 'No', label: 'No' },
  { code: 'Unknown', label: 'Not known' },
] as const;

export const personLists = {
  gender: {
    id: 'gender',
    field: 'Gender',
    // R2 list not confirmed (cld.md §3.16), so these are the R1 values the NHSE code uses.
    source: 'CLD R1 values (R2 not confirmed) via cld.md §3.16',
    evidence: 'partial',
    values: [
      { code: 'Male', label: 'Male' },
      { code: 'Female', label: 'Female' },
      // Guidance: "Other" is for people who do not identify as male or female; "Unknown" where not recorded.
      { code: 'Other', label: 'Other' },
      { code: 'Unknown', label: 'Not known' },
    ],
  },

  ethnicity: ethnicityList,

  clientType: {
    id: 'clientType',
    field: 'Client Type',
    source: 'CLD R2 as used in DHSC ASCOF 2B2C/3D code via cld.md §3.2; R1 retired',
    evidence: 'confirmed',
    values: [
      { code: 'Service user', label: 'Person with care and support needs' },
      { code: 'Unpaid carer', label: 'Unpaid carer' },
      // A carer recorded because they are linked to a service user, not because of an event of their own.
      { code: 'Unpaid carer known by association', label: 'Unpaid carer known through the person they care for' },
      { code: 'Service User', label: 'Person with care and support needs', retired: true, replacedBy: 'Service user' },
      { code: 'Carer', label: 'Unpaid carer', retired: true, replacedBy: 'Unpaid carer' },
      {
        code: 'Carer known by association',
        label: 'Unpaid carer known through the person they care for',
        retired: true,
        replacedBy: 'Unpaid carer known by association',
      },
    ],
  },

  primarySupportReason: {
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
  },

  accommodationStatus: {
    id: 'accommodationStatus',
    field: 'Accommodation Status',
    // group = SALT LTS004 / ASCOF 2E settled vs unsettled (cld.md §3.12); DHSC keeps the same split in R2.
    source: 'CLD R2 as used in DHSC ASCOF 2E code via cld.md §3.12; R1 retired',
    evidence: 'confirmed',
    values: [
      {
        code: 'Owner occupier or shared ownership scheme',
        label: 'Owner occupier or shared ownership scheme',
        group: 'Settled',
      },
      {
        code: 'Tenant: Local authority or other social housing provider',
        label: 'Tenant: council or other social housing',
        group: 'Settled',
      },
      { code: 'Tenant: Private landlord', label: 'Tenant: private landlord', group: 'Settled' },
      {
        code: 'Settled mainstream housing with family or friends',
        label: 'Settled mainstream housing with family or friends',
        group: 'Settled',
      },
      {
        code: 'Supported accommodation, supported lodgings or supported group home',
        label: 'Supported accommodation, supported lodgings or supported group home',
        group: 'Settled',
      },
      { code: 'Shared Lives scheme', label: 'Shared Lives scheme', group: 'Settled' },
      {
        code: 'Approved premises for offenders released from prison or under probation supervision',
        label: 'Approved premises (released from prison or under probation supervision)',
        group: 'Settled',
      },
      {
        code: 'Sheltered housing, extra care housing or other sheltered housing',
        label: 'Sheltered housing, extra care housing or other sheltered housing',
        group: 'Settled',
      },
      {
        code: 'Mobile accommodation for Gypsy, Roma and Traveller communities',
        label: 'Mobile accommodation for Gypsy, Roma and Traveller communities',
        group: 'Settled',
      },
      { code: 'Rough sleeper or squatting', label: 'Sleeping rough or squatting', group: 'Unsettled' },
      {
        code: 'Night shelter, emergency hostel or direct access hostel',
        label: 'Night shelter, emergency hostel or direct access hostel',
        group: 'Unsettled',
      },
      { code: 'Refuge', label: 'Refuge', group: 'Unsettled' },
      {
        code: 'Placed in temporary accommodation by the council (inc. homelessness resettlement)',
        label: 'Temporary accommodation arranged by the council (including homelessness resettlement)',
        group: 'Unsettled',
      },
      {
        code: 'Staying with family or friends as a short term guest',
        label: 'Staying with family or friends as a short-term guest',
        group: 'Unsettled',
      },
      {
        code: 'Acute hospital or long term healthcare residential facility',
        label: 'Hospital or long-term healthcare residential facility',
        group: 'Unsettled',
      },
      { code: 'Registered care home', label: 'Registered care home', group: 'Unsettled' },
      { code: 'Registered nursing home', label: 'Registered nursing home', group: 'Unsettled' },
      {
        code: 'Prison, young offenders institution or detention centre',
        label: 'Prison, young offender institution or detention centre',
        group: 'Unsettled',
      },
      { code: 'Other temporary accommodation', label: 'Other temporary accommodation', group: 'Unsettled' },
      // SALT/ASCOF count Unknown in the unsettled group (it is not "living at home").
      { code: 'Unknown', label: 'Not known', group: 'Unsettled' },
      // R1 spellings R2 changed (the other nine R1 values are identical in R2).
      {
        code: 'Tenant',
        label: 'Tenant: council or other social housing',
        retired: true,
        replacedBy: 'Tenant: Local authority or other social housing provider',
      },
      {
        code: 'Tenant - private landlord',
        label: 'Tenant: private landlord',
        retired: true,
        replacedBy: 'Tenant: Private landlord',
      },
      {
        code: 'Settled mainstream housing with family / friends',
        label: 'Settled mainstream housing with family or friends',
        retired: true,
        replacedBy: 'Settled mainstream housing with family or friends',
      },
      {
        code: 'Supported accommodation / supported lodgings / supported group home',
        label: 'Supported accommodation, supported lodgings or supported group home',
        retired: true,
        replacedBy: 'Supported accommodation, supported lodgings or supported group home',
      },
      {
        code: 'Sheltered housing / extra care housing / other sheltered housing',
        label: 'Sheltered housing, extra care housing or other sheltered housing',
        retired: true,
        replacedBy: 'Sheltered housing, extra care housing or other sheltered housing',
      },
      {
        code: 'Mobile accommodation for Gypsy / Roma and Traveller communities',
        label: 'Mobile accommodation for Gypsy, Roma and Traveller communities',
        retired: true,
        replacedBy: 'Mobile accommodation for Gypsy, Roma and Traveller communities',
      },
      {
        code: 'Rough sleeper / squatting',
        label: 'Sleeping rough or squatting',
        retired: true,
        replacedBy: 'Rough sleeper or squatting',
      },
      {
        code: 'Night shelter / emergency hostel / direct access hostel',
        label: 'Night shelter, emergency hostel or direct access hostel',
        retired: true,
        replacedBy: 'Night shelter, emergency hostel or direct access hostel',
      },
      {
        code: 'Staying with family / friends as a short-term guest',
        label: 'Staying with family or friends as a short-term guest',
        retired: true,
        replacedBy: 'Staying with family or friends as a short term guest',
      },
      {
        code: 'Acute / long-term healthcare residential facility or hospital',
        label: 'Hospital or long-term healthcare residential facility',
        retired: true,
        replacedBy: 'Acute hospital or long term healthcare residential facility',
      },
      {
        code: 'Prison / Young offenders institution / detention centre',
        label: 'Prison, young offender institution or detention centre',
        retired: true,
        replacedBy: 'Prison, young offenders institution or detention centre',
      },
    ],
  },

  employmentStatus: {
    id: 'employmentStatus',
    field: 'Employment Status',
    // The three "Not in paid employment" R2 strings are seen in DHSC code; the "Paid:" values are
    // unchanged from R1 according to a third-party R2-era list (cld.md §3.13 did not observe them).
    source: 'CLD R2 via cld.md §3.13 (paid values R1 spelling, third-party R2 list agrees); R1 retired',
    evidence: 'partial',
    values: [
      { code: 'Paid: Less than 16 hours a week', label: 'Paid work: less than 16 hours a week', group: 'Paid' },
      { code: 'Paid: 16 or more hours a week', label: 'Paid work: 16 or more hours a week', group: 'Paid' },
      { code: 'Paid: Hours per week unknown', label: 'Paid work: hours a week not known', group: 'Paid' },
      {
        code: 'Not in paid employment: Seeking work',
        label: 'Not in paid work: looking for work',
        group: 'Not in paid employment',
      },
      {
        code: 'Not in paid employment: Not actively seeking work or retired',
        label: 'Not in paid work: not looking for work, or retired',
        group: 'Not in paid employment',
      },
      {
        code: 'Not in paid employment: Voluntary work only',
        label: 'Not in paid work: voluntary work only',
        group: 'Not in paid employment',
      },
      { code: 'Unknown', label: 'Not known', group: 'Unknown' },
      {
        code: 'Not in Paid Employment (seeking work)',
        label: 'Not in paid work: looking for work',
        retired: true,
        replacedBy: 'Not in paid employment: Seeking work',
      },
      {
        code: 'Not in Paid Employment (not actively seeking work / retired)',
        label: 'Not in paid work: not looking for work, or retired',
        retired: true,
        replacedBy: 'Not in paid employment: Not actively seeking work or retired',
      },
      {
        code: 'Not in Paid Employment (voluntary work only)',
        label: 'Not in paid work: voluntary work only',
        retired: true,
        replacedBy: 'Not in paid employment: Voluntary work only',
      },
    ],
  },

  hasUnpaidCarer: {
    id: 'hasUnpaidCarer',
    field: 'Has Unpaid Carer',
    // Inferred: the NHSE code tests Yes / No and treats "Unknown" or NULL as not known (cld.md §3.14).
    source: 'CLD R1 (inferred, R2 not confirmed) via cld.md §3.14',
    evidence: 'partial',
    values: yesNoUnknown,
  },

  clientFundingStatus: {
    id: 'clientFundingStatus',
    field: 'Client Funding Status',
    // The three funded values are DHSC's cleaned R2 list; 'Unknown' appears only in a third-party
    // R2-era list, so confirm it before relying on it in a return.
    source: 'CLD R2 as cleaned by DHSC via cld.md §3.17 (+ Unknown from a third-party list)',
    evidence: 'partial',
    values: [
      { code: 'Fully social care funded', label: 'Fully funded by the council' },
      { code: 'Joint client and social care funded', label: 'Funded jointly by the person and the council' },
      { code: 'Fully client funded', label: 'Fully funded by the person' },
      { code: 'Unknown', label: 'Not known' },
    ],
  },
} satisfies { readonly [K in PersonListId]: DefinedList & { readonly id: K } };
