import { sql, type Kysely } from 'kysely';
import type { DB } from '../../../platform/db/schema.js';
import { withOrg, type Tx } from '../../../platform/db/scope.js';
import { writeAudit, type AuditContext, type AuditEntry } from '../../../platform/audit/audit.js';
import { serviceInputSchema } from '../model.js';
import { loadServiceInput } from '../repository.js';
import { insertService, updateService } from '../repository-write.js';
import { describeServiceChanges } from '../changes.js';
import { zodReasons, type Candidate, type FeedFormat, type Mapped, type TermRef } from './candidate.js';

export interface ImportReport {
  format: FeedFormat;
  source: string;
  added: { sourceId: string; name: string }[];
  updated: { sourceId: string; name: string }[];
  unchanged: { sourceId: string; name: string }[];
  rejected: { sourceId: string | null; name: string; reasons: string[] }[];
}

const IMPORTED_TAXONOMY = 'Imported terms';

/**
 * Save mapped feed records in one transaction, each record inside its own savepoint: a record that
 * fails validation or a database check is rolled back on its own (never half-saved) and reported,
 * and the rest carry on. A record seen before (same format and source id) updates that entry;
 * one whose content has not changed is left alone, so importing the same feed twice changes nothing.
 */
export async function saveImport(
  db: Kysely<DB>,
  ctx: AuditContext,
  format: FeedFormat,
  source: string,
  mapped: Mapped[],
): Promise<ImportReport> {
  const orgId = ctx.actor.orgId;
  const report: ImportReport = { format, source, added: [], updated: [], unchanged: [], rejected: [] };
  return withOrg(db, orgId, async (tx) => {
    const audit: AuditEntry[] = [];
    let terms = await termIndex(tx);
    const seen = new Set<string>();
    for (const record of mapped) {
      if (!record.ok) {
        report.rejected.push({ sourceId: record.sourceId, name: record.label, reasons: record.reasons });
        continue;
      }
      const c = record.candidate;
      if (seen.has(c.sourceId)) {
        report.rejected.push({
          sourceId: c.sourceId,
          name: c.label,
          reasons: ['The same id appears more than once in the feed'],
        });
        continue;
      }
      seen.add(c.sourceId);
      await sql`savepoint directory_record`.execute(tx);
      try {
        const outcome = await saveOne(tx, orgId, format, c, terms);
        await sql`release savepoint directory_record`.execute(tx);
        if (outcome.kind === 'rejected')
          report.rejected.push({ sourceId: c.sourceId, name: c.label, reasons: outcome.reasons });
        else {
          report[outcome.kind].push({ sourceId: c.sourceId, name: c.label });
          if (outcome.kind !== 'unchanged')
            audit.push({
              action: `directory.service.import-${outcome.kind === 'added' ? 'add' : 'update'}`,
              resourceType: 'directory_service',
              resourceId: outcome.id,
            });
        }
      } catch (error) {
        await sql`rollback to savepoint directory_record`.execute(tx);
        report.rejected.push({
          sourceId: c.sourceId,
          name: c.label,
          reasons: [`Could not be saved: ${(error as Error).message}`],
        });
        terms = await termIndex(tx);
      }
    }
    await writeAudit(tx, ctx, audit);
    return report;
  });
}

type Outcome = { kind: 'added' | 'updated' | 'unchanged'; id: string } | { kind: 'rejected'; reasons: string[] };

async function saveOne(
  tx: Tx,
  orgId: string,
  format: FeedFormat,
  c: Candidate,
  terms: Map<string, string>,
): Promise<Outcome> {
  const parsed = serviceInputSchema.safeParse(c.input);
  if (!parsed.success) return { kind: 'rejected', reasons: zodReasons(parsed.error) };
  const input = { ...parsed.data, kinds: [] as string[] };
  for (const term of c.terms) input.kinds.push(await resolveTerm(tx, orgId, term, terms));
  input.kinds = [...new Set(input.kinds)].sort();
  const meta = { source: { name: format, id: c.sourceId }, organization: c.organization };
  const existing = await tx
    .selectFrom('directory_service')
    .selectAll()
    .where('tl_source', '=', format)
    .where('tl_source_id', '=', c.sourceId)
    .executeTakeFirst();
  if (!existing) return { kind: 'added', id: await insertService(tx, orgId, input, meta) };
  // Curation fields the feed does not carry stay as the council set them.
  const current = await loadServiceInput(tx, existing);
  const merged = {
    ...input,
    ownerName: current.ownerName,
    acceptsDirectPayments: input.acceptsDirectPayments || current.acceptsDirectPayments,
    lastChecked: input.lastChecked ?? current.lastChecked,
  };
  if (describeServiceChanges(current, merged).length === 0) return { kind: 'unchanged', id: existing.id };
  await updateService(tx, orgId, existing.id, existing.version, merged, meta);
  return { kind: 'updated', id: existing.id };
}

/** Every term by lower-cased code and by lower-cased name. */
async function termIndex(tx: Tx): Promise<Map<string, string>> {
  const rows = await tx
    .selectFrom('directory_taxonomy_term')
    .select(['id', 'code', 'name'])
    .orderBy('created_at')
    .execute();
  const index = new Map<string, string>();
  for (const r of rows) {
    if (r.code && !index.has(`code:${r.code.toLowerCase()}`)) index.set(`code:${r.code.toLowerCase()}`, r.id);
    if (!index.has(`name:${r.name.toLowerCase()}`)) index.set(`name:${r.name.toLowerCase()}`, r.id);
  }
  return index;
}

/** A feed's term is matched by code, then by name; one we do not know is added to "Imported terms". */
async function resolveTerm(tx: Tx, orgId: string, term: TermRef, index: Map<string, string>): Promise<string> {
  const found =
    (term.code && index.get(`code:${term.code.toLowerCase()}`)) || index.get(`name:${term.name.toLowerCase()}`);
  if (found) return found;
  const taxonomy =
    (await tx.selectFrom('directory_taxonomy').select('id').where('name', '=', IMPORTED_TAXONOMY).executeTakeFirst()) ??
    (await tx
      .insertInto('directory_taxonomy')
      .values({
        org_id: orgId,
        name: IMPORTED_TAXONOMY,
        description: 'Terms that arrived with imported feeds and match none of ours.',
      })
      .returning('id')
      .executeTakeFirstOrThrow());
  const row = await tx
    .insertInto('directory_taxonomy_term')
    .values({
      org_id: orgId,
      taxonomy_id: taxonomy.id,
      code: term.code ?? term.name,
      name: term.name.slice(0, 200),
      description: term.description ?? '',
      taxonomy: term.taxonomy,
      term: term.name.slice(0, 200),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  if (term.code) index.set(`code:${term.code.toLowerCase()}`, row.id);
  index.set(`name:${term.name.toLowerCase()}`, row.id);
  return row.id;
}
