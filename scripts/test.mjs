#!/usr/bin/env node
// `npm test`: typecheck, lint, then every vitest suite (unit, property, integration on PGlite and —
// when TEST_DATABASE_URL is set — PostgreSQL, HTTP, conformance and browser). Ends with one line
// "N passed, N failed" that CI reads; exits non-zero if anything failed.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, existsSync } from 'node:fs';

const results = { passed: 0, failed: 0, skipped: 0 };
const run = (label, command, args) => {
  process.stdout.write(`\n▶ ${label}\n`);
  const started = Date.now();
  const r = spawnSync(command, args, { stdio: 'inherit', env: process.env });
  const ok = r.status === 0;
  process.stdout.write(`${ok ? '✔' : '✖'} ${label} (${((Date.now() - started) / 1000).toFixed(1)} s)\n`);
  return ok;
};

for (const [label, args] of [
  ['typecheck (tsc --noEmit)', ['tsc', '--noEmit']],
  ['lint (eslint)', ['eslint', '.', '--max-warnings', '0']],
  ['format (prettier --check)', ['prettier', '--check', '--log-level', 'warn', '.']],
]) {
  if (run(label, 'npx', ['--no-install', ...args])) results.passed += 1;
  else results.failed += 1;
}

mkdirSync('.test-results', { recursive: true });
const report = '.test-results/vitest.json';
const vitestOk = run('tests (vitest)', 'npx', [
  '--no-install',
  'vitest',
  'run',
  '--reporter=default',
  '--reporter=json',
  `--outputFile.json=${report}`,
]);
if (existsSync(report)) {
  const json = JSON.parse(readFileSync(report, 'utf8'));
  results.passed += json.numPassedTests ?? 0;
  results.failed += json.numFailedTests ?? 0;
  results.skipped += (json.numPendingTests ?? 0) + (json.numTodoTests ?? 0);
  // A suite that failed to load has no failed tests of its own: count it, so it cannot pass silently.
  const brokenSuites = (json.testResults ?? []).filter(
    (s) => s.status === 'failed' && (s.assertionResults ?? []).every((a) => a.status !== 'failed'),
  ).length;
  results.failed += brokenSuites;
  if (!vitestOk && results.failed === 0) results.failed += 1;
} else {
  results.failed += 1;
}

if (process.env.CI && results.skipped > 0) {
  process.stdout.write(`\n${results.skipped} tests were skipped; nothing may be skipped in CI.\n`);
  results.failed += results.skipped;
}
process.stdout.write(
  `\n${results.passed} passed, ${results.failed} failed${results.skipped ? `, ${results.skipped} skipped` : ''}\n`,
);
process.exit(results.failed === 0 ? 0 : 1);
