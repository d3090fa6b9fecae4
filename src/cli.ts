import { parseArgs } from 'node:util';
import { z } from 'zod';
import { loadConfig, ConfigError } from './platform/config.js';
import { openDatabase, DataDirectoryDamagedError, type Database } from './platform/db/database.js';
import { DataDirLockedError } from './platform/db/data-dir-lock.js';
import { migrateToLatest } from './platform/db/migrate.js';
import { auditVerifyCommand } from './platform/audit/verify-command.js';
import { writeAudit } from './platform/audit/audit.js';
import { hashPassword } from './platform/auth/passwords.js';
import { isRole, roles } from './platform/access/roles.js';
import { seedOrganisation } from './seed/organisation.js';
import { seedCounty, type Scale } from './seed/county.js';
import { seedTier1 } from './seed/tier1.js';
import { importPostcodes } from './modules/information/index.js';
import { directoryCommands, directoryUsage, DirectoryUsageError } from './modules/directory/index.js';
import { idField } from './platform/http/ids.js';
import { budgetsCommand, budgetsUsage, BudgetsUsageError } from './modules/budgets/index.js';

/**
 * `transforming-lives <command>`: operator tasks that need no browser. Uses the same configuration
 * as the server (DATABASE_URL for PostgreSQL, otherwise the embedded database in DATA_DIR).
 */
const usage = `Usage: transforming-lives <command> [options]

Commands:
  migrate                                  Bring the database schema up to date.
  seed --scale tiny|small|large [--seed N] Create the demo county in an empty database (not for production).
  audit verify                             Check every organisation's audit chain is intact.
  create-user --username U --role R --org-id ID --display-name "Name"
                                           Create a staff account; the password is read from TL_NEW_PASSWORD.
  import-postcodes --file F                Load postcode centroids from the ONS Postcode Directory CSV (pcds, lat, long, doterm, laua).
${directoryUsage}
${budgetsUsage}
  help                                     Show this message.

Where the data is: DATABASE_URL (PostgreSQL) if set, otherwise the embedded database in DATA_DIR (./data).
Roles: ${roles.join(', ')}`;

class UsageError extends Error {}

type Command = (database: Database, args: string[]) => Promise<number>;

