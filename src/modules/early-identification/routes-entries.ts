import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { requestContext } from '../../platform/http/context.js';
import { ConflictError, ValidationError, type FieldError } from '../../platform/http/errors.js';
import { errorMap, toFieldErrors } from '../../platform/http/validation.js';
import { setFlash } from '../../platform/auth/sessions.js';
import { personSummary } from '../people/index.js';
import { routeId } from '../../platform/http/ids.js';
import { closeInputSchema, entryInputSchema, entryUpdateSchema } from './schema.js';
import { entryErrors, entryFormToInput, entryFormValues, entryToForm, linkEntryErrors } from './forms.js';
import { alertSummary, entryFormOptions, entrySummary, triggerSummary } from './view-models.js';
import type { RegisterService } from './service.js';

type Body = Record<string, unknown>;
const FORM = 'early-identification/views/entry-form.njk';

const read = { config: { policy: 'register.read' as const } };
const write = { config: { policy: 'register.write' as const } };

/** Referring a person to the register, and viewing, changing and closing their entry. */
export function registerEntryPages(app: FastifyInstance, register: RegisterService): void {
  registerReferralPages(app, register);
  registerEntryPage(app, register);
  registerEditPages(app, register);
  registerClose(app, register);
}

async function flash(app: FastifyInstance, request: FastifyRequest, text: string): Promise<void> {
  if (request.session) await setFlash(app.deps.database.db, request.session.idHash, text);
}

async function showNewForm(
  register: RegisterService,
  request: FastifyRequest,
  reply: FastifyReply,
  status: number,
  values: Record<string, unknown>,
  errors: FieldError[] = [],
) {
  const { person, related, patches, current } = await register.referralForm(requestContext(request), routeId(request));
  const summary = personSummary(person);
  return reply.code(status).view(FORM, {
    title: `Add ${summary.name} to the at-risk register`,
    mode: 'create',
    person: summary,
    values,
    errors,
    fieldErrors: errorMap(errors),
    current: current.map((e) => ({ href: `/people/${person.id}/early-identification/${e.id}`, reason: e.reason })),
    action: `/people/${person.id}/early-identification/new`,
    backLink: `/people/${person.id}`,
    ...entryFormOptions(values, related, patches, summary.name),
  });
}

function registerReferralPages(app: FastifyInstance, register: RegisterService): void {
  app.get('/people/:id/early-identification/new', write, async (request, reply) =>
    showNewForm(register, request, reply, 200, entryFormValues({ consent: 'given' })),
  );

  app.post('/people/:id/early-identification/new', write, async (request, reply) => {
    const id = routeId(request);
    const body = (request.body ?? {}) as Body;
    const answers = entryFormToInput(body);
    const parsed = entryInputSchema.safeParse(answers);
    if (!parsed.success)
      return showNewForm(register, request, reply, 422, entryFormValues(body), entryErrors(parsed.error, answers));
    try {
      const entry = await register.create(requestContext(request), id, parsed.data);
      await flash(app, request, 'They have been added to the at-risk register');
      return reply.redirect(`/people/${id}/early-identification/${entry.id}`, 303);
    } catch (error) {
      if (error instanceof ValidationError)
        return showNewForm(register, request, reply, 422, entryFormValues(body), linkEntryErrors(error.errors));
      throw error;
    }
  });
}

function registerEntryPage(app: FastifyInstance, register: RegisterService): void {
  app.get('/people/:id/early-identification/:entryId', read, async (request, reply) => {
    const { entry, person, triggers, alerts } = await register.get(
      requestContext(request),
      routeId(request),
      routeId(request, 'entryId'),
    );
    const summary = personSummary(person);
    const canWrite = request.actor?.kind === 'user' && ['practitioner', 'team_manager'].includes(request.actor.role);
    return reply.view('early-identification/views/entry.njk', {
      title: `At-risk register: ${summary.name}`,
      person: summary,
      entry: entrySummary(entry),
      triggers: triggers.map(triggerSummary),
      alerts: alerts.map(alertSummary),
      canWrite,
      backLink: '/early-identification',
    });
  });
}

