import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import type { Database } from '../../platform/db/database.js';
import { loadConfig } from '../../platform/config.js';
import { migrateToLatest } from '../../platform/db/migrate.js';
import { withOrg } from '../../platform/db/scope.js';
import { writeAudit } from '../../platform/audit/audit.js';
import { publicDirectoryOrgId } from './public-org.js';
import { importTaxonomyCsv } from './taxonomy.js';
import { FeedError, feedFormats, importDirectory, type FeedFormat, type ImportReport } from './imports/index.js';

/** Thrown for a mistake in the command line; the CLI prints it with the usage hint. */
export class DirectoryUsageError extends Error {}

export const directoryUsage = `  import-taxonomy --file F --name "Name" [--org-id ID]
                                           Import an LGA / esd style taxonomy CSV (Identifier, Label, Description, Parent).
  import-directory --file F|--url U [--format oruk3|oruk1|csv] [--org-id ID]
                                           Import an ORUK 3.0 / 1.0 JSON file, a CSV of services, or harvest an ORUK API
                                           (hosts in DIRECTORY_FEED_HOSTS only). Prints added / updated / rejected.`;

function options(args: string[]) {
  try {
    return parseArgs({
      args,
      strict: true,
      allowPositionals: false,
      options: {
        file: { type: 'string' },
        url: { type: 'string' },
        name: { type: 'string' },
        format: { type: 'string' },
        'org-id': { type: 'string' },
      },
    }).values;
  } catch (error) {
    throw new DirectoryUsageError((error as Error).message);
  }
}

async function orgFor(database: Database, given: string | undefined): Promise<string> {
  const orgId = given ?? (await publicDirectoryOrgId(database.db, loadConfig().directoryOrgOdsCode));
  if (!orgId) throw new DirectoryUsageError('No council organisation found: run seed or give --org-id');
  return orgId;
}

function readFile(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    throw new DirectoryUsageError(`Cannot read ${file}: ${(error as Error).message}`);
  }
}

export function printImportReport(report: ImportReport, log: (line: string) => void = console.log): void {
  log(
    `${report.source} (${report.format}): ${report.added.length} added, ${report.updated.length} updated, ${report.unchanged.length} unchanged, ${report.rejected.length} rejected.`,
  );
  for (const r of report.rejected)
    log(`  rejected ${r.name}${r.sourceId ? ` (${r.sourceId})` : ''}: ${r.reasons.join('; ')}`);
}

export const directoryCommands: Record<string, (database: Database, args: string[]) => Promise<number>> = {
  async 'import-taxonomy'(database, args) {
    const values = options(args);
    if (!values.file || !values.name) throw new DirectoryUsageError('import-taxonomy needs --file and --name');
    const csv = readFile(values.file);
    await migrateToLatest(database.db);
    const orgId = await orgFor(database, values['org-id']);
    const report = await withOrg(database.db, orgId, async (tx) => {
      const result = await importTaxonomyCsv(tx, orgId, { name: values.name!, csv });
      await writeAudit(tx, { actor: { kind: 'system', orgId } }, [
        {
          action: 'directory.taxonomy.import',
          resourceType: 'directory_taxonomy',
          resourceId: result.taxonomyId,
          reason: 'imported from the command line',
        },
      ]);
      return result;
    });
    console.log(
      `${report.name}: ${report.added} terms added, ${report.updated} updated, ${report.rejected.length} problems.`,
    );
    for (const r of report.rejected) console.log(`  line ${r.line}: ${r.reason}`);
    return report.added + report.updated === 0 && report.rejected.length > 0 ? 1 : 0;
  },

  async 'import-directory'(database, args) {
    const values = options(args);
    if (!values.file === !values.url)
      throw new DirectoryUsageError('import-directory needs --file or --url (one of them)');
    if (values.format !== undefined && !(feedFormats as readonly string[]).includes(values.format))
      throw new DirectoryUsageError('--format must be oruk3, oruk1 or csv');
    const text = values.file ? readFile(values.file) : null;
    await migrateToLatest(database.db);
    const orgId = await orgFor(database, values['org-id']);
    try {
      const report = await importDirectory(
        database.db,
        { actor: { kind: 'system', orgId } },
        loadConfig().directoryFeedHosts,
        text !== null ? { kind: 'text', text, name: values.file! } : { kind: 'url', url: values.url! },
        values.format as FeedFormat | undefined,
      );
      printImportReport(report);
      return report.added.length + report.updated.length + report.unchanged.length === 0 && report.rejected.length > 0
        ? 1
        : 0;
    } catch (error) {
      if (error instanceof FeedError) {
        console.error(error.message);
        return 1;
      }
      throw error;
    }
  },
};
