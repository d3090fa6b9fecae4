import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { requestContext } from '../../platform/http/context.js';
import { setSearchQuery } from '../../platform/auth/sessions.js';
import { formatDate } from '../../platform/views/format.js';
import { PEOPLE_PAGE_SIZE } from '../people/index.js';
import { AuditPersonFinder } from './find-service.js';

const searchSchema = z.object({
  q: z.preprocess(
    (v) => (typeof v === 'string' ? v.trim() : ''),
    z.string().max(100, 'Search must be 100 characters or fewer'),
  ),
  page: z.coerce.number().int().min(1).max(1000).catch(1),
});

function pagination(page: number, total: number) {
  const pages = Math.ceil(total / PEOPLE_PAGE_SIZE);
  if (pages <= 1) return null;
  const href = (n: number) => `/audit/people?page=${n}#results`;
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

/** The IG auditor finds a person by name, NHS number, date of birth or postcode, then sees who has looked. */
export function registerPersonFinder(app: FastifyInstance, finder = new AuditPersonFinder(app.deps.database.db)): void {
  const policy = { config: { policy: 'audit.findPerson' as const } };

  // As with the people search, the words travel in the POST body and the session, never the URL.
  app.post('/audit/people/search', policy, async (request, reply) => {
    const parsed = searchSchema.safeParse({ q: (request.body as { q?: unknown } | undefined)?.q, page: 1 });
    const q = parsed.success ? parsed.data.q : '';
    if (request.session) await setSearchQuery(app.deps.database.db, request.session.idHash, q || null);
    return reply.redirect('/audit/people', 303);
  });

  app.get('/audit/people', policy, async (request, reply) => {
    const { page } = searchSchema.parse({ q: '', page: (request.query as { page?: string } | undefined)?.page });
    const q = request.session?.searchQuery ?? '';
    const result = q ? await finder.search(requestContext(request), q, page) : { rows: [], total: 0, capped: false };
    return reply.view('audit/views/find-person.njk', {
      title: 'Who has looked at a record',
      q,
      total: result.total,
      capped: result.capped,
      results: result.rows.map((p) => ({
        href: `/people/${p.id}/who-viewed`,
        name: `${p.given_name} ${p.family_name}`,
        restricted: p.restricted,
        dateOfBirth: formatDate(p.date_of_birth),
        councilPersonId: p.council_person_id,
        postcode: p.postcode ?? '',
      })),
      pagination: pagination(page, result.total),
    });
  });
}
