import type { Tx } from '../../platform/db/scope.js';
import type { Actor } from '../../platform/access/roles.js';
import { NotFoundError } from '../../platform/http/errors.js';
import { acceptsCarerLabel, findVisiblePerson, listRelationships } from '../people/index.js';

/** Who the person cares for (by name, as their network shows them) and whether they accept the word "carer". */
export interface CaringContext {
  caredForNames: string[];
  acceptsCarerLabel: boolean;
}

export async function visiblePerson(tx: Tx, actor: Actor, personId: string) {
  const person = await findVisiblePerson(tx, actor, personId);
  if (!person) throw new NotFoundError();
  return person;
}

/**
 * The label lives on the cared-for person's side of the relationship (they record who provides care
 * for them, and whether that person accepts being called a carer), so it is read from their network.
 */
export async function caringContext(tx: Tx, personId: string): Promise<CaringContext> {
  const [relationships, accepted] = await Promise.all([
    listRelationships(tx, personId),
    acceptsCarerLabel(tx, personId),
  ]);
  const caresFor = relationships.filter((r) => r.other_receives_care);
  const caredForNames = caresFor.map((r) =>
    r.related_person_id
      ? r.related_restricted
        ? 'someone whose record is restricted'
        : `${r.related_given_name ?? ''} ${r.related_family_name ?? ''}`.trim()
      : (r.contact_name ?? ''),
  );
  return { caredForNames: caredForNames.filter((n) => n !== ''), acceptsCarerLabel: accepted };
}
