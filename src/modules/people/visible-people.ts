import type { Tx } from '../../platform/db/scope.js';
import type { Actor } from '../../platform/access/roles.js';
import { visibleTo } from './visibility.js';

/**
 * People as other modules may join them: not the `person` table, but a query over it that keeps
 * only the rows a viewer may see and offers only the columns a list or a match needs. PostgreSQL
 * pulls such a plain subquery up into the statement that joins it, so a list built on it is still one
 * statement with the same plan as joining the table and filtering by `visibleTo`.
 *
 * Use it as a table under the alias you give it: `.innerJoin(visiblePeople(tx, actor, 'p'), 'p.id',
 * 'f.person_id')`, or `.selectFrom(visiblePeople(tx, actor, 'p'))` to find someone by an identifier.
 * It comes already aliased, so a caller cannot add columns of its own to it.
 */
export function visiblePeople<A extends string>(tx: Tx, actor: Actor, alias: A) {
  return tx
    .selectFrom('person')
    .select([
      'person.id',
      'person.given_name',
      'person.preferred_name',
      'person.family_name',
      'person.date_of_birth',
      'person.nhs_number',
      'person.council_person_id',
      'person.patch_id',
      'person.restricted',
    ])
    .where(visibleTo(actor))
    .as(alias);
}

/**
 * Every person of the organisation (row-level security keeps it to the organisation), restricted or
 * not, with only what it takes to name them or to say that they may not be named: for a record that
 * points at a person whoever looks at it (a register trigger's related person), and for asking
 * whether any of a list's people is restricted. The caller shows a name only when `restricted` is
 * false; to show who someone is, join `visiblePeople` instead. Aliased, as visiblePeople is.
 */
export function peopleNamedOrRestricted<A extends string>(tx: Tx, alias: A) {
  return tx
    .selectFrom('person')
    .select(['person.id', 'person.given_name', 'person.family_name', 'person.restricted'])
    .as(alias);
}

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
