import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { NotFoundError } from './errors.js';

/**
 * Record ids are UUIDs. One parser decides what an id is, for every route parameter, form field and
 * API body, and turns each into the one form PostgreSQL stores and returns (lower case, hyphenated).
 * Anything that reached the database or the audit hash in another spelling would be a different
 * string from the stored one: an upper-case id hashed as typed broke the audit chain.
 */

/**
 * The spellings PostgreSQL's uuid input accepts: 32 hex digits in either case, a hyphen allowed
 * after any group of four, the whole optionally in braces. Whitespace and anything else are refused.
 */
const ID_SPELLING = /^[0-9a-f]{4}(?:-?[0-9a-f]{4}){7}$/i;

/** The canonical form of an id (`3fa85f64-5717-4562-b3fc-2c963f66afa6`), or null if the value is not one. */
export function canonicalId(value: unknown): string | null {
  if (typeof value !== 'string' || value.length > 41) return null;
  const inner = value.startsWith('{') && value.endsWith('}') ? value.slice(1, -1) : value;
  if (!ID_SPELLING.test(inner)) return null;
  const hex = inner.replaceAll('-', '').toLowerCase();
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** True when `value` is already an id in canonical form. */
export function isCanonicalId(value: unknown): value is string {
  return typeof value === 'string' && canonicalId(value) === value;
}

/**
 * A route parameter that names a record: `id`, or any name ending in `Id` (`entryId`, `recordId`).
 * Every other parameter (`version`, `slug`) is not an id and is left to its route.
 */
export function isIdParamName(name: string): boolean {
  return name === 'id' || /^[a-z][A-Za-z0-9]*Id$/.test(name);
}

/**
 * Make every id parameter of the request canonical, or answer 404: a malformed id names no record,
 * exactly like a well-formed one that is not there. Run once, where the request arrives (the
 * pipeline's preHandler), so handlers only ever see canonical ids.
 */
export function canonicaliseIdParams(request: FastifyRequest): void {
  const params = request.params as Record<string, unknown> | undefined;
  if (!params || typeof params !== 'object') return;
  for (const [name, value] of Object.entries(params)) {
    if (!isIdParamName(name)) continue;
    const id = canonicalId(value);
    if (!id) throw new NotFoundError();
    params[name] = id;
  }
}

/**
 * The id a route parameter names, already canonical (the pipeline made it so before the handler
 * ran). Asking for a parameter the route does not have, or one that is not an id, is a programming
 * error, not a missing record.
 */
export function routeId(request: FastifyRequest, name = 'id'): string {
  const value = (request.params as Record<string, unknown> | undefined)?.[name];
  if (!isIdParamName(name) || !isCanonicalId(value)) {
    throw new Error(`Route ${request.routeOptions.url ?? request.url} has no id parameter "${name}"`);
  }
  return value;
}

/**
 * A zod field for an id in a form or JSON body: accepts the spellings `canonicalId` accepts and
 * outputs the canonical form, so what reaches the database and the audit log is what is stored.
 * In the OpenAPI document (input side) it is a string in uuid format.
 */
export function idField(message = 'Enter a valid id') {
  return z
    .string({ error: message })
    .meta({ format: 'uuid' })
    .transform((value, context) => {
      const id = canonicalId(value);
      if (id) return id;
      context.issues.push({ code: 'custom', message, input: value });
      return z.NEVER;
    });
}
