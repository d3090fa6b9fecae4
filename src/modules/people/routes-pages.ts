import type { FastifyInstance } from 'fastify';
import { requestContext } from '../../platform/http/context.js';
import { setSearchQuery } from '../../platform/auth/sessions.js';
import { searchSchema } from './schema.js';
import { personSummary } from './presenters.js';
import type { PeopleService } from './service.js';
import { PAGE_SIZE } from './search-repository.js';
import { registerAddPersonPages, registerEditPersonPages } from './routes-person-form.js';
import { registerRecordPages } from './routes-record.js';

type Body = Record<string, unknown>;

const read = { config: { policy: 'people.read' as const } };

/** Pages for finding, viewing (the record's tabs, routes-record.ts), creating and editing a person. */
export function registerPeoplePages(app: FastifyInstance, people: PeopleService): void {
  registerSearchPages(app, people);
  registerAddPersonPages(app, people);
  registerRecordPages(app, people);
  registerEditPersonPages(app, people);
}

function registerSearchPages(app: FastifyInstance, people: PeopleService): void {
  // The search words travel in the POST body and the session, never the URL: a name in a URL ends
  // up in browser history and proxy logs.
  app.post('/people/search', read, async (request, reply) => {
    const parsed = searchSchema.safeParse({ q: (request.body as Body | undefined)?.q, page: 1 });
    const q = parsed.success ? parsed.data.q : '';
    if (request.session) await setSearchQuery(app.deps.database.db, request.session.idHash, q || null);
    return reply.redirect('/people', 303);
  });

  app.get('/people', read, async (request, reply) => {
    const { page } = searchSchema.parse({ q: '', page: (request.query as { page?: string } | undefined)?.page });
    const q = request.session?.searchQuery ?? '';
    const result = q
      ? await people.search(requestContext(request), q, page)
      : { rows: [], total: 0, capped: false, restrictedMatchId: null };
    return reply.view('people/views/search.njk', {
      title: 'Find a person',
      q,
      page,
      total: result.total,
      capped: result.capped,
      results: result.rows.map(personSummary),
      restrictedMatchId: result.restrictedMatchId,
      pagination: pagination(q, page, result.total),
    });
  });
}

function pagination(_q: string, page: number, total: number) {
  const pages = Math.ceil(total / PAGE_SIZE);
  if (pages <= 1) return null;
  const href = (n: number) => `/people?page=${n}`;
  return {
    previous: page > 1 ? { href: href(page - 1) } : undefined,
    next: page < pages ? { href: href(page + 1) } : undefined,
    items: Array.from({ length: Math.min(pages, 10) }, (_, i) => ({
      number: i + 1,
      href: href(i + 1),
      current: i + 1 === page,
    })),
  };
}
