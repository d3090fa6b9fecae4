import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { FieldError } from '../../platform/http/errors.js';
import { errorMap } from '../../platform/http/validation.js';
import { setFlash } from '../../platform/auth/sessions.js';

/** What the contingency plan pages share: their address, policies, flash and error shape. */

export type Body = Record<string, unknown>;
export const base = (id: string) => `/people/${id}/contingency-plans`;
export const firstNameOf = (p: { preferred_name: string | null; given_name: string }) =>
  p.preferred_name ?? p.given_name;

export const read = { config: { policy: 'plans.read' as const } };
export const write = { config: { policy: 'plans.write' as const } };

export async function flash(app: FastifyInstance, request: FastifyRequest, message: string): Promise<void> {
  if (request.session) await setFlash(app.deps.database.db, request.session.idHash, message);
}

export const withErrors = (errors: FieldError[]) => ({ errors, fieldErrors: errorMap(errors) });
