/**
 * One client alone against a person page, in this process, for `node --cpu-prof`: where a page's
 * time goes. `tsx bench/profile-page.ts money|plan|assessment [rounds]` (BENCH_DATABASE_URL as for
 * the bench; the bench's datasets must exist: run `npm run bench` once). PROFILE_LOAD=1 measures at 50
 * connections from another process instead of one client in this one.
 */
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { ensureMoney } from './money.js';
import { ensureTier3 } from './tier3.js';
import { runLoad } from './run-load.js';
import { startProfiledApp } from './profile-app.js';

const log = (line: string) => process.stdout.write(`${line}\n`);
/** CPU time of every PostgreSQL process on this machine so far, in ms (Linux /proc; 0 elsewhere). */
function postgresCpuMs(): number {
  let ticks = 0;
  for (const pid of readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      if (!stat.includes('(postgres)')) continue;
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      ticks += Number(fields[11]) + Number(fields[12]);
    } catch {
      // The process ended while we looked.
    }
  }
  return ticks * 10; // USER_HZ is 100 on Linux
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function main(): Promise<void> {
  const page = process.argv[2] ?? 'money';
  const rounds = Number(process.argv[3] ?? 3);
  const { app, database, base, session } = await startProfiledApp(log);
  // The money bench's people are some of tier 3's, with agreed budgets: tier 3's dataset comes first.
  const tier3 = await ensureTier3(database.db, log);
  const paths =
    page === 'money'
      ? (await ensureMoney(database.db, log)).people.map((id) => `/people/${id}/money`)
      : tier3.benched.map((b) =>
          page === 'plan'
            ? `/people/${b.personId}/support-plan`
            : `/people/${b.personId}/assessments/${b.assessmentId}`,
        );
  const headers = { cookie: session.cookie, 'accept-encoding': 'gzip' };
  const time = async (label: string, list: string[]) => {
    const ms: number[] = [];
    let bytes = 0;
    for (let r = 0; r < rounds; r++)
      for (const path of list) {
        const start = performance.now();
        const res = await fetch(`${base}${path}`, { headers });
        bytes = (await res.arrayBuffer()).byteLength;
        if (res.status !== 200) throw new Error(`${path}: ${res.status}`);
        ms.push(performance.now() - start);
      }
    log(`${label}: median ${median(ms).toFixed(2)} ms over ${ms.length} (${bytes} bytes sent)`);
  };
  if (process.env.PROFILE_LOAD) {
    // Under load from another process (50 connections, as the bench), so a profile holds only the app's work.
    const dir = mkdtempSync(join(tmpdir(), 'tl-profile-'));
    const jobs = [
      ['home page', ['/']],
      [page, paths],
    ] as const;
    for (const [label, list] of process.env.PROFILE_LOAD === 'page' ? jobs.slice(1) : jobs) {
      const job = {
        url: base,
        connections: 50,
        durationSeconds: 10,
        headers,
        method: 'GET' as const,
        paths: [...list],
      };
      const [cpu, pg] = [process.cpuUsage(), postgresCpuMs()];
      const result = await runLoad(dir, job);
      const used = process.cpuUsage(cpu);
      const appMs = (used.user + used.system) / 1000 / result.requests;
      const dbMs = (postgresCpuMs() - pg) / result.requests;
      log(
        `${label} under load: ${result.rps} req/s, p50 ${result.p50} ms, p95 ${result.p95} ms; ` +
          `CPU per request: app ${appMs.toFixed(2)} ms, PostgreSQL ${dbMs.toFixed(2)} ms`,
      );
    }
  } else {
    await time('home page', Array(paths.length).fill('/'));
    await time(page, paths);
    await time('home page', Array(paths.length).fill('/'));
    await time(page, paths);
  }
  await app.close();
  await database.close();
}

main().catch((error: unknown) => {
  process.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
  process.exit(1);
});
