import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { routeId } from '../../../platform/http/ids.js';
import { setFlash } from '../../../platform/auth/sessions.js';
import { personSummary, recordNav, type PersonRow } from '../../people/index.js';
import type { BudgetPartRow } from '../tables.js';
import { partBase, partView } from './presenters.js';

/** What every monitoring page shares: its policy, the ids in its path, the person and part at its top. */
export const monitor = { config: { policy: 'budgets.monitor' as const } };
export const partIds = (request: FastifyRequest) => ({
  personId: routeId(request),
  partId: routeId(request, 'partId'),
});

export function pageBase(request: FastifyRequest, person: PersonRow, part: BudgetPartRow, title: string) {
  const summary = personSummary(person);
  return {
    title: `${title}: ${summary.name}`,
    person: summary,
    firstName: person.preferred_name ?? person.given_name,
    recordNav: recordNav(request.actor, person.id, 'budget'),
    backLink: `/people/${person.id}/budget`,
    part: partView(part),
    base: partBase(person.id, part.id),
  };
}

export async function done(
  app: FastifyInstance,
  request: FastifyRequest,
  reply: FastifyReply,
  to: string,
  message: string,
) {
  if (request.session) await setFlash(app.deps.database.db, request.session.idHash, message);
  return reply.redirect(to, 303);
}
