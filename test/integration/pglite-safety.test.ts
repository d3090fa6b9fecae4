import { spawnSync, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DataDirectoryDamagedError, openPGlite } from '../../src/platform/db/database.js';
import { DataDirLockedError } from '../../src/platform/db/data-dir-lock.js';
import { startServerProcess, stopServerProcess } from '../helpers/server-process.js';

const LOCK = '.transforming-lives.lock';

/** sha256 of every file under `dir`, by relative path: to prove a refused directory was not touched. */
function fingerprint(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const path = join(d, name);
      if (statSync(path).isDirectory()) walk(path);
      else out[relative(dir, path)] = createHash('sha256').update(readFileSync(path)).digest('hex');
    }
  };
  walk(dir);
  return out;
}

describe('PGlite data directory safety', () => {
  let root: string;
  let template: string;
  let copies = 0;
  const children: ChildProcess[] = [];

  /** A fresh copy of an initialised data directory holding one table (initdb is slow, copying is not). */
  const copyOfTemplate = () => {
    const dir = join(root, `copy-${++copies}`);
    cpSync(template, dir, { recursive: true });
    return dir;
  };

  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'tl-pglite-safety-'));
    template = join(root, 'template');
    const database = await openPGlite(template);
    await sql`create table kept (note text); insert into kept values ('still here')`.execute(database.db);
    await database.close();
    expect(existsSync(join(template, LOCK))).toBe(false);
  }, 180_000);

  afterAll(() => {
    for (const child of children) if (child.exitCode === null && child.pid) process.kill(child.pid, 'SIGKILL');
    if (root) rmSync(root, { recursive: true, force: true });
  });

  it('refuses a second open of a directory that is in use, and reopens it after close with the data intact', async () => {
    const dir = copyOfTemplate();
    const first = await openPGlite(dir);
    try {
      expect(readFileSync(join(dir, LOCK), 'utf8').trim()).toBe(String(process.pid));
      await expect(openPGlite(dir)).rejects.toBeInstanceOf(DataDirLockedError);
      // The refusal did not disturb the holder.
      await sql`insert into kept values ('written while locked')`.execute(first.db);
    } finally {
      await first.close();
    }
    expect(existsSync(join(dir, LOCK))).toBe(false);
    const again = await openPGlite(dir);
    try {
      const rows = await sql<{ note: string }>`select note from kept order by note`.execute(again.db);
      expect(rows.rows.map((r) => r.note)).toEqual(['still here', 'written while locked']);
    } finally {
      await again.close();
    }
  }, 120_000);

  it('takes over a stale lock left by a process that has died', async () => {
    const dir = copyOfTemplate();
    const dead = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
    const deadPid = Number(dead.stdout);
    expect(deadPid).toBeGreaterThan(0);
    writeFileSync(join(dir, LOCK), String(deadPid));
    const database = await openPGlite(dir);
    try {
      expect(readFileSync(join(dir, LOCK), 'utf8').trim()).toBe(String(process.pid));
      const rows = await sql<{ note: string }>`select note from kept`.execute(database.db);
      expect(rows.rows).toEqual([{ note: 'still here' }]);
    } finally {
      await database.close();
    }
    expect(existsSync(join(dir, LOCK))).toBe(false);
  }, 120_000);

  for (const [damage, files] of [
    ['a garbage pg_control', ['global/pg_control']],
    ['a garbage PG_VERSION', ['PG_VERSION']],
    ['both garbage', ['global/pg_control', 'PG_VERSION']],
  ] as const) {
    it(`refuses a damaged directory (${damage}) with a clear error and leaves its files exactly as they were`, async () => {
      const dir = copyOfTemplate();
      for (const file of files) writeFileSync(join(dir, file), Buffer.alloc(8192, 0x5a));
      const before = fingerprint(dir);
      const error = await openPGlite(dir).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(DataDirectoryDamagedError);
      expect((error as Error).message).toContain('has not been changed');
      expect(fingerprint(dir)).toEqual(before);
      expect(existsSync(join(dir, LOCK))).toBe(false);
    }, 60_000);
  }

  async function startServer(dir: string) {
    const server = await startServerProcess(dir);
    children.push(server.child);
    return server;
  }

  async function countPeople(dir: string): Promise<number> {
    const database = await openPGlite(dir);
    try {
      const row = await database.db
        .selectFrom('person')
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow();
      return Number(row.n);
    } finally {
      await database.close();
    }
  }

  it('starts, seeds, stops cleanly on SIGTERM (lock released), and starts again with the data kept', async () => {
    const dir = copyOfTemplate();
    const first = await startServer(dir);
    expect(first.output()).toContain('demo county seeded just now');
    expect((await fetch(`${first.url}/health`)).status).toBe(200);
    expect(existsSync(join(dir, LOCK))).toBe(true);
    const stopped = await stopServerProcess(first.child);
    expect(stopped.code).toBe(0);
    expect(existsSync(join(dir, LOCK))).toBe(false);
    const people = await countPeople(dir);
    expect(people).toBeGreaterThan(0);

    const second = await startServer(dir);
    expect(second.output()).not.toContain('seeded just now');
    expect((await fetch(`${second.url}/health`)).status).toBe(200);
    const ready = await fetch(`${second.url}/ready`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({ status: 'ready', database: 'pglite' });
    expect((await stopServerProcess(second.child)).code).toBe(0);
    expect(existsSync(join(dir, LOCK))).toBe(false);
    expect(await countPeople(dir)).toBe(people);
  }, 600_000);
});