async function showEditForm(
  register: RegisterService,
  request: FastifyRequest,
  reply: FastifyReply,
  status: number,
  values: Record<string, unknown> | null,
  extra: Record<string, unknown> = {},
) {
  const { entry, person, triggers, related, patches } = await register.get(
    requestContext(request),
    routeId(request),
    routeId(request, 'entryId'),
  );
  const summary = personSummary(person);
  const shown = values ?? entryToForm(entry, triggers);
  const errors = (extra.errors as FieldError[] | undefined) ?? [];
  return reply.code(status).view(FORM, {
    title: `Change the register entry: ${summary.name}`,
    mode: 'edit',
    person: summary,
    values: shown,
    fieldErrors: errorMap(errors),
    ...extra,
    action: `/people/${person.id}/early-identification/${entry.id}/edit`,
    backLink: `/people/${person.id}/early-identification/${entry.id}`,
    closed: entry.status !== 'active',
    ...entryFormOptions(shown, related, patches, summary.name),
  });
}

function registerEditPages(app: FastifyInstance, register: RegisterService): void {
  app.get('/people/:id/early-identification/:entryId/edit', write, async (request, reply) =>
    showEditForm(register, request, reply, 200, null),
  );

  app.post('/people/:id/early-identification/:entryId/edit', write, async (request, reply) => {
    const [id, entryId] = [routeId(request), routeId(request, 'entryId')];
    const body = (request.body ?? {}) as Body;
    const answers = entryFormToInput(body);
    const parsed = entryUpdateSchema.safeParse(answers);
    if (!parsed.success)
      return showEditForm(register, request, reply, 422, entryFormValues(body), {
        errors: entryErrors(parsed.error, answers),
      });
    try {
      await register.update(requestContext(request), id, entryId, parsed.data);
    } catch (error) {
      if (error instanceof ValidationError)
        return showEditForm(register, request, reply, 422, entryFormValues(body), {
          errors: linkEntryErrors(error.errors),
        });
      // Show the entry as it is now, with what differs from the refused change.
      if (error instanceof ConflictError)
        return showEditForm(register, request, reply, 409, null, {
          errors: [{ text: error.message, href: '#conflict' }],
          conflict: error.changes,
        });
      throw error;
    }
    await flash(app, request, 'The register entry has been saved');
    return reply.redirect(`/people/${id}/early-identification/${entryId}`, 303);
  });
}

function registerClose(app: FastifyInstance, register: RegisterService): void {
  app.post('/people/:id/early-identification/:entryId/close', write, async (request, reply) => {
    const [id, entryId] = [routeId(request), routeId(request, 'entryId')];
    const parsed = closeInputSchema.safeParse(request.body ?? {});
    const refuse = async (status: number, errors: FieldError[]) => {
      const { entry, person, triggers, alerts } = await register.get(requestContext(request), id, entryId);
      const summary = personSummary(person);
      return reply.code(status).view('early-identification/views/entry.njk', {
        title: `At-risk register: ${summary.name}`,
        person: summary,
        entry: entrySummary(entry),
        triggers: triggers.map(triggerSummary),
        alerts: alerts.map(alertSummary),
        canWrite: true,
        errors,
        fieldErrors: errorMap(errors),
        closedReason: (request.body as Body | undefined)?.closedReason,
        backLink: '/early-identification',
      });
    };
    if (!parsed.success) return refuse(422, toFieldErrors(parsed.error));
    try {
      await register.close(requestContext(request), id, entryId, parsed.data.version, parsed.data.closedReason);
    } catch (error) {
      if (error instanceof ConflictError) return refuse(409, [{ text: error.message, href: '#closedReason' }]);
      throw error;
    }
    await flash(app, request, 'The register entry has been closed');
    return reply.redirect(`/people/${id}/early-identification/${entryId}`, 303);
  });
}
