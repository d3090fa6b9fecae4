import type { Kysely } from 'kysely';
import type { DB } from '../../platform/db/schema.js';
import { withOrg } from '../../platform/db/scope.js';
import { patchTeams } from '../../platform/db/teams.js';
import { writeAudit } from '../../platform/audit/audit.js';
import type { RequestContext } from '../../platform/http/context.js';
import { findVisiblePeople, type PersonListing } from '../people/index.js';
import { waitingRequests } from './requests-repository.js';
import type { AssessmentRequestRow } from './tables.js';

/** Requests shown on one page of the worklist (GOV.UK pagination beyond it). */
export const WAITING_PAGE_SIZE = 50;

export interface WaitingRow {
  request: AssessmentRequestRow;
  person: PersonListing;
  patchName: string | null;
}

export interface WaitingList {
  rows: WaitingRow[];
  /** Every waiting request the viewer may see in the patch, not just this page's. */
  total: number;
  page: number;
  pageCount: number;
  patches: { id: string; name: string }[];
  patchId: string | null;
}

/**
 * Requests waiting for an assessment, oldest first (the longest wait at the top), in one patch or all.
 * Only people the viewer may see are counted and listed; the page is audited as one listing entry
 * naming the people on it (not those on other pages, whom the viewer has not seen).
 */
export async function waitingForAssessment(
  db: Kysely<DB>,
  ctx: RequestContext,
  opts: { patchId: string | null; page: number },
): Promise<WaitingList> {
  return withOrg(db, ctx.actor.orgId, async (tx) => {
    const patches = await patchTeams(tx);
    const shownPatchId = patches.some((p) => p.id === opts.patchId) ? opts.patchId : null;
    const waiting = await waitingRequests(tx, shownPatchId);
    const people = await findVisiblePeople(
      tx,
      ctx.actor,
      waiting.map((w) => w.person_id),
    );
    const visible = waiting.filter((w) => people.has(w.person_id));
    const pageCount = Math.max(1, Math.ceil(visible.length / WAITING_PAGE_SIZE));
    const page = Math.min(Math.max(1, opts.page), pageCount);
    const patchNames = new Map(patches.map((p) => [p.id, p.name]));
    const rows = visible.slice((page - 1) * WAITING_PAGE_SIZE, page * WAITING_PAGE_SIZE).map((request) => ({
      request,
      person: people.get(request.person_id)!,
      patchName: request.patch_id ? (patchNames.get(request.patch_id) ?? null) : null,
    }));
    await writeAudit(tx, ctx, [
      {
        action: 'assessment-waiting.list',
        resourceType: 'assessment_waiting_list',
        resourceId: shownPatchId ?? 'all',
        personIds: rows.map((r) => r.person.id),
      },
    ]);
    return { rows, total: visible.length, page, pageCount, patches, patchId: shownPatchId };
  });
}
