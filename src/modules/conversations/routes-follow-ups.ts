import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { requestContext } from '../../platform/http/context.js';
import { ConflictError } from '../../platform/http/errors.js';
import { setFlash } from '../../platform/auth/sessions.js';
import { todayInLondon } from '../../platform/dates.js';
import type { ConversationsService } from './service.js';
import { routeId } from '../../platform/http/ids.js';

const filterSchema = z.object({
  scope: z.enum(['mine', 'patch']).catch('mine'),
  due: z.enum(['all', 'overdue', 'week']).catch('all'),
  status: z.enum(['open', 'done']).catch('open'),
});
type Filter = z.output<typeof filterSchema>;

const queryOf = (f: Filter) => new URLSearchParams({ scope: f.scope, due: f.due, status: f.status }).toString();

/** "Follow-ups": what a worker (or their patch) has agreed to do next, soonest first. */
export function registerFollowUpPages(app: FastifyInstance, service: ConversationsService): void {
  const read = { config: { policy: 'conversations.read' as const } };
  const write = { config: { policy: 'conversations.write' as const } };

  app.get('/follow-ups', read, async (request, reply) => {
    const filter = filterSchema.parse(request.query ?? {});
    const today = todayInLondon();
    const rows = await service.followUps(requestContext(request), {
      ...filter,
      today: today.toString(),
      weekEnd: today.add({ days: 7 }).toString(),
    });
    const actor = request.actor;
    const link = (change: Partial<Filter>) => `/follow-ups?${queryOf({ ...filter, ...change })}`;
    return reply.view('conversations/views/follow-ups.njk', {
      title: 'Follow-ups',
      filter,
      query: queryOf(filter),
      hasPatch: actor?.kind === 'user' && Boolean(actor.teamId),
      canWrite: actor?.kind === 'user' && ['practitioner', 'team_manager'].includes(actor.role),
      scopeLinks: [
        { text: 'Mine', href: link({ scope: 'mine' }), current: filter.scope === 'mine' },
        { text: 'My patch', href: link({ scope: 'patch' }), current: filter.scope === 'patch' },
      ],
      dueLinks: [
        { text: 'Any date', href: link({ due: 'all' }), current: filter.due === 'all' },
        { text: 'Overdue', href: link({ due: 'overdue' }), current: filter.due === 'overdue' },
        { text: 'Due in the next 7 days', href: link({ due: 'week' }), current: filter.due === 'week' },
      ],
      statusLinks: [
        { text: 'To do', href: link({ status: 'open' }), current: filter.status === 'open' },
        { text: 'Done', href: link({ status: 'done' }), current: filter.status === 'done' },
      ],
      rows: rows.map((r) => ({
        ...r,
        name: `${r.preferred_name ?? r.given_name} ${r.family_name}`,
        overdue: !r.done_at && r.due_on < today.toString(),
        href: r.conversation_id
          ? `/people/${r.person_id}/conversations/${r.conversation_id}`
          : `/people/${r.person_id}`,
      })),
    });
  });

  app.post('/follow-ups/:followUpId/done', write, async (request, reply) => {
    const id = routeId(request, 'followUpId');
    const body = (request.body ?? {}) as Record<string, unknown>;
    const version = z.coerce.number().int().positive().catch(0).parse(body.version);
    const filter = filterSchema.parse(
      Object.fromEntries(new URLSearchParams(typeof body.returnTo === 'string' ? body.returnTo : '')),
    );
    let message = 'The follow-up has been marked as done';
    try {
      await service.markDone(requestContext(request), id, version);
    } catch (error) {
      if (!(error instanceof ConflictError)) throw error;
      message = error.message;
    }
    if (request.session) await setFlash(app.deps.database.db, request.session.idHash, message);
    return reply.redirect(`/follow-ups?${queryOf(filter)}`, 303);
  });
}
