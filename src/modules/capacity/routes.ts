import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { requestContext, type RequestContext } from '../../platform/http/context.js';
import { ConflictError, ValidationError, type FieldError } from '../../platform/http/errors.js';
import { errorMap } from '../../platform/http/validation.js';
import { setFlash } from '../../platform/auth/sessions.js';
import { authorize } from '../../platform/access/authorize.js';
import { routeId } from '../../platform/http/ids.js';
import { personSummary, type PersonRow } from '../people/index.js';
import { CapacityService } from './service.js';
import { assessmentView, capacityHref, powerView } from './presenters.js';
import { consentRows } from './consent-view.js';
import { ABILITIES } from './finding.js';
import {
  assessmentFields,
  bestInterestsFields,
  consulteeRows,
  dateValues,
  DECISION_CATEGORIES,
  MAX_CONSULTEES,
  POWER_KINDS,
  POWER_SCOPES,
  RESULTS,
} from './schema.js';

type Body = Record<string, unknown>;
const read = { config: { policy: 'capacity.read' as const } };
const write = { config: { policy: 'capacity.write' as const } };
const str = (v: unknown) => (typeof v === 'string' ? v : '');

/** What every capacity page is given about its person, what was typed and what was wrong with it. */
function personPage(person: PersonRow, heading: string, errors: FieldError[] = []) {
  return {
    title: `${heading}: ${person.given_name} ${person.family_name}`,
    heading,
    person: personSummary(person),
    firstName: person.preferred_name ?? person.given_name,
    backLink: capacityHref(person.id),
    errors,
    fieldErrors: errorMap(errors),
  };
}

/** GOV.UK radio items from a choice list, the posted one checked. */
const radios = (choices: Record<string, string>, chosen: unknown) =>
  Object.entries(choices).map(([value, text]) => ({ value, text, checked: chosen === value }));

/** A refused write as the form shows it again: 422 for bad answers, 409 for a conflict with what is saved. */
function refusal(error: unknown, conflictHref: string): { status: number; errors: FieldError[] } | null {
  if (error instanceof ValidationError) return { status: 422, errors: error.errors };
  if (error instanceof ConflictError) return { status: 409, errors: [{ text: error.message, href: conflictHref }] };
  return null;
}

type Reshow = (
  request: FastifyRequest,
  reply: FastifyReply,
  status: number,
  body?: Body,
  errors?: FieldError[],
) => unknown;

/** The POST side of a form: act; a refusal shows the form again with what was typed; success says so and goes on. */
function submit(
  app: FastifyInstance,
  act: (ctx: RequestContext, request: FastifyRequest, body: Body) => Promise<string>,
  reshow: Reshow,
  message: string,
  conflictHref = '#form',
) {
  return async (request: FastifyRequest, reply: FastifyReply) => {
    const body = (request.body ?? {}) as Body;
    let to: string;
    try {
      to = await act(requestContext(request), request, body);
    } catch (error) {
      const refused = refusal(error, conflictHref);
      if (!refused) throw error;
      return reshow(request, reply, refused.status, body, refused.errors);
    }
    if (request.session) await setFlash(app.deps.database.db, request.session.idHash, message);
    return reply.redirect(to, 303);
  };
}

/** Pages for mental capacity assessments, best-interests decisions and powers of attorney and deputyships. */
export function registerCapacityPages(
  app: FastifyInstance,
  capacity = new CapacityService(app.deps.database.db),
): void {
  registerOverview(app, capacity);
  registerAssessmentPages(app, capacity);
  registerBestInterestsPages(app, capacity);
  registerPowerPages(app, capacity);
}

function registerOverview(app: FastifyInstance, capacity: CapacityService): void {
  app.get('/people/:id/capacity', read, async (request, reply) => {
    const { person, assessments, powers, consent } = await capacity.overview(requestContext(request), routeId(request));
    return reply.view('capacity/views/overview.njk', {
      ...personPage(person, 'Mental capacity and legal powers'),
      backLink: `/people/${person.id}`,
      assessments: assessments.map((a) => ({
        ...assessmentView(a),
        bestInterestsCount: Number(a.best_interests_count),
      })),
      powers: powers.map(powerView),
      consentRows: consentRows(consent),
      canWrite: authorize(request.actor, 'capacity.write') === 'allow',
    });
  });
}

