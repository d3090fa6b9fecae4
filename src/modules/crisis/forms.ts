import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { requestContext, type RequestContext } from '../../platform/http/context.js';
import { ConflictError, ValidationError, type FieldError } from '../../platform/http/errors.js';
import { errorMap } from '../../platform/http/validation.js';
import { setFlash } from '../../platform/auth/sessions.js';
import type { PersonRow } from '../people/index.js';
import type { CrisisEpisodeRow } from './tables.js';
import { personSummary } from '../people/index.js';
import { episodeHref } from './presenters.js';
import { routeId } from '../../platform/http/ids.js';

type Body = Record<string, unknown>;
export type FormValues = Record<string, unknown>;

/** A refused write as a form shows it: the status and the errors to list. */
export interface Refusal {
  status: number;
  errors: FieldError[];
}

/** A form page shown again after a refused POST. */
export type ReshowForm = (
  request: FastifyRequest,
  reply: FastifyReply,
  status: number,
  body?: Body,
  errors?: FieldError[],
  keepVersion?: unknown,
) => Promise<unknown>;

/** How a form's POST differs from an episode form's usual: which refusals it explains, where success goes. */
interface SubmitOptions<T> {
  refusal?: (error: unknown) => Refusal | null;
  redirectTo?: (result: T) => string;
}

/** What every crisis form page is given about its person, what was typed and what was wrong with it. */
function personPage(person: PersonRow, title: string, backLink: string, values: FormValues, errors: FieldError[]) {
  return {
    title: `${title}: ${person.given_name} ${person.family_name}`,
    heading: title,
    person: personSummary(person),
    firstName: person.preferred_name ?? person.given_name,
    backLink,
    values,
    errors,
    fieldErrors: errorMap(errors),
  };
}

/** An episode's form page: the person's, with the episode and a way back to it. */
function page(episode: CrisisEpisodeRow, person: PersonRow, title: string, values: FormValues, errors: FieldError[]) {
  return {
    ...personPage(person, title, episodeHref(episode.id), values, errors),
    episode,
    closed: episode.status === 'closed',
  };
}

/**
 * The status and error list for a refused write, or null when the error is not one a form explains.
 * A conflict's message links to `conflictHref`, the part of the page that says what it conflicts with.
 */
function refusal(error: unknown, conflictHref = '#form'): Refusal | null {
  if (error instanceof ValidationError) return { status: 422, errors: error.errors };
  if (error instanceof ConflictError) return { status: 409, errors: [{ text: error.message, href: conflictHref }] };
  return null;
}

/** After a refusal the form keeps the version it was opened on, except a stale one: its message said what changed. */
const versionAfter = (refused: { status: number }, body: Body) => (refused.status === 409 ? undefined : body.version);

const done = (reply: FastifyReply, id: string) => reply.redirect(episodeHref(id), 303);

/** Shared by the crisis pages: the audit context, the flash message, and what every crisis form template is given. */
export function formKit(app: FastifyInstance) {
  const idOf = (request: FastifyRequest) => routeId(request);
  const flash = async (request: FastifyRequest, message: string) => {
    if (request.session) await setFlash(app.deps.database.db, request.session.idHash, message);
  };
  /**
   * The POST side of a crisis form: act on the posted body; a refusal shows the form again with its
   * errors (what was typed kept), success leaves a message and goes back to the episode (or wherever
   * `after.redirectTo` says, given what the act returned).
   */
  const submit =
    <T>(
      act: (ctx: RequestContext, id: string, body: Body) => Promise<T>,
      reshow: ReshowForm,
      message: string | ((body: Body) => string),
      after: SubmitOptions<T> = {},
    ) =>
    async (request: FastifyRequest, reply: FastifyReply) => {
      const body = (request.body ?? {}) as Body;
      let result: T;
      try {
        result = await act(requestContext(request), idOf(request), body);
      } catch (error) {
        const refused = (after.refusal ?? refusal)(error);
        if (!refused) throw error;
        return reshow(request, reply, refused.status, body, refused.errors, versionAfter(refused, body));
      }
      await flash(request, typeof message === 'string' ? message : message(body));
      return reply.redirect(after.redirectTo?.(result) ?? episodeHref(idOf(request)), 303);
    };
  return { idOf, flash, personPage, page, refusal, versionAfter, done, submit };
}

export type FormKit = ReturnType<typeof formKit>;

/** A GOV.UK date input's three boxes, as posted (or from a stored date). */
export const dateValues = (body: Body, id: string) => ({
  day: body[`${id}-day`] ?? '',
  month: body[`${id}-month`] ?? '',
  year: body[`${id}-year`] ?? '',
});
