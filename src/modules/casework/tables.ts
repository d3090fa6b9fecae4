import type { ColumnType, Generated, Selectable } from 'kysely';

/**
 * Kysely types for the casework module's tables (migrations/0027_work_allocation.ts). They join the
 * platform's `DB` by declaration merging, as every module's tables do.
 */
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;

export type AllocationAction = 'allocate' | 'transfer' | 'return';

export interface WorkAllocationTable {
  id: Generated<string>;
  org_id: string;
  /** The work source's kind ('assessment-request', 'support-plan', …). */
  kind: string;
  work_id: string;
  person_id: string;
  team_id: string | null;
  /** Null: the work waits in its team's unallocated queue. */
  worker_id: string | null;
  allocated_at: Timestamp;
  allocated_by: string | null;
  version: Generated<number>;
}

export interface WorkAllocationHistoryTable {
  id: Generated<string>;
  org_id: string;
  kind: string;
  work_id: string;
  person_id: string;
  action: AllocationAction;
  from_worker_id: string | null;
  to_worker_id: string | null;
  note: string | null;
  created_at: Timestamp;
  created_by: string | null;
}

export type WorkAllocationRow = Selectable<WorkAllocationTable>;
export type WorkAllocationHistoryRow = Selectable<WorkAllocationHistoryTable>;

declare module '../../platform/db/schema.js' {
  interface DB {
    work_allocation: WorkAllocationTable;
    work_allocation_history: WorkAllocationHistoryTable;
  }
}
