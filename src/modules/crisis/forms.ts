import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { requestContext, type RequestContext } from '../../platform/http/context.js';
import { ConflictError, ValidationError, type FieldError } from '../../platform/http/errors.js';
import { errorMap } from '../../platform/http/validation.js';
import { setFlash } from '../../platform/auth/sessions.js';
import type { PersonRow } from '../../platform/db/schema.js';
import type { CrisisEpisodeRow } from './tables.js';
import { personSummary } from '../people/index.js';
import { episodeHref } from './presenters.js';
import { routeId } from '../../platform/http/ids.js';

type Body = Record<string, unknown>;
export type FormValues = Record<string, unknown>;

/** Shared by the crisis pages: the audit context, the flash message, and what every workspace form template is given. */
export function formKit(app: FastifyInstance) {
  const idOf = (request: FastifyRequest) => routeId(request);
  const flash = async (request: FastifyRequest, message: string) => {
    if (request.session) await setFlash(app.deps.database.db, request.session.idHash, message);
  };
  const page = (
    episode: CrisisEpisodeRow,
    person: PersonRow,
    title: string,
    values: FormValues,
    errors: FieldError[],
  ) => ({
    title: `${title}: ${person.given_name} ${person.family_name}`,
    heading: title,
    person: personSummary(person),
    firstName: person.preferred_name ?? person.given_name,
    backLink: episodeHref(episode.id),
    episode,
    closed: episode.status === 'closed',
    values,
    errors,
    fieldErrors: errorMap(errors),
  });
  /** The status and error list for a refused write, or null when the error is not one a form explains. */
  const refusal = (error: unknown): { status: number; errors: FieldError[] } | null => {
    if (error instanceof ValidationError) return { status: 422, errors: error.errors };
    if (error instanceof ConflictError) return { status: 409, errors: [{ text: error.message, href: '#form' }] };
    return null;
  };
  /** After a refusal the form keeps the version it was opened on, except a stale one: its message said what changed. */
  const versionAfter = (refused: { status: number }, body: Body) => (refused.status === 409 ? undefined : body.version);
  const done = (reply: FastifyReply, id: string) => reply.redirect(episodeHref(id), 303);
  /**
   * The POST side of an episode form: act on the posted body; a refusal shows the form again with
   * its errors (what was typed kept), success leaves a message and goes back to the episode.
   */
  const submit =
    (
      act: (ctx: RequestContext, id: string, body: Body) => Promise<unknown>,
      reshow: ReshowForm,
      message: string | ((body: Body) => string),
    ) =>
    async (request: FastifyRequest, reply: FastifyReply) => {
      const body = (request.body ?? {}) as Body;
      try {
        await act(requestContext(request), idOf(request), body);
      } catch (error) {
        const refused = refusal(error);
        if (!refused) throw error;
        return reshow(request, reply, refused.status, body, refused.errors, versionAfter(refused, body));
      }
      await flash(request, typeof message === 'string' ? message : message(body));
      return done(reply, idOf(request));
    };
  return { idOf, flash, page, refusal, versionAfter, done, submit };
}

/** A form page shown again after a refused POST. */
type ReshowForm = (
  request: FastifyRequest,
  reply: FastifyReply,
  status: number,
  body?: Body,
  errors?: FieldError[],
  keepVersion?: unknown,
) => Promise<unknown>;

/** A GOV.UK date input's three boxes, as posted (or from a stored date). */
export const dateValues = (body: Body, id: string) => ({
  day: body[`${id}-day`] ?? '',
  month: body[`${id}-month`] ?? '',
  year: body[`${id}-year`] ?? '',
});
