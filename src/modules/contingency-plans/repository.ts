import { sql } from 'kysely';
import type { Tx } from '../../platform/db/scope.js';
import { PREPARE_MARK } from '../../platform/db/prepared.js';
import type { ContingencyPlanActivationRow, ContingencyPlanRow, ContingencyPlanVersionRow } from './tables.js';
import { actorId, type Actor } from '../../platform/access/roles.js';
import type { ActivationSnapshot } from './handoff.js';
import type { PlanContent } from './schema.js';

/**
 * The only door to the contingency plan tables. Every function takes the transaction opened by
 * `withOrg` (row-level security on); the service checks the person is visible to the actor first.
 */
export interface PlanVersion extends Omit<ContingencyPlanVersionRow, 'content'> {
  content: PlanContent;
  created_by_name: string | null;
}

export interface Activation extends Omit<ContingencyPlanActivationRow, 'snapshot'> {
  snapshot: ActivationSnapshot;
  activated_by_name: string | null;
}

export async function findPlan(
  tx: Tx,
  personId: string,
  opts: { lock?: boolean } = {},
): Promise<ContingencyPlanRow | undefined> {
  // Read on every support plan view (does a contingency plan exist?): SQL, prepared once per connection.
  const { rows } = await sql<ContingencyPlanRow>`${sql.raw(PREPARE_MARK)}
    select * from contingency_plan where person_id = ${personId} ${opts.lock ? sql`for update` : sql``}`.execute(tx);
  return rows[0];
}

export async function findVersion(tx: Tx, planId: string, version: number): Promise<PlanVersion | undefined> {
  const row = await tx
    .selectFrom('contingency_plan_version as v')
    .leftJoin('staff_user as u', 'u.id', 'v.created_by')
    .selectAll('v')
    .select('u.display_name as created_by_name')
    .where('v.plan_id', '=', planId)
    .where('v.version', '=', version)
    .executeTakeFirst();
  return row ? { ...row, content: row.content as PlanContent } : undefined;
}

/** Every version, newest first, without their content (for the history table). */
export async function listVersions(tx: Tx, planId: string) {
  return tx
    .selectFrom('contingency_plan_version as v')
    .leftJoin('staff_user as u', 'u.id', 'v.created_by')
    .select(['v.version', 'v.agreed_on', 'v.review_date', 'v.created_at', 'u.display_name as created_by_name'])
    .where('v.plan_id', '=', planId)
    .orderBy('v.version', 'desc')
    .execute();
}

export async function insertPlan(tx: Tx, actor: Actor, orgId: string, personId: string): Promise<ContingencyPlanRow> {
  const by = actorId(actor);
  return tx
    .insertInto('contingency_plan')
    .values({ org_id: orgId, person_id: personId, created_by: by, updated_by: by, updated_at: new Date() })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function insertVersion(
  tx: Tx,
  actor: Actor,
  plan: ContingencyPlanRow,
  version: number,
  content: PlanContent,
): Promise<void> {
  await tx
    .insertInto('contingency_plan_version')
    .values({
      org_id: plan.org_id,
      plan_id: plan.id,
      person_id: plan.person_id,
      version,
      content: JSON.stringify(content),
      agreed_on: content.agreedOn,
      review_date: content.reviewDate,
      created_by: actorId(actor),
    })
    .execute();
}

/** Move the plan on to `version`, only if it is still at `expected` (a stale edit changes nothing). */
export async function advancePlan(
  tx: Tx,
  actor: Actor,
  planId: string,
  expected: number,
  version: number,
): Promise<boolean> {
  const result = await tx
    .updateTable('contingency_plan')
    .set({ current_version: version, updated_at: new Date(), updated_by: actorId(actor) })
    .where('id', '=', planId)
    .where('current_version', '=', expected)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function insertActivation(
  tx: Tx,
  actor: Actor,
  plan: ContingencyPlanRow,
  values: { planVersion: number; situationKey: string; situation: string; note: string; snapshot: ActivationSnapshot },
): Promise<ContingencyPlanActivationRow> {
  return tx
    .insertInto('contingency_plan_activation')
    .values({
      org_id: plan.org_id,
      plan_id: plan.id,
      person_id: plan.person_id,
      plan_version: values.planVersion,
      situation_key: values.situationKey,
      situation: values.situation,
      note: values.note,
      snapshot: JSON.stringify(values.snapshot),
      activated_by: actorId(actor),
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function markEpisodeOpened(
  tx: Tx,
  activationId: string,
  episode: { episodeId: string; href: string },
): Promise<void> {
  await tx
    .updateTable('contingency_plan_activation')
    .set({ status: 'crisis_episode_opened', crisis_episode_id: episode.episodeId, crisis_episode_href: episode.href })
    .where('id', '=', activationId)
    .execute();
}

const activationQuery = (tx: Tx) =>
  tx
    .selectFrom('contingency_plan_activation as a')
    .leftJoin('staff_user as u', 'u.id', 'a.activated_by')
    .selectAll('a')
    .select('u.display_name as activated_by_name');

const withSnapshot = <T extends { snapshot: unknown }>(row: T) => ({
  ...row,
  snapshot: row.snapshot as ActivationSnapshot,
});

export async function listActivations(tx: Tx, personId: string): Promise<Activation[]> {
  const rows = await activationQuery(tx)
    .where('a.person_id', '=', personId)
    .orderBy('a.activated_at', 'desc')
    .limit(50)
    .execute();
  return rows.map(withSnapshot);
}

export async function findActivation(tx: Tx, personId: string, id: string): Promise<Activation | undefined> {
  const row = await activationQuery(tx).where('a.person_id', '=', personId).where('a.id', '=', id).executeTakeFirst();
  return row ? withSnapshot(row) : undefined;
}

/** A plan activation by id (the crisis episode it opened shows where it came from). */
export async function activationFor(tx: Tx, activationId: string) {
  return tx
    .selectFrom('contingency_plan_activation')
    .select(['id', 'person_id', 'plan_id', 'plan_version', 'situation', 'activated_at'])
    .where('id', '=', activationId)
    .executeTakeFirst();
}
