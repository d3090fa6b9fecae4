import type { Tx } from '../../platform/db/scope.js';
import { caseworkers } from '../../platform/db/staff.js';
import type { RecordSection } from '../people/index.js';
import { personWork } from './open-work.js';
import { workHref } from './presenters.js';

/**
 * "Allocated worker" on the person's record: each piece of their open work and who holds it, or that
 * it waits in the team's queue. Loaded in the record's transaction, under its one audit entry.
 */
export async function allocatedWorkerSection(tx: Tx, personId: string): Promise<RecordSection> {
  const [work, staff] = await Promise.all([personWork(tx, personId), caseworkers(tx)]);
  const names = new Map(staff.map((s) => [s.id, s.display_name]));
  const holders = [...new Set(work.map((w) => w.workerId).filter((id): id is string => id !== null))];
  return {
    id: 'allocated-worker',
    heading: holders.length === 1 ? 'Allocated worker' : 'Allocated workers',
    items: work.map((w) => ({
      href: workHref(w.workId),
      text: w.workerId ? (names.get(w.workerId) ?? 'A former worker') : 'Not allocated yet',
      detail: `${w.what} (${w.label.toLowerCase()})`,
      tag: w.workerId ? undefined : { text: 'In the team’s queue', classes: 'govuk-tag--yellow' },
    })),
    empty: 'No open work, so no one is allocated.',
    actions: [{ href: '/caseload', text: 'My caseload', policy: 'casework.read' }],
  };
}
