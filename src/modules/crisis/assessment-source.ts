import type { Tx } from '../../platform/db/scope.js';
import type { WaitingForAssessment } from '../assessment/index.js';
import { episodeHref } from './presenters.js';

/** Episodes closed as "step up": each is someone waiting for a tier 3 assessment. */
export async function episodesSteppedUp(tx: Tx): Promise<WaitingForAssessment[]> {
  const rows = await tx
    .selectFrom('crisis_episode')
    .select(['id', 'person_id', 'patch_id', 'closed_on', 'step_up_reason'])
    .where('status', '=', 'closed')
    .where('close_route', '=', 'step_up')
    .execute();
  return rows.map((r) => ({
    personId: r.person_id,
    patchId: r.patch_id,
    since: r.closed_on ?? '',
    cameFrom: 'Crisis episode stepped up',
    href: episodeHref(r.id),
    reason: r.step_up_reason,
  }));
}
