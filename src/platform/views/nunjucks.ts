import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import nunjucks from 'nunjucks';
import { formatDate, formatDateTime, formatTime } from './format.js';

const here = dirname(fileURLToPath(import.meta.url));
export const srcRoot = join(here, '..', '..');
const require = createRequire(import.meta.url);
export const govukDist = join(dirname(require.resolve('govuk-frontend/package.json')), 'dist');

/**
 * One Nunjucks environment: platform templates, each module's own `views/` (addressed as
 * 'people/views/record.njk'), and GOV.UK Frontend's macros. Autoescape is on: every value is
 * escaped unless a template says otherwise.
 */
export function createViewEnvironment(opts: { watch?: boolean; councilName?: string } = {}): nunjucks.Environment {
  const loader = new nunjucks.FileSystemLoader([join(here, 'templates'), join(srcRoot, 'modules'), govukDist], {
    noCache: Boolean(opts.watch),
    watch: false,
  });
  const env = new nunjucks.Environment(loader, {
    autoescape: true,
    throwOnUndefined: false,
    trimBlocks: true,
    lstripBlocks: true,
  });
  env.addFilter('date', (v: unknown) => formatDate(v));
  env.addFilter('dateTime', (v: unknown) => formatDateTime(v));
  env.addFilter('time', (v: unknown) => formatTime(v));
  env.addGlobal('serviceName', 'Transforming Lives');
  // The council runs the service and owns what it publishes: its name, not the Crown's, is in the footer.
  env.addGlobal('councilName', opts.councilName ?? 'Fenshire County Council');
  return env;
}

/**
 * The Content-Security-Policy source that allows GOV.UK Frontend's one inline script (the line in
 * its page template that marks the body as having JavaScript), as the hash of that script.
 *
 * Why a hash and not a nonce: a nonce is new on every response, so no page could be sent twice
 * without rewriting it, and drawing 16 random bytes cost a system call on every request (measured:
 * ~0.7 ms a request on the benchmark machine). The hash is worked out from the vendored template
 * itself, so an upgrade of govuk-frontend that changes the script changes the hash with it; if the
 * template ever has no such script, or more than one, starting fails rather than serving pages
 * whose script the browser would refuse.
 */
export function govukInlineScriptSource(): string {
  const template = readFileSync(join(govukDist, 'govuk', 'template.njk'), 'utf8');
  const scripts = [...template.matchAll(/<script\b[^>]*>([^<]+)<\/script>/g)].map((m) => m[1]!);
  if (scripts.length !== 1)
    throw new Error(`Expected one inline script in GOV.UK Frontend's template, found ${scripts.length}`);
  return `'sha256-${createHash('sha256').update(scripts[0]!, 'utf8').digest('base64')}'`;
}
