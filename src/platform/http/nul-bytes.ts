import type { FastifyRequest } from 'fastify';
import { NotFoundError, ValidationError } from './errors.js';

/**
 * PostgreSQL text cannot hold a NUL character (U+0000): it fails the statement (22021) and the
 * person saw a 500. No answer anyone types contains one, so every request is checked here, once,
 * for every route present and future: a NUL in a form or JSON field, or in the query string, is
 * refused as a validation error naming the field; one in the path names no page there is.
 */
export function refuseNulBytes(request: FastifyRequest): void {
  if (containsNul(request.params)) throw new NotFoundError();
  const fields = [...fieldsWithNul(request.query, []), ...fieldsWithNul(request.body, [])];
  if (fields.length === 0) return;
  throw new ValidationError(
    [...new Set(fields)].map((field) => ({
      text: 'Remove the hidden control character (a NUL) from this answer',
      href: `#${field}`,
    })),
  );
}

const NUL = '\u0000';

function containsNul(value: unknown): boolean {
  return fieldsWithNul(value, []).length > 0;
}

/** The fields (named as the error summary names them: path parts joined by '-') holding a NUL. */
function fieldsWithNul(value: unknown, path: string[]): string[] {
  if (typeof value === 'string') return value.includes(NUL) ? [path.join('-') || 'form'] : [];
  if (Array.isArray(value)) return value.flatMap((item, i) => fieldsWithNul(item, [...path, String(i)]));
  if (value && typeof value === 'object') {
    return Object.entries(value as Record<string, unknown>).flatMap(([key, item]) =>
      key.includes(NUL) ? ['form'] : fieldsWithNul(item, [...path, key]),
    );
  }
  return [];
}
