import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { auditContext } from '../../platform/http/context.js';
import { errorMap, toFieldErrors } from '../../platform/http/validation.js';
import { FeedError, feedFormats, importDirectory } from './imports/index.js';

type Body = Record<string, unknown>;
const blank = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);
const importSchema = z
  .object({
    format: z.preprocess(blank, z.enum(feedFormats, 'Choose the format from the list').optional()),
    url: z.preprocess(blank, z.string().trim().max(2000, 'Feed address must be 2000 characters or fewer').optional()),
    feed: z.preprocess(
      blank,
      z
        .string()
        .max(1_000_000, 'The file must be smaller than 1 MB: import bigger files from the command line')
        .optional(),
    ),
  })
  .refine((v) => v.url || v.feed, { message: 'Enter the feed address, or paste the file', path: ['url'] })
  .refine((v) => !(v.url && v.feed), { message: 'Enter a feed address or paste a file, not both', path: ['url'] });

const formatItems = (chosen: unknown) =>
  [
    { value: '', text: 'Work it out from the file' },
    { value: 'oruk3', text: 'Open Referral UK 3.0 (JSON)' },
    { value: 'oruk1', text: 'Open Referral UK 1.0 (JSON)' },
    { value: 'csv', text: 'CSV, one row per service' },
  ].map((i) => ({ ...i, selected: i.value === (chosen ?? '') }));

/** Import pages: an ORUK feed by address (allowed hosts only) or a pasted ORUK / CSV file; the report shows what happened. */
export function registerImportPages(app: FastifyInstance): void {
  const policy = { config: { policy: 'directory.import' as const } };
  const hosts = app.deps.config.directoryFeedHosts;

  app.get('/directory/manage/imports', policy, async (_request, reply) =>
    reply.view('directory/views/imports.njk', {
      title: 'Import a directory feed',
      values: {},
      formatItems: formatItems(''),
      hosts,
    }),
  );

  app.post('/directory/manage/imports', policy, async (request, reply) => {
    const body = (request.body ?? {}) as Body;
    const again = (errors: { text: string; href: string }[]) =>
      reply.code(422).view('directory/views/imports.njk', {
        title: 'Import a directory feed',
        values: body,
        formatItems: formatItems(body.format),
        hosts,
        errors,
        fieldErrors: errorMap(errors),
      });
    const parsed = importSchema.safeParse(body);
    if (!parsed.success) return again(toFieldErrors(parsed.error));
    const { url, feed, format } = parsed.data;
    try {
      const report = await importDirectory(
        app.deps.database.db,
        auditContext(request),
        hosts,
        url ? { kind: 'url', url } : { kind: 'text', text: feed!, name: 'Pasted file' },
        format,
      );
      return reply.view('directory/views/import-report.njk', { title: 'Import report', report });
    } catch (error) {
      if (!(error instanceof FeedError)) throw error;
      return again([{ text: error.message, href: url ? '#url' : '#feed' }]);
    }
  });
}
