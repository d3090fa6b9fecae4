import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { requestContext } from '../../platform/http/context.js';
import { NotFoundError } from '../../platform/http/errors.js';
import { authorize } from '../../platform/access/authorize.js';
import { todayInLondon } from '../../platform/dates.js';
import { personSummary, recordNav } from '../people/index.js';
import { routeId } from '../../platform/http/ids.js';
import { activationView, planView } from './presenters.js';
import { changedSections } from './changes.js';
import { ContingencyPlanService } from './service.js';
import { registerPlanFormPages } from './routes-plan-form.js';
import { registerActivationPages } from './routes-activation.js';
import { base, firstNameOf, read } from './route-helpers.js';

/** Pages to agree, change, read (and print) and activate a person's contingency plan. */
export function registerContingencyPlanPages(
  app: FastifyInstance,
  plans = new ContingencyPlanService(app.deps.database.db),
): void {
  registerPlanPage(app, plans);
  registerPlanFormPages(app, plans);
  registerPlanVersionPage(app, plans);
  registerActivationPages(app, plans);
}

function registerPlanPage(app: FastifyInstance, plans: ContingencyPlanService): void {
  app.get('/people/:id/contingency-plans', read, async (request, reply) => {
    const { person, plan, current, versions, activations } = await plans.getPlanPage(
      requestContext(request),
      routeId(request),
    );
    const firstName = firstNameOf(person);
    return reply.view('contingency-plans/views/plan.njk', {
      title: `Contingency plan: ${person.given_name} ${person.family_name}`,
      person: personSummary(person),
      recordNav: recordNav(request.actor, person.id, 'prevention'),
      firstName,
      backLink: `/people/${person.id}`,
      plan: current ? planView(current.content, firstName) : null,
      version: current?.version,
      savedBy: current?.created_by_name,
      savedAt: current?.created_at,
      versions: plan ? versions : [],
      activations: activations.map(activationView),
      canWrite: authorize(request.actor, 'plans.write') === 'allow',
      reviewOverdue: current ? current.content.reviewDate < todayInLondon().toString() : false,
    });
  });
}

function registerPlanVersionPage(app: FastifyInstance, plans: ContingencyPlanService): void {
  app.get('/people/:id/contingency-plans/versions/:version', read, async (request, reply) => {
    const id = routeId(request);
    const version = z.coerce
      .number()
      .int()
      .min(1)
      .max(100_000)
      .safeParse((request.params as { version?: unknown }).version);
    if (!version.success) throw new NotFoundError();
    const found = await plans.getVersion(requestContext(request), id, version.data);
    const firstName = firstNameOf(found.person);
    return reply.view('contingency-plans/views/version.njk', {
      title: `Contingency plan version ${version.data}: ${found.person.given_name} ${found.person.family_name}`,
      person: personSummary(found.person),
      firstName,
      backLink: base(id),
      version: found.version.version,
      isCurrent: found.plan.current_version === found.version.version,
      savedBy: found.version.created_by_name,
      savedAt: found.version.created_at,
      changed: found.previous ? changedSections(found.previous.content, found.version.content) : null,
      plan: planView(found.version.content, firstName),
    });
  });
}
