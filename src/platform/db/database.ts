import { mkdirSync } from 'node:fs';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { fuzzystrmatch } from '@electric-sql/pglite/contrib/fuzzystrmatch';
import { PGliteDialect } from './pglite-dialect.js';
import { preparingPool } from './prepared.js';
import { acquireDataDirLock, type DataDirLock } from './data-dir-lock.js';
import type { DB } from './schema.js';

export type Engine = 'pglite' | 'postgres';

export interface Database {
  readonly db: Kysely<DB>;
  readonly engine: Engine;
  /** Flush to disk (PGlite) and close every connection. Safe to call twice. */
  close(): Promise<void>;
}

export class DataDirectoryDamagedError extends Error {}

/** Plain dates stay 'YYYY-MM-DD' strings (no time zone can shift a date of birth); int8 counts become numbers. */
const DATE_OID = 1082;
const INT8_OID = 20;
const NUMERIC_OID = 1700;

export async function openPostgres(url: string, poolSize = 10): Promise<Database> {
  const pool = new pg.Pool({
    connectionString: url,
    max: poolSize,
    types: {
      getTypeParser: ((oid: number, format?: 'text' | 'binary') => {
        if (oid === DATE_OID) return (v: string) => v;
        if (oid === INT8_OID || oid === NUMERIC_OID) return (v: string) => Number(v);
        return pg.types.getTypeParser(oid, format);
      }) as typeof pg.types.getTypeParser,
    },
  });
  // An idle connection can fail (the server restarts, an administrator ends it); pg reports that on
  // the pool, and an unheard 'error' event would crash the process. The pool replaces the client.
  pool.on('error', (error) => process.stderr.write(`PostgreSQL closed an idle connection: ${error.message}\n`));
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool: preparingPool(pool) }) });
  let closed = false;
  return {
    db,
    engine: 'postgres',
    async close() {
      if (closed) return;
      closed = true;
      await db.destroy();
    },
  };
}

/**
 * Open the embedded database. `dataDir` undefined means in memory (tests).
 * A lock file stops a second process opening the same directory; a directory PGlite cannot open
 * is reported, never reset, because resetting would silently lose people's records.
 */
export async function openPGlite(dataDir?: string): Promise<Database> {
  let lock: DataDirLock | undefined;
  if (dataDir) {
    mkdirSync(dataDir, { recursive: true });
    lock = acquireDataDirLock(dataDir);
  }
  let pglite: PGlite;
  try {
    pglite = await PGlite.create({
      ...(dataDir ? { dataDir } : {}),
      extensions: { pg_trgm, fuzzystrmatch },
      parsers: {
        [DATE_OID]: (v: string) => v,
        [INT8_OID]: (v: string) => Number(v),
        [NUMERIC_OID]: (v: string) => Number(v),
      },
    });
    await pglite.query('select 1');
  } catch (error) {
    lock?.release();
    throw new DataDirectoryDamagedError(
      `The embedded database in ${dataDir ?? 'memory'} could not be opened (${(error as Error).message}). ` +
        'It has not been changed. Restore it from a backup (see README, "Backups"), or move the folder aside to start afresh.',
    );
  }
  const db = new Kysely<DB>({ dialect: new PGliteDialect(pglite) });
  let closed = false;
  return {
    db,
    engine: 'pglite',
    async close() {
      if (closed) return;
      closed = true;
      try {
        // A checkpoint before closing means the next start does not depend on WAL replay.
        await pglite.exec('checkpoint');
      } finally {
        await pglite.close();
        lock?.release();
      }
    },
  };
}

export function openDatabase(opts: {
  databaseUrl?: string | undefined;
  dataDir?: string | undefined;
  poolSize?: number;
}): Promise<Database> {
  return opts.databaseUrl ? openPostgres(opts.databaseUrl, opts.poolSize) : openPGlite(opts.dataDir);
}
