import type { FastifyInstance } from 'fastify';
import type { Tx } from '../../../platform/db/scope.js';
import type { Actor } from '../../../platform/access/roles.js';
import { writeAudit } from '../../../platform/audit/audit.js';
import {
  acknowledgeOpenAlertsFor,
  onPartnerEvent,
  type PartnerEventMatched,
  eventTypeLabels,
  label,
  triggerDescription,
} from '../../early-identification/index.js';
import { personPatchId } from '../../people/index.js';
import {
  registerActivationHandler,
  type ActivationHandoff,
  type CrisisEpisodeRef,
} from '../../contingency-plans/index.js';
import { crisisSettings } from '../settings.js';
import { mostUrgent, openEpisode } from '../service.js';
import * as repo from '../repository.js';
import { episodeHref } from '../presenters.js';
import { isOwnTeam } from '../../../platform/db/teams.js';
import { isOwnCaseworker } from '../../../platform/db/staff.js';

/**
 * Episodes that open without a referral form: from a partner event that raised an alert on the
 * early-identification register (S1: Harold's admission alerts Edna's entry, so Edna's episode
 * opens), and from an activated contingency plan (pre-filled, so nobody asks the family again).
 * Both run inside the transaction of what triggered them: if the episode cannot open, neither is
 * the event matched nor the plan activated, so nothing is half-done.
 */

const ROUTE_COMMUNITY = 'Community / Other route';
const ROUTE_HOSPITAL_DISCHARGE = 'Discharge from Hospital';

async function patchOrNull(tx: Tx, patchId: string | null): Promise<string | null> {
  if (!patchId) return null;
  return (await isOwnTeam(tx, patchId, { patchOnly: true })) ? patchId : null;
}

/**
 * Who the event puts in crisis. An alert means someone on the register asked to be watched for
 * exactly this; the unique source index allows one episode per event, so an alert on someone other
 * than the event's subject wins (the subject is the one in hospital, the person left at home is the
 * one in crisis). With no alert, only a carer breakdown is a crisis in itself; an admission,
 * discharge or fall of someone not on the register is left to the hospital and the usual front door.
 */
function crisisTarget({ event, personId, alerts }: PartnerEventMatched) {
  const alert = alerts.find((a) => a.person_id !== personId) ?? alerts[0];
  if (alert) return { personId: alert.person_id, patchId: alert.patch_id, triggerId: alert.trigger_id };
  if (event.event_type === 'carer_breakdown') return { personId, patchId: null, triggerId: null };
  return null;
}

export async function openFromPartnerEvent(tx: Tx, matched: PartnerEventMatched, actor: Actor): Promise<void> {
  const target = crisisTarget(matched);
  if (!target) return;
  const { event } = matched;
  const trigger = target.triggerId ? await triggerDescription(tx, target.triggerId) : undefined;
  const aboutSomeoneElse = target.personId !== matched.personId;
  const reason = [
    `${label(eventTypeLabels, event.event_type)}${aboutSomeoneElse ? ' (someone they depend on)' : ''}, reported by ${event.source_organisation}.`,
    event.details,
    trigger ? `Early-identification trigger: ${trigger}` : null,
  ]
    .filter(Boolean)
    .join(' ');
  await openEpisode(tx, actor, {
    personId: target.personId,
    source: 'partner_event',
    sourceId: event.id,
    referredBy: event.source_organisation,
    referralReason: reason.slice(0, 2000),
    referredAt: new Date(),
    urgencyKey: mostUrgent(await crisisSettings(tx)).key,
    patchId: await patchOrNull(tx, target.patchId ?? (await personPatchId(tx, target.personId))),
    leadWorkerId: null,
    routeOfAccess: !aboutSomeoneElse && event.event_type === 'discharge' ? ROUTE_HOSPITAL_DISCHARGE : ROUTE_COMMUNITY,
  });
}

/** The member of staff who activated the plan leads the episode when they are someone who can. */
async function activatorAsLead(tx: Tx, actor: Actor): Promise<string | null> {
  if (actor.kind !== 'user') return null;
  return (await isOwnCaseworker(tx, actor.userId)) ? actor.userId : null;
}

export async function openFromActivation({ tx, actor, activation }: ActivationHandoff): Promise<CrisisEpisodeRef> {
  const { snapshot } = activation;
  const wants = snapshot.wants ?? '';
  const goals = snapshot.situation.whatShouldHappen ? [snapshot.situation.whatShouldHappen] : [];
  const actions = snapshot.helpers.map((h) => ({
    description: h.does,
    who: h.phone ? `${h.name} (${h.phone})` : h.name,
  }));
  const { episode, opened } = await openEpisode(tx, actor, {
    personId: activation.personId,
    source: 'plan_activation',
    sourceId: activation.id,
    referredBy: `${actor.displayName} (contingency plan activated)`,
    referralReason: `${snapshot.situation.situation}. ${activation.note}`.slice(0, 2000),
    referredAt: activation.activatedAt,
    urgencyKey: mostUrgent(await crisisSettings(tx)).key,
    patchId: await patchOrNull(tx, await personPatchId(tx, activation.personId)),
    leadWorkerId: await activatorAsLead(tx, actor),
    routeOfAccess: ROUTE_COMMUNITY,
    wants,
    goals,
    prefill: snapshot,
    actions,
  });
  // An episode already open for the person: the activation joins it rather than opening another.
  // S1: the hospital's call opened it before the plan was activated, so it takes the plan's content
  // now (unless an earlier activation already gave it some), and nobody asks the family again.
  if (!opened && episode.status === 'open' && episode.prefill === null) {
    await repo.prefillEpisode(tx, actor, episode, { prefill: snapshot, wants, goals });
    await repo.insertActions(tx, actor, episode.id, actions);
    await writeAudit(tx, { actor }, [
      {
        action: 'crisis-episode.prefill',
        resourceType: 'crisis_episode',
        resourceId: episode.id,
        personId: episode.person_id,
      },
    ]);
  }
  await acknowledgeOpenAlertsFor(tx, { actor }, activation.personId, 'Contingency plan activated: crisis work started');
  return { episodeId: episode.id, href: episodeHref(episode.id), opened };
}

/** Once per app: the partner-event listener belongs to this app, the activation handler is one for the process. */
export function registerCrisisHandoffs(app: FastifyInstance): void {
  onPartnerEvent(app, openFromPartnerEvent);
  // A handler of this app's own, so closing an older app never removes a newer app's registration.
  const unregister = registerActivationHandler((handoff) => openFromActivation(handoff));
  app.addHook('onClose', async () => unregister());
}
