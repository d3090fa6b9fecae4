import type { Tx } from '../../platform/db/scope.js';
import type { Actor } from '../../platform/access/roles.js';
import { todayInLondon } from '../../platform/dates.js';
import type { OpenWork, WorkDue, WorkQuery, WorkSource } from '../casework/index.js';
import { updateEpisode } from './repository.js';
import { EPISODE_WORK_KIND } from './service.js';
import type { CrisisEpisodeRow } from './tables.js';
import { episodeHref } from './presenters.js';

/**
 * Open crisis episodes as casework's open work. An episode's lead worker IS its allocation: triage
 * sets it, the board shows it, and when a manager allocates or transfers the episode from a caseload,
 * casework changes it through `allocate` below (under the episode's own version), so there is one
 * record of who holds an episode and never two that could disagree. Casework keeps the history.
 */
async function openEpisodes(tx: Tx, q: WorkQuery): Promise<CrisisEpisodeRow[]> {
  if (q.workIds !== undefined && q.workIds.length === 0) return [];
  let query = tx.selectFrom('crisis_episode').selectAll().where('status', '=', 'open');
  if (q.workIds) query = query.where('id', 'in', [...q.workIds]);
  if (q.personId) query = query.where('person_id', '=', q.personId);
  return query.execute();
}

/** The next thing the episode's clock asks for: first contact, then check-ins, then the time limit. */
function dueOn(e: CrisisEpisodeRow): WorkDue {
  if (!e.first_contact_at) return { text: 'Make first contact', on: todayInLondon(e.response_due_at).toString() };
  if (e.next_check_in_due) return { text: 'Check in', on: e.next_check_in_due };
  return { text: 'Close or extend (time limit)', on: e.ends_on };
}

const episodeWork = (e: CrisisEpisodeRow): OpenWork => ({
  workId: e.id,
  personId: e.person_id,
  teamId: e.patch_id,
  what: `Crisis episode (${e.urgency_label.toLowerCase()})`,
  since: todayInLondon(e.referred_at).toString(),
  due: dueOn(e),
  href: episodeHref(e.id),
  allocation: { workerId: e.lead_worker_id, version: e.version },
});

/** Make `workerId` the episode's lead worker (null: none, back to the patch's queue) if it is still at `version`. */
async function setLeadWorker(tx: Tx, actor: Actor, episodeId: string, workerId: string | null, version: number) {
  const updated = await updateEpisode(tx, actor, episodeId, version, { lead_worker_id: workerId });
  return updated !== undefined && updated.status === 'open';
}

export const openEpisodesSource: WorkSource = {
  kind: EPISODE_WORK_KIND,
  label: 'Crisis episodes',
  policy: 'crisis.read',
  listOpen: async (tx, q) => (await openEpisodes(tx, q)).map(episodeWork),
  allocate: setLeadWorker,
};
