import type { AddressInfo } from 'node:net';
import { createApp } from '../src/app.js';
import { testConfig } from '../src/platform/config.js';
import { demoAccounts } from '../src/seed/organisation.js';
import { prepareDatabase } from './database.js';
import { signIn, type Session } from './client.js';

/** The app on the bench database, listening in this process, with Sam signed in: for the profiling scripts. */
export async function startProfiledApp(log: (line: string) => void) {
  const { database } = await prepareDatabase({ reseed: false, poolSize: 10, log });
  const app = await createApp({
    config: testConfig({ cookieSecure: false, databasePoolSize: 10, logLevel: 'silent' }),
    database,
  });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  const sam = demoAccounts.find((a) => a.username === 'sam.practitioner')!;
  const session: Session = await signIn(base, sam.username, sam.password);
  return { app, database, base, session };
}
