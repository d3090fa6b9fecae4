import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { openTestDatabase, testEngines, type TestDatabase } from '../helpers/database.js';
import { seedOrganisation, type SeededOrganisation } from '../../src/seed/organisation.js';
import { directoryCommands, DirectoryUsageError } from '../../src/modules/directory/cli-commands.js';
import { checkFeedUrl } from '../../src/modules/directory/imports/fetch.js';

const fixture = (name: string) => fileURLToPath(new URL(`../fixtures/directory/${name}`, import.meta.url));
const kindsCsv = fileURLToPath(new URL('../../src/modules/directory/data/service-kinds.csv', import.meta.url));

describe.each(testEngines())('directory CLI commands (%s)', (engine) => {
  let database: TestDatabase;
  let org: SeededOrganisation;
  let lines: string[];

  beforeAll(async () => {
    database = await openTestDatabase(engine);
    org = await seedOrganisation(database.db);
  }, 180_000);
  afterAll(async () => {
    await database?.dispose();
    vi.restoreAllMocks();
  });

  const run = async (name: string, args: string[]) => {
    lines = [];
    const log = vi.spyOn(console, 'log').mockImplementation((line: string) => {
      lines.push(line);
    });
    const err = vi.spyOn(console, 'error').mockImplementation((line: string) => {
      lines.push(line);
    });
    try {
      return await directoryCommands[name]!(database, args);
    } finally {
      log.mockRestore();
      err.mockRestore();
    }
  };

  it('import-taxonomy loads the CSV into the council directory', async () => {
    expect(
      await run('import-taxonomy', ['--file', kindsCsv, '--name', 'Fenshire service kinds', '--org-id', org.orgId]),
    ).toBe(0);
    expect(lines[0]).toMatch(/^Fenshire service kinds: 17 terms added, 0 updated, 0 problems\.$/);
    await expect(run('import-taxonomy', ['--file', kindsCsv])).rejects.toThrow(DirectoryUsageError);
  });

  it('import-directory prints added, updated and rejected', async () => {
    expect(await run('import-directory', ['--file', fixture('oruk3-mixed.json'), '--org-id', org.orgId])).toBe(0);
    expect(lines[0]).toContain('(oruk3): 2 added, 0 updated, 0 unchanged, 2 rejected.');
    expect(lines.some((l) => l.startsWith('  rejected Bad email'))).toBe(true);
    expect(await run('import-directory', ['--file', fixture('oruk3-bad.json'), '--org-id', org.orgId])).toBe(1);
    expect(await run('import-directory', ['--url', 'http://not-allowed.example/oruk', '--org-id', org.orgId])).toBe(1);
    expect(lines[0]).toContain('Feeds cannot be imported from not-allowed.example');
    await expect(run('import-directory', ['--org-id', org.orgId])).rejects.toThrow('needs --file or --url');
    await expect(run('import-directory', ['--file', 'x', '--format', 'xml'])).rejects.toThrow('--format must be');
  });

  it('checks feed hosts, including IPv6 and ports', () => {
    expect(checkFeedUrl('http://[::1]:8080/oruk', ['::1']).port).toBe('8080');
    expect(checkFeedUrl('https://feeds.example.org:8443/x', ['feeds.example.org:8443']).hostname).toBe(
      'feeds.example.org',
    );
    expect(() => checkFeedUrl('file:///etc/passwd', ['localhost'])).toThrow('must start with http');
    expect(() => checkFeedUrl('http://10.0.0.1/', ['localhost'])).toThrow('not one of the feed hosts');
  });
});
