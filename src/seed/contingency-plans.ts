import type { Kysely } from 'kysely';
import type { DB } from './../platform/db/schema.js';
import type { SeededOrganisation } from './organisation.js';
import type { Tier1SeedOptions } from './tier1.js';

/** Placeholder: filled in by its capability. */
export async function seedContingencyPlans(_db: Kysely<DB>, _org: SeededOrganisation, _opts: Tier1SeedOptions): Promise<void> {}
