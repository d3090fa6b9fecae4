import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { requestContext, type RequestContext } from '../../../platform/http/context.js';
import { ConflictError, ValidationError, type FieldError } from '../../../platform/http/errors.js';
import { errorMap } from '../../../platform/http/validation.js';
import { setFlash } from '../../../platform/auth/sessions.js';
import { routeId } from '../../../platform/http/ids.js';
import { personSummary, type PersonRow } from '../../people/index.js';
import type { Body } from './schema.js';

/** What the personal assistant pages share: the person at the top, and how a form's POST answers. */
export const assistantsHref = (personId: string) => `/people/${personId}/assistants`;

/** What every page about a person's PAs is given: who they are, what was wrong with the form. */
export function personPage(person: PersonRow, heading: string, errors: FieldError[] = []) {
  return {
    title: `${heading}: ${person.given_name} ${person.family_name}`,
    heading,
    person: personSummary(person),
    firstName: person.preferred_name ?? person.given_name,
    backLink: assistantsHref(person.id),
    errors,
    fieldErrors: errorMap(errors),
  };
}

export type Reshow = (
  request: FastifyRequest,
  reply: FastifyReply,
  status: number,
  body?: Body,
  errors?: FieldError[],
) => unknown;

/** The POST side of a form: act; a refusal shows the form again (422 bad answers, 409 stale); success says so. */
export function submit(
  app: FastifyInstance,
  act: (ctx: RequestContext, request: FastifyRequest, body: Body) => Promise<unknown>,
  reshow: Reshow,
  message: string,
) {
  return async (request: FastifyRequest, reply: FastifyReply) => {
    const body = (request.body ?? {}) as Body;
    try {
      await act(requestContext(request), request, body);
    } catch (error) {
      if (error instanceof ValidationError) return reshow(request, reply, 422, body, error.errors);
      if (error instanceof ConflictError)
        return reshow(request, reply, 409, body, [{ text: error.message, href: '#form' }]);
      throw error;
    }
    if (request.session) await setFlash(app.deps.database.db, request.session.idHash, message);
    return reply.redirect(assistantsHref(routeId(request)), 303);
  };
}
