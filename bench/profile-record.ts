/**
 * One client alone against the record page, in this process, for `node --cpu-prof`: where a record
 * page's time goes. `tsx bench/profile-record.ts` (BENCH_DATABASE_URL as for the bench).
 */
import { performance } from 'node:perf_hooks';
import { withOrg } from '../src/platform/db/scope.js';
import { readRecord } from '../src/modules/people/record-read.js';
import { demoCouncil } from '../src/seed/organisation.js';
import { startProfiledApp } from './profile-app.js';
import { samplePeople } from './client.js';

const log = (line: string) => process.stdout.write(`${line}\n`);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function main(): Promise<void> {
  const { app, database, base, session } = await startProfiledApp(log);
  const org = await database.db
    .selectFrom('organisation')
    .select('id')
    .where('ods_code', '=', demoCouncil.ods_code)
    .executeTakeFirstOrThrow();
  const user = await database.db
    .selectFrom('staff_user')
    .selectAll()
    .where('username', '=', 'sam.practitioner')
    .executeTakeFirstOrThrow();
  const ids = (await samplePeople(database.db, org.id, 300)).map((p) => p.id);
  const actor = {
    kind: 'user' as const,
    userId: user.id,
    orgId: org.id,
    role: 'practitioner' as const,
    teamId: null,
    displayName: 'Sam',
  };
  const time = async (label: string, f: (id: string) => Promise<unknown>) => {
    const ms: number[] = [];
    for (const id of ids) {
      const start = performance.now();
      await f(id);
      ms.push(performance.now() - start);
    }
    log(`${label}: median ${median(ms).toFixed(2)} ms over ${ms.length}`);
  };
  const get = (path: string) => async () =>
    (await fetch(`${base}${path}`, { headers: { cookie: session.cookie } })).text();
  await time('home page', get('/'));
  await time('record page', (id) => get(`/people/${id}`)());
  await time('record statement in its transaction', (id) =>
    withOrg(database.db, org.id, (tx) => readRecord(tx, actor, id, 5)),
  );
  await time('home page', get('/'));
  await time('record page', (id) => get(`/people/${id}`)());
  await app.close();
  await database.close();
}

main().catch((error: unknown) => {
  process.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
  process.exit(1);
});
