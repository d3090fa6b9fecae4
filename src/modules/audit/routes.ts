import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { requestContext } from '../../platform/http/context.js';
import { setFlash } from '../../platform/auth/sessions.js';
import { roleLabels, type Role } from '../../platform/access/roles.js';
import { AuditPagesService } from './service.js';
import { AUDIT_PAGE_SIZE } from './repository.js';
import { routeId } from '../../platform/http/ids.js';
import { actionLabel } from './labels.js';

const pageSchema = z.coerce.number().int().min(1).max(10_000).catch(1);

function pagination(base: string, page: number, total: number) {
  const pages = Math.ceil(total / AUDIT_PAGE_SIZE);
  if (pages <= 1) return null;
  const href = (n: number) => `${base}?page=${n}`;
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

const roleLabel = (role: string | null) => (role ? (roleLabels[role as Role] ?? role) : '');

const pageOf = (request: FastifyRequest) => pageSchema.parse((request.query as { page?: unknown } | undefined)?.page);

/** "Who has looked at this record" and the break-glass register. */
export function registerAuditPages(app: FastifyInstance, service = new AuditPagesService(app.deps.database.db)): void {
  registerWhoViewedPage(app, service);
  registerBreakGlassRegister(app, service);
  registerBreakGlassReview(app, service);
}

function registerWhoViewedPage(app: FastifyInstance, service: AuditPagesService): void {
  app.get('/people/:id/who-viewed', { config: { policy: 'audit.whoViewed' } }, async (request, reply) => {
    const id = routeId(request);
    const page = pageOf(request);
    const result = await service.whoViewed(requestContext(request), id, page);
    const name = `${result.person.given_name} ${result.person.family_name}`;
    return reply.view('audit/views/who-viewed.njk', {
      title: `Who has looked at this record: ${name}`,
      name,
      personId: id,
      total: result.total,
      page,
      rows: result.rows.map((r) => ({
        at: r.at,
        who:
          r.actor_kind === 'user'
            ? (r.display_name ?? 'Unknown member of staff')
            : r.actor_kind === 'api_token'
              ? `${r.token_name ?? 'Unknown partner system'} (partner system)`
              : 'The system',
        role: r.actor_kind === 'user' ? roleLabel(r.role) : '',
        action: actionLabel(r.action),
        reason: r.reason,
      })),
      pagination: pagination(`/people/${id}/who-viewed`, page, result.total),
      // The auditor cannot open the record itself: their way back is to the search they came from.
      backLink:
        request.actor?.kind === 'user' && request.actor.role === 'ig_auditor' ? '/audit/people' : `/people/${id}`,
    });
  });
}

function registerBreakGlassRegister(app: FastifyInstance, service: AuditPagesService): void {
  app.get('/audit/break-glass', { config: { policy: 'audit.review' } }, async (request, reply) => {
    const page = pageOf(request);
    const result = await service.breakGlassRegister(requestContext(request), page);
    const now = Date.now();
    return reply.view('audit/views/break-glass-review.njk', {
      title: 'Break-glass reviews',
      total: result.total,
      unreviewed: result.unreviewed,
      page,
      rows: result.rows.map((r) => ({
        id: r.id,
        personId: r.person_id,
        person: `${r.given_name} ${r.family_name}`,
        councilPersonId: r.council_person_id,
        who: r.user_name,
        role: roleLabel(r.user_role),
        startedAt: r.started_at,
        expiresAt: r.expires_at,
        active: new Date(r.expires_at).getTime() > now,
        reason: r.reason,
        reviewedAt: r.reviewed_at,
        reviewer: r.reviewer_name,
      })),
      pagination: pagination('/audit/break-glass', page, result.total),
    });
  });
}

function registerBreakGlassReview(app: FastifyInstance, service: AuditPagesService): void {
  app.post('/audit/break-glass/:id/review', { config: { policy: 'audit.review' } }, async (request, reply) => {
    const id = routeId(request);
    const reviewed = await service.review(requestContext(request), id);
    if (request.session)
      await setFlash(
        app.deps.database.db,
        request.session.idHash,
        reviewed ? 'Marked as reviewed' : 'This had already been reviewed',
      );
    return reply.redirect('/audit/break-glass', 303);
  });
}
