import type { Tx } from '../../platform/db/scope.js';
import type { Actor } from '../../platform/access/roles.js';
import { caredForPeople, liveEventsFromSources, syncEventsFromSources } from '../people/index.js';
import { CRISIS_SOURCES, crisisCldEvents, type CrisisEpisodeFacts, type CrisisSupportFacts } from './cld-events.js';
import { findEpisode, listEpisodeSupport, setRequestEvent, setSupportEvent } from './repository.js';
import { londonParts } from './schema.js';
import type { CrisisEpisodeRow, CrisisServiceRow } from './tables.js';

const MODULES = Object.values(CRISIS_SOURCES);

export function supportFacts(s: CrisisServiceRow): CrisisSupportFacts {
  return {
    id: s.id,
    kind: s.kind,
    description: s.description,
    provider: s.provider,
    fromNetwork: s.relationship_id !== null,
    startsOn: s.starts_on,
    endsOn: s.ends_on,
    longTermServiceType: s.long_term ? s.service_type : null,
    longTermComponent: s.long_term ? s.service_component : null,
    cancelled: s.status === 'cancelled',
    decidedOn: londonParts(s.created_at).date,
  };
}

function episodeFacts(
  episode: CrisisEpisodeRow,
  support: CrisisServiceRow[],
  routeOfAccess: string,
  caresFor: readonly string[],
): CrisisEpisodeFacts {
  return {
    episodeId: episode.id,
    startsOn: episode.starts_on,
    routeOfAccess,
    referralReason: episode.referral_reason,
    caresFor,
    support: support.map(supportFacts),
    close:
      episode.status === 'closed'
        ? { closedOn: episode.closed_on!, route: episode.close_route!, whatFollowed: episode.what_followed! }
        : null,
  };
}

/** Why a crisis event is no longer called for (it stays, marked recorded in error). */
const droppedReason = (support: CrisisServiceRow[]) => (row: { source_id: string | null }) =>
  support.find((s) => s.id === row.source_id)?.status === 'cancelled'
    ? 'The support was cancelled before it started: it was never delivered'
    : 'The crisis record it came from was corrected: this event no longer applies';

/**
 * Bring the episode's CLD events in line with what its record now says (cld-events.ts decides
 * what that is). Called at the end of every write to an episode, in the same transaction. The route
 * of access is the request's own (given when the episode opens, read back from its event after).
 */
export async function syncEpisodeEvents(
  tx: Tx,
  actor: Actor,
  episodeId: string,
  opening?: { routeOfAccess: string },
): Promise<void> {
  const episode = (await findEpisode(tx, episodeId))!;
  const support = await listEpisodeSupport(tx, episode.id);
  const existing = await liveEventsFromSources(tx, episode.person_id, MODULES, [
    episode.id,
    ...support.map((s) => s.id),
  ]);
  const request = existing.find((e) => e.source_module === CRISIS_SOURCES.request);
  const routeOfAccess = opening?.routeOfAccess ?? request?.route_of_access;
  if (!routeOfAccess) throw new Error(`crisis episode ${episode.id} has no request event to take its route from`);
  const caresFor = await caredForPeople(tx, episode.person_id);
  const wanted = crisisCldEvents(episodeFacts(episode, support, routeOfAccess, caresFor));
  const ids = await syncEventsFromSources(tx, actor, episode.person_id, existing, wanted, droppedReason(support));
  const requestId = ids.get(`${CRISIS_SOURCES.request}:${episode.id}`)!;
  if (episode.cld_request_event_id !== requestId) await setRequestEvent(tx, episode.id, requestId);
  for (const s of support) {
    const eventId = ids.get(`${CRISIS_SOURCES.support}:${s.id}`) ?? null;
    if (s.cld_event_id !== eventId) await setSupportEvent(tx, s.id, eventId);
  }
}
