import type { Kysely } from 'kysely';
import type { DB } from '../../../platform/db/schema.js';
import type { AuditContext } from '../../../platform/audit/audit.js';
import type { FeedFormat } from './candidate.js';
import { harvestFeed } from './fetch.js';
import { FeedError, readFeedText } from './read.js';
import { saveImport, type ImportReport } from './run.js';

export { FeedError } from './read.js';
export { feedFormats, type FeedFormat } from './candidate.js';
export type { ImportReport } from './run.js';

export type ImportSource = { kind: 'text'; text: string; name: string } | { kind: 'url'; url: string };

/** Import a directory feed (file contents or an ORUK API address) and report what happened to each record. */
export async function importDirectory(
  db: Kysely<DB>,
  ctx: AuditContext,
  allowedHosts: readonly string[],
  source: ImportSource,
  format?: FeedFormat,
): Promise<ImportReport> {
  if (source.kind === 'url') {
    if (format === 'csv')
      throw new FeedError('A CSV file cannot be fetched from an API address: paste the file instead');
    const chosen = format === 'oruk1' ? 'oruk1' : 'oruk3';
    return saveImport(db, ctx, chosen, source.url, await harvestFeed(source.url, allowedHosts, chosen));
  }
  const { format: detected, mapped } = readFeedText(source.text, format);
  return saveImport(db, ctx, detected, source.name, mapped);
}
