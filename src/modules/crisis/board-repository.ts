import type { Tx } from '../../platform/db/scope.js';
import type { Actor } from '../../platform/access/roles.js';
import { visibleTo } from '../people/index.js';

/**
 * The board's one query: every open episode (of a patch, or of all patches) with the person, the
 * patch and the lead worker joined in, filtered to the people the actor may see. The clocks are
 * worked out from these columns by clock.ts, the same way the episode page does.
 */
export async function listOpenEpisodes(tx: Tx, actor: Actor, patchId: string | null) {
  let query = tx
    .selectFrom('crisis_episode as e')
    .innerJoin('person', 'person.id', 'e.person_id')
    .leftJoin('team', 'team.id', 'e.patch_id')
    .leftJoin('staff_user as lead', 'lead.id', 'e.lead_worker_id')
    .select([
      'e.id',
      'e.person_id',
      'e.patch_id',
      'e.referred_at',
      'e.urgency_label',
      'e.response_due_at',
      'e.first_contact_at',
      'e.ends_on',
      'e.next_check_in_due',
      'person.given_name',
      'person.family_name',
      'person.council_person_id',
      'person.restricted',
      'team.name as patch_name',
      'lead.display_name as lead_worker_name',
    ])
    .where('e.status', '=', 'open')
    .where(visibleTo(actor));
  if (patchId) query = query.where('e.patch_id', '=', patchId);
  // A generous cap keeps one page bounded; a patch with this many open crises has bigger problems.
  return query.orderBy('e.referred_at').orderBy('e.id').limit(1000).execute();
}

export type BoardEpisodeRow = Awaited<ReturnType<typeof listOpenEpisodes>>[number];
