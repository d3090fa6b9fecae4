#!/usr/bin/env node
// Launcher for the operator command line: runs src/cli.ts through tsx (no build step).
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
// Resolve tsx from this package, so the command works from any directory.
const tsx = createRequire(join(root, 'package.json')).resolve('tsx');
const child = spawn(process.execPath, ['--import', tsx, join(root, 'src', 'cli.ts'), ...process.argv.slice(2)], {
  stdio: 'inherit',
});
child.on('exit', (code, signal) => {
  if (signal) process.kill(process.pid, signal);
  else process.exit(code ?? 1);
});
