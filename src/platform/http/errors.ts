/**
 * Errors the application throws on purpose. The error handler turns each into a GOV.UK error page
 * for people and an RFC 9457 problem document for the API.
 */
export interface FieldError {
  /** The message shown in the error summary and beside the field. */
  text: string;
  /** Link target for the error summary, '#field-id'. */
  href: string;
}

export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly title: string,
    message?: string,
  ) {
    super(message ?? title);
  }
}

export class NotFoundError extends HttpError {
  constructor(message = 'Page not found') {
    super(404, 'Not found', message);
  }
}

export class ForbiddenError extends HttpError {
  constructor(message = 'You do not have permission to do this') {
    super(403, 'Forbidden', message);
  }
}

export class UnauthenticatedError extends HttpError {
  constructor(message = 'Sign in to continue') {
    super(401, 'Unauthorized', message);
  }
}

export class ValidationError extends HttpError {
  constructor(readonly errors: FieldError[]) {
    super(422, 'There is a problem', errors.map((e) => e.text).join('; '));
  }
}

/** Someone else changed the record since it was loaded: say what changed, never overwrite. */
export class ConflictError extends HttpError {
  constructor(
    message: string,
    readonly changes: { field: string; yours: string; theirs: string }[] = [],
  ) {
    super(409, 'The record has changed', message);
  }
}

export class ServiceUnavailableError extends HttpError {
  constructor(message = 'Sorry, the service is unavailable') {
    super(503, 'Service unavailable', message);
  }
}
