import type { Tx } from '../../platform/db/scope.js';
import { ValidationError, type FieldError } from '../../platform/http/errors.js';
import { isOwnCaseworker } from '../../platform/db/staff.js';
import { ownRelationshipIds } from '../people/index.js';
import * as repo from './repository.js';
import type { ConversationInput, FollowUpInput } from './schema.js';

/** Links must point at this person's relationships and the council's current directory entries. */
export async function checkLinks(
  tx: Tx,
  personId: string,
  input: ConversationInput,
  alreadyLinked: string[],
  followUp: FollowUpInput | null,
) {
  const errors: FieldError[] = [];
  const relationshipIds = [...new Set([...input.presentRelationshipIds, ...input.networkRelationshipIds])];
  if (relationshipIds.length) {
    const known = await ownRelationshipIds(tx, personId, relationshipIds);
    if (input.presentRelationshipIds.some((id) => !known.has(id)))
      errors.push({ text: 'Select who was there from the list', href: '#presentRelationshipIds' });
    if (input.networkRelationshipIds.some((id) => !known.has(id)))
      errors.push({ text: 'Select people in their network from the list', href: '#networkRelationshipIds' });
  }
  const serviceIds = [...new Set([...input.adviceServiceIds, ...input.connections.flatMap((c) => c.serviceId ?? [])])];
  const services = await repo.servicesByIds(tx, serviceIds);
  const usable = new Set(services.filter((s) => !s.withdrawn || alreadyLinked.includes(s.id)).map((s) => s.id));
  if (input.adviceServiceIds.some((id) => !usable.has(id)))
    errors.push({ text: 'Select services from the directory list', href: '#adviceServiceIds' });
  for (const c of input.connections) {
    if (c.serviceId && !usable.has(c.serviceId))
      errors.push({ text: 'Select a service from the list', href: `#connection${c.slot}Service` });
  }
  if (followUp) {
    try {
      await checkAssignee(tx, followUp);
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      errors.push({ text: error.errors[0]!.text, href: '#followUpAssignedTo' });
    }
  }
  if (errors.length) throw new ValidationError(errors);
}

export async function checkAssignee(tx: Tx, input: FollowUpInput) {
  if (!(await isOwnCaseworker(tx, input.assignedTo)))
    throw new ValidationError([{ text: 'Select who will do it', href: '#assignedTo' }]);
}
