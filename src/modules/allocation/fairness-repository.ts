import { sql } from 'kysely';
import type { Tx } from '../../platform/db/scope.js';
import { scopedOrgId } from '../../platform/db/scope.js';
import { personCharacteristics } from '../people/index.js';
import type { FairnessPoint } from './fairness-stats.js';

/** One person's agreed budget under a version, with the characteristics the report splits by. */
export interface FairnessRow extends FairnessPoint {
  patchName: string | null;
  ageBand: string;
  ethnicity: string | null;
  primarySupportReason: string | null;
}

export interface VersionChoice {
  id: string;
  label: string;
  status: 'draft' | 'published';
  effectiveFrom: string | null;
}

/** The organisation's RAS versions, newest first: the ones a report can be asked for. */
export async function listVersions(tx: Tx): Promise<VersionChoice[]> {
  const rows = await tx
    .selectFrom('ras_version')
    .select(['id', 'label', 'status', 'effective_from'])
    .orderBy(sql`effective_from desc nulls last`)
    .orderBy('created_at', 'desc')
    .execute();
  return rows.map((r) => ({ id: r.id, label: r.label, status: r.status, effectiveFrom: r.effective_from }));
}

/**
 * Every person's agreed budget under `versionId`, in one statement: the latest agreed one when a
 * person was assessed more than once under it, so each person counts once.
 */
export async function agreedBudgets(tx: Tx, versionId: string, today: string): Promise<FairnessRow[]> {
  const result = await sql<{
    points: number;
    agreed: string | number;
    patch_name: string | null;
    age_band: string;
    ethnicity: string | null;
    primary_support_reason: string | null;
  }>`
    select distinct on (a.person_id) a.points, a.agreed_weekly_pence as agreed,
      pc.patch_name, pc.age_band, pc.ethnicity, pc.primary_support_reason
    from budget_allocation a
    join ${personCharacteristics(today)} as pc on pc.person_id = a.person_id
    where a.org_id = ${scopedOrgId} and a.ras_version_id = ${versionId} and a.status = 'agreed'
    order by a.person_id, a.decided_at desc, a.id
  `.execute(tx);
  return result.rows.map((r) => ({
    points: Number(r.points),
    agreedPence: Number(r.agreed),
    patchName: r.patch_name,
    ageBand: r.age_band,
    ethnicity: r.ethnicity,
    primarySupportReason: r.primary_support_reason,
  }));
}
