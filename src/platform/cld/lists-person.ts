/**
 * CLD defined lists for the "Person details" module (cld.md §2.1 rows 10–24, §3.2, §3.10, §3.12–3.17).
 * Re-exported through lists.ts; see there for what `retired`, `replacedBy`, `group` and `evidence` mean.
 * Ethnicity, primary support reason and accommodation status, the long lists with many retired R1
 * spellings, live in lists-ethnicity.ts, lists-support-reason.ts and lists-accommodation.ts.
 */
import { ethnicityList } from './lists-ethnicity.js';
import { primarySupportReasonList } from './lists-support-reason.js';
import { accommodationStatusList } from './lists-accommodation.js';
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

  primarySupportReason: primarySupportReasonList,

  accommodationStatus: accommodationStatusList,

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
