import { sql } from 'kysely';
import type { Tx } from '../../platform/db/scope.js';
import { PREPARE_MARK } from '../../platform/db/prepared.js';
import { actorId, type Actor } from '../../platform/access/roles.js';
import type { Insertable, Selectable } from 'kysely';
import type { SupportPlanApprovalTable, SupportPlanRow, SupportPlanVersionRow } from './tables.js';
import type { PlanContent } from './plan-content.js';

/**
 * The only door to the support plan tables. Every function takes the transaction opened by `withOrg`
 * (row-level security on); the service checks the person is visible to the actor first.
 */
export interface SupportPlanVersion extends Omit<SupportPlanVersionRow, 'content'> {
  content: PlanContent;
  created_by_name: string | null;
}

export async function findSupportPlan(
  tx: Tx,
  personId: string,
  opts: { lock?: boolean } = {},
): Promise<SupportPlanRow | undefined> {
  // The plan's page reads these on every view: SQL, not the query builder (building cost more than
  // running), and prepared once per connection.
  const { rows } = await sql<SupportPlanRow>`${sql.raw(PREPARE_MARK)}
    select * from support_plan where person_id = ${personId} ${opts.lock ? sql`for update` : sql``}`.execute(tx);
  return rows[0];
}

export async function findVersion(tx: Tx, planId: string, version: number): Promise<SupportPlanVersion | undefined> {
  const { rows } = await sql<SupportPlanVersion>`${sql.raw(PREPARE_MARK)}
    select v.*, u.display_name as created_by_name
    from support_plan_version v left join staff_user u on u.id = v.created_by
    where v.plan_id = ${planId} and v.version = ${version}`.execute(tx);
  return rows[0];
}

/** Every version, newest first, without their content (for the history table). */
export async function listVersions(tx: Tx, planId: string) {
  type Listed = Pick<SupportPlanVersionRow, 'version' | 'changed_part' | 'created_at'> & {
    created_by_name: string | null;
  };
  const { rows } = await sql<Listed>`${sql.raw(PREPARE_MARK)}
    select v.version, v.changed_part, v.created_at, u.display_name as created_by_name
    from support_plan_version v left join staff_user u on u.id = v.created_by
    where v.plan_id = ${planId} order by v.version desc`.execute(tx);
  return rows;
}

export async function insertPlan(tx: Tx, actor: Actor, orgId: string, personId: string): Promise<SupportPlanRow> {
  const by = actorId(actor);
  return tx
    .insertInto('support_plan')
    .values({
      org_id: orgId,
      person_id: personId,
      current_version: 0,
      created_by: by,
      updated_by: by,
      updated_at: new Date(),
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function insertVersion(
  tx: Tx,
  actor: Actor,
  plan: SupportPlanRow,
  version: number,
  content: PlanContent,
  changedPart: string,
): Promise<void> {
  await tx
    .insertInto('support_plan_version')
    .values({
      org_id: plan.org_id,
      plan_id: plan.id,
      person_id: plan.person_id,
      version,
      content: JSON.stringify(content),
      changed_part: changedPart,
      created_by: actorId(actor),
    })
    .execute();
}

/** Move the plan on to `version`, only if it is still at `expected` (a stale edit changes nothing). */
export async function advancePlan(
  tx: Tx,
  actor: Actor,
  plan: SupportPlanRow,
  expected: number,
  next: { version: number; agreed: boolean },
): Promise<boolean> {
  const result = await tx
    .updateTable('support_plan')
    .set({
      current_version: next.version,
      status: next.agreed ? 'agreed' : 'draft',
      // Set only while approved (to the budget it was approved against); the budget lives in allocation.
      agreed_weekly_budget_pence: null,
      updated_at: new Date(),
      updated_by: actorId(actor),
    })
    .where('id', '=', plan.id)
    .where('current_version', '=', expected)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** The latest approval of the plan (any version), with the approver's name. */
export async function latestApproval(tx: Tx, planId: string) {
  const { rows } = await sql<
    Selectable<SupportPlanApprovalTable> & { approved_by_name: string | null }
  >`${sql.raw(PREPARE_MARK)}
    select a.*, u.display_name as approved_by_name
    from support_plan_approval a left join staff_user u on u.id = a.approved_by
    where a.plan_id = ${planId} order by a.created_at desc limit 1`.execute(tx);
  return rows[0];
}

export async function insertApproval(tx: Tx, row: Insertable<SupportPlanApprovalTable>): Promise<void> {
  await tx.insertInto('support_plan_approval').values(row).execute();
}

/** Mark the plan approved, only while it is still at the version approved (and agreed). */
export async function markApproved(
  tx: Tx,
  actor: Actor,
  plan: SupportPlanRow,
  budgetWeeklyPence: number,
): Promise<boolean> {
  const result = await tx
    .updateTable('support_plan')
    .set({
      status: 'approved',
      agreed_weekly_budget_pence: budgetWeeklyPence,
      updated_at: new Date(),
      updated_by: actorId(actor),
    })
    .where('id', '=', plan.id)
    .where('current_version', '=', plan.current_version)
    .where('status', '=', 'agreed')
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** The most recent approval of an earlier version than `version` (whose items may since have gone). */
export async function approvalBefore(tx: Tx, planId: string, version: number) {
  return tx
    .selectFrom('support_plan_approval')
    .select(['version'])
    .where('plan_id', '=', planId)
    .where('version', '<', version)
    .orderBy('version', 'desc')
    .limit(1)
    .executeTakeFirst();
}
