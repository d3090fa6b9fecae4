import { z } from 'zod';
import type { Tx } from '../../../platform/db/scope.js';
import { actorId, type Actor } from '../../../platform/access/roles.js';
import { plainDateSchema } from '../../../platform/dates.js';
import { ValidationError } from '../../../platform/http/errors.js';
import { optionalText } from '../../people/index.js';
import {
  CAPACITY_LABELS,
  SUPPORT_IN_PLACE_LABELS,
  SUPPORT_LEVEL_LABELS,
  findSupportMatrix,
  recommendedLevel,
} from './matrix.js';
import { dateField, parseForm, type Body } from './schema.js';
import type { DpSupportDecisionRow } from './tables.js';

/**
 * A decision on how much the direct payment support service does for a person: the two answers, what
 * the council's table recommends for them, and the level decided — with a reason whenever it differs
 * from the recommendation (the database refuses one without, too). Insert only: the rows are the history.
 */
const keyOf = <T extends string>(choices: Record<T, string>, message: string) =>
  z.enum(Object.keys(choices) as [T, ...T[]], { error: message });

const decisionSchema = z.object({
  capacity: keyOf(CAPACITY_LABELS, 'Select how well they can manage a direct payment'),
  supportInPlace: keyOf(SUPPORT_IN_PLACE_LABELS, 'Select the support already in place'),
  decidedLevel: keyOf(SUPPORT_LEVEL_LABELS, 'Select the level of support decided'),
  reason: optionalText('The reason', 2000),
  decidedOn: plainDateSchema('Date of the decision', { notFuture: true }),
});

export const decisionFields = ['capacity', 'supportInPlace', 'decidedLevel', 'reason'] as const;

/** Check the form against the council's table and record the decision; the new decision's id. */
export async function recordDecision(tx: Tx, actor: Actor, personId: string, body: Body): Promise<string> {
  const parsed = parseForm(
    decisionSchema,
    { ...Object.fromEntries(decisionFields.map((f) => [f, body[f]])), decidedOn: dateField(body, 'decidedOn') },
    ['decidedOn'],
  );
  if (parsed.errors) throw new ValidationError(parsed.errors);
  const d = parsed.data;
  const recommended = recommendedLevel(await findSupportMatrix(tx), d.capacity, d.supportInPlace);
  if (d.decidedLevel !== recommended && !d.reason)
    throw new ValidationError([
      {
        text: `Enter why the level decided is different from the table’s recommendation (${SUPPORT_LEVEL_LABELS[recommended].toLowerCase()})`,
        href: '#reason',
      },
    ]);
  const { id } = await tx
    .insertInto('dp_support_decision')
    .values({
      org_id: actor.orgId,
      person_id: personId,
      capacity: d.capacity,
      support_in_place: d.supportInPlace,
      recommended_level: recommended,
      decided_level: d.decidedLevel,
      reason: d.reason,
      decided_on: d.decidedOn,
      created_by: actorId(actor),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

/** The person's decisions, latest first. */
export async function listDecisions(tx: Tx, personId: string): Promise<DpSupportDecisionRow[]> {
  return tx
    .selectFrom('dp_support_decision')
    .selectAll()
    .where('person_id', '=', personId)
    .orderBy('decided_on', 'desc')
    .orderBy('created_at', 'desc')
    .execute();
}
