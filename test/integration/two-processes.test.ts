import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { openPostgres, type Database } from '../../src/platform/db/database.js';
import { migrateToLatest } from '../../src/platform/db/migrate.js';
import { seedOrganisation, demoAccounts } from '../../src/seed/organisation.js';
import { verifyAuditChain } from '../../src/platform/audit/audit.js';
import { signIn, storeSearch, type Session } from '../../bench/client.js';
import { ids, insertDirectoryFixture } from '../conformance/directory-fixture.js';

/**
 * Horizontal scale: two server processes on one PostgreSQL database behave as one server. A session
 * made on one is good on the other; a kept answer on one is never older than a write through the
 * other (the change number is in the database); and audit entries written through both at once
 * still make unbroken chains. PostgreSQL only: the embedded database is one process's by design.
 */
const adminUrl = process.env.TEST_DATABASE_URL;

describe.skipIf(!adminUrl)('two server processes on one PostgreSQL database', () => {
  let database: Database;
  let url: string;
  let name: string;
  let orgId: string;
  const servers: { child: ChildProcess; base: string }[] = [];

  beforeAll(async () => {
    name = `tl_test_${randomBytes(6).toString('hex')}`;
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    await admin.query(`create database ${name}`);
    await admin.end();
    const u = new URL(adminUrl!);
    u.pathname = `/${name}`;
    url = u.toString();
    database = await openPostgres(url, 4);
    await migrateToLatest(database.db);
    orgId = (await seedOrganisation(database.db)).orgId;
    await insertDirectoryFixture(database.db, orgId);
    servers.push(await startServer(url), await startServer(url));
  }, 180_000);

  afterAll(async () => {
    await Promise.all(servers.map((s) => stopServer(s.child)));
    await database?.close();
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    await admin.query(`drop database if exists ${name}`);
    await admin.end();
  }, 60_000);

  const sam = demoAccounts.find((a) => a.username === 'sam.practitioner')!;
  let session: Session;

  it('keeps a session made on one process good on the other, for reading and for writing', async () => {
    const [a, b] = servers;
    session = await signIn(a!.base, sam.username, sam.password);
    const home = await fetch(`${b!.base}/`, { headers: { cookie: session.cookie } });
    expect(home.status).toBe(200);
    expect(await home.text()).toContain(sam.displayName);
    // A form posted to the other process, with the CSRF token the first one issued.
    const created = await fetch(`${b!.base}/api/v1/people`, {
      method: 'POST',
      headers: { cookie: session.cookie, 'x-csrf-token': session.csrf, 'content-type': 'application/json' },
      body: JSON.stringify({ givenName: 'Twoprocess', familyName: 'Testperson', dateOfBirth: '1950-02-03' }),
    });
    expect(created.status).toBe(201);
    await storeSearch(b!.base, session, 'Testperson');
    const results = await fetch(`${a!.base}/people?page=1`, { headers: { cookie: session.cookie } });
    expect(await results.text()).toContain('Twoprocess');
  });

  it('never serves a kept answer older than a write made through the other process', async () => {
    const [a, b] = servers;
    const service = `${b!.base}/api/oruk/services/${ids.carersCafe}`;
    expect((await fetch(service)).status).toBe(200);
    expect((await fetch(service)).status).toBe(200); // now kept by b
    const withdraw = await fetch(`${a!.base}/directory/manage/services/${ids.carersCafe}/withdraw`, {
      method: 'POST',
      headers: { cookie: session.cookie, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ reason: 'Closed for good', _csrf: session.csrf }),
      redirect: 'manual',
    });
    expect(withdraw.status).toBe(303);
    expect((await fetch(service)).status).toBe(404);
  });

  it('keeps every audit chain unbroken after concurrent writes through both processes', async () => {
    const people = await database.db.selectFrom('person').select('id').where('org_id', '=', orgId).execute();
    expect(people.length).toBeGreaterThan(0);
    const before = await auditRows(database);
    const requests = Array.from({ length: 40 }, (_, i) => {
      const server = servers[i % 2]!;
      const person = people[i % people.length]!;
      return i % 4 === 3
        ? fetch(`${server.base}/api/v1/people`, {
            method: 'POST',
            headers: { cookie: session.cookie, 'x-csrf-token': session.csrf, 'content-type': 'application/json' },
            body: JSON.stringify({ givenName: `Concurrent${i}`, familyName: 'Writer', dateOfBirth: '1960-01-01' }),
          })
        : fetch(`${server.base}/people/${person.id}`, { headers: { cookie: session.cookie } });
    });
    const statuses = await Promise.all(requests.map(async (r) => (await r).status));
    expect(statuses.filter((s) => s !== 200 && s !== 201)).toEqual([]);
    expect((await auditRows(database)) - before).toBe(40);
    expect(await verifyAuditChain(database.db)).toMatchObject({ ok: true });
  }, 60_000);
});

async function auditRows(database: Database): Promise<number> {
  const row = await database.db
    .selectFrom('audit_event')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** `npm start`'s entry point as its own process, on a port of its choosing; resolves once it is listening. */
function startServer(databaseUrl: string): Promise<{ child: ChildProcess; base: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    env: {
      ...process.env,
      // Not 'development': that re-reads every template on every request.
      NODE_ENV: 'test',
      DATABASE_URL: databaseUrl,
      PORT: '0',
      HOST: '127.0.0.1',
      SEED_ON_START: 'false',
      COOKIE_SECURE: 'false',
      LOG_LEVEL: 'warn',
      WEB_CONCURRENCY: '1',
      SESSION_SECRET: 'two-processes-share-this-secret-of-32+',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return new Promise((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => reject(new Error(`The server did not start:\n${output}`)), 90_000);
    const read = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /running at (http:\/\/\S+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve({ child, base: match[1]!.replace('localhost', '127.0.0.1') });
      }
    };
    child.stdout!.on('data', read);
    child.stderr!.on('data', read);
    child.on('exit', (code) => reject(new Error(`The server stopped (${code}):\n${output}`)));
  });
}

function stopServer(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.on('exit', () => resolve());
    child.kill('SIGTERM');
  });
}
