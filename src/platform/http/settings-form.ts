import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { PolicyName } from '../access/policies.js';
import { writeAudit } from '../audit/audit.js';
import { setFlash } from '../auth/sessions.js';
import { withOrg, type Tx } from '../db/scope.js';
import { requestContext, type RequestContext } from './context.js';
import type { FieldError } from './errors.js';
import { errorMap } from './validation.js';

type Body = Record<string, unknown>;

/** One of the council's settings pages: a single form an administrator keeps up to date. */
export interface SettingsForm<Input> {
  path: string;
  policy: PolicyName;
  template: string;
  title: string;
  /** What is saved, as the form's fields spell it: what the page shows until someone types. */
  fields: (tx: Tx) => Promise<Body>;
  /** What was typed, or a GOV.UK message for each field that is not right. */
  parse: (body: Body) => { ok: true; value: Input } | { ok: false; errors: FieldError[] };
  save: (tx: Tx, ctx: RequestContext, input: Input) => Promise<void>;
  /** The audit entry a save writes. */
  audit: { action: string; resourceType: string };
  /** The confirmation shown on the page after a save. */
  savedMessage: string;
  /** Anything else the template shows (e.g. the roles a limit can be set for). */
  view?: Record<string, unknown>;
}

/**
 * Serve a settings page. Shown with what is saved; a save with mistakes shows what was typed with
 * its errors (422) and saves nothing; a good one is saved with its audit entry in one transaction,
 * then the page again with a confirmation (post, redirect, get).
 */
export function registerSettingsForm<Input>(app: FastifyInstance, form: SettingsForm<Input>): void {
  const db = app.deps.database.db;
  const page = async (
    request: FastifyRequest,
    reply: FastifyReply,
    status: number,
    typed?: Body,
    errors: FieldError[] = [],
  ) => {
    const values = typed ?? (await withOrg(db, requestContext(request).actor.orgId, form.fields));
    return reply.code(status).view(form.template, {
      ...form.view,
      title: form.title,
      values,
      errors,
      fieldErrors: errorMap(errors),
    });
  };
  const options = { config: { policy: form.policy } };
  app.get(form.path, options, async (request, reply) => page(request, reply, 200));
  app.post(form.path, options, async (request, reply) => {
    const body = (request.body ?? {}) as Body;
    const parsed = form.parse(body);
    if (!parsed.ok) return page(request, reply, 422, body, parsed.errors);
    const ctx = requestContext(request);
    await withOrg(db, ctx.actor.orgId, async (tx) => {
      await form.save(tx, ctx, parsed.value);
      await writeAudit(tx, ctx, [form.audit]);
    });
    if (request.session) await setFlash(db, request.session.idHash, form.savedMessage);
    return reply.redirect(form.path, 303);
  });
}
