import { todayInLondon } from '../../platform/dates.js';
import type { WorkItem } from './open-work.js';
import type { HistoryEntry } from './repository.js';
import type { Worker } from './service.js';
import { TEAM_QUEUE } from './schema.js';

export const workHref = (workId: string) => `/casework/work/${workId}`;

const ACTION_WORDS = { allocate: 'Allocated', transfer: 'Transferred', return: 'Returned to the queue' } as const;

/** A row of a caseload or queue: who, what, since when, what is due (and whether it is late). */
export function workRow(item: WorkItem, workers: Map<string, string> = new Map()) {
  const today = todayInLondon().toString();
  return {
    person: item.person,
    label: item.label,
    what: item.what,
    since: item.since,
    due: item.due,
    overdue: Boolean(item.due?.on && item.due.on < today),
    href: item.href,
    allocationHref: workHref(item.workId),
    heldBy: item.workerId ? (workers.get(item.workerId) ?? 'Another worker') : null,
  };
}

/** The allocate form's choices: each worker of the team, then the team's queue; the current holder checked. */
export function workerChoices(workers: Worker[], heldBy: string | null, chosen?: unknown) {
  const pick = typeof chosen === 'string' && chosen ? chosen : (heldBy ?? TEAM_QUEUE);
  return [
    ...workers.map((w) => ({
      value: w.id,
      text: w.display_name,
      hint: w.id === heldBy ? { text: 'Holds this work now' } : undefined,
      checked: pick === w.id,
    })),
    { divider: 'or' },
    { value: TEAM_QUEUE, text: 'Leave it in the team’s unallocated queue', checked: pick === TEAM_QUEUE },
  ];
}

export function historyRow(entry: HistoryEntry) {
  return {
    when: entry.created_at,
    what: ACTION_WORDS[entry.action as keyof typeof ACTION_WORDS] ?? entry.action,
    from: entry.from_name ?? 'The team’s queue',
    to: entry.to_name ?? 'The team’s queue',
    by: entry.by_name ?? 'Unknown',
    note: entry.note,
  };
}
