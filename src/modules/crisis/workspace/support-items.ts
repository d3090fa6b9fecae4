import type { Kysely } from 'kysely';
import type { DB } from '../../../platform/db/schema.js';
import type { Tx } from '../../../platform/db/scope.js';
import type { Actor } from '../../../platform/access/roles.js';
import type { CrisisServiceRow } from '../tables.js';
import type { RequestContext } from '../../../platform/http/context.js';
import { ConflictError, NotFoundError } from '../../../platform/http/errors.js';
import { parseOrThrow } from '../../../platform/http/validation.js';
import { formatDate } from '../../../platform/views/format.js';
import { todayInLondon } from '../../../platform/dates.js';
import { syncEpisodeEvents } from '../cld-sync.js';
import * as repo from './workspace-repository.js';
import { advance, episodeTransaction } from './workspace-service.js';
import {
  changeServiceFormInput,
  changeServiceSchema,
  endServiceFormInput,
  endServiceSchema,
} from './support-schema.js';

type Body = Record<string, unknown>;

/**
 * Support that never started is cancelled, not ended: an end date before (or on) a start that never
 * happened would claim a day of support. The row stays, for the record; the episode's event sync
 * then marks its CLD Service event recorded in error (never deleted), because a service never
 * delivered is not one to report.
 */
export async function cancelService(tx: Tx, actor: Actor, service: CrisisServiceRow, on: string): Promise<void> {
  await repo.updateService(tx, actor, service.id, { status: 'cancelled', cancelled_on: on });
}

/**
 * Closing settles every open short-term item: one that has started ends with the episode (its own
 * earlier or later end date stands), one that starts after the closing date is cancelled; each takes
 * the closing outcome. Long-term support a manager agreed is not ended: it goes on after the crisis.
 */
export async function settleOpenServices(tx: Tx, actor: Actor, episodeId: string, closedOn: string, outcome: string) {
  for (const service of await repo.listOpenServices(tx, episodeId)) {
    if (service.long_term) continue;
    if (service.starts_on > closedOn) await cancelService(tx, actor, service, closedOn);
    else await repo.updateService(tx, actor, service.id, { ends_on: service.ends_on ?? closedOn, outcome });
  }
}

/** An item that can still be ended or corrected: this episode's, and not cancelled. */
async function changeableService(tx: Tx, episodeId: string, serviceId: string): Promise<CrisisServiceRow> {
  const service = await repo.findService(tx, episodeId, serviceId);
  if (!service) throw new NotFoundError();
  if (service.status === 'cancelled')
    throw new ConflictError(
      `This support was cancelled on ${formatDate(service.cancelled_on!)}: it did not go ahead. Nothing has been changed.`,
    );
  return service;
}

/** Ending and correcting support already put in: each a new version of the item, its CLD event in step. */
export class SupportItemService {
  constructor(private readonly db: Kysely<DB>) {}

  /** What the end and change forms show: the episode, its person and the item. */
  async form(ctx: RequestContext, episodeId: string, serviceId: string) {
    return episodeTransaction(this.db, ctx, episodeId, null, async (tx, episode, person) => {
      const service = await repo.findService(tx, episode.id, serviceId);
      if (!service) throw new NotFoundError();
      return { result: { episode, person, service }, action: 'crisis-episode.view' };
    });
  }

  /** "End this support": it ended on a date, or it did not go ahead (cancelled). */
  async end(ctx: RequestContext, episodeId: string, serviceId: string, body: Body): Promise<void> {
    return episodeTransaction(this.db, ctx, episodeId, { body }, async (tx, episode) => {
      const service = await changeableService(tx, episode.id, serviceId);
      const input = parseOrThrow(endServiceSchema(service.starts_on), endServiceFormInput(body));
      if (input.ending === 'cancelled') {
        await cancelService(tx, ctx.actor, service, todayInLondon().toString());
      } else {
        await repo.updateService(tx, ctx.actor, service.id, { ends_on: input.endsOn });
      }
      await advance(tx, ctx.actor, episode);
      await syncEpisodeEvents(tx, ctx.actor, episode.id);
      return {
        result: undefined,
        action: input.ending === 'cancelled' ? 'crisis-episode.service-cancel' : 'crisis-episode.service-end',
      };
    });
  }

  /** "Change": correct what the support is, who provides it and its dates. */
  async change(ctx: RequestContext, episodeId: string, serviceId: string, body: Body): Promise<void> {
    return episodeTransaction(this.db, ctx, episodeId, { body }, async (tx, episode) => {
      const service = await changeableService(tx, episode.id, serviceId);
      const input = parseOrThrow(changeServiceSchema(episode.starts_on), changeServiceFormInput(body));
      await repo.updateService(tx, ctx.actor, service.id, {
        description: input.description,
        provider: input.provider,
        starts_on: input.startsOn!,
        ends_on: input.endsOn,
      });
      await advance(tx, ctx.actor, episode);
      await syncEpisodeEvents(tx, ctx.actor, episode.id);
      return { result: undefined, action: 'crisis-episode.service-change' };
    });
  }
}
