import { randomUUID } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { requestContext } from '../../../platform/http/context.js';
import { ValidationError, type FieldError } from '../../../platform/http/errors.js';
import { errorMap } from '../../../platform/http/validation.js';
import { setFlash } from '../../../platform/auth/sessions.js';
import { routeId } from '../../../platform/http/ids.js';
import { formatPounds } from '../../../platform/money.js';
import { partsFromDate, todayInLondon } from '../../../platform/dates.js';
import { IsfService } from './service.js';
import type { Body } from './forms.js';

const read = { config: { policy: 'isf.read' } } as const;
const record = { config: { policy: 'isf.record' } } as const;
const today = () => todayInLondon().toString();

/** The ISF pages (S3): the list (a provider's own, or all for the council), one fund, and recording a delivery. */
export function registerIsfPages(app: FastifyInstance, isfs = new IsfService(app.deps.database.db)): void {
  app.get('/isf', read, async (request, reply) => {
    const list = await isfs.list(requestContext(request));
    return reply.view('budgets/isf/views/list.njk', {
      title: 'Individual service funds',
      isfs: list.map((s) => ({
        id: s.part.id,
        name: s.name,
        service: s.service,
        weekly: formatPounds(s.part.weekly_pence),
        spent: formatPounds(s.spentPence),
        balance: formatPounds(s.balancePence),
      })),
    });
  });
  app.get('/isf/:partId', read, async (request, reply) => isfPage(isfs, request, reply));
  registerDeliveryForm(app, isfs);
}

/** Record what was delivered: the form, and on success back to the fund with a message. */
function registerDeliveryForm(app: FastifyInstance, isfs: IsfService): void {
  const showForm = async (
    request: FastifyRequest,
    reply: FastifyReply,
    status: number,
    values: Body,
    errors: FieldError[],
  ) => {
    const isf = await isfs.get(requestContext(request), routeId(request, 'partId'), today(), 'isf.delivery-form');
    return reply.code(status).view('budgets/isf/views/delivery.njk', {
      title: 'Record what was delivered',
      backLink: `/isf/${isf.part.id}`,
      action: request.url,
      name: `${isf.person.preferred_name ?? isf.person.given_name} ${isf.person.family_name}`,
      balance: formatPounds(isf.balancePence),
      values,
      errors,
      fieldErrors: errorMap(errors),
    });
  };
  app.get('/isf/:partId/deliveries', record, async (request, reply) => {
    const d = partsFromDate(today());
    return showForm(
      request,
      reply,
      200,
      { 'deliveredOn-day': d.day, 'deliveredOn-month': d.month, 'deliveredOn-year': d.year, submission: randomUUID() },
      [],
    );
  });
  app.post('/isf/:partId/deliveries', record, async (request, reply) => {
    const body = (request.body ?? {}) as Body;
    const partId = routeId(request, 'partId');
    try {
      const pence = await isfs.recordDelivery(requestContext(request), partId, body, today());
      if (request.session)
        await setFlash(
          app.deps.database.db,
          request.session.idHash,
          `${formatPounds(pence)} delivered has been recorded`,
        );
      return reply.redirect(`/isf/${partId}`, 303);
    } catch (error) {
      if (error instanceof ValidationError) return showForm(request, reply, 422, body, error.errors);
      throw error;
    }
  });
}

async function isfPage(isfs: IsfService, request: FastifyRequest, reply: FastifyReply) {
  const isf = await isfs.get(requestContext(request), routeId(request, 'partId'), today());
  const actor = request.actor;
  // A provider's user sees the fund, not the person's wider record: no link to it.
  const council = actor?.kind === 'user' && actor.role !== 'provider_user';
  return reply.view('budgets/isf/views/isf.njk', {
    title: `Individual service fund: ${isf.person.given_name} ${isf.person.family_name}`,
    backLink: '/isf',
    isf,
    name: `${isf.person.preferred_name ?? isf.person.given_name} ${isf.person.family_name}`,
    personLink: council ? `/people/${isf.person.id}` : null,
    figures: {
      weekly: formatPounds(isf.part.weekly_pence),
      fundedToDate: formatPounds(isf.fundedToDatePence),
      paidIn: formatPounds(isf.balancePence + isf.spentPence),
      spent: formatPounds(isf.spentPence),
      balance: formatPounds(isf.balancePence),
    },
    deliveries: isf.deliveries.map((d) => ({ ...d, cost: formatPounds(d.cost_pence) })),
  });
}
