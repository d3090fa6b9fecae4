import type { Kysely } from 'kysely';
import type { DB } from '../platform/db/schema.js';
import type { SeededOrganisation } from './organisation.js';
import type { Scale } from './county.js';
import { seedDirectory } from './directory/index.js';
import { seedConversations } from './conversations.js';
import { seedEarlyIdentification } from './early-identification.js';
import { seedContingencyPlans } from './contingency-plans.js';

export interface Tier1SeedOptions {
  scale: Scale;
  seed: number;
}

/**
 * Tier 1 of the demo county, after the people: the community directory (taxonomy, services,
 * stories, postcodes), then conversations, the early-identification register and contingency plans.
 */
export async function seedTier1(db: Kysely<DB>, org: SeededOrganisation, opts: Tier1SeedOptions): Promise<void> {
  await seedDirectory(db, org, opts);
  await seedConversations(db, org, opts);
  await seedEarlyIdentification(db, org, opts);
  await seedContingencyPlans(db, org, opts);
}
