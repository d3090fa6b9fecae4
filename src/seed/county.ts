import type { Kysely } from 'kysely';
import type { DB } from '../platform/db/schema.js';
import type { SeededOrganisation } from './organisation.js';
import { seedScenarioPeople } from './scenario-people.js';

export type Scale = 'tiny' | 'small' | 'large';

/** The synthetic county: the source documents' people first, then (small/large) generated residents. */
export async function seedCounty(db: Kysely<DB>, org: SeededOrganisation, opts: { scale: Scale; seed: number }): Promise<void> {
  await seedScenarioPeople(db, org);
  void opts;
}
