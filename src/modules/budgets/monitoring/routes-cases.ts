import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { requestContext } from '../../../platform/http/context.js';
import { ConflictError, ValidationError, type FieldError } from '../../../platform/http/errors.js';
import { errorMap, toFieldErrors } from '../../../platform/http/validation.js';
import { routeId } from '../../../platform/http/ids.js';
import { dateFromParts, partsFromDate } from '../../../platform/dates.js';
import { formatPounds } from '../../../platform/money.js';
import { conversationSchema, openedVersion, outcomeSchema, type Body } from './forms.js';
import { caseView, partBase } from './presenters.js';
import { done, monitor, pageBase } from './route-helpers.js';
import type { MonitoringService } from './service.js';

const ids = (request: FastifyRequest) => ({
  personId: routeId(request),
  partId: routeId(request, 'partId'),
  caseId: routeId(request, 'caseId'),
});
/** A date's error links to its first box, as the GOV.UK date input expects. */
const dateErrors = (errors: FieldError[]) =>
  errors.map((e) => (e.href === '#heldOn' ? { ...e, href: '#heldOn-day' } : e));

/** A monitoring case: what was flagged, the conversation, what was agreed. */
export function registerCasePages(app: FastifyInstance, service: MonitoringService): void {
  const path = '/people/:id/budget/parts/:partId/monitoring/cases/:caseId';

  const casePage = async (request: FastifyRequest, reply: FastifyReply, status: number, errors: FieldError[]) => {
    const { personId, partId, caseId } = ids(request);
    const loaded = await service.getCase(requestContext(request), personId, partId, caseId);
    const body = status === 200 ? {} : ((request.body ?? {}) as Body);
    return reply.code(status).view('budgets/monitoring/views/case.njk', {
      ...pageBase(request, loaded.person, loaded.part, 'Monitoring case'),
      case: caseView(loaded.case),
      balance: formatPounds(loaded.balancePence),
      values: body,
      heldOnValues:
        body['heldOn-day'] === undefined
          ? partsFromDate(loaded.case.conversation_on)
          : {
              day: body['heldOn-day'],
              month: body['heldOn-month'],
              year: body['heldOn-year'],
            },
      errors,
      fieldErrors: errorMap(errors),
    });
  };

  const step = (name: 'conversation' | 'outcome', message: string) =>
    app.post(`${path}/${name}`, monitor, async (request, reply) => {
      const body = (request.body ?? {}) as Body;
      const version = openedVersion(body);
      const ctx = requestContext(request);
      const { personId, partId, caseId } = ids(request);
      try {
        if (version === null)
          throw new ValidationError([{ text: 'Open the page again: it was missing its version', href: `#${name}` }]);
        if (name === 'conversation') {
          const heldOn = dateFromParts(body['heldOn-day'], body['heldOn-month'], body['heldOn-year']);
          const parsed = conversationSchema.safeParse({ ...body, heldOn });
          if (!parsed.success) throw new ValidationError(dateErrors(toFieldErrors(parsed.error)));
          await service.conversation(ctx, { personId, partId, caseId }, { version, ...parsed.data });
        } else {
          const parsed = outcomeSchema.safeParse(body);
          if (!parsed.success) throw new ValidationError(toFieldErrors(parsed.error));
          const outcome =
            parsed.data.outcome === 'recover'
              ? { outcome: 'recover' as const, amountPence: parsed.data.amount }
              : { outcome: 'keep' as const, reason: parsed.data.reason };
          await service.outcome(ctx, { personId, partId, caseId }, { version, ...outcome });
        }
      } catch (error) {
        if (error instanceof ValidationError) return casePage(request, reply, 422, error.errors);
        if (error instanceof ConflictError)
          return casePage(request, reply, 409, [{ text: error.message, href: `#${name}` }]);
        throw error;
      }
      return done(app, request, reply, `${partBase(personId, partId)}/monitoring`, message);
    });

  app.get(path, monitor, async (request, reply) => casePage(request, reply, 200, []));
  step('conversation', 'The conversation has been recorded');
  step('outcome', 'What was agreed has been recorded');
}
