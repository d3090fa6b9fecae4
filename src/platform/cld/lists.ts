/**
 * Adult Social Care Client Level Data (CLD) defined lists — the ONE place the platform keeps them.
 *
 * Why one place: the CLD return is validated by exact string comparison (case, hyphen vs en dash and
 * ":" vs " -" all matter), so forms, imports, the export and the SALT/ASCOF re-derivations must all
 * use the same strings. Everything else should import from `src/platform/cld/index.ts`.
 *
 * Provenance: /work/shared/standards/cld.md (sections 2, 3 and 7). Release 2 (R2) is current. The
 * R1/R2 specification workbooks themselves were NOT available, so every list records how well it is
 * evidenced (`evidence`) and where it came from (`source`). Lists marked 'provisional' must be checked
 * against the R2 workbook before a real submission.
 *
 * R1 values that R2 changed are kept with `retired: true` (and `replacedBy` where the R1→R2 mapping is
 * known) so that records created before R2 still display and can be mapped forward on export.
 */
import { eventLists } from './lists-event.js';
import { serviceLists } from './lists-service.js';
import { personLists } from './lists-person.js';

export interface DefinedValue {
  /** Exact value that goes into the CLD return (CLD submits full text, not numeric codes). */
  readonly code: string;
  /** Plain-English label shown on pages. */
  readonly label: string;
  /** Not offered for new records (an R1 value R2 replaced or dropped); kept so old records display. */
  readonly retired?: boolean;
  /** For a retired value: the current code it maps to, where the mapping is known. */
  readonly replacedBy?: string;
  /** Higher-level grouping used by SALT/ASCOF/DHSC reporting (e.g. 'Settled' accommodation). */
  readonly group?: string;
  /**
   * A local value offered in a CLD list because CLD's own was not found (e.g. 'Financial assessment'):
   * never presented or exported as a CLD value (see isCldValue).
   */
  readonly local?: boolean;
}

/**
 * How well a list's values are evidenced in cld.md and the sources it cites:
 * - 'confirmed': every current value is seen verbatim in NHSE/DHSC code or DHSC documentation;
 * - 'partial': some values are seen verbatim; others (or their R2 spelling) are inferred or come from
 *   third-party sources — the list may be incomplete or mis-spelt in places;
 * - 'provisional': no values were found; placeholders to keep forms usable until the workbook is checked.
 */
export type ListEvidence = 'confirmed' | 'partial' | 'provisional';

export interface ListDefinition<Id extends string = string> {
  readonly id: Id;
  /** CLD field name as the LA file header spells it, e.g. 'Gender'. */
  readonly field: string;
  readonly values: readonly DefinedValue[];
  /** Short note of provenance, e.g. 'CLD R2 spec via cld.md §3.16'. */
  readonly source: string;
  readonly evidence?: ListEvidence;
}

export type CldListId =
  | 'eventType'
  | 'clientType'
  | 'eventOutcome'
  | 'routeOfAccess'
  | 'assessmentType'
  | 'serviceType'
  | 'serviceComponent'
  | 'deliveryMechanism'
  | 'primarySupportReason'
  | 'reviewReason'
  | 'accommodationStatus'
  | 'employmentStatus'
  | 'hasUnpaidCarer'
  | 'ethnicity'
  | 'gender'
  | 'clientFundingStatus';

export type DefinedList = ListDefinition<CldListId>;

/**
 * Every CLD defined list, keyed by id. The annotation makes the compiler insist that each CldListId
 * has a list (a missing one is a type error, not a runtime surprise in a form).
 * Not in here: Total Hrs Caring per week — cld.md says it is a defined list/band but no values were
 * found anywhere, so events store the hours themselves. Fields whose values were not found at all
 * have local lists instead (local-lists-cld-fields.ts).
 */
export const cldLists: Readonly<Record<CldListId, DefinedList>> = Object.freeze({
  ...personLists,
  ...eventLists,
  ...serviceLists,
});
