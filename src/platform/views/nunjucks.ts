import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import nunjucks from 'nunjucks';
import { formatDate, formatDateTime } from './format.js';

const here = dirname(fileURLToPath(import.meta.url));
export const srcRoot = join(here, '..', '..');
const require = createRequire(import.meta.url);
export const govukDist = join(dirname(require.resolve('govuk-frontend/package.json')), 'dist');

/**
 * One Nunjucks environment: platform templates, each module's own `views/` (addressed as
 * 'people/views/record.njk'), and GOV.UK Frontend's macros. Autoescape is on: every value is
 * escaped unless a template says otherwise.
 */
export function createViewEnvironment(opts: { watch?: boolean } = {}): nunjucks.Environment {
  const loader = new nunjucks.FileSystemLoader(
    [join(here, 'templates'), join(srcRoot, 'modules'), govukDist],
    { noCache: Boolean(opts.watch), watch: false },
  );
  const env = new nunjucks.Environment(loader, { autoescape: true, throwOnUndefined: false, trimBlocks: true, lstripBlocks: true });
  env.addFilter('date', (v: unknown) => formatDate(v));
  env.addFilter('dateTime', (v: unknown) => formatDateTime(v));
  env.addGlobal('serviceName', 'Transforming Lives');
  return env;
}
