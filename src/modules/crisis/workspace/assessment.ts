import { z } from 'zod';
import type { Kysely } from 'kysely';
import type { DB } from '../../../platform/db/schema.js';
import type { Tx } from '../../../platform/db/scope.js';
import { actorId } from '../../../platform/access/roles.js';
import { isDefinedValue } from '../../../platform/cld/index.js';
import { parseOrThrow } from '../../../platform/http/validation.js';
import { insertEvent } from '../../people/index.js';
import { advance, episodeTransaction } from './workspace-service.js';
import { dateField, dateSchema, required, version } from './workspace-schema.js';
import type { RequestContext } from '../../../platform/http/context.js';

/**
 * A short-term assessment during a crisis, where one happens: what matters and the person's
 * strengths first, then what they need to get through this, and what follows. It writes the CLD
 * Assessment event (type "Short term assessment": no eligibility decision is made in a crisis).
 */
export const assessmentOutcomes = [
  'Progress to reablement/ST-Max',
  'Progress to assessment, review or reassessment',
  'Progress to support planning or services',
  'NFA: Information and advice or signposting',
  'NFA: Support declined',
] as const;

type Body = Record<string, unknown>;

export function assessmentSchema(episodeStartsOn: string) {
  return z
    .object({
      version,
      startedOn: dateSchema('The date the assessment started', {
        notFuture: true,
        notBefore: {
          date: episodeStartsOn,
          message: 'The date the assessment started must be on or after the start of the episode',
        },
      }),
      completedOn: dateSchema('The date the assessment was completed', { notFuture: true }),
      method: z
        .string({ error: 'Select how the assessment was done' })
        .refine((v) => isDefinedValue('methodOfAssessment', v), 'Select how the assessment was done'),
      strengths: required('Enter what matters to them and their strengths', 'What matters and their strengths', 3000),
      needs: required('Enter what they need to get through the crisis', 'What they need', 3000),
      outcome: z.enum(assessmentOutcomes, { error: 'Select what follows the assessment' }),
    })
    .refine((a) => !a.startedOn || !a.completedOn || a.completedOn >= a.startedOn, {
      message: 'The date the assessment was completed must be on or after the date it started',
      path: ['completedOn'],
    });
}

export const assessmentFormInput = (body: Body) => ({
  version: body.version,
  method: body.method,
  strengths: body.strengths,
  needs: body.needs,
  outcome: body.outcome,
  startedOn: dateField(body, 'startedOn'),
  completedOn: dateField(body, 'completedOn'),
});

export async function listAssessments(tx: Tx, episodeId: string) {
  return tx
    .selectFrom('crisis_assessment as a')
    .leftJoin('staff_user as u', 'u.id', 'a.created_by')
    .selectAll('a')
    .select('u.display_name as created_by_name')
    .where('a.episode_id', '=', episodeId)
    .orderBy('a.started_on')
    .orderBy('a.created_at')
    .execute();
}

/** Record the assessment and its CLD event in the episode's transaction (version-checked, audited). */
export async function recordAssessment(
  db: Kysely<DB>,
  ctx: RequestContext,
  episodeId: string,
  body: Body,
): Promise<void> {
  return episodeTransaction(db, ctx, episodeId, { body }, async (tx, episode, person) => {
    const input = parseOrThrow(assessmentSchema(episode.starts_on), assessmentFormInput(body));
    const row = await tx
      .insertInto('crisis_assessment')
      .values({
        org_id: episode.org_id,
        episode_id: episode.id,
        person_id: person.id,
        started_on: input.startedOn!,
        completed_on: input.completedOn!,
        method: input.method,
        strengths: input.strengths,
        needs: input.needs,
        outcome: input.outcome,
        created_by: actorId(ctx.actor),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const event = await insertEvent(
      tx,
      ctx.actor,
      person.id,
      {
        eventType: 'Assessment',
        startDate: input.startedOn!,
        endDate: input.completedOn!,
        eventOutcome: input.outcome,
        routeOfAccess: null,
        assessmentType: 'Short term assessment',
        eligibleNeedsIdentified: null,
        methodOfAssessment: input.method,
        serviceType: null,
        serviceComponent: null,
        deliveryMechanism: null,
        reviewReason: null,
        reviewOutcomesAchieved: null,
        methodOfReview: null,
        unitCostPence: null,
        costFrequency: null,
        summary: `Short-term assessment in a crisis: ${input.needs}`.slice(0, 2000),
      },
      { module: 'crisis-assessment', id: row.id },
    );
    await tx.updateTable('crisis_assessment').set({ cld_event_id: event.id }).where('id', '=', row.id).execute();
    await advance(tx, ctx.actor, episode);
    return { result: undefined, action: 'crisis-episode.assessment' };
  });
}
