import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { requestContext } from '../../platform/http/context.js';
import { ConflictError, NotFoundError, ValidationError, type FieldError } from '../../platform/http/errors.js';
import { errorMap, toFieldErrors } from '../../platform/http/validation.js';
import { setFlash } from '../../platform/auth/sessions.js';
import { authorize } from '../../platform/access/authorize.js';
import { govukItems, labelFor } from '../../platform/cld/index.js';
import { todayInLondon } from '../../platform/dates.js';
import { personSummary } from '../people/index.js';
import { routeId } from '../../platform/http/ids.js';
import { activationSchema, NEW_CONTACT, planUpdateSchema } from './schema.js';
import { contentToValues, isAddRow, parsePlanForm, planFormValues, rowsToShow, type PlanFormValues } from './forms.js';
import { activationView, planView } from './presenters.js';
import { changedSections } from './changes.js';
import { ContingencyPlanService, StalePlanError } from './service.js';
import type { CrisisEpisodeRef } from './handoff.js';

type Body = Record<string, unknown>;
const base = (id: string) => `/people/${id}/contingency-plans`;
const firstNameOf = (p: { preferred_name: string | null; given_name: string }) => p.preferred_name ?? p.given_name;

const read = { config: { policy: 'plans.read' as const } };
const write = { config: { policy: 'plans.write' as const } };

/** What activating said happened to the crisis episode: opened, joined the one already open, or none yet. */
function activatedMessage(episode: CrisisEpisodeRef | null): string {
  if (!episode) return 'The plan has been activated';
  return episode.opened === false
    ? 'The plan has been activated and added to the crisis episode already open'
    : 'The plan has been activated and a crisis episode opened';
}

/** Pages to agree, change, read (and print) and activate a person's contingency plan. */
export function registerContingencyPlanPages(
  app: FastifyInstance,
  plans = new ContingencyPlanService(app.deps.database.db),
): void {
  registerPlanPage(app, plans);
  registerNewPlanPages(app, plans);
  registerChangePlanPages(app, plans);
  registerPlanVersionPage(app, plans);
  registerActivatePages(app, plans);
  registerActivationPage(app, plans);
}

async function flash(app: FastifyInstance, request: FastifyRequest, message: string): Promise<void> {
  if (request.session) await setFlash(app.deps.database.db, request.session.idHash, message);
}

const withErrors = (errors: FieldError[]) => ({ errors, fieldErrors: errorMap(errors) });

function registerPlanPage(app: FastifyInstance, plans: ContingencyPlanService): void {
  app.get('/people/:id/contingency-plans', read, async (request, reply) => {
    const { person, plan, current, versions, activations } = await plans.getPlanPage(
      requestContext(request),
      routeId(request),
    );
    const firstName = firstNameOf(person);
    return reply.view('contingency-plans/views/plan.njk', {
      title: `Contingency plan: ${person.given_name} ${person.family_name}`,
      person: personSummary(person),
      firstName,
      backLink: `/people/${person.id}`,
      plan: current ? planView(current.content, firstName) : null,
      version: current?.version,
      savedBy: current?.created_by_name,
      savedAt: current?.created_at,
      versions: plan ? versions : [],
      activations: activations.map(activationView),
      canWrite: authorize(request.actor, 'plans.write') === 'allow',
      reviewOverdue: current ? current.content.reviewDate < todayInLondon().toString() : false,
    });
  });
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

function registerPlanVersionPage(app: FastifyInstance, plans: ContingencyPlanService): void {
  app.get('/people/:id/contingency-plans/versions/:version', read, async (request, reply) => {
    const id = routeId(request);
    const version = z.coerce
      .number()
      .int()
      .min(1)
      .max(100_000)
      .safeParse((request.params as { version?: unknown }).version);
    if (!version.success) throw new NotFoundError();
    const found = await plans.getVersion(requestContext(request), id, version.data);
    const firstName = firstNameOf(found.person);
    return reply.view('contingency-plans/views/version.njk', {
      title: `Contingency plan version ${version.data}: ${found.person.given_name} ${found.person.family_name}`,
      person: personSummary(found.person),
      firstName,
      backLink: base(id),
      version: found.version.version,
      isCurrent: found.plan.current_version === found.version.version,
      savedBy: found.version.created_by_name,
      savedAt: found.version.created_at,
      changed: found.previous ? changedSections(found.previous.content, found.version.content) : null,
      plan: planView(found.version.content, firstName),
    });
  });
}

async function activatePage(
  plans: ContingencyPlanService,
  request: FastifyRequest,
  reply: FastifyReply,
  status: number,
  values: Body = {},
  errors: FieldError[] = [],
) {
  const { person, current } = await plans.getForm(requestContext(request), routeId(request));
  return reply.code(status).view('contingency-plans/views/activate.njk', {
    title: `Activate the contingency plan: ${person.given_name} ${person.family_name}`,
    person: personSummary(person),
    firstName: firstNameOf(person),
    backLink: base(person.id),
    situations: current?.content.situations ?? [],
    version: current?.version,
    values,
    ...withErrors(errors),
  });
}

function registerActivatePages(app: FastifyInstance, plans: ContingencyPlanService): void {
  app.get('/people/:id/contingency-plans/activate', write, async (request, reply) =>
    activatePage(plans, request, reply, 200),
  );

  app.post('/people/:id/contingency-plans/activate', write, async (request, reply) => {
    const id = routeId(request);
    const body = (request.body ?? {}) as Body;
    const parsed = activationSchema.safeParse({ situationKey: body.situationKey, note: body.note });
    if (!parsed.success) return activatePage(plans, request, reply, 422, body, toFieldErrors(parsed.error));
    try {
      const { id: activationId, episode } = await plans.activate(requestContext(request), id, parsed.data);
      await flash(app, request, activatedMessage(episode));
      return reply.redirect(`${base(id)}/activations/${activationId}`, 303);
    } catch (error) {
      if (error instanceof ValidationError) return activatePage(plans, request, reply, 422, body, error.errors);
      throw error;
    }
  });
}

function registerActivationPage(app: FastifyInstance, plans: ContingencyPlanService): void {
  app.get('/people/:id/contingency-plans/activations/:activationId', read, async (request, reply) => {
    const id = routeId(request);
    const { person, activation } = await plans.getActivation(
      requestContext(request),
      id,
      routeId(request, 'activationId'),
    );
    const firstName = firstNameOf(person);
    const { snapshot } = activation;
    return reply.view('contingency-plans/views/activation.njk', {
      title: `Contingency plan activated: ${person.given_name} ${person.family_name}`,
      person: personSummary(person),
      firstName,
      backLink: base(id),
      activation: activationView(activation),
      whatShouldHappen: snapshot.situation.whatShouldHappen,
      plan: planView(
        { ...snapshot, situations: [snapshot.situation, ...snapshot.otherSituations], reviewDate: '' },
        firstName,
      ),
    });
  });
}
