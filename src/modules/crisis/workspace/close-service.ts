import type { Kysely } from 'kysely';
import type { DB } from '../../../platform/db/schema.js';
import { actorId } from '../../../platform/access/roles.js';
import { ValidationError } from '../../../platform/http/errors.js';
import { parseOrThrow } from '../../../platform/http/validation.js';
import { closingOutcomes } from '../cld-outcomes.js';
import { syncEpisodeEvents } from '../cld-sync.js';
import { findEpisode } from '../repository.js';
import { type ActivationSnapshot, findPlan } from '../../contingency-plans/index.js';
import * as repo from './workspace-repository.js';
import { advance, episodeTransaction } from './workspace-service.js';
import { settleOpenServices } from './support-items.js';
import { closeFormInput, closeSchema } from './workspace-schema.js';
import { whatFollowedOptions } from '../choices.js';
import { findPublishedServices, findPublishedServicesByName } from '../../directory/index.js';
import type { CrisisEpisodeRow } from '../tables.js';
import type { RequestContext } from '../../../platform/http/context.js';
import { openAssessmentRequest } from '../../assessment/index.js';

type Body = Record<string, unknown>;

/**
 * Ending a crisis episode: stepping down to tier 1 (signposting and community connections, the
 * contingency plan reviewed), stepping up to a tier 3 assessment, or another ending. What followed
 * is required; with the route it decides the CLD outcomes (../cld-outcomes.ts), and the episode's
 * events are brought in line (../cld-sync.ts) in the one transaction that closes it.
 */
const isUuid = (v: string) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(v);

/** Directory services the episode already names: its support's providers and the plan's planned support. */
function linkedServices(episode: CrisisEpisodeRow, services: Awaited<ReturnType<typeof repo.listServices>>) {
  const snapshot = episode.prefill as ActivationSnapshot | null;
  const linked = new Map<string, string>();
  for (const s of services)
    if (s.directory_service_id && s.directory_service_name)
      linked.set(s.directory_service_id, s.directory_service_name);
  for (const s of snapshot?.support ?? [])
    if (s.directoryServiceId) linked.set(s.directoryServiceId, s.directoryServiceName ?? s.what);
  return [...linked].map(([id, name]) => ({ id, name }));
}

export class CloseService {
  constructor(private readonly db: Kysely<DB>) {}

  /**
   * What the close form offers: the person's contingency plan, and the directory services to pick as
   * connections — those already linked to the episode, those already picked, and those matching `find`.
   */
  async form(ctx: RequestContext, episodeId: string, pick: { find?: string; picked?: string[] } = {}) {
    return episodeTransaction(this.db, ctx, episodeId, null, async (tx, episode, person) => {
      const [plan, services] = await Promise.all([findPlan(tx, person.id), repo.listServices(tx, episode.id)]);
      const suggestions = linkedServices(episode, services);
      const [picked, found] = await Promise.all([
        findPublishedServices(tx, (pick.picked ?? []).filter(isUuid)),
        pick.find ? findPublishedServicesByName(tx, pick.find) : Promise.resolve(null),
      ]);
      return {
        result: { episode, person, hasPlan: plan !== undefined, suggestions, picked, found },
        action: 'crisis-episode.view',
      };
    });
  }

  async close(ctx: RequestContext, episodeId: string, body: Body): Promise<void> {
    return episodeTransaction(this.db, ctx, episodeId, { body }, async (tx, episode) => {
      const input = parseOrThrow(closeSchema(episode.starts_on), closeFormInput(body));
      const stepDown = input.route === 'step_down';
      const connectionIds = stepDown ? [...new Set(input.connections.filter((c): c is string => c !== null))] : [];
      const found = new Set((await findPublishedServices(tx, connectionIds)).map((s) => s.id));
      const unknown = input.connections.findIndex((c) => c !== null && stepDown && !found.has(c));
      if (unknown >= 0)
        throw new ValidationError([
          {
            text: 'A community directory service you picked has been withdrawn or removed. Search for it again',
            href: '#connections',
          },
        ]);

      const followed = whatFollowedOptions.find((o) => o.key === input.whatFollowed)!;
      const outcome = closingOutcomes(input.route, followed.key).service;
      const closedOn = input.closedOn!;
      await advance(tx, ctx.actor, episode, {
        status: 'closed',
        closed_at: new Date(),
        closed_on: closedOn,
        closed_by: actorId(ctx.actor),
        close_route: input.route,
        what_followed: followed.key,
        event_outcome: outcome,
        close_note: input.closeNote,
        step_up_reason: input.route === 'step_up' ? input.stepUpReason : null,
        plan_reviewed: stepDown ? input.planReviewed === 'yes' : null,
      });
      if (stepDown) await repo.insertConnections(tx, ctx.actor, episode, connectionIds, input.connectionNote);
      await settleOpenServices(tx, ctx.actor, episode.id, closedOn, outcome);
      await syncEpisodeEvents(tx, ctx.actor, episode.id);
      // Stepping up opens the tier 3 request; the episode's own Request event (as the sync just left
      // it) is its CLD request, so no second one is written.
      if (input.route === 'step_up')
        await openAssessmentRequest(tx, ctx, {
          personId: episode.person_id,
          patchId: episode.patch_id,
          kind: 'care_needs',
          cameFrom: 'crisis_step_up',
          source: { module: 'crisis', id: episode.id },
          reason: input.stepUpReason ?? 'Stepped up from a crisis episode',
          receivedOn: closedOn,
          requestEventId: (await findEpisode(tx, episode.id))?.cld_request_event_id ?? null,
        });
      return { result: undefined, action: 'crisis-episode.close' };
    });
  }
}
