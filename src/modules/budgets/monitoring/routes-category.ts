import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { requestContext } from '../../../platform/http/context.js';
import { ConflictError, ValidationError, type FieldError } from '../../../platform/http/errors.js';
import { errorMap } from '../../../platform/http/validation.js';
import { routeId } from '../../../platform/http/ids.js';
import { SupportPlanService } from '../../planning/index.js';
import { categoryChoices } from './categories.js';
import { openedVersion, type Body } from './forms.js';
import { partBase, transactionView } from './presenters.js';
import { done, monitor, pageBase, partIds as ids } from './route-helpers.js';
import type { MonitoringService } from './service.js';

/**
 * What a statement line was for: one of the support plan's items (read through the planning
 * module, which checks and audits the read of the plan) or 'Not in the plan'.
 */
export function registerCategoryPages(app: FastifyInstance, service: MonitoringService): void {
  const plans = new SupportPlanService(app.deps.database.db);
  const path = '/people/:id/budget/parts/:partId/monitoring';
  const categoryPath = `${path}/transactions/:transactionId/category`;
  const categoryPage = async (request: FastifyRequest, reply: FastifyReply, status: number, errors: FieldError[]) => {
    const { personId, partId } = ids(request);
    const ctx = requestContext(request);
    // The line first: a part or line that is not the person's answers 404 before the plan is read.
    const loaded = await service.getTransaction(ctx, personId, partId, routeId(request, 'transactionId'));
    const plan = await plans.getPlan(ctx, personId);
    const chosen = ((request.body ?? {}) as Body).category ?? loaded.transaction.category;
    return reply.code(status).view('budgets/monitoring/views/category.njk', {
      ...pageBase(request, loaded.person, loaded.part, 'What was this for?'),
      transaction: transactionView(loaded.transaction),
      choices: categoryChoices(plan.content.items.map((i) => i.what)).map((c) => ({
        value: c,
        text: c,
        checked: c === chosen,
      })),
      errors,
      fieldErrors: errorMap(errors),
    });
  };
  app.get(categoryPath, monitor, async (request, reply) => categoryPage(request, reply, 200, []));
  app.post(categoryPath, monitor, async (request, reply) => {
    const body = (request.body ?? {}) as Body;
    const version = openedVersion(body);
    const ctx = requestContext(request);
    const { personId, partId } = ids(request);
    try {
      if (version === null)
        throw new ValidationError([{ text: 'Open the page again: it was missing its version', href: '#category' }]);
      const plan = await plans.getPlan(ctx, personId);
      const allowed = categoryChoices(plan.content.items.map((i) => i.what));
      const category = typeof body.category === 'string' ? body.category : '';
      await service.categorise(
        ctx,
        { personId, partId, transactionId: routeId(request, 'transactionId') },
        { version, category, allowed },
      );
    } catch (error) {
      if (error instanceof ValidationError) return categoryPage(request, reply, 422, error.errors);
      if (error instanceof ConflictError)
        return categoryPage(request, reply, 409, [{ text: error.message, href: '#category' }]);
      throw error;
    }
    return done(app, request, reply, `${partBase(personId, partId)}/monitoring`, 'The category has been saved');
  });
}
