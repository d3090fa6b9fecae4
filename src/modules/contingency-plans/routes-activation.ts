import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { requestContext } from '../../platform/http/context.js';
import { ValidationError, type FieldError } from '../../platform/http/errors.js';
import { toFieldErrors } from '../../platform/http/validation.js';
import { personSummary } from '../people/index.js';
import { routeId } from '../../platform/http/ids.js';
import { activationSchema } from './schema.js';
import { activationView, planView } from './presenters.js';
import type { ContingencyPlanService } from './service.js';
import type { CrisisEpisodeRef } from './handoff.js';
import { base, firstNameOf, flash, read, withErrors, write, type Body } from './route-helpers.js';

/** Activating the plan when a situation it foresees happens, and the activation's own page. */
export function registerActivationPages(app: FastifyInstance, plans: ContingencyPlanService): void {
  registerActivatePages(app, plans);
  registerActivationPage(app, plans);
}

/** What activating said happened to the crisis episode: opened, joined the one already open, or none yet. */
function activatedMessage(episode: CrisisEpisodeRef | null): string {
  if (!episode) return 'The plan has been activated';
  return episode.opened === false
    ? 'The plan has been activated and added to the crisis episode already open'
    : 'The plan has been activated and a crisis episode opened';
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