function registerAssessmentPages(app: FastifyInstance, capacity: CapacityService): void {
  const formPage: Reshow = async (request, reply, status, body = {}, errors = []) => {
    const { person } = await capacity.formFor(requestContext(request), routeId(request));
    const values = Object.fromEntries(assessmentFields.map((f) => [f, str(body[f])]));
    // A new form names whoever opened it as the assessor; they change it when someone else assessed.
    if (Object.keys(body).length === 0) values.assessorName = request.actor?.displayName ?? '';
    return reply.code(status).view('capacity/views/assessment-form.njk', {
      ...personPage(person, 'Record a mental capacity assessment', errors),
      values: { ...values, assessedOn: dateValues(body, 'assessedOn') },
      categories: radios(DECISION_CATEGORIES, body.decisionCategory),
      results: radios(RESULTS, body.result),
      abilities: ABILITIES,
    });
  };
  app.get('/people/:id/capacity/assessments/new', write, (request, reply) => formPage(request, reply, 200));
  app.post(
    '/people/:id/capacity/assessments/new',
    write,
    submit(
      app,
      async (ctx, request, body) => {
        const id = await capacity.recordAssessment(ctx, routeId(request), body);
        return `${capacityHref(routeId(request))}/assessments/${id}`;
      },
      formPage,
      'The capacity assessment has been recorded',
    ),
  );

  app.get('/people/:id/capacity/assessments/:capacityAssessmentId', read, async (request, reply) => {
    const found = await capacity.assessment(
      requestContext(request),
      routeId(request),
      routeId(request, 'capacityAssessmentId'),
    );
    return reply.view('capacity/views/assessment.njk', {
      ...personPage(found.person, `Capacity assessment: ${DECISION_CATEGORIES[found.assessment.decision_category]}`),
      assessment: assessmentView(found.assessment),
      bestInterests: found.bestInterests,
      canWrite: authorize(request.actor, 'capacity.write') === 'allow',
    });
  });
}

function registerBestInterestsPages(app: FastifyInstance, capacity: CapacityService): void {
  const formPage: Reshow = async (request, reply, status, body = {}, errors = []) => {
    const { person, assessment } = await capacity.bestInterestsForm(
      requestContext(request),
      routeId(request),
      routeId(request, 'capacityAssessmentId'),
    );
    const rows = consulteeRows(body);
    const blanks = Math.max(3 - rows.length, 1) + (body._add === 'consulted' ? 1 : 0);
    const shown = [...rows, ...Array.from({ length: blanks }, () => ({ name: '', role: '', view: '' }))];
    return reply.code(status).view('capacity/views/best-interests-form.njk', {
      ...personPage(person, 'Record a best-interests decision', errors),
      assessment: assessmentView(assessment),
      values: {
        ...Object.fromEntries(bestInterestsFields.map((f) => [f, str(body[f])])),
        decidedOn: dateValues(body, 'decidedOn'),
      },
      consulted: shown.slice(0, MAX_CONSULTEES),
    });
  };
  const path = '/people/:id/capacity/assessments/:capacityAssessmentId/best-interests/new';
  app.get(path, write, (request, reply) => formPage(request, reply, 200));
  app.post(path, write, async (request, reply) => {
    const body = (request.body ?? {}) as Body;
    if (body._add === 'consulted') return formPage(request, reply, 200, body);
    return submit(
      app,
      async (ctx, req, posted) => {
        const assessmentId = routeId(req, 'capacityAssessmentId');
        await capacity.recordBestInterests(ctx, routeId(req), assessmentId, posted);
        return `${capacityHref(routeId(req))}/assessments/${assessmentId}`;
      },
      formPage,
      'The best-interests decision has been recorded',
    )(request, reply);
  });
}

function registerPowerPages(app: FastifyInstance, capacity: CapacityService): void {
  const newPage: Reshow = async (request, reply, status, body = {}, errors = []) => {
    const { person } = await capacity.formFor(requestContext(request), routeId(request));
    return reply.code(status).view('capacity/views/power-form.njk', {
      ...personPage(person, 'Record a power of attorney or deputyship', errors),
      values: {
        holders: str(body.holders),
        reference: str(body.reference),
        registeredOn: dateValues(body, 'registeredOn'),
      },
      kinds: radios(POWER_KINDS, body.kind),
      scopes: radios(POWER_SCOPES, body.scope),
    });
  };
  app.get('/people/:id/capacity/powers/new', write, (request, reply) => newPage(request, reply, 200));
  app.post(
    '/people/:id/capacity/powers/new',
    write,
    submit(
      app,
      async (ctx, request, body) => {
        await capacity.recordPower(ctx, routeId(request), body);
        return capacityHref(routeId(request));
      },
      newPage,
      'The power has been recorded',
    ),
  );

  const endPage: Reshow = async (request, reply, status, body = {}, errors = []) => {
    const { person, power } = await capacity.powerForm(
      requestContext(request),
      routeId(request),
      routeId(request, 'powerId'),
    );
    return reply.code(status).view('capacity/views/end-power.njk', {
      ...personPage(person, 'End a power of attorney or deputyship', errors),
      power: powerView(power),
      values: { endedReason: str(body.endedReason), endedOn: dateValues(body, 'endedOn') },
    });
  };
  app.get('/people/:id/capacity/powers/:powerId/end', write, (request, reply) => endPage(request, reply, 200));
  app.post(
    '/people/:id/capacity/powers/:powerId/end',
    write,
    submit(
      app,
      async (ctx, request, body) => {
        await capacity.endPower(ctx, routeId(request), routeId(request, 'powerId'), body);
        return capacityHref(routeId(request));
      },
      endPage,
      'The power has been ended',
    ),
  );
}
