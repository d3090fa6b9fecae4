import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import nunjucks from 'nunjucks';
import { describe, expect, it } from 'vitest';

/**
 * User text is never marked safe. Autoescape is on, so the only ways text can reach a page as HTML
 * are the `safe` filter, a GOV.UK macro's `html:` parameter, and TypeScript marking a string safe.
 * This guard reads every template's syntax tree (nunjucks' own parser) and fails on:
 *  - any `| safe`;
 *  - any `html:` value that is not built only from string literals, `| escape`d values, macro calls
 *    (a macro's output is autoescaped inside it) and `{% set name %}…{% endset %}` blocks (whose
 *    content is autoescaped as it is captured), joined by `+`/`~` and chosen by `… if … else …`;
 * unless the `html:` value is on the short reviewed list below.
 */
const REVIEWED_HTML: { file: string; value: string; why: string }[] = [
  {
    file: 'src/modules/people/views/event-form.njk',
    value: 'conditionals[item.value]',
    why: 'a literal dict whose every value is one of the form’s own {% set %} blocks (autoescaped when captured)',
  },
];

/** nunjucks' parser is public at run time but missing from its type definitions. */
const parse = (src: string) =>
  (nunjucks as unknown as { parser: { parse(src: string, ext: unknown[], opts: object): unknown } }).parser.parse(
    src,
    [],
    {},
  ) as Node;

const ROOT = join(import.meta.dirname, '..', '..', '..');

function filesUnder(dir: string, suffix: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && e.name.endsWith(suffix))
    .map((e) => join(e.parentPath, e.name));
}

interface Node {
  typename: string;
  [key: string]: unknown;
}
const isNode = (v: unknown): v is Node => typeof v === 'object' && v !== null && 'typename' in v;

function walk(node: unknown, visit: (n: Node) => void): void {
  if (Array.isArray(node)) return node.forEach((child) => walk(child, visit));
  if (!isNode(node)) return;
  visit(node);
  for (const [key, value] of Object.entries(node)) if (key !== 'typename') walk(value, visit);
}

/** How an expression reads in the template, for messages and the reviewed list. */
function source(node: Node): string {
  switch (node.typename) {
    case 'Symbol':
      return String(node.value);
    case 'Literal':
      return JSON.stringify(node.value);
    case 'LookupVal': {
      const val = node.val as Node;
      const dotted = val.typename === 'Literal' && typeof val.value === 'string';
      return `${source(node.target as Node)}${dotted ? `.${String(val.value)}` : `[${source(val)}]`}`;
    }
    case 'Filter':
      return `(${(node.args as Node & { children: Node[] }).children.map(source).join(', ')} | ${source(node.name as Node)})`;
    default:
      return `<${node.typename}>`;
  }
}

interface TemplateFacts {
  /** Names captured by a `{% set name %}…{% endset %}` block. */
  captured: Set<string>;
  /** Macros the template defines or imports: their output is autoescaped where they render it. */
  macros: Set<string>;
}

function factsOf(root: Node): TemplateFacts {
  const facts: TemplateFacts = { captured: new Set(), macros: new Set() };
  walk(root, (n) => {
    if (n.typename === 'Set' && n.body) for (const t of n.targets as Node[]) facts.captured.add(String(t.value));
    if (n.typename === 'Macro') facts.macros.add(String((n.name as Node).value));
    if (n.typename === 'FromImport')
      for (const name of (n.names as Node & { children: Node[] }).children)
        facts.macros.add(String((name.typename === 'Pair' ? (name.value as Node) : name).value));
  });
  return facts;
}

/** Whether an `html:` value can only ever hold escaped text or our own markup. */
function escapedByConstruction(node: Node, facts: TemplateFacts): boolean {
  const ok = (n: unknown) => isNode(n) && escapedByConstruction(n, facts);
  switch (node.typename) {
    case 'Literal':
      return typeof node.value === 'string' || typeof node.value === 'number';
    case 'Group':
      return (node.children as Node[]).every(ok);
    case 'Add':
    case 'Concat':
      return ok(node.left) && ok(node.right);
    case 'InlineIf':
      return ok(node.body) && (node.else_ == null || ok(node.else_));
    case 'Filter':
      return ['escape', 'e'].includes(String((node.name as Node).value));
    case 'FunCall':
      return (node.name as Node).typename === 'Symbol' && facts.macros.has(String((node.name as Node).value));
    case 'Symbol':
      return facts.captured.has(String(node.value));
    default:
      return false;
  }
}

function problemsIn(file: string): string[] {
  const name = relative(ROOT, file);
  const root = parse(readFileSync(file, 'utf8'));
  const facts = factsOf(root);
  const problems: string[] = [];
  walk(root, (n) => {
    if (n.typename === 'Filter' && (n.name as Node).value === 'safe')
      problems.push(`${name}:${Number(n.lineno) + 1} uses | safe`);
    if (n.typename !== 'Pair') return;
    const key = n.key as Node;
    if (key.value !== 'html') return;
    const value = n.value as Node;
    if (escapedByConstruction(value, facts)) return;
    if (REVIEWED_HTML.some((r) => r.file === name && r.value === source(value))) return;
    problems.push(`${name}:${Number(value.lineno) + 1} html: ${source(value)} is not escaped by construction`);
  });
  return problems;
}

describe('no template marks user text as safe', () => {
  const templates = filesUnder(join(ROOT, 'src'), '.njk');

  it('finds the templates (views of every module and the platform)', () => {
    expect(templates.length).toBeGreaterThan(50);
    expect(templates.some((f) => f.endsWith('platform/views/templates/layout.njk'))).toBe(true);
  });

  it('uses no | safe, and builds every html: from escaped parts', () => {
    expect(templates.flatMap(problemsIn)).toEqual([]);
  });

  it('keeps the reviewed list to entries that still exist', () => {
    for (const r of REVIEWED_HTML) expect(readFileSync(join(ROOT, r.file), 'utf8')).toContain(r.value);
  });

  it('catches what it is meant to catch', () => {
    const check = (src: string) => {
      const root = parse(src);
      const facts = factsOf(root);
      const found: string[] = [];
      walk(root, (n) => {
        if (n.typename === 'Filter' && (n.name as Node).value === 'safe') found.push('safe');
        if (n.typename === 'Pair' && (n.key as Node).value === 'html' && !escapedByConstruction(n.value as Node, facts))
          found.push('html');
      });
      return found;
    };
    expect(check('{{ f({ value: { html: person.address | join("<br>") } }) }}')).toEqual(['html']);
    expect(check('{{ f({ html: "<a>" + name + "</a>" }) }}')).toEqual(['html']);
    expect(check('{{ x | safe }}')).toEqual(['safe']);
    expect(check('{% set h %}{{ name }}{% endset %}{{ f({ html: "<b>" + (name | escape) + "</b>" + h }) }}')).toEqual(
      [],
    );
  });

  it('marks nothing safe in TypeScript either', () => {
    const offenders = filesUnder(join(ROOT, 'src'), '.ts')
      .filter((f) => !f.endsWith('.test.ts'))
      .filter((f) => /\b(markSafe|SafeString)\b/.test(readFileSync(f, 'utf8')));
    expect(offenders.map((f) => relative(ROOT, f))).toEqual([]);
  });
});
