import { readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { policies } from '../../platform/access/policies.js';
import { ACTION_LABELS } from './labels.js';

const srcRoot = join(import.meta.dirname, '..', '..');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(path);
    return e.name.endsWith('.ts') && !e.name.endsWith('.test.ts') ? [path] : [];
  });
}

const sources = sourceFiles(srcRoot).map((path) => ({
  path: relative(srcRoot, path),
  text: readFileSync(path, 'utf8'),
}));

/** An action is 'thing.what' (more dots allowed); only the first part may have an underscore. */
const ACTION_SHAPE = /'([a-z][a-z_-]*(?:\.[a-z][a-z-]*)+)'/g;

/**
 * Actions built in a template literal, with every value they take. A new one fails the test until
 * it is listed here, so its actions are checked too.
 */
const TEMPLATE_ACTIONS: Record<string, string[]> = {
  'held-${kind}.view': ['held-event.view', 'held-referral.view'],
  "directory.service.import-${outcome.kind === 'added' ? 'add' : 'update'}": [
    'directory.service.import-add',
    'directory.service.import-update',
  ],
  'payment-run.download-${kind}': ['payment-run.download-csv', 'payment-run.download-bacs'],
};

/** Strings of the action shape that are not actions: route policies, and columns named with their table. */
const NOT_ACTIONS = new Set([...Object.keys(policies), 'person.id', 'person.restricted']);

/**
 * Every action the source writes. The things actions are about ('person', 'crisis-episode', …) are
 * read from the `action: '…'` properties; then every string of the action shape that starts with one
 * of them counts, wherever it is (a helper's argument, a ternary, a type), so passing an action
 * through a function does not hide it.
 */
function actionsWritten(): Set<string> {
  const subjects = new Set<string>();
  for (const { text } of sources) for (const m of text.matchAll(/action: '([a-z][a-z_-]*)\./g)) subjects.add(m[1]!);
  const actions = new Set<string>();
  for (const { text } of sources) {
    for (const m of text.matchAll(ACTION_SHAPE)) {
      const value = m[1]!;
      if (subjects.has(value.split('.')[0]!) && !NOT_ACTIONS.has(value)) actions.add(value);
    }
  }
  for (const { path, text } of sources)
    for (const m of text.matchAll(/action: `([^`]*)`/g)) {
      if (m[1]!.startsWith('/') || m[1]!.startsWith('${base(')) continue; // a form's action URL, not an audit action
      const expansions = TEMPLATE_ACTIONS[m[1]!];
      if (!expansions) throw new Error(`${path}: list the values of action \`${m[1]}\` in TEMPLATE_ACTIONS`);
      expansions.forEach((a) => actions.add(a));
    }
  return actions;
}

describe('audit action labels', () => {
  it('finds the actions the source writes (the scan itself works)', () => {
    const actions = actionsWritten();
    for (const known of ['person.view', 'partner-event.repeat', 'register-alert.raise', 'person.follow-up-list'])
      expect(actions).toContain(known);
    expect(actions.size).toBeGreaterThan(60);
  });

  it('has plain English for every action written anywhere', () => {
    const missing = [...actionsWritten()].filter((a) => !(a in ACTION_LABELS)).sort();
    expect(missing).toEqual([]);
  });

  it('writes labels as sentences, never as codes', () => {
    for (const [action, label] of Object.entries(ACTION_LABELS)) {
      expect(label, action).toMatch(/^[A-Z][^.]*[a-zA-Z]$/);
      expect(label, action).not.toContain(action);
    }
  });
});
