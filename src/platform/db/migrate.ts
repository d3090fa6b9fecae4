import type { Kysely } from 'kysely';
import type { DB } from './schema.js';
import { Migrator } from 'kysely';
import { migrations } from '../../../migrations/index.js';

export async function migrateToLatest(db: Kysely<DB>): Promise<string[]> {
  // Migrations are written against no schema type (they create it), hence the widening cast.
  const migrator = new Migrator({
    db: db as unknown as Kysely<unknown>,
    provider: { getMigrations: async () => migrations },
  });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === 'Error');
    throw new Error(`Migration ${failed?.migrationName ?? ''} failed: ${(error as Error).message}`, { cause: error });
  }
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
