import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { requestContext } from '../../../platform/http/context.js';
import { ValidationError, type FieldError } from '../../../platform/http/errors.js';
import { errorMap, toFieldErrors } from '../../../platform/http/validation.js';
import { routeId } from '../../../platform/http/ids.js';
import { dateFromParts } from '../../../platform/dates.js';
import { savedHoursSchema, type Body } from './forms.js';
import { partBase } from './presenters.js';
import { done, monitor, pageBase } from './route-helpers.js';
import { formatHours } from './saved-hours.js';
import type { MonitoringService } from './service.js';

/** Saved-up hours of a part (S8): the balance, the history, and a form to save or use hours. */
export function registerSavedHoursPages(app: FastifyInstance, service: MonitoringService): void {
  const path = '/people/:id/budget/parts/:partId/saved-hours';
  const page = async (request: FastifyRequest, reply: FastifyReply, status: number, errors: FieldError[]) => {
    const loaded = await service.getSavedHours(requestContext(request), routeId(request), routeId(request, 'partId'));
    const body = status === 200 ? {} : ((request.body ?? {}) as Body);
    return reply.code(status).view('budgets/monitoring/views/saved-hours.njk', {
      ...pageBase(request, loaded.person, loaded.part, 'Saved-up hours'),
      balance: formatHours(loaded.balanceHundredths),
      entries: loaded.entries.map((e) => ({
        weekOf: e.week_of,
        saved: e.hundredths > 0 ? formatHours(e.hundredths) : '',
        used: e.hundredths < 0 ? formatHours(-e.hundredths) : '',
        note: e.note,
      })),
      values: body,
      weekOfValues: { day: body['weekOf-day'], month: body['weekOf-month'], year: body['weekOf-year'] },
      errors,
      fieldErrors: errorMap(errors),
    });
  };
  app.get(path, monitor, async (request, reply) => page(request, reply, 200, []));
  app.post(path, monitor, async (request, reply) => {
    const body = (request.body ?? {}) as Body;
    const personId = routeId(request);
    const partId = routeId(request, 'partId');
    try {
      const weekOf = dateFromParts(body['weekOf-day'], body['weekOf-month'], body['weekOf-year']);
      const parsed = savedHoursSchema.safeParse({ ...body, weekOf });
      if (!parsed.success)
        throw new ValidationError(
          toFieldErrors(parsed.error).map((e) => (e.href === '#weekOf' ? { ...e, href: '#weekOf-day' } : e)),
        );
      const { direction, hours, note } = parsed.data;
      await service.addSavedHours(requestContext(request), personId, partId, {
        direction,
        hundredths: hours,
        weekOf: parsed.data.weekOf,
        note,
      });
    } catch (error) {
      if (error instanceof ValidationError) return page(request, reply, 422, error.errors);
      throw error;
    }
    return done(app, request, reply, `${partBase(personId, partId)}/saved-hours`, 'The saved hours have been updated');
  });
}
