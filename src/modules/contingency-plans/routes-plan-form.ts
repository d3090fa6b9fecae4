import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { requestContext } from '../../platform/http/context.js';
import { ConflictError, ValidationError } from '../../platform/http/errors.js';
import { toFieldErrors } from '../../platform/http/validation.js';
import { govukItems, labelFor } from '../../platform/cld/index.js';
import { personSummary } from '../people/index.js';
import { routeId } from '../../platform/http/ids.js';
import { NEW_CONTACT, planUpdateSchema } from './schema.js';
import { contentToValues, isAddRow, parsePlanForm, planFormValues, rowsToShow, type PlanFormValues } from './forms.js';
import { StalePlanError, type ContingencyPlanService } from './service.js';
import { base, firstNameOf, flash, withErrors, write, type Body } from './route-helpers.js';

/** The plan form's pages: agree a first plan, or change the current one (a new version). */
export function registerPlanFormPages(app: FastifyInstance, plans: ContingencyPlanService): void {
  registerNewPlanPages(app, plans);
  registerChangePlanPages(app, plans);
}

/** The plan form, for a first plan ('new') or a change to the current one ('edit'). */
async function formPage(
  plans: ContingencyPlanService,
  request: FastifyRequest,
  reply: FastifyReply,
  mode: 'new' | 'edit',
  status: number,
  values?: PlanFormValues,
  extra: Record<string, unknown> = {},
) {
  const { person, current, network } = await plans.getForm(requestContext(request), routeId(request));
  const shown = values ?? (current ? contentToValues(current.content) : planFormValues({}));
  const firstName = firstNameOf(person);
  return reply.code(status).view('contingency-plans/views/form.njk', {
    title:
      mode === 'new'
        ? `Agree a contingency plan with ${person.given_name} ${person.family_name}`
        : `Change the contingency plan: ${person.given_name} ${person.family_name}`,
    mode,
    person: personSummary(person),
    firstName,
    backLink: base(person.id),
    action: `${base(person.id)}/${mode}`,
    version: current?.version,
    values: shown,
    rows: rowsToShow(shown, (request.body as Body | undefined)?._add),
    networkItems: networkItems(network, 'Select someone'),
    callItems: networkItems(network, 'A service or organisation (enter its name and number below)'),
    relationshipTypeItems: govukItems('relationshipType', null, { placeholder: 'Select how they are related' }),
    ...extra,
  });
}

type NetworkRows = Awaited<ReturnType<ContingencyPlanService['getForm']>>['network'];

/**
 * The choices for a plan contact: the person's network (each with the number it holds), or someone
 * to add to the network as the plan is saved. The call list may also name a service, whose number
 * is the plan's own.
 */
function networkItems(network: NetworkRows, first: string): { value: string; text: string }[] {
  return [
    { value: '', text: first },
    ...network.map((r) => {
      const name = r.contact_name ?? `${r.given_name ?? ''} ${r.family_name ?? ''}`.trim();
      return {
        value: r.id,
        text: `${name} (${labelFor('relationshipType', r.relationship_type).toLowerCase()})${r.contact_phone ? `, ${r.contact_phone}` : ''}`,
      };
    }),
    { value: NEW_CONTACT, text: 'Someone not in the network yet (enter their details below)' },
  ];
}

function registerNewPlanPages(app: FastifyInstance, plans: ContingencyPlanService): void {
  app.get('/people/:id/contingency-plans/new', write, async (request, reply) => {
    const id = routeId(request);
    if (await plans.hasPlan(requestContext(request), id)) return reply.redirect(`${base(id)}/edit`, 303);
    return formPage(plans, request, reply, 'new', 200);
  });

  app.post('/people/:id/contingency-plans/new', write, async (request, reply) => {
    const id = routeId(request);
    const body = (request.body ?? {}) as Body;
    if (isAddRow(body)) return formPage(plans, request, reply, 'new', 200, planFormValues(body));
    const parsed = parsePlanForm(body);
    if (parsed.errors)
      return formPage(plans, request, reply, 'new', 422, planFormValues(body), withErrors(parsed.errors));
    try {
      await plans.create(requestContext(request), id, parsed.data);
    } catch (error) {
      if (error instanceof ValidationError)
        return formPage(plans, request, reply, 'new', 422, planFormValues(body), withErrors(error.errors));
      if (error instanceof ConflictError)
        return formPage(
          plans,
          request,
          reply,
          'new',
          409,
          planFormValues(body),
          withErrors([{ text: error.message, href: '#situations-0-situation' }]),
        );
      throw error;
    }
    await flash(app, request, 'The contingency plan has been saved');
    return reply.redirect(base(id), 303);
  });
}

function registerChangePlanPages(app: FastifyInstance, plans: ContingencyPlanService): void {
  app.get('/people/:id/contingency-plans/edit', write, async (request, reply) => {
    const id = routeId(request);
    if (!(await plans.hasPlan(requestContext(request), id))) return reply.redirect(`${base(id)}/new`, 303);
    return formPage(plans, request, reply, 'edit', 200);
  });

  app.post('/people/:id/contingency-plans/edit', write, async (request, reply) => {
    const id = routeId(request);
    const body = (request.body ?? {}) as Body;
    const opened = planUpdateSchema.safeParse({ version: body.version });
    // Keep the version they opened (so a stale edit is still caught after fixing an error).
    const keepVersion = opened.success ? { version: opened.data.version } : {};
    if (isAddRow(body)) return formPage(plans, request, reply, 'edit', 200, planFormValues(body), keepVersion);
    const parsed = parsePlanForm(body);
    const errors = [...(parsed.errors ?? []), ...(opened.success ? [] : toFieldErrors(opened.error))];
    if (parsed.errors || !opened.success)
      return formPage(plans, request, reply, 'edit', 422, planFormValues(body), {
        ...keepVersion,
        ...withErrors(errors),
      });
    try {
      const version = await plans.update(requestContext(request), id, opened.data.version, parsed.data);
      await flash(app, request, `The contingency plan has been saved as version ${version}`);
      return reply.redirect(base(id), 303);
    } catch (error) {
      if (error instanceof ValidationError)
        return formPage(plans, request, reply, 'edit', 422, planFormValues(body), {
          ...keepVersion,
          ...withErrors(error.errors),
        });
      if (error instanceof StalePlanError) {
        return formPage(plans, request, reply, 'edit', 409, contentToValues(error.saved), {
          version: error.savedVersion,
          conflict: error.changes,
          ...withErrors([{ text: error.message, href: '#conflict' }]),
        });
      }
      throw error;
    }
  });
}
