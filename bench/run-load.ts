import { execFile } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { LoadJob, LoadResult } from './load.js';

const execFileAsync = promisify(execFile);

/** One autocannon load in its own process (bench/load.ts), so it does not share the app's event loop. */
export async function runLoad(dir: string, job: LoadJob): Promise<LoadResult> {
  const file = join(dir, 'job.json');
  writeFileSync(file, JSON.stringify(job));
  const { stdout } = await execFileAsync(
    process.execPath,
    ['--import', 'tsx', join(import.meta.dirname, 'load.ts'), file],
    { encoding: 'utf8', maxBuffer: 1 << 20 },
  );
  return JSON.parse(stdout) as LoadResult;
}
