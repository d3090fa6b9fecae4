import type { Kysely } from 'kysely';
import type { DB } from '../../platform/db/schema.js';
import { withOrg } from '../../platform/db/scope.js';
import { writeAudit } from '../../platform/audit/audit.js';
import type { RequestContext } from '../../platform/http/context.js';
import { agreedBudgets, listVersions, type FairnessRow, type VersionChoice } from './fairness-repository.js';
import { fairnessFigures, groupFigures, type FairnessFigures, type GroupFigures } from './fairness-stats.js';
import { groupOf, reportChoice, type ReportChoice } from './fairness-view.js';

export interface FairnessReport {
  versions: VersionChoice[];
  choice: ReportChoice;
  rows: FairnessRow[];
  figures: FairnessFigures;
  groups: GroupFigures[];
}

/** How the report was taken: looked at on the page, or downloaded as a spreadsheet. */
export type FairnessUse = 'allocation.fairness-view' | 'allocation.fairness-download';

/**
 * The fairness report for the version, band and split asked for, in one transaction: the versions,
 * one statement for everyone's agreed budget and characteristics, then one audit entry for the
 * report. The entry names the version, not people: the report shows no one's record, only totals.
 */
export async function fairnessReport(
  db: Kysely<DB>,
  ctx: RequestContext,
  query: Record<string, unknown>,
  today: string,
  use: FairnessUse,
): Promise<FairnessReport> {
  return withOrg(db, ctx.actor.orgId, async (tx) => {
    const versions = await listVersions(tx);
    const choice = reportChoice(query, versions);
    const rows = choice.version ? await agreedBudgets(tx, choice.version.id, today) : [];
    await writeAudit(tx, ctx, [{ action: use, resourceType: 'ras_version', resourceId: choice.version?.id ?? null }]);
    const figures = fairnessFigures(rows, choice.bandPercent);
    const groups = groupFigures(rows, groupOf(choice.split), figures.fit, choice.bandPercent);
    return { versions, choice, rows, figures, groups };
  });
}
