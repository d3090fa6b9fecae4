import type { Temporal } from 'temporal-polyfill';
import type { Tx } from '../platform/db/scope.js';
import type { UserActor } from '../platform/access/roles.js';
import { EMPTY_EVENT_FIELDS, insertEvent } from '../modules/people/index.js';
import type { EpisodeSeed } from './crisis-episodes.js';

/** A demo episode's short-term assessment and its CLD "Short term assessment" event, as the crisis pages write them. */
export async function writeShortTermAssessment(
  tx: Tx,
  actor: UserActor,
  episodeId: string,
  personId: string,
  a: NonNullable<EpisodeSeed['assessment']>,
  day: (n: number) => Temporal.PlainDate,
): Promise<void> {
  const on = day(a.day).toString();
  const row = await tx
    .insertInto('crisis_assessment')
    .values({
      org_id: actor.orgId,
      episode_id: episodeId,
      person_id: personId,
      started_on: on,
      completed_on: on,
      method: a.method,
      strengths: a.strengths,
      needs: a.needs,
      outcome: a.outcome,
      created_by: actor.userId,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const event = await insertEvent(
    tx,
    actor,
    personId,
    {
      ...EMPTY_EVENT_FIELDS,
      eventType: 'Assessment',
      startDate: on,
      endDate: on,
      eventOutcome: a.outcome,
      assessmentType: 'Short term assessment',
      methodOfAssessment: a.method,
      summary: `Short-term assessment in a crisis: ${a.needs}`,
    },
    { module: 'crisis-assessment', id: row.id },
  );
  await tx.updateTable('crisis_assessment').set({ cld_event_id: event.id }).where('id', '=', row.id).execute();
}
