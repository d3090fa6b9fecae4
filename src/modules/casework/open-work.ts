import type { Tx } from '../../platform/db/scope.js';
import type { Actor } from '../../platform/access/roles.js';
import { authorize } from '../../platform/access/authorize.js';
import { todayInLondon } from '../../platform/dates.js';
import { findVisiblePeople, type PersonListing } from '../people/index.js';
import { workSources, type OpenWork, type WorkSource } from './work-sources.js';
import { allocationKey, allocationsOf, allocationsOfWorker } from './repository.js';

/** A piece of open work with who holds it: what every casework page lists. */
export interface WorkItem extends OpenWork {
  kind: string;
  label: string;
  person: PersonListing;
  workerId: string | null;
  /** The version an allocate or transfer form sends back (0: never allocated). */
  version: number;
  /** Whether the work's source holds its own allocation (a crisis episode's lead worker). */
  ownAllocation: boolean;
}

/** Which work to gather: everything open, one worker's, one person's, or one piece. */
export type Gather = { all: true } | { workerId: string } | { personId: string } | { workId: string };

function sourcesFor(actor: Actor): readonly WorkSource[] {
  return workSources().filter((s) => authorize(actor, s.policy) === 'allow');
}

/** Ask each source the actor may see for its open work, as narrowly as `gather` allows. */
async function openWorkFrom(tx: Tx, actor: Actor, gather: Gather) {
  const sources = sourcesFor(actor);
  const mine = 'workerId' in gather ? await allocationsOfWorker(tx, gather.workerId) : [];
  const lists = await Promise.all(
    sources.map(async (source) => {
      if ('workId' in gather) return { source, items: await source.listOpen(tx, { workIds: [gather.workId] }) };
      if ('personId' in gather) return { source, items: await source.listOpen(tx, { personId: gather.personId }) };
      if ('workerId' in gather && !source.allocate) {
        const ids = mine.filter((a) => a.kind === source.kind).map((a) => a.work_id);
        return { source, items: ids.length ? await source.listOpen(tx, { workIds: ids }) : [] };
      }
      return { source, items: await source.listOpen(tx, {}) };
    }),
  );
  return lists.flatMap(({ source, items }) => items.map((item) => ({ source, item })));
}

/**
 * Open work with who holds it, among the people the actor may see: each source's own allocation when
 * it keeps one, else casework's (no row: the team's unallocated queue). Work a source leaves without a
 * team waits in the person's patch.
 */
export async function gatherWork(tx: Tx, actor: Actor, gather: Gather): Promise<WorkItem[]> {
  const found = await openWorkFrom(tx, actor, gather);
  const allocations = await allocationsOf(
    tx,
    found.map((f) => f.item.workId),
  );
  const people = await findVisiblePeople(
    tx,
    actor,
    found.map((f) => f.item.personId),
  );
  const items: WorkItem[] = [];
  for (const { source, item } of found) {
    const person = people.get(item.personId);
    if (!person) continue;
    const row = allocations.get(allocationKey(source.kind, item.workId));
    const held = item.allocation ?? { workerId: row?.worker_id ?? null, version: row?.version ?? 0 };
    items.push({
      ...item,
      kind: source.kind,
      label: source.label,
      person,
      teamId: item.teamId ?? row?.team_id ?? person.patchId,
      workerId: held.workerId,
      version: held.version,
      ownAllocation: Boolean(source.allocate),
    });
  }
  const wanted = 'workerId' in gather ? items.filter((i) => i.workerId === gather.workerId) : items;
  return wanted.sort(byUrgency(todayIso()));
}

function todayIso(): string {
  return todayInLondon().toString();
}

/** Overdue work first (longest overdue at the top), then the oldest. */
export function byUrgency(today: string) {
  const overdue = (i: OpenWork) => (i.due?.on && i.due.on < today ? i.due.on : null);
  return (a: OpenWork, b: OpenWork): number => {
    const [oa, ob] = [overdue(a), overdue(b)];
    if (oa && ob) return oa.localeCompare(ob);
    if (oa || ob) return oa ? -1 : 1;
    return a.since.localeCompare(b.since) || a.workId.localeCompare(b.workId);
  };
}

/**
 * One person's open work and who holds each piece, for their record (whose page has already
 * checked that the viewer may see them and audits the view): every source, no listing filter.
 */
export async function personWork(tx: Tx, personId: string) {
  const found = (
    await Promise.all(
      workSources().map(async (source) => (await source.listOpen(tx, { personId })).map((item) => ({ source, item }))),
    )
  ).flat();
  const allocations = await allocationsOf(
    tx,
    found.map((f) => f.item.workId),
  );
  return found.map(({ source, item }) => ({
    ...item,
    kind: source.kind,
    label: source.label,
    workerId: item.allocation?.workerId ?? allocations.get(allocationKey(source.kind, item.workId))?.worker_id ?? null,
  }));
}
