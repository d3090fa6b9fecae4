#!/usr/bin/env node
// `npm test`: typecheck, lint, format, then every vitest suite (unit, property, integration on PGlite
// and — when TEST_DATABASE_URL is set — PostgreSQL, HTTP, conformance and browser).
// `npm test -- --also-node <node binary>` then runs the typecheck, unit and PGlite integration suites
// again under that Node (CI: the production Node 24 while the machine runs Node 20).
// Ends with one line "N passed, N failed" covering everything run, which CI reads; exits non-zero if
// anything failed.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, existsSync, rmSync } from 'node:fs';
import { delimiter, dirname, resolve } from 'node:path';

const results = { passed: 0, failed: 0, skipped: 0 };

const run = (label, command, args, env = process.env) => {
  process.stdout.write(`\n▶ ${label}\n`);
  const started = Date.now();
  const r = spawnSync(command, args, { stdio: 'inherit', env });
  const ok = r.status === 0;
  process.stdout.write(`${ok ? '✔' : '✖'} ${label} (${((Date.now() - started) / 1000).toFixed(1)} s)\n`);
  return ok;
};
const count = (ok) => (ok ? (results.passed += 1) : (results.failed += 1));

/** Run vitest with `node`, reading its JSON report; returns the counts. */
function vitest(label, node, report, paths, env) {
  rmSync(report, { force: true });
  const ok = run(
    label,
    node,
    [
      'node_modules/vitest/vitest.mjs',
      'run',
      '--reporter=default',
      '--reporter=json',
      `--outputFile.json=${report}`,
      ...paths,
    ],
    env,
  );
  const counts = { passed: 0, failed: 0, skipped: 0 };
  if (!existsSync(report)) return { ...counts, failed: 1 };
  const json = JSON.parse(readFileSync(report, 'utf8'));
  counts.passed = json.numPassedTests ?? 0;
  counts.failed = json.numFailedTests ?? 0;
  counts.skipped = (json.numPendingTests ?? 0) + (json.numTodoTests ?? 0);
  // A suite that failed to load has no failed tests of its own: count it, so it cannot pass silently.
  counts.failed += (json.testResults ?? []).filter(
    (s) => s.status === 'failed' && (s.assertionResults ?? []).every((a) => a.status !== 'failed'),
  ).length;
  if (!ok && counts.failed === 0) counts.failed += 1;
  return counts;
}

function optionValue(name) {
  const i = process.argv.indexOf(name);
  if (i === -1) return undefined;
  const value = process.argv[i + 1];
  if (!value) throw new Error(`${name} needs a value`);
  return value;
}

// The run under the Node that started us: everything.
for (const [label, args] of [
  ['typecheck (tsc --noEmit)', ['tsc', '--noEmit']],
  ['lint (eslint)', ['eslint', '.', '--max-warnings', '0']],
  ['format (prettier --check)', ['prettier', '--check', '--log-level', 'warn', '.']],
]) {
  count(run(label, 'npx', ['--no-install', ...args]));
}
mkdirSync('.test-results', { recursive: true });
const main = vitest(`tests (vitest, Node ${process.version})`, process.execPath, '.test-results/vitest.json', []);
results.passed += main.passed;
results.failed += main.failed;
results.skipped += main.skipped;
if (process.env.CI && main.skipped > 0) {
  process.stdout.write(`\n${main.skipped} tests were skipped; nothing may be skipped in CI.\n`);
  results.failed += main.skipped;
}

// The run under another Node: what depends on the runtime (types, native modules, PGlite, the
// server), not style and not the browser or PostgreSQL copies, which the first run covers.
const otherNode = optionValue('--also-node');
if (otherNode) {
  const node = resolve(otherNode);
  const version = spawnSync(node, ['--version'], { encoding: 'utf8' }).stdout?.trim();
  if (!version) {
    process.stdout.write(`\n✖ ${node} does not run\n`);
    results.failed += 1;
  } else {
    // Its directory first on PATH, so anything the suites start as `node` is this Node too.
    const env = { ...process.env, PATH: `${dirname(node)}${delimiter}${process.env.PATH}` };
    delete env.TEST_DATABASE_URL; // PGlite only: the PostgreSQL copies ran above
    count(run(`typecheck (tsc --noEmit, Node ${version})`, node, ['node_modules/typescript/bin/tsc', '--noEmit'], env));
    const other = vitest(
      `unit and PGlite integration tests (vitest, Node ${version})`,
      node,
      '.test-results/vitest-other-node.json',
      ['src/', 'migrations/', 'test/integration/'],
      env,
    );
    results.passed += other.passed;
    results.failed += other.failed;
    // Not counted against CI: these files ran in the first pass too, where any skip fails CI; here the
    // only skips are the tests that need PostgreSQL, which this pass leaves out on purpose.
    if (other.skipped) process.stdout.write(`(${other.skipped} PostgreSQL-only tests skipped under Node ${version})\n`);
  }
}

process.stdout.write(
  `\n${results.passed} passed, ${results.failed} failed${results.skipped ? `, ${results.skipped} skipped` : ''}\n`,
);
process.exit(results.failed === 0 ? 0 : 1);
