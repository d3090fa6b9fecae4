import { sql } from 'kysely';
import type { Tx } from '../../platform/db/scope.js';
import { actorId, type Actor } from '../../platform/access/roles.js';
import type { AllocationAction, WorkAllocationRow } from './tables.js';

/** The casework module's SQL. Row-level security keeps every statement to the council in scope. */

export const allocationKey = (kind: string, workId: string) => `${kind}:${workId}`;

/** The allocations of these pieces of work, by allocationKey. */
export async function allocationsOf(tx: Tx, workIds: readonly string[]): Promise<Map<string, WorkAllocationRow>> {
  if (workIds.length === 0) return new Map();
  const rows = await tx
    .selectFrom('work_allocation')
    .selectAll()
    .where('work_id', 'in', [...new Set(workIds)])
    .execute();
  return new Map(rows.map((r) => [allocationKey(r.kind, r.work_id), r]));
}

/** Everything casework holds as allocated to one worker (some of it may since have closed). */
export async function allocationsOfWorker(tx: Tx, workerId: string): Promise<WorkAllocationRow[]> {
  return tx.selectFrom('work_allocation').selectAll().where('worker_id', '=', workerId).execute();
}

export interface AllocationChange {
  kind: string;
  workId: string;
  personId: string;
  teamId: string | null;
  workerId: string | null;
  /** The version the manager saw: 0 when the work had never been allocated. */
  version: number;
}

/** Save who holds the work if nobody changed it since `version`; false when someone did. */
export async function saveAllocation(tx: Tx, actor: Actor, change: AllocationChange): Promise<boolean> {
  const values = {
    team_id: change.teamId,
    worker_id: change.workerId,
    allocated_at: new Date(),
    allocated_by: actorId(actor),
  };
  if (change.version === 0) {
    const inserted = await tx
      .insertInto('work_allocation')
      .values({ org_id: actor.orgId, kind: change.kind, work_id: change.workId, person_id: change.personId, ...values })
      .onConflict((oc) => oc.columns(['org_id', 'kind', 'work_id']).doNothing())
      .returning('id')
      .executeTakeFirst();
    return inserted !== undefined;
  }
  const updated = await tx
    .updateTable('work_allocation')
    .set({ ...values, version: sql<number>`version + 1` })
    .where('kind', '=', change.kind)
    .where('work_id', '=', change.workId)
    .where('version', '=', change.version)
    .returning('id')
    .executeTakeFirst();
  return updated !== undefined;
}

export interface HistoryInput {
  kind: string;
  workId: string;
  personId: string;
  action: AllocationAction;
  fromWorkerId: string | null;
  toWorkerId: string | null;
  note: string | null;
}

export async function addHistory(tx: Tx, actor: Actor, entry: HistoryInput): Promise<void> {
  await tx
    .insertInto('work_allocation_history')
    .values({
      org_id: actor.orgId,
      kind: entry.kind,
      work_id: entry.workId,
      person_id: entry.personId,
      action: entry.action,
      from_worker_id: entry.fromWorkerId,
      to_worker_id: entry.toWorkerId,
      note: entry.note,
      created_by: actorId(actor),
    })
    .execute();
}

/** A piece of work's allocation history, newest first, with the names of the staff involved. */
export async function historyOf(tx: Tx, kind: string, workId: string) {
  return tx
    .selectFrom('work_allocation_history as h')
    .leftJoin('staff_user as f', 'f.id', 'h.from_worker_id')
    .leftJoin('staff_user as t', 't.id', 'h.to_worker_id')
    .leftJoin('staff_user as b', 'b.id', 'h.created_by')
    .select([
      'h.id',
      'h.action',
      'h.note',
      'h.created_at',
      'f.display_name as from_name',
      't.display_name as to_name',
      'b.display_name as by_name',
    ])
    .where('h.kind', '=', kind)
    .where('h.work_id', '=', workId)
    .orderBy('h.created_at', 'desc')
    .orderBy('h.id')
    .execute();
}

export type HistoryEntry = Awaited<ReturnType<typeof historyOf>>[number];
