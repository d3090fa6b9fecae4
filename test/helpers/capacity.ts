import type { Kysely } from 'kysely';
import type { DB } from '../../src/platform/db/schema.js';

/**
 * A capacity assessment finding the person lacks capacity to consent to a direct payment, written
 * as the database owner (no RLS, no audit): a fixture for suites that need one to exist.
 */
export async function insertCapacityAssessment(db: Kysely<DB>, orgId: string, personId: string): Promise<string> {
  const row = await db
    .insertInto('capacity_assessment')
    .values({
      org_id: orgId,
      person_id: personId,
      decision: 'Whether to agree to a direct payment',
      decision_category: 'direct_payment_consent',
      impairment: true,
      impairment_detail: 'Dementia',
      can_understand: true,
      can_retain: false,
      can_use_or_weigh: false,
      can_communicate: true,
      practicable_steps: 'Two visits at home',
      result: 'lacks_capacity',
      reasons: 'Could not retain or weigh the information',
      assessor_name: 'A Fixture',
      assessor_role: 'Social worker',
      assessed_on: '2026-01-05',
      created_by: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** A lasting power of attorney for property and financial affairs, in force (owner, not audited). */
export async function insertLegalPower(db: Kysely<DB>, orgId: string, personId: string): Promise<string> {
  const row = await db
    .insertInto('legal_power')
    .values({
      org_id: orgId,
      person_id: personId,
      kind: 'lpa',
      scope: 'property_and_financial',
      holders: 'A Fixture Attorney',
      reference: '7000-0000-0001',
      registered_on: '2021-06-14',
      created_by: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}
