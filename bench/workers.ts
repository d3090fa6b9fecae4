import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { signIn, type Session } from './client.js';

/**
 * The app as `npm start` runs it, in its own process tree, with WEB_CONCURRENCY workers: the record
 * page is measured against 1 and 2 workers this way (the other routes run against the app inside
 * the benchmark's own process). Nothing is seeded or migrated by it beyond what is there.
 */
export interface StartedServer {
  base: string;
  session: Session;
  stop(): Promise<void>;
}

export async function startServer(
  databaseUrl: string,
  workers: number,
  account: { username: string; password: string },
): Promise<StartedServer> {
  const child = spawn(process.execPath, ['--import', 'tsx', join(import.meta.dirname, '..', 'src', 'main.ts')], {
    env: {
      ...process.env,
      // Not 'development': that re-reads every template on every request.
      NODE_ENV: 'test',
      DATABASE_URL: databaseUrl,
      DATABASE_POOL_SIZE: '10',
      PORT: '0',
      HOST: '127.0.0.1',
      SEED_ON_START: 'false',
      COOKIE_SECURE: 'false',
      LOG_LEVEL: 'silent',
      WEB_CONCURRENCY: String(workers),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const base = await listeningAddress(child);
  const session = await signIn(base, account.username, account.password);
  return {
    base,
    session,
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.on('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

function listeningAddress(child: ChildProcess): Promise<string> {
  return new Promise((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => reject(new Error(`The server did not start:\n${output}`)), 120_000);
    const read = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /running at (http:\/\/\S+)/.exec(output);
      if (!match) return;
      clearTimeout(timer);
      resolve(match[1]!.replace('localhost', '127.0.0.1'));
    };
    child.stdout!.on('data', read);
    child.stderr!.on('data', read);
    child.on('exit', (code) => reject(new Error(`The server stopped (${code}):\n${output}`)));
  });
}
