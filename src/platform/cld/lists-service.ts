/**
 * CLD defined lists for services and their costs (cld.md §3.7–3.9, §3.17). Split from lists-event.ts
 * to keep files small; re-exported through lists.ts.
 */
import type { DefinedList } from './lists.js';

type ServiceListId = 'serviceType' | 'serviceComponent' | 'deliveryMechanism';

export const serviceLists = {
  serviceType: {
    id: 'serviceType',
    field: 'Service Type',
    source: 'CLD R2 via cld.md §3.7 (DHSC 5-data-cleaning.md); R1 retired (NHSE code)',
    evidence: 'confirmed',
    values: [
      {
        code: 'Short term support: ST-Max',
        label: 'Short-term support to maximise independence (reablement)',
        group: 'Short term support',
      },
      {
        code: 'Short term support: Ongoing low level',
        label: 'Short-term support: ongoing low-level',
        group: 'Short term support',
      },
      { code: 'Short term support: Other short term', label: 'Short-term support: other', group: 'Short term support' },
      { code: 'Long term support: Nursing care', label: 'Long-term support: nursing care', group: 'Long term support' },
      {
        code: 'Long term support: Residential care',
        label: 'Long-term support: residential care',
        group: 'Long term support',
      },
      { code: 'Long term support: Community', label: 'Long-term support: community', group: 'Long term support' },
      { code: 'Long term support: Prison', label: 'Long-term support: prison', group: 'Long term support' },
      {
        code: 'Unpaid carer support: Direct to unpaid carer',
        label: 'Unpaid carer support: direct to the carer',
        group: 'Unpaid carer support',
      },
      {
        code: 'Unpaid carer support: Support involving the person cared-for',
        label: 'Unpaid carer support: involving the person cared for',
        group: 'Unpaid carer support',
      },
      {
        code: 'Short Term Support: ST-Max',
        label: 'Short-term support to maximise independence (reablement)',
        retired: true,
        replacedBy: 'Short term support: ST-Max',
      },
      {
        code: 'Short Term Support: Ongoing Low Level',
        label: 'Short-term support: ongoing low-level',
        retired: true,
        replacedBy: 'Short term support: Ongoing low level',
      },
      {
        code: 'Short Term Support: Other Short Term',
        label: 'Short-term support: other',
        retired: true,
        replacedBy: 'Short term support: Other short term',
      },
      {
        code: 'Long Term Support: Nursing Care',
        label: 'Long-term support: nursing care',
        retired: true,
        replacedBy: 'Long term support: Nursing care',
      },
      {
        code: 'Long Term Support: Residential Care',
        label: 'Long-term support: residential care',
        retired: true,
        replacedBy: 'Long term support: Residential care',
      },
      {
        code: 'Long Term Support: Community',
        label: 'Long-term support: community',
        retired: true,
        replacedBy: 'Long term support: Community',
      },
      {
        code: 'Long Term Support: Prison',
        label: 'Long-term support: prison',
        retired: true,
        replacedBy: 'Long term support: Prison',
      },
      {
        code: 'Carer Support: Direct to Carer',
        label: 'Unpaid carer support: direct to the carer',
        retired: true,
        replacedBy: 'Unpaid carer support: Direct to unpaid carer',
      },
      {
        code: 'Carer Support: Support involving the person cared-for',
        label: 'Unpaid carer support: involving the person cared for',
        retired: true,
        replacedBy: 'Unpaid carer support: Support involving the person cared-for',
      },
    ],
  },

  serviceComponent: {
    id: 'serviceComponent',
    field: 'Service Component',
    // No complete list in cld.md §3.8. The 25 values are a third-party R2-era list (socialcaredata
    // draft Safeguarding Standard) whose spellings agree with all nine R2 values DHSC code uses; its
    // order and content also match the V5 list with R2 wording. R1 spellings seen in code are retired.
    source: 'Third-party R2-era list, agreeing with DHSC R2 code strings via cld.md §3.8; R1 retired',
    evidence: 'partial',
    values: [
      { code: 'Reablement', label: 'Reablement' },
      { code: 'Short term nursing care', label: 'Short-term nursing care' },
      { code: 'Short term residential care', label: 'Short-term residential care' },
      { code: 'Long term nursing care', label: 'Long-term nursing care' },
      { code: 'Long term residential care', label: 'Long-term residential care' },
      { code: 'Home support or domiciliary care', label: 'Home support or domiciliary care' },
      { code: 'Day support', label: 'Day support' },
      { code: 'Meals', label: 'Meals' },
      { code: 'Transport', label: 'Transport' },
      { code: 'Equipment', label: 'Equipment' },
      { code: 'Direct payment', label: 'Direct payment' },
      { code: 'Shared Lives', label: 'Shared Lives' },
      { code: 'Community supported living', label: 'Community supported living' },
      { code: 'Extra care housing', label: 'Extra care housing' },
      { code: 'Professional support: Social worker', label: 'Professional support: social worker' },
      { code: 'Professional support: Other', label: 'Professional support: other' },
      { code: 'Learning, education or employment support', label: 'Learning, education or employment support' },
      { code: 'End of life care', label: 'End of life care' },
      { code: 'Emergency support', label: 'Emergency support' },
      { code: 'Other short term support', label: 'Other short-term support' },
      { code: 'Other long term support', label: 'Other long-term support' },
      { code: 'Unpaid carer respite', label: 'Unpaid carer: respite' },
      { code: 'Unpaid carer sitting service', label: 'Unpaid carer: sitting service' },
      { code: 'Unpaid carer universal services', label: 'Unpaid carer: universal services' },
      { code: 'Other unpaid carer support', label: 'Other unpaid carer support' },
      { code: 'Direct Payment', label: 'Direct payment', retired: true, replacedBy: 'Direct payment' },
      {
        code: 'Short Term Residential Care',
        label: 'Short-term residential care',
        retired: true,
        replacedBy: 'Short term residential care',
      },
      {
        code: 'Short Term Nursing Care',
        label: 'Short-term nursing care',
        retired: true,
        replacedBy: 'Short term nursing care',
      },
      { code: 'Carer Respite', label: 'Unpaid carer: respite', retired: true, replacedBy: 'Unpaid carer respite' },
      {
        code: 'Home Support',
        label: 'Home support or domiciliary care',
        retired: true,
        replacedBy: 'Home support or domiciliary care',
      },
      {
        code: 'Community Supported Living',
        label: 'Community supported living',
        retired: true,
        replacedBy: 'Community supported living',
      },
    ],
  },

  deliveryMechanism: {
    id: 'deliveryMechanism',
    field: 'Delivery Mechanism',
    // An ISF has no CLD value of its own; the project maps it to the council-managed budget (cld.md §3.9).
    source: 'CLD R2 as used in DHSC ASCOF 3D code via cld.md §3.9; R1 retired',
    evidence: 'confirmed',
    values: [
      { code: 'Direct payment', label: 'Direct payment' },
      { code: 'CASSR managed personal budget', label: 'Council-managed personal budget' },
      { code: 'CASSR commissioned support', label: 'Council-commissioned support' },
      { code: 'Direct Payment', label: 'Direct payment', retired: true, replacedBy: 'Direct payment' },
      {
        code: 'CASSR Managed Personal Budget',
        label: 'Council-managed personal budget',
        retired: true,
        replacedBy: 'CASSR managed personal budget',
      },
      {
        code: 'CASSR Commissioned Support',
        label: 'Council-commissioned support',
        retired: true,
        replacedBy: 'CASSR commissioned support',
      },
      // Retired here because guidance says not to use it before charging reform (not in effect) and it
      // is not among the R2 strings DHSC uses, so it must not be offered for new records.
      { code: 'Self-Funder Metering Only', label: 'Self-funder metering only', retired: true },
    ],
  },
} satisfies { readonly [K in ServiceListId]: DefinedList & { readonly id: K } };
