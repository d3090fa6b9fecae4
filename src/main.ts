import cluster from 'node:cluster';
import { loadConfig, ConfigError, type AppConfig } from './platform/config.js';
import { openDatabase, DataDirectoryDamagedError } from './platform/db/database.js';
import { DataDirLockedError } from './platform/db/data-dir-lock.js';
import { migrateToLatest } from './platform/db/migrate.js';
import { createApp } from './app.js';
import { seedIfEmpty } from './seed/index.js';
import { demoAccounts } from './seed/organisation.js';
import { roleLabels } from './platform/access/roles.js';
import { readableLogStream } from './platform/readable-log.js';

/**
 * Start the server: embedded PGlite in DATA_DIR unless DATABASE_URL is set. With WEB_CONCURRENCY=N
 * (PostgreSQL only, checked in config) a primary process migrates and seeds once, then runs N
 * workers (node:cluster) sharing the port. Nothing that matters is kept in a worker's memory —
 * sessions, audit chains and the change numbers that guard kept answers are in the database — so
 * the workers behave as one server, as separate processes behind a load balancer would.
 */
async function main(): Promise<void> {
  const config = loadConfig();
  if (cluster.isPrimary && config.webConcurrency > 1) return runPrimary(config);
  if (cluster.isWorker) return runServer(config, { prepared: true, seeded: process.env.TL_SEEDED === 'true' });
  return runServer(config, { prepared: false, seeded: false });
}

/** Migrate (and seed a demo) once; returns whether it seeded. */
async function prepareDatabase(config: AppConfig, database: Awaited<ReturnType<typeof openDatabase>>) {
  await migrateToLatest(database.db);
  if (config.seedOnStart && config.env !== 'production') return seedIfEmpty(database.db, { scale: config.seedScale });
  return false;
}

async function runPrimary(config: AppConfig): Promise<void> {
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, poolSize: 1 });
  const seeded = await prepareDatabase(config, database);
  await database.close();
  let stopping = false;
  let listening = 0;
  // Every worker gets the same session secret (a generated one differs per process otherwise).
  const env = { SESSION_SECRET: config.sessionSecret, TL_SEEDED: String(seeded) };
  const fork = () => cluster.fork(env);
  cluster.on('listening', (_worker, address) => {
    listening += 1;
    if (listening === config.webConcurrency) announce(config, `http://localhost:${address.port}`, seeded, listening);
  });
  cluster.on('exit', (worker, code, signal) => {
    if (stopping) return;
    // A worker that dies is replaced: the others keep serving meanwhile.
    process.stderr.write(`Worker ${worker.process.pid} stopped (${signal ?? code}); starting another\n`);
    fork();
  });
  const stop = () => {
    if (stopping) return;
    stopping = true;
    for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill('SIGTERM');
    const timer = setTimeout(() => process.exit(1), 12_000);
    cluster.disconnect(() => {
      clearTimeout(timer);
      process.exit(0);
    });
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
  for (let i = 0; i < config.webConcurrency; i += 1) fork();
}

async function runServer(config: AppConfig, options: { prepared: boolean; seeded: boolean }): Promise<void> {
  const database = await openDatabase({
    databaseUrl: config.databaseUrl,
    dataDir: config.dataDir,
    poolSize: config.databasePoolSize,
  });
  const seeded = options.prepared ? options.seeded : await prepareDatabase(config, database);
  const app = await createApp({ config, database, logStream: developmentLogStream(config) });

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    app.log.info({ signal }, 'shutting down');
    // Stop taking requests, let those in flight finish, then checkpoint and close the database.
    const timer = setTimeout(() => process.exit(1), 10_000);
    try {
      await app.close();
      await database.close();
    } finally {
      clearTimeout(timer);
      process.exit(0);
    }
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));

  const address = await app.listen({ port: config.port, host: config.host });
  if (cluster.isPrimary) announce(config, address.replace('127.0.0.1', 'localhost'), seeded, 1);
}

/**
 * In development, logs a person can read, and requests only at LOG_LEVEL=debug (one JSON line per
 * request buried the sign-in table); production keeps pino's JSON for the log collector.
 */
function developmentLogStream(config: AppConfig) {
  if (config.env === 'production') return undefined;
  return readableLogStream(config.logLevel === 'debug' || config.logLevel === 'trace');
}

function announce(config: AppConfig, address: string, seeded: boolean, workers: number): void {
  const where = config.databaseUrl ? 'PostgreSQL' : `the embedded database in ${config.dataDir}`;
  const lines = [
    '',
    `Transforming Lives is running at ${address}`,
    `Data: ${where}${seeded ? ' (demo county seeded just now)' : ''}`,
  ];
  if (workers > 1) lines.push(`Workers: ${workers} (WEB_CONCURRENCY)`);
  if (config.env !== 'production') {
    lines.push('', 'Demo sign-ins (role, username, password):');
    for (const a of demoAccounts)
      lines.push(`  ${roleLabels[a.role].padEnd(32)} ${a.username.padEnd(20)} ${a.password}`);
  }
  lines.push('', 'Press Ctrl+C to stop.', '');
  process.stdout.write(lines.join('\n'));
}

main().catch((error: unknown) => {
  if (
    error instanceof ConfigError ||
    error instanceof DataDirectoryDamagedError ||
    error instanceof DataDirLockedError
  ) {
    process.stderr.write(`\n${error.message}\n\n`);
  } else {
    process.stderr.write(`\nTransforming Lives could not start: ${(error as Error).stack ?? String(error)}\n`);
  }
  process.exit(1);
});
