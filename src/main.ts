import { loadConfig, ConfigError } from './platform/config.js';
import { openDatabase, DataDirectoryDamagedError } from './platform/db/database.js';
import { DataDirLockedError } from './platform/db/data-dir-lock.js';
import { migrateToLatest } from './platform/db/migrate.js';
import { createApp } from './app.js';
import { seedIfEmpty } from './seed/index.js';
import { demoAccounts } from './seed/organisation.js';
import { roleLabels } from './platform/access/roles.js';

/** Start the server: embedded PGlite in DATA_DIR unless DATABASE_URL is set. */
async function main(): Promise<void> {
  const config = loadConfig();
  const database = await openDatabase({
    databaseUrl: config.databaseUrl,
    dataDir: config.dataDir,
    poolSize: config.databasePoolSize,
  });
  await migrateToLatest(database.db);
  let seeded = false;
  if (config.seedOnStart && config.env !== 'production')
    seeded = await seedIfEmpty(database.db, { scale: config.seedScale });
  const app = await createApp({ config, database });

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
  const where = config.databaseUrl ? 'PostgreSQL' : `the embedded database in ${config.dataDir}`;
  const lines = [
    '',
    `Transforming Lives is running at ${address.replace('127.0.0.1', 'localhost')}`,
    `Data: ${where}${seeded ? ' (demo county seeded just now)' : ''}`,
  ];
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
