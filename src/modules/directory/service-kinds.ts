import { readFileSync } from 'node:fs';
import type { Kysely } from 'kysely';
import type { DB } from '../../platform/db/schema.js';
import { importTaxonomyCsv } from './taxonomy.js';

/** The vendored list of kinds of service every demo and fresh install starts with. */
export const SERVICE_KINDS_TAXONOMY = 'Fenshire service kinds';
export const SERVICE_KIND_LINK_TYPE = 'service_kind';

export function serviceKindsCsv(): string {
  return readFileSync(new URL('./data/service-kinds.csv', import.meta.url), 'utf8');
}

/**
 * Load the service kinds taxonomy for an organisation and return code → term id. Idempotent: a
 * second run updates labels and returns the same ids. Runs as the database owner (seed, CLI).
 */
export async function seedServiceKinds(db: Kysely<DB>, orgId: string): Promise<Map<string, string>> {
  const report = await importTaxonomyCsv(db, orgId, {
    name: SERVICE_KINDS_TAXONOMY,
    csv: serviceKindsCsv(),
    description: 'Kinds of community support, information and care services in the Fenshire directory.',
  });
  if (report.rejected.length > 0)
    throw new Error(`service-kinds.csv: ${report.rejected.map((r) => `line ${r.line}: ${r.reason}`).join('; ')}`);
  const terms = await db
    .selectFrom('directory_taxonomy_term')
    .select(['id', 'code'])
    .where('org_id', '=', orgId)
    .where('taxonomy_id', '=', report.taxonomyId)
    .execute();
  return new Map(terms.filter((t) => t.code).map((t) => [t.code as string, t.id]));
}
