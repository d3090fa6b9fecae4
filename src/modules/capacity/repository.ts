import { sql } from 'kysely';
import type { Tx } from '../../platform/db/scope.js';
import { actorId, type Actor } from '../../platform/access/roles.js';
import type { AssessmentInput, BestInterestsInput, Consultee, EndPowerInput, PowerInput } from './schema.js';
import type { BestInterestsDecisionRow } from './tables.js';

/**
 * The only door to the capacity tables. Every function takes the transaction opened by `withOrg`
 * (row-level security on); the service checks the person is visible to the actor first.
 */
export interface BestInterests extends Omit<BestInterestsDecisionRow, 'consulted'> {
  consulted: Consultee[];
  created_by_name: string | null;
}

export async function insertAssessment(tx: Tx, actor: Actor, personId: string, a: AssessmentInput): Promise<string> {
  const row = await tx
    .insertInto('capacity_assessment')
    .values({
      org_id: actor.orgId,
      person_id: personId,
      decision: a.decision,
      decision_category: a.decisionCategory,
      impairment: a.impairment,
      impairment_detail: a.impairment ? a.impairmentDetail : null,
      can_understand: a.canUnderstand,
      can_retain: a.canRetain,
      can_use_or_weigh: a.canUseOrWeigh,
      can_communicate: a.canCommunicate,
      practicable_steps: a.practicableSteps,
      result: a.result,
      reasons: a.reasons,
      assessor_name: a.assessorName,
      assessor_role: a.assessorRole,
      assessed_on: a.assessedOn,
      created_by: actorId(actor),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

const assessmentQuery = (tx: Tx) =>
  tx
    .selectFrom('capacity_assessment as a')
    .leftJoin('staff_user as u', 'u.id', 'a.created_by')
    .selectAll('a')
    .select('u.display_name as created_by_name');

export async function findAssessment(tx: Tx, personId: string, id: string) {
  return assessmentQuery(tx).where('a.person_id', '=', personId).where('a.id', '=', id).executeTakeFirst();
}

/** Every assessment of the person, newest first, with how many best-interests decisions follow each. */
export async function listAssessments(tx: Tx, personId: string) {
  return assessmentQuery(tx)
    .select((eb) =>
      eb
        .selectFrom('best_interests_decision as b')
        .whereRef('b.capacity_assessment_id', '=', 'a.id')
        .select(eb.fn.countAll<number>().as('n'))
        .as('best_interests_count'),
    )
    .where('a.person_id', '=', personId)
    .orderBy('a.assessed_on', 'desc')
    .orderBy('a.created_at', 'desc')
    .execute();
}

export async function insertBestInterests(
  tx: Tx,
  actor: Actor,
  assessment: { id: string; person_id: string },
  d: BestInterestsInput,
): Promise<string> {
  const consulted: Consultee[] = d.consulted.map((c) => ({
    name: c.name ?? '',
    role: c.role ?? '',
    view: c.view ?? '',
  }));
  const row = await tx
    .insertInto('best_interests_decision')
    .values({
      org_id: actor.orgId,
      person_id: assessment.person_id,
      capacity_assessment_id: assessment.id,
      consulted: JSON.stringify(consulted),
      wishes_and_feelings: d.wishesAndFeelings,
      beliefs_and_values: d.beliefsAndValues,
      decision_made: d.decisionMade,
      reasons: d.reasons,
      decided_by: d.decidedBy,
      decided_on: d.decidedOn,
      created_by: actorId(actor),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** The best-interests decisions that follow one assessment, newest first. */
export async function listBestInterests(tx: Tx, assessmentId: string): Promise<BestInterests[]> {
  const rows = await tx
    .selectFrom('best_interests_decision as b')
    .leftJoin('staff_user as u', 'u.id', 'b.created_by')
    .selectAll('b')
    .select('u.display_name as created_by_name')
    .where('b.capacity_assessment_id', '=', assessmentId)
    .orderBy('b.decided_on', 'desc')
    .orderBy('b.created_at', 'desc')
    .execute();
  return rows.map((r) => ({ ...r, consulted: r.consulted as Consultee[] }));
}

export async function insertPower(tx: Tx, actor: Actor, personId: string, p: PowerInput): Promise<string> {
  const row = await tx
    .insertInto('legal_power')
    .values({
      org_id: actor.orgId,
      person_id: personId,
      kind: p.kind,
      scope: p.scope,
      holders: p.holders,
      reference: p.reference,
      registered_on: p.registeredOn,
      created_by: actorId(actor),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function findPower(tx: Tx, personId: string, id: string, opts: { lock?: boolean } = {}) {
  const query = tx.selectFrom('legal_power').selectAll().where('person_id', '=', personId).where('id', '=', id);
  return (opts.lock ? query.forUpdate() : query).executeTakeFirst();
}

/** Powers still in force first (newest first), then ended ones. */
export async function listPowers(tx: Tx, personId: string) {
  return tx
    .selectFrom('legal_power')
    .selectAll()
    .where('person_id', '=', personId)
    .orderBy(sql`ended_on is not null`)
    .orderBy('registered_on', 'desc')
    .execute();
}

/** End a power, only if it has not been ended already (a second "end" changes nothing). */
export async function endPower(tx: Tx, actor: Actor, id: string, e: EndPowerInput): Promise<boolean> {
  const result = await tx
    .updateTable('legal_power')
    .set({ ended_on: e.endedOn, ended_reason: e.endedReason, ended_by: actorId(actor) })
    .where('id', '=', id)
    .where('ended_on', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}
