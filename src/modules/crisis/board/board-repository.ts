import type { Tx } from '../../../platform/db/scope.js';
import type { Actor } from '../../../platform/access/roles.js';
import { peopleNamedOrRestricted, visiblePeople } from '../../people/index.js';

/**
 * The board's one query: the open episodes (of a patch, or of all patches) with the person, the
 * patch and the lead worker joined in, filtered to the people the actor may see (people's
 * `visiblePeople`, which PostgreSQL inlines: still one statement, the same plan as joining `person`). The clocks are
 * worked out from these columns by clock.ts, the same way the episode page does.
 *
 * `restricted` splits it in two: the episodes of people without a restricted record, which every
 * member of staff of the organisation sees alike (so they can be kept for everyone: board-cache.ts),
 * and those of restricted records, which depend on who is asking and are read for each view.
 */
export async function listOpenEpisodes(tx: Tx, actor: Actor, patchId: string | null, restricted: boolean) {
  let query = tx
    .selectFrom('crisis_episode as e')
    .innerJoin(visiblePeople(tx, actor, 'p'), 'p.id', 'e.person_id')
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
      'p.given_name',
      'p.family_name',
      'p.council_person_id',
      'p.restricted',
      'team.name as patch_name',
      'lead.display_name as lead_worker_name',
    ])
    .where('e.status', '=', 'open')
    .where('p.restricted', '=', restricted);
  if (patchId) query = query.where('e.patch_id', '=', patchId);
  // A generous cap keeps one page bounded; a patch with this many open crises has bigger problems.
  return query.orderBy('e.referred_at').orderBy('e.id').limit(1000).execute();
}

/** Whether any open episode (of the patch, or of all) is a restricted record's, whoever may see it. */
export async function anyRestrictedOpen(tx: Tx, patchId: string | null): Promise<boolean> {
  let query = tx
    .selectFrom('crisis_episode as e')
    .innerJoin(peopleNamedOrRestricted(tx, 'p'), 'p.id', 'e.person_id')
    .select('e.id')
    .where('e.status', '=', 'open')
    .where('p.restricted', '=', true);
  if (patchId) query = query.where('e.patch_id', '=', patchId);
  return (await query.limit(1).executeTakeFirst()) !== undefined;
}

export type BoardEpisodeRow = Awaited<ReturnType<typeof listOpenEpisodes>>[number];
