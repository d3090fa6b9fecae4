import type { Tx } from '../../platform/db/scope.js';
import type { Actor } from '../../platform/access/roles.js';
import type { PlanContent, Situation } from './schema.js';

/**
 * The hand-off from a contingency plan to the crisis workspace (tier 2). Activating a plan saves an
 * activation record with a snapshot of what the plan said at that moment, then calls the registered
 * handler — inside the same transaction — so the crisis module can open an episode pre-filled from
 * the snapshot without asking the family again. If the handler throws, nothing is saved: a plan is
 * never half-activated. Until a handler is registered, the activation waits with status
 * 'awaiting_crisis_episode' and the pages say plainly what happens next.
 */

/** What the crisis team needs from the plan, frozen at the moment it was activated. */
export type ActivationSnapshot = Omit<PlanContent, 'situations' | 'reviewDate'> & {
  person: { id: string; name: string };
  planVersion: number;
  /** The situation that has happened, and what the plan says should happen. */
  situation: Situation;
  /** Every situation the plan covers, for context. */
  otherSituations: Situation[];
};

export interface ContingencyPlanActivation {
  id: string;
  orgId: string;
  personId: string;
  planId: string;
  planVersion: number;
  situationKey: string;
  note: string;
  activatedAt: Date;
  activatedBy: string;
  snapshot: ActivationSnapshot;
}

/** What the crisis module answers: the episode it opened, and where staff can see it. */
export interface CrisisEpisodeRef {
  episodeId: string;
  href: string;
  /** False when the activation joined the episode already open for the person (one episode at a time). */
  opened?: boolean;
}

export interface ActivationHandoff {
  /** The activation's own transaction (row-level security on, organisation set). */
  tx: Tx;
  actor: Actor;
  activation: ContingencyPlanActivation;
}

export type ActivationHandler = (handoff: ActivationHandoff) => Promise<CrisisEpisodeRef | null>;

let current: ActivationHandler | null = null;

/**
 * The crisis module registers the one handler that opens an episode from an activation. A later
 * registration replaces an earlier one (each app instance registers the same handler); the function
 * returned removes this handler again, if it is still the registered one.
 */
export function registerActivationHandler(handler: ActivationHandler): () => void {
  current = handler;
  return () => {
    if (current === handler) current = null;
  };
}

/** Hand the activation over, if anyone is listening; null means it waits for a crisis episode. */
export async function handOver(handoff: ActivationHandoff): Promise<CrisisEpisodeRef | null> {
  return current ? current(handoff) : null;
}
