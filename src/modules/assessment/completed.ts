import type { Tx } from '../../platform/db/scope.js';

/** A completed assessment, as other modules (allocation) need it: whose, what kind, when it was completed. */
export interface CompletedAssessment {
  id: string;
  personId: string;
  kind: 'adult' | 'carer';
  /** 'YYYY-MM-DD'. */
  completedOn: string;
  /** The eligibility decision, after any override; null when none was recorded. */
  eligible: boolean | null;
}

/**
 * The person's completed assessments, most recently completed first. Read in the caller's transaction
 * (row-level security on): the caller has already checked the person is visible and audits the read.
 */
export async function listCompletedAssessments(tx: Tx, personId: string): Promise<CompletedAssessment[]> {
  const rows = await tx
    .selectFrom('assessment')
    .select(['id', 'person_id', 'kind', 'completed_on', 'eligible', 'override_eligible'])
    .where('person_id', '=', personId)
    .where('status', '=', 'completed')
    .where('completed_on', 'is not', null)
    .orderBy('completed_on', 'desc')
    .orderBy('created_at', 'desc')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    personId: r.person_id,
    kind: r.kind,
    completedOn: r.completed_on!,
    eligible: r.override_eligible ?? r.eligible,
  }));
}
