import type { Tx } from '../../platform/db/scope.js';
import type { Actor } from '../../platform/access/roles.js';
import type { PolicyName } from '../../platform/access/policies.js';

/**
 * Open work is pulled from the modules that own it, never copied: each registers a work source
 * through casework's front door (index.ts) from its own index.ts. Casework keeps only who holds each
 * piece of work (work_allocation) — except for a source that already records that itself (a crisis
 * episode's lead worker), which says so with `allocation` and `allocate`, so there is one truth.
 */

/** What is due on a piece of work, and by when ('YYYY-MM-DD'; null when nothing dated is due). */
export interface WorkDue {
  text: string;
  on: string | null;
}

/** One open piece of work, as its owning module describes it. */
export interface OpenWork {
  workId: string;
  personId: string;
  /** The patch team whose queue it waits in; null when the owner does not know (the person's patch is used). */
  teamId: string | null;
  /** What it is, in plain words ("Assessment in progress"). */
  what: string;
  /** When it began ('YYYY-MM-DD'). */
  since: string;
  due: WorkDue | null;
  /** Where to work on it. */
  href: string;
  /** Only for a source that holds its own allocation: who holds it and the version that guards changing it. */
  allocation?: { workerId: string | null; version: number };
}

/** Which open work to list: all of it, or only these ids. */
export interface WorkQuery {
  workIds?: readonly string[];
  personId?: string;
}

export interface WorkSource {
  /** A short, stable name stored with each allocation ('assessment-request'). */
  kind: string;
  /** What this kind of work is called in lists ("Requests waiting for an assessment"). */
  label: string;
  /** Who may see this kind of work: it is left out of caseloads and queues for anyone else. */
  policy: PolicyName;
  listOpen(tx: Tx, query: WorkQuery): Promise<OpenWork[]>;
  /**
   * Only for a source that holds its own allocation: give the work to `workerId` (null: back to the
   * queue) if it is still at `version`; false when someone changed it first.
   */
  allocate?(tx: Tx, actor: Actor, workId: string, workerId: string | null, version: number): Promise<boolean>;
}

const sources: WorkSource[] = [];

export function addWorkSource(source: WorkSource): void {
  if (sources.some((s) => s.kind === source.kind)) return;
  sources.push(source);
}

export function workSources(): readonly WorkSource[] {
  return sources;
}
