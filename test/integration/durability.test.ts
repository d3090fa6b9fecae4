import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ChildProcess } from 'node:child_process';
import { afterAll, describe, expect, it } from 'vitest';
import { openPGlite } from '../../src/platform/db/database.js';
import { auditVerifyCommand } from '../../src/platform/audit/verify-command.js';
import { signInOverHttp, startServerProcess, stopServerProcess, type HttpAgent } from '../helpers/server-process.js';

/**
 * The embedded database's promise: a write the server acknowledged survives the server being
 * killed outright. Each cycle starts the real server on the same folder, writes people through the
 * API from a few clients at once, and SIGKILLs the process mid-stream; then everything acknowledged
 * must be there and the audit chains intact. A few cycles by default (CI); DURABILITY_CYCLES=50
 * for the extended run.
 */
const CYCLES = Math.max(1, Number(process.env.DURABILITY_CYCLES ?? 3));
const WRITERS = 4;
/** How long each cycle writes before the kill: varied so the kill lands at different moments. */
const writeMs = (cycle: number) => 800 + ((cycle * 617) % 1400);
/** The acknowledged writes nearest each kill, read back over HTTP after the restart. */
const READ_BACK = 20;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('the embedded database through kill -9', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tl-durability-'));
  const children: ChildProcess[] = [];
  afterAll(() => {
    for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  });

  /** Add people until the server stops answering, into `acknowledged` (only those answered 201). */
  async function writeUntilKilled(agent: HttpAgent, cycle: number, writer: number, acknowledged: string[]) {
    for (let n = 0; ; n++) {
      const body = {
        givenName: `Cycle${cycle}Writer${writer}No${n}`,
        familyName: 'Durable',
        dateOfBirth: '1950-01-01',
      };
      let res: Response;
      try {
        res = await agent.api('POST', '/api/v1/people', body);
      } catch {
        return; // the server has gone: this write was never acknowledged
      }
      if (res.status !== 201) throw new Error(`write refused with ${res.status}: ${await res.text()}`);
      acknowledged.push(((await res.json()) as { id: string }).id);
    }
  }

  /** Resolves once the cycle has its first acknowledged write (a busy machine can take seconds). */
  async function firstAcknowledged(acknowledged: string[]): Promise<void> {
    while (acknowledged.length === 0) await sleep(20);
  }

  async function readBack(agent: HttpAgent, ids: string[]): Promise<string[]> {
    const statuses = await Promise.all(ids.map(async (id) => (await agent.api('GET', `/api/v1/people/${id}`)).status));
    return ids.filter((_, i) => statuses[i] !== 200);
  }

  it(
    `loses no acknowledged write over ${CYCLES} SIGKILL cycles, and the audit chains stay intact`,
    async () => {
      const acknowledged: string[] = [];
      let lastCycle: string[] = [];
      for (let cycle = 1; cycle <= CYCLES; cycle++) {
        // Restarting over a killed server's folder also proves its lock (naming a dead pid) is taken over.
        const server = await startServerProcess(dir, { LOG_LEVEL: 'silent' });
        children.push(server.child);
        const agent = await signInOverHttp(server.url, 'sam.practitioner');
        expect(await readBack(agent, lastCycle.slice(-READ_BACK))).toEqual([]);

        const thisCycle: string[] = [];
        const writers = Array.from({ length: WRITERS }, (_, w) => writeUntilKilled(agent, cycle, w, thisCycle));
        // Kill while writes are flowing: some time after the first one is acknowledged.
        await firstAcknowledged(thisCycle);
        await sleep(writeMs(cycle));
        const killed = await stopServerProcess(server.child, 'SIGKILL');
        expect(killed.signal).toBe('SIGKILL');
        await Promise.all(writers);
        lastCycle = thisCycle;
        acknowledged.push(...lastCycle);
      }

      // One more start recovers from the last kill; a clean stop then leaves the folder for checking.
      const server = await startServerProcess(dir, { LOG_LEVEL: 'silent' });
      children.push(server.child);
      expect(await readBack(await signInOverHttp(server.url, 'sam.practitioner'), lastCycle.slice(-READ_BACK))).toEqual(
        [],
      );
      expect((await stopServerProcess(server.child, 'SIGTERM')).code).toBe(0);

      const database = await openPGlite(dir);
      try {
        const present = new Set<string>();
        for (let i = 0; i < acknowledged.length; i += 1000) {
          const rows = await database.db
            .selectFrom('person')
            .select('id')
            .where('id', 'in', acknowledged.slice(i, i + 1000))
            .execute();
          for (const row of rows) present.add(row.id);
        }
        const missing = acknowledged.filter((id) => !present.has(id));
        const verify: string[] = [];
        const exitCode = await auditVerifyCommand(database.db, (line) => verify.push(line));
        // What the run measured, for the README and for the extended run's log.
        console.log(
          `durability: ${CYCLES} SIGKILL cycles, ${acknowledged.length} writes acknowledged, ${missing.length} missing; ${verify[0]}`,
        );
        expect(missing).toEqual([]);
        expect(verify[0]).toMatch(/^Audit log intact/);
        expect(exitCode).toBe(0);
      } finally {
        await database.close();
      }
    },
    300_000 + CYCLES * 120_000,
  ); // generous: a start takes seconds alone, far longer on a busy machine
});
