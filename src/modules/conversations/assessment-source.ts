import type { Tx } from '../../platform/db/scope.js';
import type { WaitingForAssessment } from '../assessment/index.js';

/** The CLD outcome a conversation records when the person needs an assessment of their care and support needs. */
export const PROGRESS_TO_ASSESSMENT = 'Progress to assessment, review or reassessment';

/** Conversations that ended "progress to assessment": each is someone waiting for one. */
export async function conversationsAwaitingAssessment(tx: Tx): Promise<WaitingForAssessment[]> {
  const rows = await tx
    .selectFrom('conversation')
    .select(['id', 'person_id', 'patch_id', 'held_on', 'outcome_notes'])
    .where('outcome', '=', PROGRESS_TO_ASSESSMENT)
    .execute();
  return rows.map((r) => ({
    personId: r.person_id,
    patchId: r.patch_id,
    since: r.held_on,
    cameFrom: 'Conversation',
    href: `/people/${r.person_id}/conversations/${r.id}`,
    reason: r.outcome_notes,
  }));
}
