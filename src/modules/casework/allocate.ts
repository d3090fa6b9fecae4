import type { Tx } from '../../platform/db/scope.js';
import type { Actor } from '../../platform/access/roles.js';
import { writeAudit } from '../../platform/audit/audit.js';
import { ConflictError, ValidationError } from '../../platform/http/errors.js';
import type { RequestContext } from '../../platform/http/context.js';
import { workSources } from './work-sources.js';
import { addHistory, saveAllocation } from './repository.js';
import type { WorkItem } from './open-work.js';
import type { AllocateInput } from './schema.js';
import type { AllocationAction } from './tables.js';
import type { Worker } from './service.js';

export const STALE_ALLOCATION =
  'Someone else changed who holds this work while you were looking. Check who holds it now.';

const AUDIT_ACTIONS: Record<AllocationAction, string> = {
  allocate: 'work-allocation.allocate',
  transfer: 'work-allocation.transfer',
  return: 'work-allocation.return',
};

/** From nobody to someone is an allocation; from someone to someone else a transfer; back to nobody a return. */
export function actionFor(from: string | null, to: string | null): AllocationAction {
  if (to === null) return 'return';
  return from === null ? 'allocate' : 'transfer';
}

/**
 * Give the work to the chosen worker of its team (or back to the team's queue), refusing a choice
 * outside the team, a change to nothing, and a change made since the manager looked (409, saying who
 * holds it now). The allocation, its history and the audit entry are written together or not at all.
 */
export async function allocateWork(
  tx: Tx,
  ctx: RequestContext,
  item: WorkItem,
  input: AllocateInput,
  workers: Worker[],
): Promise<WorkItem> {
  const nameOf = (id: string | null) =>
    id === null
      ? 'Nobody (the team’s unallocated queue)'
      : (workers.find((w) => w.id === id)?.display_name ?? 'Someone else');
  if (input.version !== item.version) {
    throw new ConflictError(STALE_ALLOCATION, [
      { field: 'Held by', yours: nameOf(input.heldBy), theirs: nameOf(item.workerId) },
    ]);
  }
  if (input.workerId !== null && !workers.some((w) => w.id === input.workerId)) {
    throw new ValidationError([{ text: 'Choose a worker from this team', href: '#workerId' }]);
  }
  if (input.workerId === item.workerId) {
    const text = item.workerId
      ? `${nameOf(item.workerId)} already holds this work`
      : 'This work is already in the queue';
    throw new ValidationError([{ text, href: '#workerId' }]);
  }
  const source = workSources().find((s) => s.kind === item.kind);
  const saved = source?.allocate
    ? await source.allocate(tx, ctx.actor, item.workId, input.workerId, item.version)
    : await saveAllocation(tx, ctx.actor, {
        kind: item.kind,
        workId: item.workId,
        personId: item.person.id,
        teamId: item.teamId,
        workerId: input.workerId,
        version: item.version,
      });
  if (!saved) throw new ConflictError(STALE_ALLOCATION);
  const action = actionFor(item.workerId, input.workerId);
  await addHistory(tx, ctx.actor, {
    kind: item.kind,
    workId: item.workId,
    personId: item.person.id,
    action,
    fromWorkerId: item.workerId,
    toWorkerId: input.workerId,
    note: input.note,
  });
  await writeAudit(tx, ctx, [
    {
      action: AUDIT_ACTIONS[action],
      resourceType: 'work_allocation',
      resourceId: item.workId,
      personId: item.person.id,
    },
  ]);
  return { ...item, workerId: input.workerId, version: item.version + 1 };
}

/**
 * For a source that holds its own allocation (a crisis episode's lead worker), when its own pages
 * change the holder — at referral or triage — so the work's history stays whole. In the caller's
 * transaction; nothing when the holder did not change.
 */
export async function recordAllocationChange(
  tx: Tx,
  actor: Actor,
  change: {
    kind: string;
    workId: string;
    personId: string;
    fromWorkerId: string | null;
    toWorkerId: string | null;
    note: string;
  },
): Promise<void> {
  if (change.fromWorkerId === change.toWorkerId) return;
  await addHistory(tx, actor, { ...change, action: actionFor(change.fromWorkerId, change.toWorkerId) });
}
