import type { Kysely } from 'kysely';
import type { DB } from '../../platform/db/schema.js';
import { withOrg } from '../../platform/db/scope.js';
import { patchTeams } from '../../platform/db/teams.js';
import { writeAudit } from '../../platform/audit/audit.js';
import type { RequestContext } from '../../platform/http/context.js';
import { findVisiblePeople, type PersonListing } from '../people/index.js';
import { readAssessmentSources, type WaitingForAssessment } from './sources.js';

export interface WaitingRow extends WaitingForAssessment {
  person: PersonListing;
  patchName: string | null;
}

export interface WaitingList {
  rows: WaitingRow[];
  patches: { id: string; name: string }[];
  patchId: string | null;
}

/**
 * Everyone waiting for a tier 3 assessment, longest wait first, in one patch or all of them. Only
 * people the viewer may see are listed, and the view is audited as one listing entry naming them.
 */
export async function waitingForAssessment(
  db: Kysely<DB>,
  ctx: RequestContext,
  patchId: string | null,
): Promise<WaitingList> {
  return withOrg(db, ctx.actor.orgId, async (tx) => {
    const [patches, waiting] = await Promise.all([patchTeams(tx), readAssessmentSources(tx)]);
    const shownPatchId = patches.some((p) => p.id === patchId) ? patchId : null;
    const inPatch = waiting.filter((w) => shownPatchId === null || w.patchId === shownPatchId);
    const people = await findVisiblePeople(
      tx,
      ctx.actor,
      inPatch.map((w) => w.personId),
    );
    const patchNames = new Map(patches.map((p) => [p.id, p.name]));
    const rows = inPatch
      .filter((w) => people.has(w.personId))
      .map((w) => ({
        ...w,
        person: people.get(w.personId)!,
        patchName: w.patchId ? (patchNames.get(w.patchId) ?? null) : null,
      }))
      .sort((a, b) => a.since.localeCompare(b.since) || a.person.name.localeCompare(b.person.name));
    await writeAudit(tx, ctx, [
      {
        action: 'assessment-waiting.list',
        resourceType: 'assessment_waiting_list',
        resourceId: shownPatchId ?? 'all',
        personIds: rows.map((r) => r.person.id),
      },
    ]);
    return { rows, patches, patchId: shownPatchId };
  });
}
