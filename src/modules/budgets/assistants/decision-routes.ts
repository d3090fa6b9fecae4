import type { FastifyInstance } from 'fastify';
import { requestContext } from '../../../platform/http/context.js';
import { routeId } from '../../../platform/http/ids.js';
import {
  CAPACITIES,
  CAPACITY_LABELS,
  SUPPORTS_IN_PLACE,
  SUPPORT_IN_PLACE_LABELS,
  SUPPORT_LEVEL_LABELS,
} from './matrix.js';
import { decisionView, radios } from './presenters.js';
import { dateValues } from './schema.js';
import type { AssistantService } from './service.js';
import { personPage, submit, type Reshow } from './pages.js';

const write = { config: { policy: 'assistants.write' as const } };
const str = (v: unknown) => (typeof v === 'string' ? v : '');

/**
 * The direct payment support decision on a person's record: the two answers, the level the council's
 * table recommends for them (shown in full on the page, so the recommendation is visible before
 * deciding, without JavaScript), and the level decided, with a reason when it differs.
 */
export function registerDecisionPage(app: FastifyInstance, service: AssistantService): void {
  const path = '/people/:id/assistants/support-decision';
  const page: Reshow = async (request, reply, status, body = {}, errors = []) => {
    const { person, matrix, decisions } = await service.decisionForm(requestContext(request), routeId(request));
    return reply.code(status).view('budgets/assistants/views/support-decision.njk', {
      ...personPage(person, 'Decide the direct payment support', errors),
      table: CAPACITIES.map((capacity) => ({
        capacity: CAPACITY_LABELS[capacity],
        cells: SUPPORTS_IN_PLACE.map((support) => SUPPORT_LEVEL_LABELS[matrix[capacity][support]]),
      })),
      supportHeadings: SUPPORTS_IN_PLACE.map((s) => SUPPORT_IN_PLACE_LABELS[s]),
      capacities: radios(CAPACITY_LABELS, body.capacity),
      supports: radios(SUPPORT_IN_PLACE_LABELS, body.supportInPlace),
      levels: radios(SUPPORT_LEVEL_LABELS, body.decidedLevel),
      values: { reason: str(body.reason), decidedOn: dateValues(body, 'decidedOn') },
      decisions: decisions.map(decisionView),
    });
  };
  app.get(path, write, (request, reply) => page(request, reply, 200));
  app.post(
    path,
    write,
    submit(
      app,
      (ctx, req, body) => service.decide(ctx, routeId(req), body),
      page,
      'The support decision has been recorded',
    ),
  );
}
