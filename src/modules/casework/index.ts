import type { FastifyInstance } from 'fastify';
import { addRecordSection } from '../people/index.js';
import { registerCaseworkPages } from './routes.js';
import { allocatedWorkerSection } from './record-section.js';

/**
 * Casework: who holds each open piece of work (a request, an assessment, a plan, a crisis episode, a
 * budget awaiting sign-off), each worker's caseload and worklist, each team's unallocated queue, and
 * the history of every allocation and transfer. The work itself stays with the module that owns it,
 * which registers a work source here.
 */
export { addWorkSource, type OpenWork, type WorkDue, type WorkQuery, type WorkSource } from './work-sources.js';
export type { WorkAllocationRow, WorkAllocationHistoryRow } from './tables.js';
export { recordAllocationChange } from './allocate.js';

const recordSection = { policy: 'casework.read' as const, load: allocatedWorkerSection };

export function registerCaseworkModule(app: FastifyInstance): void {
  registerCaseworkPages(app);
  addRecordSection(recordSection);
}
