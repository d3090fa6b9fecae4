import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { openPGlite, openPostgres, type Database, type Engine } from '../../src/platform/db/database.js';
import { migrateToLatest } from '../../src/platform/db/migrate.js';

/**
 * Every database suite runs on embedded PGlite, and also on PostgreSQL when TEST_DATABASE_URL is
 * set (CI always sets it). Use: `describe.each(testEngines())('… (%s)', (engine) => { … })`.
 */
export function testEngines(): Engine[] {
  return process.env.TEST_DATABASE_URL ? ['pglite', 'postgres'] : ['pglite'];
}

export interface TestDatabase extends Database {
  /** Drop the throw-away PostgreSQL database (no-op on PGlite) after closing. */
  dispose(): Promise<void>;
}

/**
 * A fresh, migrated, empty database: in-memory PGlite, or a new database in the PostgreSQL cluster.
 * `migrate: false` leaves it empty, for a test that migrates it step by step.
 */
export async function openTestDatabase(engine: Engine, { migrate = true } = {}): Promise<TestDatabase> {
  if (engine === 'pglite') {
    const database = await openPGlite();
    if (migrate) await migrateToLatest(database.db);
    return { ...database, dispose: () => database.close() };
  }
  const adminUrl = process.env.TEST_DATABASE_URL;
  if (!adminUrl) throw new Error('TEST_DATABASE_URL is not set');
  const name = `tl_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const database = await openPostgres(url.toString(), 10);
  if (migrate) await migrateToLatest(database.db);
  return {
    ...database,
    async dispose() {
      await database.close();
      const cleanup = new pg.Client({ connectionString: adminUrl });
      await cleanup.connect();
      await cleanup.query(`drop database if exists ${name} with (force)`);
      await cleanup.end();
    },
  };
}