const commands: Record<string, Command> = {
  async migrate(database) {
    const applied = await migrateToLatest(database.db);
    console.log(
      applied.length
        ? `Applied ${applied.length} migration(s): ${applied.join(', ')}`
        : 'The database is already up to date.',
    );
    return 0;
  },

  async seed(database, args) {
    const { values } = parse(args, { scale: { type: 'string' }, seed: { type: 'string' } });
    const scale = z.enum(['tiny', 'small', 'large']).safeParse(values.scale);
    if (!scale.success) throw new UsageError('seed needs --scale tiny, small or large');
    const seed = values.seed === undefined ? 1 : Number(values.seed);
    if (!Number.isSafeInteger(seed) || seed < 0) throw new UsageError('--seed must be a whole number, like 1');
    if (loadConfig().env === 'production')
      throw new UsageError('seed creates demo data and is not allowed when NODE_ENV=production');
    await migrateToLatest(database.db);
    const existing = await database.db.selectFrom('organisation').select('name').limit(1).executeTakeFirst();
    if (existing) {
      console.error(
        `The database already has data (organisation "${existing.name}"). seed only fills an empty database; nothing was changed.`,
      );
      return 1;
    }
    const started = Date.now();
    const org = await seedOrganisation(database.db);
    const summary = await seedCounty(database.db, org, {
      scale: scale.data as Scale,
      seed,
      onProgress: (done, total) =>
        process.stdout.write(
          `\r  ${done.toLocaleString('en-GB')} of ${total.toLocaleString('en-GB')} generated people`,
        ),
    });
    await seedTier1(database.db, org, { scale: scale.data as Scale, seed });
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    console.log(
      `\nSeeded the demo county (${scale.data}, seed ${seed}) in ${seconds}s: ${summary.people.toLocaleString('en-GB')} generated people, ` +
        `${summary.events.toLocaleString('en-GB')} events, ${summary.relationships.toLocaleString('en-GB')} relationships, plus the scenario people.`,
    );
    return 0;
  },

  async audit(database, args) {
    if (args[0] !== 'verify') throw new UsageError('Did you mean "audit verify"?');
    return auditVerifyCommand(database.db);
  },

  async 'import-postcodes'(database, args) {
    const { values } = parse(args, { file: { type: 'string' } });
    if (!values.file) throw new UsageError('import-postcodes needs --file, the ONS Postcode Directory CSV');
    await migrateToLatest(database.db);
    const report = await importPostcodes(database.db, values.file);
    console.log(
      `Read ${report.read.toLocaleString('en-GB')} rows: ${report.imported.toLocaleString('en-GB')} postcodes added or updated ` +
        `(${report.terminated.toLocaleString('en-GB')} of them terminated), ${report.rejected.toLocaleString('en-GB')} rejected.`,
    );
    for (const reason of report.rejections) console.log(`  ${reason}`);
    if (report.rejected > report.rejections.length)
      console.log(`  …and ${(report.rejected - report.rejections.length).toLocaleString('en-GB')} more.`);
    return report.imported === 0 && report.rejected > 0 ? 1 : 0;
  },

  async 'create-user'(database, args) {
    const { values } = parse(args, {
      username: { type: 'string' },
      role: { type: 'string' },
      'org-id': { type: 'string' },
      'display-name': { type: 'string' },
    });
    const input = createUserSchema.safeParse({ ...values, password: process.env.TL_NEW_PASSWORD });
    if (!input.success) throw new UsageError(input.error.issues.map((i) => i.message).join('\n'));
    const { username, role, 'org-id': orgId, 'display-name': displayName, password } = input.data;
    const org = await database.db.selectFrom('organisation').select('id').where('id', '=', orgId).executeTakeFirst();
    if (!org) throw new UsageError(`No organisation has the id ${orgId}`);
    // Set-up work, as the owner (like migrations and the seed): the username must be free in every
    // council, which row-level security would hide from tl_app.
    const taken = await database.db
      .selectFrom('staff_user')
      .select('id')
      .where('username', '=', username)
      .executeTakeFirst();
    if (taken) throw new UsageError(`The username ${username} is already taken`);
    const passwordHash = await hashPassword(password);
    const user = await database.db.transaction().execute(async (tx) => {
      const row = await tx
        .insertInto('staff_user')
        .values({ org_id: orgId, username, display_name: displayName, role, password_hash: passwordHash })
        .returning('id')
        .executeTakeFirstOrThrow();
      await writeAudit(tx, { actor: { kind: 'system', orgId } }, [
        {
          action: 'staff_user.create',
          resourceType: 'staff_user',
          resourceId: row.id,
          reason: 'created from the command line',
        },
      ]);
      return row;
    });
    console.log(`Created ${username} (${role}), id ${user.id}.`);
    return 0;
  },
  ...directoryCommands,
  budgets: budgetsCommand,
};

const createUserSchema = z.object({
  username: z
    .string({ error: 'Give --username' })
    .trim()
    .toLowerCase()
    .regex(/^[a-z0-9][a-z0-9._-]{0,59}$/, 'The username must be letters, numbers, full stops, hyphens or underscores'),
  role: z.string({ error: 'Give --role' }).refine(isRole, `The role must be one of: ${roles.join(', ')}`),
  'org-id': idField('Give --org-id (the organisation\u2019s id, a UUID)'),
  'display-name': z
    .string({ error: 'Give --display-name' })
    .trim()
    .min(1, 'Give --display-name')
    .max(100, 'The display name must be 100 characters or fewer'),
  password: z
    .string({ error: 'Set TL_NEW_PASSWORD to the new account\u2019s password' })
    .min(12, 'TL_NEW_PASSWORD must be 12 characters or more'),
});

function parse<T extends Record<string, { type: 'string' }>>(args: string[], options: T) {
  try {
    return parseArgs({ args, options, strict: true, allowPositionals: false });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

export async function runCli(argv: string[]): Promise<number> {
  const [name, ...args] = argv;
  if (!name || name === 'help' || name === '--help' || name === '-h') {
    console.log(usage);
    return 0;
  }
  const command = Object.hasOwn(commands, name) ? commands[name] : undefined;
  if (!command) {
    console.error(`Unknown command "${name}".\n\n${usage}`);
    return 2;
  }
  const config = loadConfig();
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, poolSize: 2 });
  try {
    return await command(database, args);
  } finally {
    await database.close();
  }
}

runCli(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    if (error instanceof UsageError || error instanceof DirectoryUsageError || error instanceof BudgetsUsageError)
      console.error(`${error.message}\n\nRun "transforming-lives help" for usage.`);
    else if (
      error instanceof ConfigError ||
      error instanceof DataDirectoryDamagedError ||
      error instanceof DataDirLockedError
    )
      console.error(error.message);
    else console.error(`The command failed: ${(error as Error).stack ?? String(error)}`);
    process.exitCode =
      error instanceof UsageError || error instanceof DirectoryUsageError || error instanceof BudgetsUsageError ? 2 : 1;
  },
);
