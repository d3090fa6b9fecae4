import type { Kysely } from 'kysely';
import type { DB } from '../../src/platform/db/schema.js';

/**
 * A person's budget as the allocation module keeps it — a completed assessment, a RAS version and a
 * budget allocation — written as the database owner (no RLS, no audit): a fixture for planning's
 * suites, which read it only through allocation's findCurrentBudget. `agreedPence` null: indicative.
 */
export async function giveBudget(
  db: Kysely<DB>,
  orgId: string,
  personId: string,
  budget: { indicativePence: number; agreedPence: number | null; calculatedOn?: string },
): Promise<string> {
  const assessment = await db
    .insertInto('assessment')
    .values({
      org_id: orgId,
      person_id: personId,
      kind: 'adult',
      method: 'face_to_face',
      started_on: '2026-10-01',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const version = await db
    .insertInto('ras_version')
    .values({ org_id: orgId, label: 'Fixture RAS', definition: JSON.stringify({}), updated_at: new Date() })
    .returning('id')
    .executeTakeFirstOrThrow();
  const agreed = budget.agreedPence !== null;
  const row = await db
    .insertInto('budget_allocation')
    .values({
      org_id: orgId,
      person_id: personId,
      assessment_id: assessment.id,
      ras_version_id: version.id,
      answers: JSON.stringify({}),
      points: 10,
      indicative_weekly_pence: budget.indicativePence,
      lines: JSON.stringify([]),
      calculated_on: budget.calculatedOn ?? '2026-10-02',
      status: agreed ? 'agreed' : 'indicative',
      agreed_weekly_pence: budget.agreedPence,
      difference_reason: agreed && budget.agreedPence !== budget.indicativePence ? 'Fixture: agreed differently' : null,
      decided_at: agreed ? new Date() : null,
      updated_at: new Date(),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** Agree (or change) the latest budget of the person, as allocation's pages would. */
export async function agreeBudget(db: Kysely<DB>, allocationId: string, agreedPence: number): Promise<void> {
  await db
    .updateTable('budget_allocation')
    .set({
      status: 'agreed',
      agreed_weekly_pence: agreedPence,
      difference_reason: 'Fixture: agreed',
      decided_at: new Date(),
    })
    .where('id', '=', allocationId)
    .execute();
}

/** A health and welfare power in force (an LPA or a deputyship), written as the owner (not audited). */
export async function insertWelfarePower(
  db: Kysely<DB>,
  orgId: string,
  personId: string,
  kind: 'lpa' | 'deputyship',
  holders: string,
): Promise<void> {
  await db
    .insertInto('legal_power')
    .values({
      org_id: orgId,
      person_id: personId,
      kind,
      scope: 'health_and_welfare',
      holders,
      reference: `${kind.toUpperCase()}-FIXTURE`,
      registered_on: '2024-03-01',
    })
    .execute();
}
