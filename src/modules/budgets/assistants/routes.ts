import type { FastifyInstance } from 'fastify';
import { requestContext } from '../../../platform/http/context.js';
import { ConflictError, type FieldError } from '../../../platform/http/errors.js';
import { authorize } from '../../../platform/access/authorize.js';
import { routeId } from '../../../platform/http/ids.js';
import { todayInLondon } from '../../../platform/dates.js';
import { recordNav, type PersonRow } from '../../people/index.js';
import { assistantsHref, personPage, submit, type Reshow } from './pages.js';
import { AssistantService } from './service.js';
import { assistantView, decisionView, formValues, radios, savedValues } from './presenters.js';
import { DEFAULT_RENEWAL_DAYS } from './renewals.js';
import { DBS_LEVELS, EMPLOYED_THROUGH, dateValues, openedVersion, type Body } from './schema.js';
import { registerDecisionPage } from './decision-routes.js';

const read = { config: { policy: 'assistants.read' as const } };
const write = { config: { policy: 'assistants.write' as const } };
const str = (v: unknown) => (typeof v === 'string' ? v : '');

/** The version the form was opened at; a form without one is refused as if it were stale. */
function versionOf(body: Body): number {
  const version = openedVersion(body);
  if (version === null) throw new ConflictError('Open the form again: it was missing its version.');
  return version;
}

/**
 * The version a form shown again carries: a refused answer keeps the version it was opened at, so saving
 * again is still checked; after a clash (409) it takes the saved one, once the user has seen what is saved.
 */
function versionToShow(status: number, body: Body | undefined, saved: number): number {
  return status === 409 || !body ? saved : (openedVersion(body) ?? saved);
}

/** The person's PAs, their support decisions, and the forms to add, change and end a PA. */
export function registerAssistantPages(app: FastifyInstance, service = new AssistantService(app.deps.database.db)) {
  app.get('/people/:id/assistants', read, async (request, reply) => {
    const { person, assistants, decisions } = await service.overview(requestContext(request), routeId(request));
    const today = todayInLondon().toString();
    const views = assistants.map((a) => assistantView(a, today, DEFAULT_RENEWAL_DAYS));
    const current = views.filter((a) => a.current);
    return reply.view('budgets/assistants/views/list.njk', {
      ...personPage(person, 'Personal assistants'),
      backLink: `/people/${person.id}`,
      recordNav: recordNav(request.actor, person.id, 'budget'),
      current,
      past: views.filter((a) => !a.current),
      lapsed: current.filter((a) => a.insurance === 'lapsed'),
      due: current.filter((a) => a.insurance === 'due'),
      renewalDays: DEFAULT_RENEWAL_DAYS,
      decisions: decisions.map(decisionView),
      canWrite: authorize(request.actor, 'assistants.write') === 'allow',
    });
  });
  registerAddAndEdit(app, service);
  registerEnd(app, service);
  registerDecisionPage(app, service);
}

function formPage(
  heading: string,
  action: string,
  version: number | null,
  person: PersonRow,
  body: Body,
  errors: FieldError[],
) {
  return {
    ...personPage(person, heading, errors),
    action,
    version,
    values: formValues(body),
    employedThrough: radios(EMPLOYED_THROUGH, body.employedThrough),
    dbsLevels: radios(DBS_LEVELS, body.dbsLevel),
  };
}

function registerAddAndEdit(app: FastifyInstance, service: AssistantService): void {
  const newPath = '/people/:id/assistants/new';
  const addPage: Reshow = async (request, reply, status, body = {}, errors = []) => {
    const { person } = await service.formFor(requestContext(request), routeId(request));
    const action = `${assistantsHref(person.id)}/new`;
    return reply
      .code(status)
      .view(
        'budgets/assistants/views/form.njk',
        formPage('Add a personal assistant', action, null, person, body, errors),
      );
  };
  app.get(newPath, write, (request, reply) => addPage(request, reply, 200));
  app.post(
    newPath,
    write,
    submit(
      app,
      (ctx, req, body) => service.add(ctx, routeId(req), body),
      addPage,
      'The personal assistant has been added',
    ),
  );

  const editPath = '/people/:id/assistants/:assistantId/edit';
  const editPage: Reshow = async (request, reply, status, body, errors = []) => {
    const { person, assistant } = await service.assistantForm(
      requestContext(request),
      routeId(request),
      routeId(request, 'assistantId'),
    );
    const action = `${assistantsHref(person.id)}/${assistant.id}/edit`;
    const version = versionToShow(status, body, assistant.version);
    const page = formPage(
      `Change ${assistant.name}’s details`,
      action,
      version,
      person,
      body ?? savedValues(assistant),
      errors,
    );
    return reply.code(status).view('budgets/assistants/views/form.njk', {
      ...page,
      saved: status === 409 ? assistantView(assistant, todayInLondon().toString(), DEFAULT_RENEWAL_DAYS) : null,
    });
  };
  app.get(editPath, write, (request, reply) => editPage(request, reply, 200));
  app.post(
    editPath,
    write,
    submit(
      app,
      (ctx, req, body) => service.edit(ctx, routeId(req), routeId(req, 'assistantId'), versionOf(body), body),
      editPage,
      'The personal assistant’s details have been changed',
    ),
  );
}

function registerEnd(app: FastifyInstance, service: AssistantService): void {
  const path = '/people/:id/assistants/:assistantId/end';
  const endPage: Reshow = async (request, reply, status, body = {}, errors = []) => {
    const { person, assistant } = await service.assistantForm(
      requestContext(request),
      routeId(request),
      routeId(request, 'assistantId'),
    );
    return reply.code(status).view('budgets/assistants/views/end.njk', {
      ...personPage(person, `End ${assistant.name}’s employment`, errors),
      assistant: assistantView(assistant, todayInLondon().toString(), DEFAULT_RENEWAL_DAYS),
      version: versionToShow(status, body, assistant.version),
      values: { endedReason: str(body.endedReason), endsOn: dateValues(body, 'endsOn') },
    });
  };
  app.get(path, write, (request, reply) => endPage(request, reply, 200));
  app.post(
    path,
    write,
    submit(
      app,
      (ctx, req, body) => service.end(ctx, routeId(req), routeId(req, 'assistantId'), versionOf(body), body),
      endPage,
      'The employment has been ended',
    ),
  );
}
