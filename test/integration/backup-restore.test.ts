import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql, type Kysely } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { openPGlite } from '../../src/platform/db/database.js';
import { migrateToLatest } from '../../src/platform/db/migrate.js';
import type { DB } from '../../src/platform/db/schema.js';
import { seedOrganisation } from '../../src/seed/organisation.js';
import { createApp } from '../../src/app.js';
import { testConfig } from '../../src/platform/config.js';
import { signIn } from '../helpers/app.js';
import { auditVerifyCommand } from '../../src/platform/audit/verify-command.js';

const LOCK = '.transforming-lives.lock';

/** Rows in every table of the public schema, by table: a restored copy must match exactly. */
async function rowCounts(db: Kysely<DB>): Promise<Record<string, number>> {
  const tables = await sql<{ table_name: string }>`
    select table_name from information_schema.tables
    where table_schema = 'public' and table_type = 'BASE TABLE' order by table_name`.execute(db);
  const counts: Record<string, number> = {};
  for (const { table_name } of tables.rows) {
    const result = await sql<{ n: number }>`select count(*)::int as n from ${sql.table(table_name)}`.execute(db);
    counts[table_name] = result.rows[0]!.n;
  }
  return counts;
}

function run(command: string, args: string[]): void {
  const result = spawnSync(command, args, { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed:\n${result.stderr}`);
}

/** README, "Backups": the embedded database's folder, backed up with the server stopped and restored. */
describe('backing up and restoring the embedded database folder', () => {
  const root = mkdtempSync(join(tmpdir(), 'tl-backup-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('restores a backup taken with the server stopped into a new folder, with every row and the audit chains intact', async () => {
    const dataDir = join(root, 'data');
    const live = await openPGlite(dataDir);
    let before: Record<string, number>;
    try {
      await migrateToLatest(live.db);
      await seedOrganisation(live.db);
      // A person added and read through the app, so the backup holds audit entries to verify.
      const app = await createApp({ config: testConfig({ cookieSecure: false }), database: live });
      try {
        const agent = await signIn(app, 'sam.practitioner');
        const added = await agent.api('POST', '/api/v1/people', {
          givenName: 'Backed',
          familyName: 'Up',
          dateOfBirth: '1950-01-01',
        });
        expect(added.statusCode).toBe(201);
        expect((await agent.api('GET', `/api/v1/people/${added.json<{ id: string }>().id}`)).statusCode).toBe(200);
      } finally {
        await app.close();
      }
      before = await rowCounts(live.db);
    } finally {
      await live.close(); // the server stopped: checkpointed, lock released
    }
    expect(before.person).toBeGreaterThan(0);
    expect(before.audit_event).toBeGreaterThan(0);
    expect(existsSync(join(dataDir, LOCK))).toBe(false);

    // As documented: one archive of the whole folder, then unpacked into an empty folder.
    const archive = join(root, 'transforming-lives-backup.tar.gz');
    run('tar', ['-czf', archive, '-C', dataDir, '.']);
    const restored = join(root, 'restored');
    mkdirSync(restored);
    run('tar', ['-xzf', archive, '-C', restored]);
    rmSync(dataDir, { recursive: true, force: true }); // the original is gone: only the backup remains

    const copy = await openPGlite(restored);
    try {
      expect(await rowCounts(copy.db)).toEqual(before);
      const verify: string[] = [];
      expect(await auditVerifyCommand(copy.db, (line) => verify.push(line))).toBe(0);
      expect(verify[0]).toMatch(/^Audit log intact/);
    } finally {
      await copy.close();
    }
  }, 300_000);
});
