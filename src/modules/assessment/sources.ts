import type { Tx } from '../../platform/db/scope.js';

/**
 * Someone another module has decided needs a tier 3 assessment: a conversation that ended
 * "progress to assessment", a crisis episode closed as "step up". Each module reads its own records
 * and says so here; this module never queries their tables.
 */
export interface WaitingForAssessment {
  personId: string;
  patchId: string | null;
  /** The plain date the need was recorded (the conversation was held, the episode closed). */
  since: string;
  /** Where it came from, in words: "Conversation", "Crisis episode stepped up". */
  cameFrom: string;
  /** The record it came from, to open. */
  href: string;
  /** Why, as the worker wrote it (null when nothing was written). */
  reason: string | null;
}

/** Reads one module's waiting people inside the request's organisation scope (row-level security on). */
export type AssessmentSource = (tx: Tx) => Promise<WaitingForAssessment[]>;

/**
 * The modules that record a need for assessment register their reader once, at start-up (as the
 * timeline's sources are registered): the registry holds functions, never data.
 */
const sources = new Set<AssessmentSource>();

export function addAssessmentSource(source: AssessmentSource): void {
  sources.add(source);
}

export async function readAssessmentSources(tx: Tx): Promise<WaitingForAssessment[]> {
  const lists = await Promise.all([...sources].map((source) => source(tx)));
  return lists.flat();
}
