import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ConflictError, HttpError, ValidationError } from './errors.js';
import { isApiRequest } from './pipeline.js';

/**
 * Every error leaves as a GOV.UK page (people) or an RFC 9457 problem document (API). Unexpected
 * errors are logged with the request id only — no personal data — and shown as a plain 500.
 */
export function registerErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    const known = toHttpError(error);
    if (!known)
      request.log.error({ err: { message: error.message, stack: error.stack, code: error.code } }, 'unhandled error');
    const status = known?.status ?? 500;
    if (isApiRequest(request)) return sendProblem(request, reply, status, known);
    return sendPage(request, reply, status, known);
  });

  app.setNotFoundHandler((request, reply) => {
    const known = new HttpError(404, 'Not found', 'Page not found');
    if (isApiRequest(request)) return sendProblem(request, reply, 404, known);
    return sendPage(request, reply, 404, known);
  });
}

/**
 * Fastify's `frameworkErrors`: a URL it cannot even decode (`/people%`, a broken percent sequence)
 * never reaches a route or the not-found handler, and Fastify would answer with its own JSON. Such an
 * address names nothing, so it gets the same GOV.UK "Page not found" (or problem document) as any other.
 */
export function answerUndecodableUrl(app: FastifyInstance) {
  return (_error: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
    const known = new HttpError(404, 'Not found', 'Page not found');
    if (isApiRequest(request)) return sendProblem(request, reply, 404, known);
    // Fastify answers these before routing, with a reply the view plugin has not decorated.
    const page = app.renderPage(request, 'error.njk', { title: 'Page not found', message: known.message, status: 404 });
    return reply.code(404).type('text/html; charset=utf-8').send(page);
  };
}

function toHttpError(error: FastifyError): HttpError | null {
  if (error instanceof HttpError) return error;
  if (error.statusCode === 429)
    return new HttpError(429, 'Too many requests', 'You have tried too many times. Wait a few minutes and try again');
  if (error.statusCode === 415) return new HttpError(415, 'Unsupported media type', error.message);
  if (error.validation) return new HttpError(400, 'Bad request', error.message);
  if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500)
    return new HttpError(error.statusCode, 'Bad request', 'The request could not be understood');
  return null;
}

function sendProblem(request: FastifyRequest, reply: FastifyReply, status: number, error: HttpError | null) {
  const body: Record<string, unknown> = {
    type: 'about:blank',
    title: error?.title ?? 'Internal server error',
    status,
    detail: error?.message ?? 'Something went wrong. The error has been logged.',
    instance: request.id,
  };
  if (error instanceof ValidationError)
    body.errors = error.errors.map((e) => ({ field: e.href.slice(1), message: e.text }));
  if (error instanceof ConflictError) body.changes = error.changes;
  return reply.code(status).type('application/problem+json').send(body);
}

function sendPage(request: FastifyRequest, reply: FastifyReply, status: number, error: HttpError | null) {
  const titles: Record<number, string> = {
    400: 'Sorry, there is a problem with the request',
    403: 'You do not have permission to see this page',
    404: 'Page not found',
    409: 'The record has changed',
    422: 'There is a problem',
    429: 'Too many attempts',
    503: 'Sorry, the service is unavailable',
  };
  const title = titles[status] ?? 'Sorry, there is a problem with the service';
  return reply.code(status).view('error.njk', {
    title,
    message: status >= 500 && status !== 503 ? 'Try again later.' : error?.message,
    status,
  });
}
