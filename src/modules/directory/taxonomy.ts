import type { Kysely } from 'kysely';
import type { DB } from '../../platform/db/schema.js';
import { CsvFormatError, csvRecords, pick } from './csv.js';

/** One line the import could not use, with the reason in plain English. */
export interface RejectedLine {
  line: number;
  reason: string;
}

export interface TaxonomyImportReport {
  taxonomyId: string;
  name: string;
  added: number;
  updated: number;
  rejected: RejectedLine[];
}

interface TermRow {
  line: number;
  code: string;
  name: string;
  description: string;
  parent: string | undefined;
  uri: string | undefined;
}

/**
 * Header spellings seen in LGA / esd standard lists and local exports. Compared loosely (see
 * headerKey), so 'Parent Identifier', 'parent_identifier' and 'ParentIdentifier' are all one.
 */
const CODE = ['Identifier', 'Id', 'Code', 'TermCode', 'Term Identifier', 'Term ID'];
const LABEL = ['Label', 'Name', 'Term', 'Title', 'Preferred Label', 'PrefLabel'];
const DESCRIPTION = ['Description', 'Definition', 'Scope Note', 'ScopeNote', 'Notes'];
const PARENT = [
  'ParentIdentifier',
  'Parent',
  'Parent Id',
  'Parent Code',
  'Broader',
  'Broader Identifier',
  'ParentCode',
];
const URI = ['URI', 'Term URI', 'Url'];

/** Read the rows and reject those without an identifier or label, or repeating an identifier. */
function readTerms(csv: string): { terms: TermRow[]; rejected: RejectedLine[] } {
  let read: ReturnType<typeof csvRecords>;
  try {
    read = csvRecords(csv);
  } catch (error) {
    if (!(error instanceof CsvFormatError)) throw error;
    return { terms: [], rejected: [{ line: error.line, reason: error.message }] };
  }
  const { headers, records } = read;
  const rejected: RejectedLine[] = [];
  const terms: TermRow[] = [];
  if (headers.length === 0) return { terms, rejected: [{ line: 1, reason: 'The file is empty' }] };
  const seen = new Set<string>();
  records.forEach((rec, index) => {
    const line = index + 2;
    const code = pick(rec, ...CODE);
    const name = pick(rec, ...LABEL);
    if (!code) {
      rejected.push({ line, reason: 'Identifier is missing' });
      return;
    }
    if (!name) {
      rejected.push({ line, reason: `Label is missing for ${code}` });
      return;
    }
    if (seen.has(code)) {
      rejected.push({ line, reason: `Identifier ${code} appears more than once` });
      return;
    }
    seen.add(code);
    terms.push({
      line,
      code,
      name,
      description: pick(rec, ...DESCRIPTION) ?? '',
      parent: pick(rec, ...PARENT),
      uri: pick(rec, ...URI),
    });
  });
  return { terms, rejected };
}

/**
 * Import a taxonomy in LGA / esd CSV style into the organisation's directory: the taxonomy is found
 * by name (or created), terms are matched by identifier (added or updated, never removed, because
 * services may be tagged with them), then parents are linked. A parent that is not in the file or
 * the taxonomy, or that would make a loop, is reported and the term is kept without a parent.
 * `db` is the caller's transaction (tl_app with RLS) or, when seeding, the owner connection.
 */
export async function importTaxonomyCsv(
  db: Kysely<DB>,
  orgId: string,
  input: { name: string; csv: string; description?: string; uri?: string },
): Promise<TaxonomyImportReport> {
  const { terms, rejected } = readTerms(input.csv);
  const taxonomyId = await findOrCreateTaxonomy(db, orgId, input);
  const existing = await db
    .selectFrom('directory_taxonomy_term')
    .select(['id', 'code', 'parent_id'])
    .where('org_id', '=', orgId)
    .where('taxonomy_id', '=', taxonomyId)
    .execute();
  const known: KnownTerms = {
    idByCode: new Map(existing.filter((t) => t.code).map((t) => [t.code as string, t.id])),
    parentById: new Map(existing.map((t) => [t.id, t.parent_id])),
  };
  const { added, updated } = await saveTerms(db, orgId, taxonomyId, input.name, terms, known);
  rejected.push(...(await linkParents(db, terms, known)));
  rejected.sort((a, b) => a.line - b.line);
  return { taxonomyId, name: input.name, added, updated, rejected };
}

/** The taxonomy's terms by code, and each term's parent, kept up to date as the import writes. */
interface KnownTerms {
  idByCode: Map<string, string>;
  parentById: Map<string, string | null>;
}

