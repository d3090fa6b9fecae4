import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { FieldError } from '../../../platform/http/errors.js';
import { partsFromDate, todayInLondon } from '../../../platform/dates.js';
import { formatDate } from '../../../platform/views/format.js';
import { dateValues, formKit, type FormKit, type FormValues } from '../forms.js';
import type { WorkspaceService } from './workspace-service.js';
import type { CloseService } from './close-service.js';
import { postedList } from './workspace-schema.js';
import { closeRoutes, whatFollowedOptions } from '../choices.js';
import { requestContext } from '../../../platform/http/context.js';

type Body = Record<string, unknown>;

const write = { config: { policy: 'crisis.write' as const } };
const decide = { config: { policy: 'crisis.decide' as const } };

/** The time limit (a manager's extension) and ending the episode. Registered by registerCrisisWorkspacePages. */
export function registerCrisisClosePages(
  app: FastifyInstance,
  workspace: WorkspaceService,
  closing: CloseService,
): void {
  const kit = formKit(app);
  registerExtendPages(app, workspace, kit);
  registerClosePages(app, closing, kit);
}

function registerExtendPages(app: FastifyInstance, workspace: WorkspaceService, kit: FormKit): void {
  const extendPage = async (
    request: FastifyRequest,
    reply: FastifyReply,
    status: number,
    body?: Body,
    errors: FieldError[] = [],
    keepVersion?: unknown,
  ) => {
    const { episode, person } = await workspace.form(requestContext(request), kit.idOf(request));
    const values: FormValues = body
      ? { ...body, newEndsOn: dateValues(body, 'newEndsOn') }
      : { newEndsOn: partsFromDate(null) };
    return reply.code(status).view('crisis/views/extend.njk', {
      ...kit.page(episode, person, 'Extend the time limit', values, errors),
      version: keepVersion ?? episode.version,
      endsOn: formatDate(episode.ends_on),
    });
  };
  app.get('/crisis/episodes/:id/extend', decide, async (request, reply) => extendPage(request, reply, 200));
  app.post(
    '/crisis/episodes/:id/extend',
    decide,
    kit.submit((ctx, id, body) => workspace.extend(ctx, id, body), extendPage, 'The time limit has been extended'),
  );
}

/** The close form's radios, the chosen ones marked. */
function closeChoices(values: FormValues) {
  return {
    routes: closeRoutes.map((r) => ({ value: r.key, text: r.label, checked: values.route === r.key })),
    whatFollowed: whatFollowedOptions.map((o) => ({
      value: o.key,
      text: o.label,
      checked: values.whatFollowed === o.key,
    })),
  };
}

const closedMessage = (body: Body) =>
  body.route === 'step_up'
    ? 'The crisis episode has been closed and referred for a tier 3 assessment'
    : 'The crisis episode has been closed';

/** The directory services to tick, each once: linked to the episode, already picked, then the search's matches. */
function connectionItems(
  lists: { id: string; name: string; organizationName?: string }[][],
  checked: string[],
): { value: string; text: string; hint?: { text: string }; checked: boolean }[] {
  const seen = new Map<string, { value: string; text: string; hint?: { text: string }; checked: boolean }>();
  for (const s of lists.flat())
    if (!seen.has(s.id))
      seen.set(s.id, {
        value: s.id,
        text: s.name,
        hint: s.organizationName && s.organizationName !== s.name ? { text: s.organizationName } : undefined,
        checked: checked.includes(s.id),
      });
  return [...seen.values()];
}

function registerClosePages(app: FastifyInstance, closing: CloseService, kit: FormKit): void {
  const closePage = async (
    request: FastifyRequest,
    reply: FastifyReply,
    status: number,
    body?: Body,
    errors: FieldError[] = [],
    keepVersion?: unknown,
  ) => {
    const find = typeof body?.find === 'string' ? body.find.trim().slice(0, 200) : '';
    const picked = postedList(body?.connections);
    const form = await closing.form(requestContext(request), kit.idOf(request), { find, picked });
    const { episode, person, hasPlan, suggestions } = form;
    const values: FormValues = body
      ? { ...body, closedOn: dateValues(body, 'closedOn') }
      : { closedOn: partsFromDate(todayInLondon().toString()) };
    // Opened fresh, the services the episode already names are ticked, as the likeliest connections.
    const checked = body ? picked : suggestions.map((s) => s.id);
    return reply.code(status).view('crisis/views/close.njk', {
      ...kit.page(episode, person, 'Close the crisis episode', values, errors),
      version: keepVersion ?? episode.version,
      hasPlan,
      personPlan: `/people/${person.id}/contingency-plans`,
      find,
      found: form.found,
      connectionItems: connectionItems([suggestions, form.picked, form.found ?? []], checked),
      ...closeChoices(values),
    });
  };
  app.get('/crisis/episodes/:id/close', write, async (request, reply) => closePage(request, reply, 200));
  const submit = kit.submit((ctx, id, body) => closing.close(ctx, id, body), closePage, closedMessage);
  app.post('/crisis/episodes/:id/close', write, async (request, reply) => {
    const body = (request.body ?? {}) as Body;
    // "Search the directory" posts the whole form (its notes may be personal, so never in a URL) and saves nothing.
    if (body._search !== undefined) return closePage(request, reply, 200, body, [], body.version);
    return submit(request, reply);
  });
}
