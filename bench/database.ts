import pg from 'pg';
import { openPostgres, type Database } from '../src/platform/db/database.js';
import { migrateToLatest } from '../src/platform/db/migrate.js';
import { seedOrganisation, demoCouncil } from '../src/seed/organisation.js';
import { seedCounty } from '../src/seed/county.js';

/**
 * The benchmark's PostgreSQL database: BENCH_DATABASE_URL, or `tl_bench` on the local server. A
 * database already seeded at large scale is reused so reruns take seconds; `--reseed` starts the
 * default database afresh.
 */
export const DEFAULT_URL = 'postgres://postgres@127.0.0.1:5432/tl_bench';
const LARGE = 100_000;

export async function prepareDatabase(opts: {
  reseed: boolean;
  poolSize: number;
  log: (line: string) => void;
}): Promise<{ database: Database; url: string; seedSeconds: number | null }> {
  const custom = process.env.BENCH_DATABASE_URL;
  const url = custom ?? DEFAULT_URL;
  if (!custom) await ensureDefaultDatabase(opts.reseed, opts.log);
  else if (opts.reseed)
    throw new Error('--reseed only resets the default tl_bench database; empty BENCH_DATABASE_URL yourself');
  const database = await openPostgres(url, opts.poolSize);
  await migrateToLatest(database.db);
  const org = await database.db
    .selectFrom('organisation')
    .select('id')
    .where('ods_code', '=', demoCouncil.ods_code)
    .executeTakeFirst();
  if (org) {
    const { n } = await database.db
      .selectFrom('person')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('org_id', '=', org.id)
      .executeTakeFirstOrThrow();
    if (Number(n) >= LARGE) return { database, url, seedSeconds: null };
    await database.close();
    throw new Error(
      `${url} holds a partly seeded county (${n} people). Run "npm run bench -- --reseed" to start again.`,
    );
  }
  opts.log('Seeding the large county (100,000 people, about 2 million events); this takes several minutes once…');
  const started = Date.now();
  const seeded = await seedOrganisation(database.db);
  const summary = await seedCounty(database.db, seeded, {
    scale: 'large',
    seed: 1,
    onProgress: (done, total) => {
      if (done % 10_000 === 0 || done === total)
        opts.log(`  ${done.toLocaleString('en-GB')} / ${total.toLocaleString('en-GB')} people`);
    },
  });
  const seedSeconds = (Date.now() - started) / 1000;
  opts.log(`Seeded ${summary.people} people, ${summary.events} events in ${seedSeconds.toFixed(0)} s`);
  return { database, url, seedSeconds };
}

async function ensureDefaultDatabase(reseed: boolean, log: (line: string) => void): Promise<void> {
  const adminUrl = new URL(DEFAULT_URL);
  adminUrl.pathname = '/postgres';
  const admin = new pg.Client({ connectionString: adminUrl.toString() });
  await admin.connect();
  try {
    if (reseed) {
      log('Dropping tl_bench (--reseed)');
      await admin.query('drop database if exists tl_bench with (force)');
    }
    const exists = await admin.query('select 1 from pg_database where datname = $1', ['tl_bench']);
    if (exists.rowCount === 0) await admin.query('create database tl_bench');
  } finally {
    await admin.end();
  }
}
