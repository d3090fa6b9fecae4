import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { auditContext } from '../../platform/http/context.js';
import { errorMap, toFieldErrors } from '../../platform/http/validation.js';
import { setFlash } from '../../platform/auth/sessions.js';
import { withOrg } from '../../platform/db/scope.js';
import { writeAudit } from '../../platform/audit/audit.js';
import { addLocalTerm, importTaxonomyCsv, listTaxonomies, listTerms, taxonomyExists } from './taxonomy.js';
import { idField } from '../../platform/http/ids.js';

type Body = Record<string, unknown>;
const uuid = idField('Choose a taxonomy from the list');
const termSchema = z.object({
  taxonomyId: uuid,
  name: z
    .string({ error: 'Enter the name of the term' })
    .trim()
    .min(1, 'Enter the name of the term')
    .max(200, 'Name must be 200 characters or fewer'),
  description: z.string().trim().max(1000, 'Description must be 1000 characters or fewer').default(''),
  parentId: z.preprocess((v) => (v === '' ? null : v), uuid.nullable()).default(null),
});
const importSchema = z.object({
  name: z
    .string({ error: 'Enter the name of the taxonomy' })
    .trim()
    .min(1, 'Enter the name of the taxonomy')
    .max(200, 'Name must be 200 characters or fewer'),
  csv: z
    .string({ error: 'Paste the CSV file' })
    .trim()
    .min(1, 'Paste the CSV file')
    .max(1_000_000, 'The CSV must be smaller than 1 MB: import bigger files from the command line'),
});

/** The taxonomies (kinds of service): browse, add a local term, import an LGA / esd style CSV. */
export function registerTaxonomyPages(app: FastifyInstance): void {
  app.get('/directory/manage/taxonomies', { config: { policy: 'directory.curate' } }, async (request, reply) =>
    reply.view('directory/views/taxonomies.njk', {
      title: 'Kinds of service',
      values: {},
      ...(await taxonomiesPage(app, request)),
    }),
  );
  registerAddTerm(app);
  registerTaxonomyImport(app);
}

const orgOf = (request: FastifyRequest) => request.actor!.orgId;

/** What the taxonomies page shows: every taxonomy with its terms in tree order, and the add-a-term choices. */
async function taxonomiesPage(app: FastifyInstance, request: FastifyRequest) {
  return withOrg(app.deps.database.db, orgOf(request), async (tx) => {
    const [taxonomies, terms] = [await listTaxonomies(tx), await listTerms(tx)];
    return {
      taxonomies: taxonomies.map((t) => ({ ...t, terms: ordered(terms.filter((x) => x.taxonomy_id === t.id)) })),
      taxonomyItems: [
        { value: '', text: 'Choose a taxonomy' },
        ...taxonomies.map((t) => ({ value: t.id, text: t.name })),
      ],
      parentItems: [
        { value: '', text: 'None (a top-level term)' },
        ...terms.map((t) => ({ value: t.id, text: t.name })),
      ],
      canAdd: request.actor?.kind === 'user' && ['administrator', 'commissioner'].includes(request.actor.role),
    };
  });
}

function registerAddTerm(app: FastifyInstance): void {
  const { db } = app.deps.database;
  app.post('/directory/manage/taxonomies/terms', { config: { policy: 'directory.import' } }, async (request, reply) => {
    const body = (request.body ?? {}) as Body;
    const parsed = termSchema.safeParse(body);
    if (parsed.success) {
      const saved = await withOrg(db, orgOf(request), async (tx) => {
        if (!(await taxonomyExists(tx, parsed.data.taxonomyId))) return false;
        const id = await addLocalTerm(tx, orgOf(request), parsed.data);
        await writeAudit(tx, auditContext(request), [
          { action: 'directory.term.create', resourceType: 'directory_taxonomy_term', resourceId: id },
        ]);
        return true;
      });
      if (saved) {
        if (request.session) await setFlash(db, request.session.idHash, `${parsed.data.name} has been added`);
        return reply.redirect('/directory/manage/taxonomies', 303);
      }
    }
    const errors = parsed.success
      ? [{ text: 'Choose a taxonomy from the list', href: '#taxonomyId' }]
      : toFieldErrors(parsed.error);
    return reply.code(422).view('directory/views/taxonomies.njk', {
      title: 'Kinds of service',
      values: body,
      errors,
      fieldErrors: errorMap(errors),
      ...(await taxonomiesPage(app, request)),
    });
  });
}

function registerTaxonomyImport(app: FastifyInstance): void {
  app.get('/directory/manage/imports/taxonomy', { config: { policy: 'directory.import' } }, async (_request, reply) =>
    reply.view('directory/views/taxonomy-import.njk', { title: 'Import a taxonomy', values: {} }),
  );

  app.post('/directory/manage/imports/taxonomy', { config: { policy: 'directory.import' } }, async (request, reply) => {
    const body = (request.body ?? {}) as Body;
    const parsed = importSchema.safeParse(body);
    if (!parsed.success) {
      const errors = toFieldErrors(parsed.error);
      return reply.code(422).view('directory/views/taxonomy-import.njk', {
        title: 'Import a taxonomy',
        values: body,
        errors,
        fieldErrors: errorMap(errors),
      });
    }
    const report = await withOrg(app.deps.database.db, orgOf(request), async (tx) => {
      const result = await importTaxonomyCsv(tx, orgOf(request), parsed.data);
      await writeAudit(tx, auditContext(request), [
        { action: 'directory.taxonomy.import', resourceType: 'directory_taxonomy', resourceId: result.taxonomyId },
      ]);
      return result;
    });
    return reply.view('directory/views/taxonomy-import.njk', { title: 'Taxonomy imported', values: {}, report });
  });
}

/** Terms in tree order (parents before their children), each with its depth for indenting. */
function ordered<T extends { id: string; parent_id: string | null }>(terms: T[]): (T & { depth: number })[] {
  const ids = new Set(terms.map((t) => t.id));
  const out: (T & { depth: number })[] = [];
  const walk = (parent: string | null, depth: number) => {
    for (const t of terms.filter((x) =>
      parent === null ? x.parent_id === null || !ids.has(x.parent_id) : x.parent_id === parent,
    )) {
      if (out.some((o) => o.id === t.id) || depth > 20) continue;
      out.push({ ...t, depth });
      walk(t.id, depth + 1);
    }
  };
  walk(null, 0);
  return out;
}
