import type { FastifyInstance } from 'fastify';
import { requestContext } from '../../../platform/http/context.js';
import { caseView, partBase } from './presenters.js';
import { done, monitor } from './route-helpers.js';
import type { MonitoringService } from './service.js';

/** The council's list of open monitoring cases (people the viewer may see), and looking at every budget now. */
export function registerCaseListPages(app: FastifyInstance, service: MonitoringService): void {
  app.get('/budgets/monitoring', monitor, async (request, reply) => {
    const cases = await service.listOpenCases(requestContext(request));
    return reply.view('budgets/monitoring/views/list.njk', {
      title: 'Budgets to talk about',
      cases: cases.map((c) => ({
        ...caseView(c),
        person: c.person,
        href: `${partBase(c.person_id, c.part_id)}/monitoring/cases/${c.id}`,
      })),
    });
  });
  app.post('/budgets/monitoring/check', monitor, async (request, reply) => {
    const people = await service.checkAll(requestContext(request));
    const message =
      people === 0
        ? 'Every budget was looked at: nothing new to talk about'
        : `Every budget was looked at: ${people} ${people === 1 ? 'person has' : 'people have'} something new to talk about`;
    return done(app, request, reply, '/budgets/monitoring', message);
  });
}
