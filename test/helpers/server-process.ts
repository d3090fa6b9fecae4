import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { demoAccounts } from '../../src/seed/organisation.js';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));

/** The real server (`src/main.ts`) in a process of its own, on an embedded data folder. */
export interface ServerProcess {
  child: ChildProcess;
  /** e.g. http://127.0.0.1:43127 */
  url: string;
  /** Everything it has written to stdout and stderr so far. */
  output(): string;
}

/**
 * Start `node --import tsx src/main.ts` on `dataDir` (one process, so a signal reaches the server
 * itself and not a wrapper) and wait until it says where it is running. PORT=0 lets the system pick
 * a free port, read back from that line.
 */
export async function startServerProcess(
  dataDir: string,
  extraEnv: NodeJS.ProcessEnv = {},
  timeoutMs = 240_000,
): Promise<ServerProcess> {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATA_DIR: dataDir,
    PORT: '0',
    HOST: '127.0.0.1',
    SEED_SCALE: 'tiny',
    NODE_ENV: 'development',
    LOG_LEVEL: 'warn',
    COOKIE_SECURE: 'false',
    ...extraEnv,
  };
  delete env.DATABASE_URL;
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: repoRoot,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let text = '';
  child.stdout?.on('data', (d: Buffer) => (text += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (text += d.toString()));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${text}`)), timeoutMs);
    const check = () => {
      const match = /is running at (http:\/\/\S+)/.exec(text);
      if (!match?.[1]) return;
      clearTimeout(timer);
      child.removeListener('exit', early);
      resolve(match[1].replace('localhost', '127.0.0.1'));
    };
    const early = (code: number | null) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code} before starting:\n${text}`));
    };
    child.stdout?.on('data', check);
    child.once('exit', early);
  });
  return { child, url, output: () => text };
}

/** Send `signal` and wait for the process to be gone (and reaped, so its pid no longer exists). */
export function stopServerProcess(
  child: ChildProcess,
  signal: NodeJS.Signals = 'SIGTERM',
  timeoutMs = 15_000,
): Promise<{ code: number | null; signal: NodeJS.Signals | null; ms: number }> {
  const started = Date.now();
  return new Promise((resolve, reject) => {
    if (child.exitCode !== null || child.signalCode !== null) {
      resolve({ code: child.exitCode, signal: child.signalCode, ms: 0 });
      return;
    }
    const timer = setTimeout(
      () => reject(new Error(`server did not stop within ${timeoutMs} ms of ${signal}`)),
      timeoutMs,
    );
    child.once('exit', (code, exitSignal) => {
      clearTimeout(timer);
      resolve({ code, signal: exitSignal, ms: Date.now() - started });
    });
    child.kill(signal);
  });
}

/** A signed-in staff member talking to a server process over HTTP (cookie and CSRF token kept). */
export interface HttpAgent {
  /** JSON to the API with the session cookie and x-csrf-token. */
  api(method: 'GET' | 'POST', path: string, body?: unknown): Promise<Response>;
}

/** Sign in through the real sign-in form with a demo account's password. */
export async function signInOverHttp(baseUrl: string, username: string): Promise<HttpAgent> {
  const account = demoAccounts.find((a) => a.username === username);
  if (!account) throw new Error(`No demo account ${username}`);
  const cookieFrom = (res: Response) => /tl_session=[^;]+/.exec(res.headers.getSetCookie().join('\n'))?.[0];
  const csrfFrom = async (res: Response) => /name="_csrf" value="([^"]+)"/.exec(await res.text())?.[1];

  const page = await fetch(`${baseUrl}/sign-in`);
  const anonymous = cookieFrom(page);
  const form = new URLSearchParams({
    username,
    password: account.password,
    returnTo: '/',
    _csrf: (await csrfFrom(page)) ?? '',
  });
  const signedIn = await fetch(`${baseUrl}/sign-in`, {
    method: 'POST',
    redirect: 'manual',
    headers: { cookie: anonymous ?? '', 'content-type': 'application/x-www-form-urlencoded' },
    body: form.toString(),
  });
  const cookie = cookieFrom(signedIn);
  if (signedIn.status !== 303 || !cookie) throw new Error(`sign-in failed for ${username}: ${signedIn.status}`);
  const csrf = await csrfFrom(await fetch(`${baseUrl}/`, { headers: { cookie } }));
  if (!csrf) throw new Error('no CSRF token on the home page');
  return {
    api: (method, path, body) =>
      fetch(`${baseUrl}${path}`, {
        method,
        headers: {
          cookie,
          'x-csrf-token': csrf,
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      }),
  };
}