async function findOrCreateTaxonomy(
  db: Kysely<DB>,
  orgId: string,
  input: { name: string; description?: string; uri?: string },
): Promise<string> {
  const existingTaxonomy = await db
    .selectFrom('directory_taxonomy')
    .select('id')
    .where('org_id', '=', orgId)
    .where('name', '=', input.name)
    .executeTakeFirst();
  if (existingTaxonomy) return existingTaxonomy.id;
  const row = await db
    .insertInto('directory_taxonomy')
    .values({
      org_id: orgId,
      name: input.name,
      description: input.description ?? input.name,
      uri: input.uri ?? null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** Update the terms whose code is known, add the rest (parents are linked afterwards). */
async function saveTerms(
  db: Kysely<DB>,
  orgId: string,
  taxonomyId: string,
  taxonomyName: string,
  terms: TermRow[],
  known: KnownTerms,
): Promise<{ added: number; updated: number }> {
  let added = 0;
  let updated = 0;
  for (const t of terms) {
    const values = {
      name: t.name,
      description: t.description,
      taxonomy: taxonomyName,
      term: t.name,
      term_uri: t.uri ?? null,
    };
    const id = known.idByCode.get(t.code);
    if (id) {
      await db.updateTable('directory_taxonomy_term').set(values).where('id', '=', id).execute();
      updated += 1;
    } else {
      const row = await db
        .insertInto('directory_taxonomy_term')
        .values({ ...values, org_id: orgId, taxonomy_id: taxonomyId, code: t.code })
        .returning('id')
        .executeTakeFirstOrThrow();
      known.idByCode.set(t.code, row.id);
      known.parentById.set(row.id, null);
      added += 1;
    }
  }
  return { added, updated };
}

/** Give each term the parent the file names, or none (reported) when it is unknown or makes a loop. */
async function linkParents(db: Kysely<DB>, terms: TermRow[], known: KnownTerms): Promise<RejectedLine[]> {
  const rejected: RejectedLine[] = [];
  for (const t of terms) {
    const id = known.idByCode.get(t.code) as string;
    let parentId: string | null = null;
    if (t.parent) {
      const found = known.idByCode.get(t.parent);
      if (!found)
        rejected.push({
          line: t.line,
          reason: `Parent ${t.parent} of ${t.code} is not in the taxonomy; saved without a parent`,
        });
      else if (makesLoop(known.parentById, id, found))
        rejected.push({
          line: t.line,
          reason: `Parent ${t.parent} of ${t.code} would make a loop; saved without a parent`,
        });
      else parentId = found;
    }
    if (known.parentById.get(id) !== parentId) {
      await db.updateTable('directory_taxonomy_term').set({ parent_id: parentId }).where('id', '=', id).execute();
      known.parentById.set(id, parentId);
    }
  }
  return rejected;
}

/** Would giving `id` the parent `parentId` put `id` among its own ancestors? */
function makesLoop(parentById: Map<string, string | null>, id: string, parentId: string): boolean {
  let cursor: string | null | undefined = parentId;
  for (let steps = 0; cursor && steps < 1000; steps += 1) {
    if (cursor === id) return true;
    cursor = parentById.get(cursor);
  }
  return false;
}

/** Add one local term (staff page): a code is made from the label when none is given. */
export async function addLocalTerm(
  db: Kysely<DB>,
  orgId: string,
  input: { taxonomyId: string; name: string; description: string; parentId: string | null; code?: string | undefined },
): Promise<string> {
  const code =
    input.code ||
    `local-${input.name
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '')}`;
  const row = await db
    .insertInto('directory_taxonomy_term')
    .values({
      org_id: orgId,
      taxonomy_id: input.taxonomyId,
      parent_id: input.parentId,
      code,
      name: input.name,
      description: input.description,
      term: input.name,
      tl_local: true,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** The council's taxonomies, oldest first (the service kinds it was seeded with come first). */
export async function listTaxonomies(tx: Kysely<DB>) {
  return tx
    .selectFrom('directory_taxonomy')
    .select(['id', 'name', 'description'])
    .orderBy('created_at')
    .orderBy('name')
    .execute();
}

/** Every term of every taxonomy, by name (the page puts them in tree order). */
export async function listTerms(tx: Kysely<DB>) {
  return tx
    .selectFrom('directory_taxonomy_term')
    .select(['id', 'taxonomy_id', 'parent_id', 'code', 'name', 'tl_local'])
    .orderBy('name')
    .limit(2000)
    .execute();
}

export async function taxonomyExists(tx: Kysely<DB>, taxonomyId: string): Promise<boolean> {
  return (
    (await tx.selectFrom('directory_taxonomy').select('id').where('id', '=', taxonomyId).executeTakeFirst()) !==
    undefined
  );
}

/** The terms a service can be filed under, service kinds first, for the service form's checkboxes. */
export async function listTermChoices(tx: Kysely<DB>) {
  return tx
    .selectFrom('directory_taxonomy_term as t')
    .leftJoin('directory_taxonomy as x', 'x.id', 't.taxonomy_id')
    .select(['t.id', 't.name', 't.description', 'x.name as taxonomy'])
    .orderBy('x.created_at')
    .orderBy('t.name')
    .limit(500)
    .execute();
}
