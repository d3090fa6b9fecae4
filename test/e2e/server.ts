import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { createApp } from '../../src/app.js';
import { testConfig } from '../../src/platform/config.js';
import { seedOrganisation, type SeededOrganisation } from '../../src/seed/organisation.js';
import { seedScenarioPeople } from '../../src/seed/scenario-people.js';
import { seedTier1 } from '../../src/seed/tier1.js';
import { openTestDatabase, type TestDatabase } from '../helpers/database.js';

export interface E2eServer {
  /** e.g. http://127.0.0.1:41234 — no trailing slash. */
  baseUrl: string;
  app: FastifyInstance;
  database: TestDatabase;
  org: SeededOrganisation;
  people: Record<string, string>;
  close(): Promise<void>;
}

/**
 * The real app, listening on a free port on 127.0.0.1, over a fresh in-memory PGlite database with
 * the demo council, one account per role and the scenario people (Mr and Mrs Jones and others),
 * and with `tier1` the demo county's tier-1 data too.
 * 127.0.0.1 is a secure context to Chromium; cookieSecure is off anyway because this is plain HTTP.
 */
export async function startE2eServer(opts: { tier1?: boolean } = {}): Promise<E2eServer> {
  const database = await openTestDatabase('pglite');
  const org = await seedOrganisation(database.db);
  const people = await seedScenarioPeople(database.db, org);
  // Tier 1 as the demo county has it: directory, register entries (Edna's trigger), the Jones plan.
  if (opts.tier1) await seedTier1(database.db, org, { scale: 'tiny', seed: 1 });
  const app = await createApp({ config: testConfig({ cookieSecure: false }), database });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = app.server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    app,
    database,
    org,
    people,
    async close() {
      await app.close();
      await database.dispose();
    },
  };
}
