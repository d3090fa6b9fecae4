import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { requestContext } from '../../platform/http/context.js';
import { ValidationError, type FieldError } from '../../platform/http/errors.js';
import { errorMap } from '../../platform/http/validation.js';
import { setFlash } from '../../platform/auth/sessions.js';
import { routeId } from '../../platform/http/ids.js';
import { personSummary } from '../people/index.js';
import { StaleSupportPlanError, type SupportPlanService } from './service.js';
import { openedVersion, type Parsed } from './forms.js';
import type { PlanEdit } from './plan-changes.js';
import type { PlanContent } from './plan-content.js';
import { PART_FORMS, type PartForm } from './part-forms.js';

type Body = Record<string, unknown>;
const write = { config: { policy: 'support-plans.write' as const } };
const base = (id: string) => `/people/${id}/support-plan`;

interface Shown {
  status: number;
  values?: Body;
  errors?: FieldError[];
  version?: number;
  extra?: Record<string, unknown>;
  find?: string;
}

/** One form page: the plan as it is now, the form's values (saved or as typed) and what was wrong. */
async function formPage(
  plans: SupportPlanService,
  form: PartForm,
  request: FastifyRequest,
  reply: FastifyReply,
  shown: Shown,
) {
  const partId = form.partId?.(request) ?? null;
  const { person, version, content, found } = await plans.getForm(
    requestContext(request),
    routeId(request),
    (plan) => form.values(plan, partId) !== null,
    shown.find,
  );
  const saved = form.values(content, partId) ?? {};
  const firstName = person.preferred_name ?? person.given_name;
  const errors = shown.errors ?? [];
  return reply.code(shown.status).view(form.template, {
    title: `${form.title(partId)}: ${person.given_name} ${person.family_name}`,
    heading: form.title(partId),
    person: personSummary(person),
    firstName,
    backLink: base(person.id),
    action: request.url,
    canRemove: partId !== null && form.removable,
    version: shown.version ?? version,
    values: shown.values ?? saved,
    found,
    errors,
    fieldErrors: errorMap(errors),
    ...form.extra(content, partId),
    ...shown.extra,
  });
}

/** What a POST asks for: a directory search (the form shown again), taking the part out, or saving it. */
function posted(form: PartForm, body: Body, partId: string | null, content?: PlanContent): Parsed<PlanEdit> | 'find' {
  if (typeof body._find === 'string') return 'find';
  if (body._remove !== undefined && partId && form.remove) return { ok: true, value: form.remove(partId) };
  return form.parse(body, partId, content);
}

function register(app: FastifyInstance, plans: SupportPlanService, form: PartForm): void {
  app.get(form.path, write, async (request, reply) => formPage(plans, form, request, reply, { status: 200 }));

  app.post(form.path, write, async (request, reply) => {
    const body = (request.body ?? {}) as Body;
    const partId = form.partId?.(request) ?? null;
    const opened = openedVersion(body);
    const asTyped = (status: number, errors: FieldError[] = [], find?: string) =>
      formPage(plans, form, request, reply, { status, values: body, errors, version: opened ?? undefined, find });
    const edit = posted(form, body, partId);
    if (edit === 'find') return asTyped(200, [], String(body.giverName ?? body._find));
    const versionErrors =
      opened === null ? [{ text: 'Open the form again: it was missing its version', href: '#form' }] : [];
    if (!edit.ok || opened === null) return asTyped(422, [...(edit.ok ? [] : edit.errors), ...versionErrors]);
    try {
      const version = await plans.save(requestContext(request), routeId(request), opened, edit.value, {
        existingPart: partId !== null,
      });
      if (request.session)
        await setFlash(app.deps.database.db, request.session.idHash, `The plan has been saved as version ${version}`);
      return reply.redirect(base(routeId(request)), 303);
    } catch (error) {
      if (error instanceof ValidationError) return asTyped(422, error.errors);
      if (error instanceof StaleSupportPlanError) {
        // Opened again on what is saved now; what they typed is in the conflict table, so nothing is lost.
        return formPage(plans, form, request, reply, {
          status: 409,
          version: error.savedVersion,
          errors: [{ text: error.message, href: '#conflict' }],
          extra: { conflict: error.changes },
        });
      }
      throw error;
    }
  });
}

/** The forms that change one part of the plan each (a profile section, a support item, an outcome, a risk, its costs). */
export function registerPlanFormPages(app: FastifyInstance, plans: SupportPlanService): void {
  for (const form of PART_FORMS) register(app, plans, form);
}
