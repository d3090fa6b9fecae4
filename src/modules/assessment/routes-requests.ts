import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { requestContext } from '../../platform/http/context.js';
import { NotFoundError, type FieldError } from '../../platform/http/errors.js';
import { errorMap, toFieldErrors } from '../../platform/http/validation.js';
import { routeId } from '../../platform/http/ids.js';
import { setFlash } from '../../platform/auth/sessions.js';
import { govukItems } from '../../platform/cld/index.js';
import { todayInLondon } from '../../platform/dates.js';
import { personSummary } from '../people/index.js';
import {
  askForAssessment,
  LINKED_SOURCES,
  requestFormData,
  requestHref,
  requestHrefFromSource,
  viewRequest,
} from './requests-service.js';
import { requestFormSchema, requestFormToInput } from './requests-schema.js';
import { DEFAULT_ROUTE_OF_ACCESS } from './requests.js';
import { requestView } from './presenters.js';
import { canRecord } from './record-view.js';

type Body = Record<string, unknown>;
const read = { config: { policy: 'assessments.read' as const } };
const write = { config: { policy: 'assessments.request' as const } };

/** "Ask for an assessment" from the person record, the request's own page, and the way to it from its source. */
export function registerRequestPages(app: FastifyInstance): void {
  app.get('/people/:id/assessment-requests/new', write, async (request, reply) => showForm(app, request, reply, 200));
  app.post('/people/:id/assessment-requests/new', write, async (request, reply) => {
    const body = (request.body ?? {}) as Body;
    const parsed = requestFormSchema.safeParse(requestFormToInput(body));
    if (!parsed.success) return showForm(app, request, reply, 422, body, dateBoxErrors(toFieldErrors(parsed.error)));
    const personId = routeId(request);
    const saved = await askForAssessment(app.deps.database.db, requestContext(request), personId, parsed.data);
    if (request.session) await setFlash(app.deps.database.db, request.session.idHash, 'Assessment requested');
    return reply.redirect(requestHref(personId, saved.id), 303);
  });

  app.get('/people/:id/assessment-requests/:requestId', read, async (request, reply) => {
    const {
      person,
      request: row,
      assessment,
    } = await viewRequest(
      app.deps.database.db,
      requestContext(request),
      routeId(request),
      routeId(request, 'requestId'),
    );
    return reply.view('assessment/views/request.njk', {
      title: `Request for an assessment: ${person.given_name} ${person.family_name}`,
      person: personSummary(person),
      backLink: `/people/${person.id}`,
      r: requestView(row, todayInLondon()),
      assessment: assessment && { ...assessment, href: `/people/${person.id}/assessments/${assessment.id}` },
      startHref:
        canRecord(request) && row.status === 'waiting'
          ? `/people/${person.id}/assessments/new?request=${row.id}`
          : null,
    });
  });

  // The conversation and the crisis episode link here: "Assessment requested on …".
  app.get('/assessment-requests/from/:source/:sourceId', read, async (request, reply) => {
    const source = (request.params as { source: string }).source;
    if (!(LINKED_SOURCES as readonly string[]).includes(source)) throw new NotFoundError();
    const href = await requestHrefFromSource(
      app.deps.database.db,
      requestContext(request),
      source,
      routeId(request, 'sourceId'),
    );
    return reply.redirect(href, 303);
  });
}

/** A date's error links to its first box, where the GOV.UK date input puts the id. */
const dateBoxErrors = (errors: FieldError[]) =>
  errors.map((e) => (e.href === '#receivedOn' ? { ...e, href: '#receivedOn-day' } : e));

async function showForm(
  app: FastifyInstance,
  request: FastifyRequest,
  reply: FastifyReply,
  status: number,
  values: Body = {},
  errors: FieldError[] = [],
) {
  const personId = routeId(request);
  const { person, caresFor } = await requestFormData(app.deps.database.db, requestContext(request), personId);
  const today = todayInLondon();
  const firstName = person.preferred_name ?? person.given_name;
  const named = caresFor.length ? caresFor.join(', ') : 'someone';
  return reply.code(status).view('assessment/views/request-form.njk', {
    title: `Ask for an assessment for ${person.given_name} ${person.family_name}`,
    person: personSummary(person),
    firstName,
    backLink: `/people/${personId}`,
    action: `/people/${personId}/assessment-requests/new`,
    values,
    errors,
    fieldErrors: errorMap(errors),
    kindItems: [
      {
        value: 'care_needs',
        text: `For ${firstName}’s own care and support needs`,
        checked: values.kind === 'care_needs',
      },
      {
        value: 'carer',
        text: `For ${firstName}’s own needs as someone who cares for ${named}`,
        hint: { text: 'A carer’s assessment, in their own right' },
        checked: values.kind === 'carer',
      },
    ],
    receivedOn: {
      day: values['receivedOn-day'] ?? String(today.day),
      month: values['receivedOn-month'] ?? String(today.month),
      year: values['receivedOn-year'] ?? String(today.year),
    },
    routeItems: govukItems('routeOfAccess', (values.routeOfAccess as string | undefined) ?? DEFAULT_ROUTE_OF_ACCESS),
  });
}
