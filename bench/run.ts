/**
 * `npm run bench`: the large synthetic county on PostgreSQL, the real app in this process, and
 * autocannon (in a child process) against the floor route, person search, the record page, the
 * timeline, the directory and the crisis board. Writes BENCHMARKS.md and prints PASS/FAIL against
 * the issue targets.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { sql, type Kysely } from 'kysely';
import type { DB } from '../src/platform/db/schema.js';
import { createApp } from '../src/app.js';
import { testConfig } from '../src/platform/config.js';
import { demoAccounts, demoCouncil } from '../src/seed/organisation.js';
import { prepareDatabase } from './database.js';
import { insertBenchToken, realisticQueries, samplePeople, signIn, storeSearch } from './client.js';
import type { LoadJob } from './load.js';
import { runLoad } from './run-load.js';
import { evaluateTargets, renderReport, tableRows, type RouteResult } from './report.js';
import { directoryJobs, directoryNotes, ensureDirectory } from './directory.js';
import { crisisJobs, crisisNotes, ensureCrisisBoard } from './crisis.js';
import { startServer } from './workers.js';
import { ensureTier3, tier3Jobs, tier3Notes, timeFairnessReport } from './tier3.js';
import { ensureMoney, moneyJobs, moneyNotes } from './money.js';
import { TARGET_MS, timePaymentRunBothEngines } from './payment-run.js';

const log = (line: string) => process.stdout.write(`${line}\n`);
const durationSeconds = Number(process.env.BENCH_DURATION ?? 15);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 50);
const POOL_SIZE = 10;

async function main(): Promise<void> {
  const {
    database,
    url: databaseUrl,
    seedSeconds,
  } = await prepareDatabase({
    reseed: process.argv.includes('--reseed'),
    poolSize: POOL_SIZE,
    log,
  });
  const { db } = database;
  const directory = await ensureDirectory(db, log);
  const crisis = await ensureCrisisBoard(db, log);
  const tier3 = await ensureTier3(db, log);
  const money = await ensureMoney(db, log);
  // Every run starts from the same settled state: freshly seeded pages have no visibility map yet
  // (measured: an ORUK page's id scan took 28 ms with 1,000 heap fetches, 0.7 ms after vacuum), and
  // earlier runs leave audit rows behind. Only pages changed since the last vacuum are read.
  const vacuumStarted = Date.now();
  await sql`vacuum analyze`.execute(db);
  log(`Vacuumed and analysed the bench database in ${((Date.now() - vacuumStarted) / 1000).toFixed(0)} s`);
  const org = await db
    .selectFrom('organisation')
    .select('id')
    .where('ods_code', '=', demoCouncil.ods_code)
    .executeTakeFirstOrThrow();
  const app = await createApp({
    config: testConfig({ cookieSecure: false, databasePoolSize: POOL_SIZE, logLevel: 'silent' }),
    database,
  });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;

  let peak = 0;
  let routePeak = 0;
  const sampler = setInterval(() => {
    const rss = process.memoryUsage().rss;
    peak = Math.max(peak, rss);
    routePeak = Math.max(routePeak, rss);
  }, 100);

  try {
    const sam = demoAccounts.find((a) => a.username === 'sam.practitioner')!;
    const session = await signIn(base, sam.username, sam.password);
    await storeSearch(base, session, 'margaret smith');
    const token = await insertBenchToken(db, org.id);
    const sample = await samplePeople(db, org.id, 1000);
    const ids = sample.map((p) => p.id);
    const cookie = { cookie: session.cookie };
    const bearer = { authorization: `Bearer ${token}` };
    const hasApi = app.hasRoute({ method: 'POST', url: '/api/v1/people/search' });
    const hasTimelineApi = app.hasRoute({ method: 'GET', url: '/api/v1/people/:id/events' });

    const jobs: [string, Omit<LoadJob, 'url' | 'connections' | 'durationSeconds'>][] = [
      ['Floor: GET /health/floor', { method: 'GET', headers: {}, paths: ['/health/floor'] }],
      // The cheapest signed-in page (session, layout, no person data): what any staff page costs at least.
      [
        'Signed-in home page: GET / (session and layout, no person data)',
        { method: 'GET', headers: cookie, paths: ['/'] },
      ],
      [
        'Person search (page): GET /people?page=1, stored query "margaret smith"',
        { method: 'GET', headers: cookie, paths: ['/people?page=1'] },
      ],
      ...(hasApi
        ? [
            [
              'Person search (API): POST /api/v1/people/search, 40 rotating queries',
              {
                method: 'POST' as const,
                headers: { ...bearer, 'content-type': 'application/json' },
                paths: ['/api/v1/people/search'],
                bodies: realisticQueries(sample).map((q) => JSON.stringify({ q })),
              },
            ] as [string, Omit<LoadJob, 'url' | 'connections' | 'durationSeconds'>],
          ]
        : []),
      [
        'Person record page: GET /people/:id, 1,000 people',
        { method: 'GET', headers: cookie, paths: ids.map((id) => `/people/${id}`) },
      ],
      hasTimelineApi
        ? [
            'Timeline (API): GET /api/v1/people/:id/events, 1,000 people',
            { method: 'GET', headers: bearer, paths: ids.map((id) => `/api/v1/people/${id}/events`) },
          ]
        : [
            'Timeline (page): GET /people/:id/timeline, 1,000 people',
            { method: 'GET', headers: cookie, paths: ids.map((id) => `/people/${id}/timeline`) },
          ],
      ...directoryJobs((url) => app.hasRoute({ method: 'GET', url })),
      ...crisisJobs(crisis, cookie, (url) => app.hasRoute({ method: 'GET', url })),
      ...tier3Jobs(tier3, cookie, (url) => app.hasRoute({ method: 'GET', url })),
      ...moneyJobs(money, cookie, (url) => app.hasRoute({ method: 'GET', url })),
    ];

    const dir = mkdtempSync(join(tmpdir(), 'tl-bench-'));
    const results: RouteResult[] = [];
    const single: RouteResult[] = [];
    // BENCH_ONLY=record,oruk (words from the route names) runs the floor and the matching routes only, for investigating one route.
    const only = process.env.BENCH_ONLY?.toLowerCase()
      .split(',')
      .map((w) => w.trim())
      .filter(Boolean);
    for (const [name, job] of jobs.filter(
      ([n]) => !only || n.startsWith('Floor') || only.some((w) => n.toLowerCase().includes(w)),
    )) {
      // A short warm-up fills the connection pool and the plan and page caches before measuring.
      await runLoad(dir, { ...job, url: base, connections, durationSeconds: 3 });
      routePeak = 0;
      log(`Running ${name} for ${durationSeconds} s…`);
      const result = await runLoad(dir, { ...job, url: base, connections, durationSeconds });
      results.push({ ...result, name, peakRssMb: routePeak / 2 ** 20 });
      // Requests the load generator gave up on are still running in the app: let them finish so they
      // do not slow the next route, then measure one client alone (latency without queueing).
      await drain(db);
      const alone = await runLoad(dir, { ...job, url: base, connections: 1, durationSeconds: 5 });
      single.push({ ...alone, name, peakRssMb: routePeak / 2 ** 20 });
      await drain(db);
    }

    // The record page again, against `npm start` in its own processes with 1 and then 2 workers.
    const recordJob = jobs.find(([n]) => n.startsWith('Person record page'));
    if (recordJob && (!only || only.some((w) => recordJob[0].toLowerCase().includes(w)))) {
      for (const workers of [1, 2]) {
        const server = await startServer(databaseUrl, workers, sam);
        try {
          const job = { ...recordJob[1], headers: { cookie: server.session.cookie }, url: server.base, connections };
          await runLoad(dir, { ...job, durationSeconds: 3 });
          const name = `Record page, \`npm start\` with WEB_CONCURRENCY=${workers}: GET /people/:id, 1,000 people`;
          log(`Running ${name} for ${durationSeconds} s…`);
          results.push({ ...(await runLoad(dir, { ...job, durationSeconds })), name, peakRssMb: 0 });
          await drain(db);
        } finally {
          await server.stop();
        }
      }
    }

    // The fairness report alone, as a commissioner, over every agreed budget under each version.
    let fairness: Awaited<ReturnType<typeof timeFairnessReport>> | null = null;
    if (app.hasRoute({ method: 'GET', url: '/allocation/fairness' }) && (!only || only.includes('fairness'))) {
      const carla = demoAccounts.find((a) => a.username === 'carla.commissioner')!;
      const commissioner = await signIn(base, carla.username, carla.password);
      log('Timing the fairness report alone…');
      fairness = await timeFairnessReport(base, commissioner.cookie, tier3.versionIds);
    }

    // A payment run for 10,000 recipients, end to end with both files, on a throw-away database of its own.
    let paymentRun: Awaited<ReturnType<typeof timePaymentRunBothEngines>> | null = null;
    if (!only || only.includes('payment')) {
      log('Timing a payment run for 10,000 recipients (PostgreSQL, then PGlite)…');
      paymentRun = await timePaymentRunBothEngines(databaseUrl);
    }

    const peakRssMb = peak / 2 ** 20;
    const targets = evaluateTargets(results, peakRssMb, single);
    if (paymentRun)
      targets.push({
        text: `Payment run for ${paymentRun.postgres.payments.toLocaleString('en-GB')} recipients, end to end including both files, PostgreSQL: ≤ ${TARGET_MS / 1000} s`,
        pass: paymentRun.postgres.ms <= TARGET_MS,
        detail: `${(paymentRun.postgres.ms / 1000).toFixed(2)} s (PGlite, for information: ${(paymentRun.pglite.ms / 1000).toFixed(2)} s)`,
      });
    if (fairness)
      targets.push({
        text: 'Fairness report over every agreed budget under a version, alone: ≤ 2 s',
        pass: fairness.slowestMs <= 2000,
        detail: `slowest ${fairness.slowestMs} ms of ${fairness.timesMs.join(', ')} ms`,
      });
    const people = await db
      .selectFrom('person')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    const events = await db
      .selectFrom('person_event')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    const version = await sql<{ server_version: string }>`show server_version`.execute(db);
    const report = renderReport({
      results,
      targets,
      peakRssMb,
      people: Number(people.n),
      events: Number(events.n),
      postgres: `PostgreSQL ${version.rows[0]?.server_version ?? '?'}`,
      durationSeconds,
      connections,
      poolSize: POOL_SIZE,
      seedSeconds,
      notes: notesFor(hasApi, hasTimelineApi),
      single,
      directoryServices: directory.services,
      directorySeedSeconds: directory.seedSeconds,
    });
    writeFileSync('BENCHMARKS.md', report);
    log('');
    for (const line of tableRows(results)) log(line);
    log('');
    for (const t of targets) log(`${t.pass ? 'PASS' : 'FAIL'}  ${t.text} (${t.detail})`);
    log('\nWrote BENCHMARKS.md');
  } finally {
    clearInterval(sampler);
    await app.close();
    await database.close();
  }
}

function notesFor(hasApi: boolean, hasTimelineApi: boolean): string[] {
  return [
    'Every person shown is audited in the same transaction: the record page and the timeline write one hash-chained entry, a page of search results one listing entry naming everyone shown (as the crisis board does).',
    'Search words travel in POST bodies or the session, never in URLs: the page search is measured as GET /people with the session\u2019s stored query.',
    ...(hasApi ? [] : ['POST /api/v1/people/search was not present, so only the page search was measured.']),
    ...(hasTimelineApi
      ? []
      : ['GET /api/v1/people/:id/events was not present, so the timeline page was measured instead.']),
    'Latency percentiles are over every response, measured by the load process; the floor route does one indexed query and renders no template.',
    'Person pages (issue 10): the record page and timeline read what they show in one prepared statement (the person, communication chart, network both ways, events, event count and patch switches aggregated as JSON in SQL; people/record-read.ts), about 1 ms of database time on the large county (EXPLAIN ANALYZE), where they were seven statements and a second pooled connection; the search page and API read the page and the capped count in one statement and write one audit entry per page. Why the person pages still miss their targets, measured at stop 10 on a quiet machine: the durable commit is not it (pg_test_fsync: fdatasync 0.13 ms; the commit 0.4 ms in the server log), and the database does ~2.2 ms of work for a record page in 8 round trips (session, scope, the record statement, the crisis panel, the chain head, the audit insert, commit; log_min_duration_statement = 0). Alone the page takes 6.7\u20137.8 ms against the home page\u2019s 1.2 ms (tsx bench/profile-record.ts) and the record statement 1.1 ms; the rest is Node: building queries, parsing rows, hashing the audit entry, rendering. Under 50 connections PostgreSQL\u2019s sessions sit \u201cidle in transaction\u201d waiting for the app (pg_stat_activity: ClientRead) while the app process runs at 110% of a core: the pages are bound by the app\u2019s CPU per request, in a flat profile (socket writes ~11%, GC, pg row parsing, Kysely\u2019s compiler, Nunjucks). The next steps are fewer round trips per page (the crisis panel and the audit append folded into the record statement\u2019s transaction as one statement) and a cheaper record template; a second worker cannot help on two cores shared with PostgreSQL and the load generator.',
    'The last two rows run the record page against `npm start` in its own processes (WEB_CONCURRENCY=1, then 2 workers by node:cluster, on the same database): on two cores shared with the load generator and PostgreSQL a second worker has no core of its own, so expect little gain here; their memory is not in the peak RSS column.',
    ...directoryNotes,
    ...crisisNotes,
    ...tier3Notes,
    ...moneyNotes,
    'Search: names are tried as an exact family name (with the start of a first name), then the start of a name, on btree indexes, and only then fuzzily (trigram word similarity or Double Metaphone). Under row-level security the trigram and postcode indexes could not be used (their operators are not leakproof), so candidates come from an organisation-scoped security-definer function and postcodes from a stored key: the API search went from 21 to about 140 req/s and its p95 from 3.3 s to 0.44 s in this run\u2019s conditions.',
  ];
}

/** Wait (up to a minute) until no other session of the benchmark database is running a query. */
async function drain(db: Kysely<DB>): Promise<void> {
  for (let i = 0; i < 120; i++) {
    const active = await sql<{
      n: number;
    }>`select count(*)::int as n from pg_stat_activity where datname = current_database() and state = 'active' and pid <> pg_backend_pid()`.execute(
      db,
    );
    if (Number(active.rows[0]?.n ?? 0) === 0) return;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

/** Runs one load in a child process (asynchronously: the app answering it lives in this process). */
main().catch((error: unknown) => {
  process.stderr.write(`The benchmark failed: ${(error as Error).stack ?? String(error)}\n`);
  process.exit(1);
});
