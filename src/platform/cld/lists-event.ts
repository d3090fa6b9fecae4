/**
 * CLD defined lists for the event modules: all events, requests, assessments, services, reviews and
 * costs (cld.md §2.1 rows 25–50, §3.1, §3.3–3.9, §3.11, §3.17). Re-exported through lists.ts; see there
 * for what `retired`, `replacedBy`, `group` and `evidence` mean.
 */
import type { DefinedList } from './lists.js';

// The ids this file owns; lists.ts merges them with the person lists and checks none is missing.
type EventListId = 'eventType' | 'eventOutcome' | 'routeOfAccess' | 'assessmentType' | 'reviewReason';

const NFA = 'No further action';

export const eventLists = {
  eventType: {
    id: 'eventType',
    field: 'Event Type',
    source: 'CLD R1 and R2 (unchanged) via cld.md §3.1',
    evidence: 'confirmed',
    values: [
      { code: 'Request', label: 'Request for support' },
      { code: 'Assessment', label: 'Assessment' },
      { code: 'Service', label: 'Service' },
      { code: 'Review', label: 'Review' },
    ],
  },

  eventOutcome: {
    id: 'eventOutcome',
    field: 'Event Outcome',
    // Current values are in DHSC's R2 hierarchy order (used to pick one outcome when copies conflict).
    // R1→R2 `replacedBy` follows a council's R1→R2 view (third party, indicative); R1 "Progress to End of
    // Life Care", "Progress to financial assessment" and "Provision of service" have no known R2 home.
    source:
      'CLD R2 via cld.md §3.3 (DHSC 5-data-cleaning.md, 6-deduplication.md); R1 retired (NHSE #REF_SEQUEL_MAPPING)',
    evidence: 'confirmed',
    values: [
      {
        code: 'Progress to reablement/ST-Max',
        label: 'Progress to reablement (short-term support to maximise independence)',
      },
      {
        code: 'Progress to assessment, review or reassessment',
        label: 'Progress to assessment, review or reassessment',
      },
      { code: 'Progress to support planning or services', label: 'Progress to support planning or services' },
      { code: 'Continuation of support or services', label: 'Continuation of support or services' },
      { code: 'Admitted to hospital', label: 'Admitted to hospital' },
      {
        code: 'NFA: Responsibility moved to another local authority',
        label: 'No further action: responsibility moved to another council',
        group: NFA,
      },
      {
        code: 'NFA: Referral to NHS services or NHS funded social care',
        label: 'No further action: referred to NHS services or NHS-funded care',
        group: NFA,
      },
      {
        code: 'NFA: Self-funded client or under 12wk disregard',
        label: 'No further action: self-funding, or within the 12-week property disregard',
        group: NFA,
      },
      {
        code: 'NFA: Information and advice or signposting',
        label: 'No further action: information and advice, or signposting',
        group: NFA,
      },
      {
        code: 'NFA: Referral to other service within the local authority',
        label: 'No further action: referred to another council service',
        group: NFA,
      },
      { code: 'NFA: Support declined', label: 'No further action: support declined', group: NFA },
      { code: 'NFA: Deceased', label: 'No further action: the person died', group: NFA },
      { code: 'NFA: Support ended as planned', label: 'No further action: support ended as planned', group: NFA },
      {
        code: 'NFA: Support ended for other reason',
        label: 'No further action: support ended for another reason',
        group: NFA,
      },
      {
        code: 'NFA: No services offered for other reason',
        label: 'No further action: no services offered for another reason',
        group: NFA,
      },
      { code: 'NFA: Other', label: 'No further action: other', group: NFA },
      // R1 spellings exactly as the NHSE mapping table has them ("Admitted to hospital" is unchanged).
      {
        code: 'Progress to Reablement/ST-Max',
        label: 'Progress to reablement (short-term support to maximise independence)',
        retired: true,
        replacedBy: 'Progress to reablement/ST-Max',
      },
      {
        code: 'Progress to Assessment',
        label: 'Progress to assessment',
        retired: true,
        replacedBy: 'Progress to assessment, review or reassessment',
      },
      {
        code: 'Progress to Re-assessment / Unplanned Review',
        label: 'Progress to reassessment or unplanned review',
        retired: true,
        replacedBy: 'Progress to assessment, review or reassessment',
      },
      {
        code: 'Progress to Support Planning / Services',
        label: 'Progress to support planning or services',
        retired: true,
        replacedBy: 'Progress to support planning or services',
      },
      { code: 'Progress to End of Life Care', label: 'Progress to end of life care', retired: true },
      {
        code: 'No change in package',
        label: 'No change in package',
        retired: true,
        replacedBy: 'Continuation of support or services',
      },
      {
        code: 'Service ended as planned',
        label: 'Service ended as planned',
        retired: true,
        replacedBy: 'NFA: Support ended as planned',
      },
      {
        code: 'NFA - Moved to another LA',
        label: 'No further action: moved to another council',
        retired: true,
        replacedBy: 'NFA: Responsibility moved to another local authority',
      },
      {
        code: 'NFA - 100% NHS funded care',
        label: 'No further action: fully NHS-funded care',
        retired: true,
        replacedBy: 'NFA: Referral to NHS services or NHS funded social care',
      },
      // The guidance text writes "(inc. 12wk disregard)"; the NHSE table (kept here) writes "(Inc. …)".
      {
        code: 'NFA - Self-funded client (Inc. 12wk disregard)',
        label: 'No further action: self-funding (including 12-week disregard)',
        retired: true,
        replacedBy: 'NFA: Self-funded client or under 12wk disregard',
      },
      {
        code: 'NFA - Support declined',
        label: 'No further action: support declined',
        retired: true,
        replacedBy: 'NFA: Support declined',
      },
      {
        code: 'NFA - Information & Advice / Signposting only',
        label: 'No further action: information and advice or signposting only',
        retired: true,
        replacedBy: 'NFA: Information and advice or signposting',
      },
      {
        code: 'NFA - Deceased',
        label: 'No further action: the person died',
        retired: true,
        replacedBy: 'NFA: Deceased',
      },
      {
        code: 'NFA - No services offered: Other reason',
        label: 'No further action: no services offered for another reason',
        retired: true,
        replacedBy: 'NFA: No services offered for other reason',
      },
      {
        code: 'NFA - Support ended: Other reason',
        label: 'No further action: support ended for another reason',
        retired: true,
        replacedBy: 'NFA: Support ended for other reason',
      },
      { code: 'Progress to financial assessment', label: 'Progress to financial assessment', retired: true },
      { code: 'Provision of service', label: 'Provision of service', retired: true },
      // No space before the hyphen: that is how both NHSE and DHSC code spell it.
      { code: 'NFA- Other', label: 'No further action: other', retired: true, replacedBy: 'NFA: Other' },
    ],
  },

  routeOfAccess: {
    id: 'routeOfAccess',
    field: 'Request: Route of Access',
    // No R2 list was found, so these are the R1 values. R2 may have re-cased them like other lists.
    source: 'CLD R1 (no R2 list found) via cld.md §3.4 (CLD Guidance R1 glossary)',
    evidence: 'partial',
    values: [
      { code: 'Planned Entry (Transition)', label: 'Planned entry (transition)' },
      { code: 'Discharge from Hospital', label: 'Discharge from hospital' },
      { code: 'Diversion from Hospital Services', label: 'Diversion from hospital services' },
      // Guidance: the default for carers where the route is not known.
      { code: 'Community / Other route', label: 'Community or other route' },
      { code: 'Prison', label: 'Prison' },
      { code: 'Self-Funder', label: 'Self-funder' },
      { code: 'Discharge from Reablement', label: 'Discharge from reablement' },
      { code: 'Transfer from Other LA', label: 'Transfer from another council' },
    ],
  },

  assessmentType: {
    id: 'assessmentType',
    field: 'Assessment Type',
    // R2 long/short strings are seen in DHSC code. Guidance mentions three financial assessment types
    // whose exact values were not found; DQ rules only show they begin "Financial Assessment" (R1).
    // 'Financial assessment' is therefore a single inferred R2-style value until the workbook is checked.
    source: 'CLD R2 via cld.md §3.5 (financial value inferred); R1 retired',
    evidence: 'partial',
    values: [
      // A Care Act eligibility determination was made.
      { code: 'Long term assessment', label: 'Long-term assessment (Care Act eligibility decided)' },
      // OT, reablement, proportionate or staged conversations without an eligibility decision.
      { code: 'Short term assessment', label: 'Short-term assessment (no eligibility decision)' },
      // Local: CLD's financial assessment types (three, beginning "Financial Assessment") were not found.
      { code: 'Financial assessment', label: 'Financial assessment', local: true },
      {
        code: 'Long Term Assessment',
        label: 'Long-term assessment (Care Act eligibility decided)',
        retired: true,
        replacedBy: 'Long term assessment',
      },
      {
        code: 'Short Term Assessment',
        label: 'Short-term assessment (no eligibility decision)',
        retired: true,
        replacedBy: 'Short term assessment',
      },
      {
        code: 'Financial Assessment',
        label: 'Financial assessment',
        retired: true,
        replacedBy: 'Financial assessment',
      },
    ],
  },

  reviewReason: {
    id: 'reviewReason',
    field: 'Review Reason',
    // R2 keeps the Planned/Unplanned prefixes and adds 'Review of short term support'; the exact R2
    // spelling of the others was not found, so they stay in R1 spelling (cld.md §3.11).
    source: 'CLD R1 + R2 addition via cld.md §3.11 (R2 re-spellings not found)',
    evidence: 'partial',
    values: [
      // Guidance: the default for carer reviews.
      { code: 'Planned', label: 'Planned review', group: 'Planned review of long term support' },
      {
        code: 'Unplanned - Hospital (Planned and unplanned episodes)',
        label: 'Unplanned: after a hospital stay (planned or unplanned)',
        group: 'Unplanned',
      },
      { code: 'Unplanned - Carer related', label: 'Unplanned: related to the carer', group: 'Unplanned' },
      { code: 'Unplanned - Safeguarding concern', label: 'Unplanned: safeguarding concern', group: 'Unplanned' },
      { code: 'Unplanned - Other Reason', label: 'Unplanned: other reason', group: 'Unplanned' },
      { code: 'Unplanned - Provider Failure', label: 'Unplanned: provider failure', group: 'Unplanned' },
      {
        code: 'Unplanned - Change in Commissioning arrangements',
        label: 'Unplanned: change in commissioning arrangements',
        group: 'Unplanned',
      },
      {
        code: 'Review of short term support',
        label: 'Review of short-term support',
        group: 'Review of short term support',
      },
    ],
  },
} satisfies { readonly [K in EventListId]: DefinedList & { readonly id: K } };
