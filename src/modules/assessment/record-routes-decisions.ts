import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import { requestContext, type RequestContext } from '../../platform/http/context.js';
import { routeId } from '../../platform/http/ids.js';
import { ConflictError, ValidationError, type FieldError } from '../../platform/http/errors.js';
import { toFieldErrors } from '../../platform/http/validation.js';
import { completeFormInput, completeSchema, overrideSchema, participantSchema } from './record-schema.js';
import { addParticipant, completeAssessment, overrideDecision } from './record-complete.js';
import { assessmentHref, assessmentPageView } from './record-view.js';
import { flash, recordPolicy } from './record-routes.js';
import type { AssessmentRecords } from './record-service.js';

type Body = Record<string, unknown>;

/** The assessment page again after a refused decision, with what was typed and what was wrong. */
async function reshow(
  records: AssessmentRecords,
  request: FastifyRequest,
  reply: FastifyReply,
  body: Body,
  error: unknown,
) {
  let status: number;
  let errors: FieldError[];
  if (error instanceof ValidationError) [status, errors] = [422, error.errors];
  else if (error instanceof ConflictError) [status, errors] = [409, [{ text: error.message, href: '#conflict' }]];
  else throw error;
  const data = await records.read(
    requestContext(request),
    routeId(request),
    routeId(request, 'assessmentId'),
    'assessment.view',
  );
  // A stale form is shown on the current version: its message said what changed.
  const values = status === 409 ? { ...body, version: undefined } : body;
  return reply.code(status).view('assessment/views/assessment.njk', assessmentPageView(request, data, values, errors));
}

/** One of the assessment page's forms: checked, acted on, and back to the page (or shown again, refused). */
function decision<S extends z.ZodType>(
  app: FastifyInstance,
  records: AssessmentRecords,
  schema: (body: Body) => { parse: S; input: unknown },
  act: (ctx: RequestContext, personId: string, assessmentId: string, input: z.output<S>) => Promise<unknown>,
  message: string,
  anchor: string,
) {
  return async (request: FastifyRequest, reply: FastifyReply) => {
    const personId = routeId(request);
    const assessmentId = routeId(request, 'assessmentId');
    const body = (request.body ?? {}) as Body;
    try {
      const { parse, input } = schema(body);
      const parsed = parse.safeParse(input);
      if (!parsed.success) throw new ValidationError(toFieldErrors(parsed.error));
      await act(requestContext(request), personId, assessmentId, parsed.data as z.output<S>);
    } catch (error) {
      return reshow(records, request, reply, body, error);
    }
    await flash(app, request, message);
    return reply.redirect(`${assessmentHref(personId, assessmentId)}${anchor}`, 303);
  };
}

export function registerAssessmentDecisions(app: FastifyInstance, records: AssessmentRecords): void {
  app.post(
    '/people/:id/assessments/:assessmentId/override',
    recordPolicy,
    decision(
      app,
      records,
      (body) => ({ parse: overrideSchema, input: body }),
      (ctx, p, a, input) => overrideDecision(records, ctx, p, a, input),
      'The eligibility decision has been changed, with your reason',
      '#determination',
    ),
  );
  app.post(
    '/people/:id/assessments/:assessmentId/participants',
    recordPolicy,
    decision(
      app,
      records,
      (body) => ({ parse: participantSchema, input: body }),
      (ctx, p, a, input) => addParticipant(records, ctx, p, a, input),
      'Who took part has been added',
      '#participants',
    ),
  );
  app.post('/people/:id/assessments/:assessmentId/complete', recordPolicy, async (request, reply) => {
    const ctx = requestContext(request);
    // The start date bounds the completion date: read it (no audit: the completion below is audited).
    const startedOn = await records.startedOn(ctx, routeId(request), routeId(request, 'assessmentId'));
    return decision(
      app,
      records,
      (body) => ({ parse: completeSchema(startedOn), input: completeFormInput(body) }),
      (c, p, a, input) => completeAssessment(records, c, p, a, input),
      'The assessment has been completed',
      '',
    )(request, reply);
  });
}
