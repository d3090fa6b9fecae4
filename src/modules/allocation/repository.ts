import type { Updateable } from 'kysely';
import type { Tx } from '../../platform/db/scope.js';
import { actorId, type Actor } from '../../platform/access/roles.js';
import type { IndicativeBudget, RasAnswers, RasVersion } from './ras-types.js';
import type { BudgetAllocationRow, RasVersionRow, RasVersionTable } from './tables.js';

/**
 * The only door to the allocation tables. Every function takes the transaction opened by `withOrg`
 * (row-level security on); the services check who may do what and audit it.
 */

/** A stored version as the pure core needs it: its definition with the row's id, label and date. */
export function rasVersionOf(row: RasVersionRow): RasVersion {
  const definition = row.definition as Omit<RasVersion, 'id'>;
  return {
    ...definition,
    id: row.id,
    label: row.label,
    effectiveFrom: row.effective_from ?? definition.effectiveFrom,
  };
}

/** What is stored in `definition`: everything but the id (the row's own). */
export const definitionJson = (v: RasVersion) => {
  const { id: _id, ...definition } = v;
  return JSON.stringify(definition);
};

export async function listRasVersions(tx: Tx): Promise<RasVersionRow[]> {
  return tx
    .selectFrom('ras_version')
    .selectAll()
    .orderBy('status', 'desc')
    .orderBy('effective_from', 'desc')
    .orderBy('created_at', 'desc')
    .execute();
}

export async function findRasVersion(tx: Tx, id: string, opts: { lock?: boolean } = {}) {
  const query = tx.selectFrom('ras_version').selectAll().where('id', '=', id);
  return (opts.lock ? query.forUpdate() : query).executeTakeFirst();
}

/** The published version with the latest effective_from on or before `on` ('YYYY-MM-DD'). */
export async function findVersionInForce(tx: Tx, on: string): Promise<RasVersionRow | undefined> {
  return tx
    .selectFrom('ras_version')
    .selectAll()
    .where('status', '=', 'published')
    .where('effective_from', '<=', on)
    .orderBy('effective_from', 'desc')
    .orderBy('published_at', 'desc')
    .limit(1)
    .executeTakeFirst();
}

export async function insertDraft(tx: Tx, actor: Actor, version: RasVersion, basedOn: string | null) {
  const by = actorId(actor);
  return tx
    .insertInto('ras_version')
    .values({
      org_id: actor.orgId,
      label: version.label,
      effective_from: version.effectiveFrom,
      definition: definitionJson(version),
      based_on: basedOn,
      created_by: by,
      updated_by: by,
      updated_at: new Date(),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
}

/** Change a draft only at the version the form was opened on; false when it has moved on or been published. */
export async function updateDraft(tx: Tx, actor: Actor, id: string, opened: number, version: RasVersion) {
  return changeDraft(tx, actor, id, opened, {
    label: version.label,
    effective_from: version.effectiveFrom,
    definition: definitionJson(version),
  });
}

export async function publishDraft(tx: Tx, actor: Actor, id: string, opened: number) {
  return changeDraft(tx, actor, id, opened, {
    status: 'published' as const,
    published_at: new Date(),
    published_by: actorId(actor),
  });
}

/** Change a draft still at the version the form opened; false when it was changed (or published) first. */
async function changeDraft(
  tx: Tx,
  actor: Actor,
  id: string,
  opened: number,
  changes: Updateable<RasVersionTable>,
): Promise<boolean> {
  const result = await tx
    .updateTable('ras_version')
    .set((eb) => ({
      ...changes,
      updated_at: new Date(),
      updated_by: actorId(actor),
      version: eb('version', '+', 1),
    }))
    .where('id', '=', id)
    .where('status', '=', 'draft')
    .where('version', '=', opened)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** The most recent costed allocations (any person), newest first: what a draft is tested against. */
export async function recentAllocations(tx: Tx, limit: number) {
  return tx
    .selectFrom('budget_allocation as b')
    .innerJoin('ras_version as v', 'v.id', 'b.ras_version_id')
    .select(['b.id', 'b.person_id', 'b.answers', 'b.indicative_weekly_pence', 'b.calculated_on', 'v.label'])
    .orderBy('b.calculated_on', 'desc')
    .orderBy('b.created_at', 'desc')
    .limit(limit)
    .execute();
}

export type AllocationWithNames = BudgetAllocationRow & {
  version_label: string;
  decided_by_name: string | null;
  updated_by_name: string | null;
};

export async function listAllocations(tx: Tx, personId: string): Promise<AllocationWithNames[]> {
  return tx
    .selectFrom('budget_allocation as b')
    .innerJoin('ras_version as v', 'v.id', 'b.ras_version_id')
    .leftJoin('staff_user as d', 'd.id', 'b.decided_by')
    .leftJoin('staff_user as u', 'u.id', 'b.updated_by')
    .selectAll('b')
    .select(['v.label as version_label', 'd.display_name as decided_by_name', 'u.display_name as updated_by_name'])
    .where('b.person_id', '=', personId)
    .orderBy('b.calculated_on', 'desc')
    .orderBy('b.created_at', 'desc')
    .execute();
}

export async function findAllocationFor(tx: Tx, assessmentId: string, opts: { lock?: boolean } = {}) {
  const query = tx.selectFrom('budget_allocation').selectAll().where('assessment_id', '=', assessmentId);
  return (opts.lock ? query.forUpdate() : query).executeTakeFirst();
}

export interface Worked {
  personId: string;
  assessmentId: string;
  answers: RasAnswers;
  budget: IndicativeBudget;
  calculatedOn: string;
}

export async function insertAllocation(tx: Tx, actor: Actor, w: Worked) {
  const by = actorId(actor);
  await tx
    .insertInto('budget_allocation')
    .values({
      org_id: actor.orgId,
      person_id: w.personId,
      assessment_id: w.assessmentId,
      ras_version_id: w.budget.versionId,
      answers: JSON.stringify(w.answers),
      points: w.budget.points,
      indicative_weekly_pence: w.budget.weeklyPence,
      lines: JSON.stringify(w.budget.lines),
      calculated_on: w.calculatedOn,
      created_by: by,
      updated_by: by,
      updated_at: new Date(),
    })
    .execute();
}

/** The columns a change to an allocation may set. */
export interface AllocationChange {
  ras_version_id?: string;
  answers?: string;
  points?: number;
  indicative_weekly_pence?: number;
  lines?: string;
  calculated_on?: string;
  status?: BudgetAllocationRow['status'];
  agreed_weekly_pence?: number | null;
  difference_reason?: string | null;
  decided_by?: string | null;
  decided_role?: string | null;
  decided_at?: Date | null;
  panel_date?: string | null;
  panel_members?: string | null;
  panel_decision?: string | null;
}

/** Change an allocation only at the version the form was opened on; false when someone else got there first. */
export async function updateAllocation(tx: Tx, actor: Actor, id: string, opened: number, change: AllocationChange) {
  const result = await tx
    .updateTable('budget_allocation')
    .set((eb) => ({ ...change, updated_at: new Date(), updated_by: actorId(actor), version: eb('version', '+', 1) }))
    .where('id', '=', id)
    .where('version', '=', opened)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}
