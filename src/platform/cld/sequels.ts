/**
 * Where each Release 2 Event Outcome lands in the SALT sequel groups, so STS001/STS002a and ASCOF 2A
 * can later be derived from stored events without guessing. One place, with its sources:
 *
 * - The SALT replication code compares R1 strings (cld.md §5.1, §5.2), so each R2 outcome names the
 *   R1 outcome(s) it stands for: the inverse of `replacedBy` in the eventOutcome list (cld.md §3.3,
 *   a council's R1→R2 view, third party, indicative). An R2 outcome with no R1 source has none.
 * - `sts001`: NHSE STS001 #REF_SEQUEL_MAPPING (cld.md §5.1): a request outcome with mapping code 1 has
 *   a sequel description; code 2 outcomes ("progress to…", continuation, hospital) are
 *   "Unable_To_Classify" as an outcome and need a following event instead (null here).
 * - `stMax`: NHSE STS002a #REF_ST_MAX_Sequel_Mappings (cld.md §5.2, spelling and dashes as cld.md
 *   writes them; "Service ended as planned" → "No services provided – other" as in record types 1 and 5).
 *
 * Outcomes that are themselves a next step (e.g. 'Progress to reablement/ST-Max') have no group: the
 * sequel is the event that follows (§4.9), which is why the chronology of events matters.
 */
export const SALT_UNABLE_TO_CLASSIFY = 'Unable_To_Classify';

const OTHER_REASON = 'No Services Provided - other reason';
const ST_MAX_OTHER = 'No services provided – other';

export interface OutcomeSequel {
  /** The Release 2 Event Outcome (a current code of the eventOutcome list). */
  readonly r2: string;
  /** The R1 Event Outcome strings SALT's code matches (empty: R2-only, no SALT group). */
  readonly r1: readonly string[];
  /** STS001 sequel description when the request's own outcome is the sequel; null: unable to classify. */
  readonly sts001: string | null;
  /** STS002a category when an ST-Max episode's outcome is the sequel; null: not mapped. */
  readonly stMax: string | null;
}

export const outcomeSequels: readonly OutcomeSequel[] = [
  { r2: 'Progress to reablement/ST-Max', r1: ['Progress to Reablement/ST-Max'], sts001: null, stMax: null },
  {
    r2: 'Progress to assessment, review or reassessment',
    r1: ['Progress to Assessment', 'Progress to Re-assessment / Unplanned Review'],
    sts001: null,
    stMax: null,
  },
  {
    r2: 'Progress to support planning or services',
    r1: ['Progress to Support Planning / Services'],
    sts001: null,
    stMax: null,
  },
  { r2: 'Continuation of support or services', r1: ['No change in package'], sts001: null, stMax: null },
  { r2: 'Admitted to hospital', r1: ['Admitted to hospital'], sts001: null, stMax: ST_MAX_OTHER },
  {
    r2: 'NFA: Responsibility moved to another local authority',
    r1: ['NFA - Moved to another LA'],
    sts001: OTHER_REASON,
    stMax: ST_MAX_OTHER,
  },
  {
    r2: 'NFA: Referral to NHS services or NHS funded social care',
    r1: ['NFA - 100% NHS funded care'],
    sts001: '100% NHS Funded Care',
    stMax: 'Early cessation of service (not leading to long term support) - 100% NHS funded care/End of Life/deceased',
  },
  {
    r2: 'NFA: Self-funded client or under 12wk disregard',
    r1: ['NFA - Self-funded client (Inc. 12wk disregard)'],
    sts001: OTHER_REASON,
    stMax: 'No services provided – needs identified but self-funding',
  },
  {
    r2: 'NFA: Information and advice or signposting',
    r1: ['NFA - Information & Advice / Signposting only'],
    sts001: 'Universal Services/ Signposted to other services',
    stMax: 'No Services Provided – Universal Services / signposted to other services',
  },
  // New in R2: no R1 value, so SALT's tables have no group for it.
  { r2: 'NFA: Referral to other service within the local authority', r1: [], sts001: null, stMax: null },
  {
    r2: 'NFA: Support declined',
    r1: ['NFA - Support declined'],
    sts001: OTHER_REASON,
    stMax: 'No services provided – needs identified but support declined',
  },
  {
    r2: 'NFA: Deceased',
    r1: ['NFA - Deceased'],
    sts001: 'No Services Provided - Deceased',
    stMax: 'Early cessation of service (not leading to long term support) - 100% NHS funded care/End of Life/deceased',
  },
  // STS001 cannot classify "Service ended as planned" (mapping code 2); STS002a sends it to "other".
  { r2: 'NFA: Support ended as planned', r1: ['Service ended as planned'], sts001: null, stMax: ST_MAX_OTHER },
  {
    r2: 'NFA: Support ended for other reason',
    r1: ['NFA - Support ended: Other reason'],
    sts001: OTHER_REASON,
    stMax: ST_MAX_OTHER,
  },
  {
    r2: 'NFA: No services offered for other reason',
    r1: ['NFA - No services offered: Other reason'],
    sts001: OTHER_REASON,
    stMax: ST_MAX_OTHER,
  },
  { r2: 'NFA: Other', r1: ['NFA- Other'], sts001: OTHER_REASON, stMax: ST_MAX_OTHER },
];

const byR2 = new Map(outcomeSequels.map((s) => [s.r2, s]));

/** The SALT sequel groups for a stored R2 outcome, or undefined when it is not an R2 outcome. */
export function sequelForOutcome(r2: string): OutcomeSequel | undefined {
  return byR2.get(r2);
}

/** STS001's mapped description when a request's own outcome is its sequel (cld.md §5.1 steps 8, 13). */
export function sts001Description(r2: string): string {
  return byR2.get(r2)?.sts001 ?? SALT_UNABLE_TO_CLASSIFY;
}
