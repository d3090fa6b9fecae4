import { z } from 'zod';
import type { FastifyRequest } from 'fastify';
import { HttpError } from '../http/errors.js';

/**
 * RFC 9457 problem documents, as the error handler (http/error-handler.ts) sends them for every
 * /api/* error. Written as zod so the OpenAPI document describes exactly what is sent.
 */
export const problemSchema = z
  .object({
    type: z.string().meta({ description: "Always 'about:blank': the status and title say what went wrong" }),
    title: z.string(),
    status: z.number().int(),
    detail: z.string().meta({ description: 'Plain English: what went wrong and what to do' }),
    instance: z.string().meta({ description: 'The request id: quote it when asking for help' }),
  })
  .meta({ title: 'Problem' });

export const validationProblemSchema = problemSchema
  .extend({
    errors: z.array(
      z.object({
        field: z.string().meta({ description: "The request field, e.g. 'givenName', or 'form' for the whole body" }),
        message: z.string(),
      }),
    ),
  })
  .meta({ title: 'ValidationProblem' });

export const conflictProblemSchema = problemSchema
  .extend({
    changes: z.array(
      z.object({
        field: z.string(),
        yours: z.string().meta({ description: 'What you sent' }),
        theirs: z.string().meta({ description: 'What the record now says' }),
      }),
    ),
  })
  .meta({ title: 'ConflictProblem' });

/** The standard problem responses an operation can document, by status. */
export const problemResponses: Record<
  number,
  { description: string; name: 'Problem' | 'ValidationProblem' | 'ConflictProblem' }
> = {
  400: { description: 'The body is not valid JSON', name: 'Problem' },
  401: { description: 'No valid API token (or session): the token is missing, unknown or revoked', name: 'Problem' },
  403: {
    description: "The token's scopes (or the user's role) do not allow this, or a session call lacked its CSRF header",
    name: 'Problem',
  },
  404: {
    description:
      "No such record, or not one you may see (another organisation's, or restricted): the answer is the same",
    name: 'Problem',
  },
  409: {
    description:
      'Someone changed the record since the version you sent. Nothing was saved; `changes` lists the differences',
    name: 'ConflictProblem',
  },
  415: { description: 'The body must be JSON sent with Content-Type: application/json', name: 'Problem' },
  422: { description: 'The body failed validation; `errors` names each field', name: 'ValidationProblem' },
};

/**
 * Writes must be JSON. The session pipeline already insists on it; bearer callers would otherwise
 * reach the handler with a form-encoded object or a text/plain string, which must never be
 * mistaken for JSON.
 */
export function requireJsonBody(request: FastifyRequest): void {
  const type = String(request.headers['content-type'] ?? '').toLowerCase();
  if (!/^application\/json\s*(?:;|$)/.test(type)) {
    throw new HttpError(415, 'Unsupported media type', 'Send JSON with Content-Type: application/json');
  }
}
