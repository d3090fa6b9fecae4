import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { requestContext } from '../../platform/http/context.js';
import { routeId } from '../../platform/http/ids.js';
import { ConflictError, ValidationError, type FieldError } from '../../platform/http/errors.js';
import { toFieldErrors } from '../../platform/http/validation.js';
import { strengthsFormInput, strengthsSchema, versionSchema } from './record-schema.js';
import { answersToValues } from './record-answers.js';
import { assessmentHref, outcomeFields, pageBase } from './record-view.js';
import { flash, recordPolicy } from './record-routes.js';
import type { AssessmentAction, AssessmentRecords } from './record-service.js';

type Body = Record<string, unknown>;
type Page = 'strengths' | 'eligibility';

const PAGES: Record<Page, { template: string; heading: string; action: AssessmentAction }> = {
  strengths: {
    template: 'assessment/views/assessment-strengths.njk',
    heading: 'Strengths and needs',
    action: 'assessment.strengths-form',
  },
  eligibility: {
    template: 'assessment/views/assessment-eligibility.njk',
    heading: 'Eligibility',
    action: 'assessment.eligibility-form',
  },
};

/** A form page of the assessment, from what was posted, or (no body) from what is saved. */
async function showPage(
  records: AssessmentRecords,
  request: FastifyRequest,
  reply: FastifyReply,
  page: Page,
  status: number,
  body?: Body,
  errors: FieldError[] = [],
  conflict?: ConflictError['changes'],
) {
  const personId = routeId(request);
  const assessmentId = routeId(request, 'assessmentId');
  const data = await records.read(requestContext(request), personId, assessmentId, PAGES[page].action);
  const a = data.assessment;
  if (a.status === 'completed') return reply.redirect(assessmentHref(personId, assessmentId), 303);
  const saved =
    page === 'strengths'
      ? { canDo: a.can_do, matters: a.matters, networkDoes: a.network_does, needs: a.needs, ownWords: a.own_words }
      : answersToValues(a.answers);
  // After a stale edit the form shows what is saved now, on the current version, with what changed.
  const values = body && !conflict ? body : { ...saved, version: a.version };
  const base = pageBase(data, PAGES[page].heading, values, errors);
  return reply.code(status).view(PAGES[page].template, {
    ...base,
    caption: base.kindTitle,
    formAction: `${assessmentHref(personId, assessmentId)}/${page}`,
    conflict,
    selfAssessment: a.method === 'supported_self_assessment',
    outcomes: page === 'eligibility' ? outcomeFields(data, values, base.fieldErrors) : [],
    carer: a.kind === 'carer',
  });
}

/** The refusal a form explains (bad input, stale or completed); anything else is a fault. */
function refused(error: unknown) {
  if (error instanceof ValidationError) return { status: 422, errors: error.errors, conflict: undefined };
  if (error instanceof ConflictError)
    return { status: 409, errors: [{ text: error.message, href: '#conflict' }], conflict: error.changes };
  throw error;
}

export function registerAssessmentForms(app: FastifyInstance, records: AssessmentRecords): void {
  for (const page of ['strengths', 'eligibility'] as const) {
    app.get(`/people/:id/assessments/:assessmentId/${page}`, recordPolicy, async (request, reply) =>
      showPage(records, request, reply, page, 200),
    );
  }

  app.post('/people/:id/assessments/:assessmentId/strengths', recordPolicy, async (request, reply) => {
    const personId = routeId(request);
    const assessmentId = routeId(request, 'assessmentId');
    const body = (request.body ?? {}) as Body;
    const ctx = requestContext(request);
    let next: string;
    try {
      const input = strengthsSchema.safeParse(strengthsFormInput(body));
      if (!input.success) throw new ValidationError(toFieldErrors(input.error));
      const saved = await records.saveStrengths(ctx, personId, assessmentId, input.data);
      // The first time through, the next page is the eligibility questions; after that, back to check.
      next = `${assessmentHref(personId, assessmentId)}${saved.eligibilityAnswered ? '' : '/eligibility'}`;
    } catch (error) {
      const r = refused(error);
      return showPage(records, request, reply, 'strengths', r.status, body, r.errors, r.conflict);
    }
    await flash(app, request, 'Their strengths and needs have been saved');
    return reply.redirect(next, 303);
  });

  app.post('/people/:id/assessments/:assessmentId/eligibility', recordPolicy, async (request, reply) => {
    const personId = routeId(request);
    const assessmentId = routeId(request, 'assessmentId');
    const body = (request.body ?? {}) as Body;
    const ctx = requestContext(request);
    let overrideCleared = false;
    try {
      const version = versionSchema.safeParse(body);
      if (!version.success) throw new ValidationError(toFieldErrors(version.error));
      const result = await records.saveEligibility(ctx, personId, assessmentId, version.data.version, body);
      overrideCleared = result.hadOverride;
    } catch (error) {
      const r = refused(error);
      return showPage(records, request, reply, 'eligibility', r.status, body, r.errors, r.conflict);
    }
    const cleared = overrideCleared ? ' The earlier change to the decision was removed: the answers changed.' : '';
    await flash(app, request, `The eligibility answers have been saved.${cleared}`);
    return reply.redirect(`${assessmentHref(personId, assessmentId)}#determination`, 303);
  });
}
