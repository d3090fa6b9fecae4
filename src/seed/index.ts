import type { Kysely } from 'kysely';
import type { DB } from '../platform/db/schema.js';
import { seedOrganisation } from './organisation.js';
import { seedPartners } from './partners.js';
import { seedCounty, type Scale } from './county.js';
import { seedTier1 } from './tier1.js';
import { seedCrisis } from './crisis.js';
import { seedAssessmentRequests } from './assessment-requests.js';
import { seedSupportPlans } from './support-plans.js';
import { seedAllocations } from './allocations.js';
import { seedCarerAssessment } from './carer-assessment.js';
import { seedPlansAtEveryStage } from './support-plans-stages.js';
import { seedCasework } from './casework.js';
import { seedBudgetHoldings } from './budgets.js';
import { seedPersonalAssistants } from './personal-assistants.js';
import { seedPool } from './pools.js';
import { seedMonitoring } from './monitoring.js';
import { seedPaymentRuns } from './payment-runs.js';

/** Seed the demo county if the database has no organisation yet. Returns whether it seeded. */
export async function seedIfEmpty(db: Kysely<DB>, opts: { scale: Scale; seed?: number }): Promise<boolean> {
  const existing = await db.selectFrom('organisation').select('id').limit(1).executeTakeFirst();
  if (existing) return false;
  const org = await seedOrganisation(db);
  await seedPartners(db);
  await seedCounty(db, org, { scale: opts.scale, seed: opts.seed ?? 1 });
  await seedTier1(db, org, { scale: opts.scale, seed: opts.seed ?? 1 });
  await seedCrisis(db, org);
  await seedAssessmentRequests(db, org);
  await seedSupportPlans(db, org);
  await seedCarerAssessment(db, org);
  await seedAllocations(db, org);
  // After the budgets are agreed: plans agreed, approved, and approved after a panel.
  await seedPlansAtEveryStage(db, org);
  // After the work exists: who holds it (casework's allocations, each team's queue, a transfer).
  await seedCasework(db, org);
  // How the agreed budgets are held: every route, a switch, a contribution (issue 14).
  await seedBudgetHoldings(db, org);
  await seedPersonalAssistants(db, org);
  await seedPool(db, org);
  await seedMonitoring(db, org);
  // A completed run for this period and the next one prepared, waiting for a second person to release it.
  await seedPaymentRuns(db, org);
  return true;
}
