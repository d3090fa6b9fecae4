import type { Tx } from '../../platform/db/scope.js';
import type { Actor } from '../../platform/access/roles.js';
import { visibleTo } from './visibility.js';

/** What a list of people from another module shows of each person: who they are, and their council id. */
export interface PersonListing {
  id: string;
  name: string;
  councilPersonId: string;
  /** The patch team the person belongs to, for modules that queue work by patch. */
  patchId: string | null;
}

/**
 * The people among `ids` that `actor` may see, by id, in one statement: for a module that lists
 * people from its own records (a worklist, a queue) and must leave out any record the viewer may not
 * open. Ids the actor may not see are simply absent from the map.
 */
export async function findVisiblePeople(
  tx: Tx,
  actor: Actor,
  ids: readonly string[],
): Promise<Map<string, PersonListing>> {
  if (ids.length === 0) return new Map();
  const rows = await tx
    .selectFrom('person')
    .select(['id', 'given_name', 'preferred_name', 'family_name', 'council_person_id', 'patch_id'])
    .where('id', 'in', [...new Set(ids)])
    .where(visibleTo(actor))
    .execute();
  return new Map(
    rows.map((r) => [
      r.id,
      {
        id: r.id,
        name: `${r.preferred_name ?? r.given_name} ${r.family_name}`,
        councilPersonId: r.council_person_id,
        patchId: r.patch_id,
      },
    ]),
  );
}
