import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { requestContext } from '../../platform/http/context.js';
import { canonicalId, routeId } from '../../platform/http/ids.js';
import { setFlash } from '../../platform/auth/sessions.js';
import { NotFoundError, ValidationError, type FieldError } from '../../platform/http/errors.js';
import { errorMap, toFieldErrors } from '../../platform/http/validation.js';
import { partsFromDate, todayInLondon } from '../../platform/dates.js';
import { personSummary, recordNav } from '../people/index.js';
import { METHODS, startFormInput, startSchema } from './record-schema.js';
import { assessmentTitle } from './record-wording.js';
import { assessmentHref, assessmentPageView, canRecord } from './record-view.js';
import type { AssessmentRecords } from './record-service.js';
import { assessmentKindFor } from './record-start.js';
import { requestView } from './presenters.js';
import { requestHref } from './requests-service.js';

type Body = Record<string, unknown>;
export const viewPolicy = { config: { policy: 'assessments.view' as const } };
export const recordPolicy = { config: { policy: 'assessments.record' as const } };

export async function flash(app: FastifyInstance, request: FastifyRequest, message: string): Promise<void> {
  if (request.session) await setFlash(app.deps.database.db, request.session.idHash, message);
}

/** A person's assessments: the list, starting one, and the assessment's own page. */
export function registerAssessmentPages(app: FastifyInstance, records: AssessmentRecords): void {
  app.get('/people/:id/assessments', viewPolicy, async (request, reply) => {
    const id = routeId(request);
    const { person, assessments, caring } = await records.list(requestContext(request), id);
    const summary = personSummary(person);
    return reply.view('assessment/views/assessment-list.njk', {
      title: `Assessments: ${summary.name}`,
      person: summary,
      recordNav: recordNav(request.actor, id, 'assessments'),
      backLink: `/people/${id}`,
      canRecord: canRecord(request),
      assessments: assessments.map((a) => ({
        ...a,
        href: assessmentHref(id, a.id),
        kindTitle: assessmentTitle(a.kind, caring),
        methodText: METHODS.find((m) => m.value === a.method)?.text ?? a.method,
      })),
    });
  });

  app.get('/people/:id/assessments/new', recordPolicy, async (request, reply) =>
    showStart(records, request, reply, 200, {}, []),
  );

  app.post('/people/:id/assessments/new', recordPolicy, async (request, reply) => {
    const id = routeId(request);
    const body = (request.body ?? {}) as Body;
    const parsed = startSchema.safeParse(startFormInput(body));
    if (!parsed.success) return showStart(records, request, reply, 422, body, toFieldErrors(parsed.error));
    let row: { id: string };
    try {
      row = await records.start(requestContext(request), id, parsed.data, answeredRequest(request));
    } catch (error) {
      if (error instanceof ValidationError) return showStart(records, request, reply, 422, body, error.errors);
      throw error;
    }
    await flash(app, request, 'The assessment has been started');
    return reply.redirect(assessmentHref(id, row.id), 303);
  });

  app.get('/people/:id/assessments/:assessmentId', viewPolicy, async (request, reply) => {
    const data = await records.read(
      requestContext(request),
      routeId(request),
      routeId(request, 'assessmentId'),
      'assessment.view',
    );
    return reply.view('assessment/views/assessment.njk', assessmentPageView(request, data));
  });
}

/**
 * The request an assessment is started from: `?request=` on the form, the hidden `requestId` it posts.
 * Parsed once, here; a value that is not an id names no request (404).
 */
function answeredRequest(request: FastifyRequest): string | null {
  const raw =
    request.method === 'POST'
      ? ((request.body ?? {}) as Body).requestId
      : ((request.query ?? {}) as Record<string, unknown>).request;
  if (raw === undefined || raw === '') return null;
  const id = typeof raw === 'string' ? canonicalId(raw) : null;
  if (!id) throw new NotFoundError();
  return id;
}

async function showStart(
  records: AssessmentRecords,
  request: FastifyRequest,
  reply: FastifyReply,
  status: number,
  body: Body,
  errors: FieldError[],
) {
  const {
    person,
    caring,
    request: answered,
  } = await records.startForm(requestContext(request), routeId(request), answeredRequest(request));
  const summary = personSummary(person);
  const firstName = person.preferred_name ?? person.given_name;
  const started = body['startedOn-day'] === undefined ? partsFromDate(todayInLondon().toString()) : null;
  return reply.code(status).view('assessment/views/assessment-start.njk', {
    title: `Start an assessment: ${summary.name}`,
    person: summary,
    firstName,
    backLink: answered ? requestHref(person.id, answered.id) : `/people/${person.id}/assessments`,
    answers: answered
      ? { ...requestView(answered, todayInLondon()), assessmentKind: assessmentKindFor(answered) }
      : null,
    errors,
    fieldErrors: errorMap(errors),
    kinds: [
      { value: 'adult', text: `${firstName}’s own needs for care and support`, checked: body.kind === 'adult' },
      {
        value: 'carer',
        text: assessmentTitle('carer', caring).replace('they give', `${firstName} gives`),
        hint: { text: 'Their own assessment, in their own right, of the care they give to someone else' },
        checked: body.kind === 'carer',
      },
    ],
    methods: METHODS.map((m) => ({ value: m.value, text: m.text, checked: body.method === m.value })),
    startedOn: started ?? {
      day: body['startedOn-day'] ?? '',
      month: body['startedOn-month'] ?? '',
      year: body['startedOn-year'] ?? '',
    },
  });
}
