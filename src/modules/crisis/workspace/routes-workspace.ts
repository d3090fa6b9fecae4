import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { FieldError } from '../../../platform/http/errors.js';
import { authorize } from '../../../platform/access/authorize.js';
import { partsFromDate, todayInLondon } from '../../../platform/dates.js';
import type { CrisisEpisodeRow } from '../tables.js';
import type { ActivationSnapshot } from '../../contingency-plans/index.js';
import { WorkspaceService } from './workspace-service.js';
import { dateValues, formKit, type FormKit, type FormValues } from '../forms.js';
import { CloseService } from './close-service.js';
import { registerCrisisClosePages } from './routes-close.js';
import { registerSupportItemPages } from './routes-support.js';
import { SupportItemService } from './support-items.js';
import { checkInMethods, rowCount } from './workspace-schema.js';
import { LONG_TERM_RULE, longTermTypes, serviceKinds } from '../choices.js';
import { requestContext } from '../../../platform/http/context.js';
import { routeId } from '../../../platform/http/ids.js';

type Body = Record<string, unknown>;
type PlannedSupport = NonNullable<ActivationSnapshot['support']>[number];

const write = { config: { policy: 'crisis.write' as const } };

/** The crisis workspace: short-term plan, actions, support put in, check-ins; then the time limit and closing. */
export function registerCrisisWorkspacePages(app: FastifyInstance): void {
  const db = app.deps.database.db;
  const workspace = new WorkspaceService(db);
  const kit = formKit(app);
  registerPlanPages(app, workspace, kit);
  registerActionDone(app, workspace, kit);
  registerServicePages(app, workspace, kit);
  registerCheckInPages(app, workspace, kit);
  registerSupportItemPages(app, new SupportItemService(db), kit);
  registerCrisisClosePages(app, workspace, new CloseService(db));
}

/** The plan form's rows: as posted (with a row added when asked), or the episode's plan and one empty row each. */
function planValues(episode: CrisisEpisodeRow, body?: Body): FormValues {
  if (body) {
    const goalRows = Math.max(rowCount(body, 'goals'), 1) + (body._add === 'goals' ? 1 : 0);
    const actionRows = Math.max(rowCount(body, 'actions'), 1) + (body._add === 'actions' ? 1 : 0);
    return {
      wants: body.wants,
      checkInDailyDays: body.checkInDailyDays,
      checkInEveryDays: body.checkInEveryDays,
      goals: Array.from({ length: goalRows }, (_, i) => body[`goals-${i}`] ?? ''),
      actions: Array.from({ length: actionRows }, (_, i) => ({
        description: body[`actions-${i}-description`] ?? '',
        who: body[`actions-${i}-who`] ?? '',
        dueOn: dateValues(body, `actions-${i}-dueOn`),
      })),
    };
  }
  const goals = Array.isArray(episode.goals) ? (episode.goals as string[]) : [];
  return {
    wants: episode.wants,
    checkInDailyDays: episode.check_in_daily_days,
    checkInEveryDays: episode.check_in_every_days,
    goals: [...goals, ''],
    actions: [{ description: '', who: '', dueOn: partsFromDate(null) }],
  };
}

/** The short-term plan: wants, goals, new actions and the check-in schedule. */
function registerPlanPages(app: FastifyInstance, workspace: WorkspaceService, kit: FormKit): void {
  const planPage = async (
    request: FastifyRequest,
    reply: FastifyReply,
    status: number,
    body?: Body,
    errors: FieldError[] = [],
    keepVersion?: unknown,
  ) => {
    const { episode, person, actions } = await workspace.form(requestContext(request), kit.idOf(request));
    return reply.code(status).view('crisis/views/plan.njk', {
      ...kit.page(episode, person, 'Short-term plan', planValues(episode, body), errors),
      version: keepVersion ?? episode.version,
      actions,
    });
  };
  app.get('/crisis/episodes/:id/plan', write, async (request, reply) => planPage(request, reply, 200));
  app.post('/crisis/episodes/:id/plan', write, async (request, reply) => {
    const body = (request.body ?? {}) as Body;
    if (body._add === 'goals' || body._add === 'actions') return planPage(request, reply, 200, body, [], body.version);
    try {
      await workspace.savePlan(requestContext(request), kit.idOf(request), body);
    } catch (error) {
      const refused = kit.refusal(error);
      if (!refused) throw error;
      // A stale form shows the plan as saved now; a form with mistakes keeps what was typed.
      return refused.status === 409
        ? planPage(request, reply, 409, undefined, refused.errors)
        : planPage(request, reply, refused.status, body, refused.errors, body.version);
    }
    await kit.flash(request, 'The short-term plan has been saved');
    return kit.done(reply, kit.idOf(request));
  });
}

function registerActionDone(app: FastifyInstance, workspace: WorkspaceService, kit: FormKit): void {
  app.post('/crisis/episodes/:id/actions/:actionId/done', write, async (request, reply) => {
    const actionId = routeId(request, 'actionId');
    await workspace.markActionDone(requestContext(request), kit.idOf(request), actionId, (request.body ?? {}) as Body);
    await kit.flash(request, 'The action has been marked done');
    return kit.done(reply, kit.idOf(request));
  });
}

/** The support form's answers: as posted, or pre-filled from the plan's pre-planned support ("Put this in"). */
function serviceValues(planned: PlannedSupport | undefined, body?: Body): FormValues {
  if (body) return { ...body, startsOn: dateValues(body, 'startsOn'), endsOn: dateValues(body, 'endsOn') };
  return {
    description: planned?.what ?? '',
    provider: planned?.providedBy ?? '',
    directoryServiceId: planned?.directoryServiceId ?? '',
    startsOn: partsFromDate(todayInLondon().toString()),
    endsOn: partsFromDate(null),
  };
}

/** The support form's choices (kind, long-term type, someone from the network), the chosen ones marked. */
function serviceChoices(values: FormValues, network: { id: string; name: string }[]) {
  return {
    kinds: serviceKinds.map((k) => ({ value: k.key, text: k.label, checked: values.kind === k.key })),
    longTermTypes: longTermTypes.map((t) => ({
      value: t.serviceType,
      text: t.serviceType.replace('Long term support: ', ''),
      selected: values.longTermType === t.serviceType,
    })),
    networkItems: [
      { value: '', text: 'Nobody from their network' },
      ...network.map((r) => ({ value: r.id, text: r.name, selected: values.relationshipId === r.id })),
    ],
  };
}

/** Support put in. "Put this in" from the contingency plan's pre-planned support pre-fills the form. */
function registerServicePages(app: FastifyInstance, workspace: WorkspaceService, kit: FormKit): void {
  const servicePage = async (
    request: FastifyRequest,
    reply: FastifyReply,
    status: number,
    body?: Body,
    errors: FieldError[] = [],
    keepVersion?: unknown,
  ) => {
    const { episode, person, network } = await workspace.form(requestContext(request), kit.idOf(request));
    // "Put this in" names the plan's planned support in the query; the form carries it on in a hidden field.
    const from = Number((request.query as { from?: unknown }).from ?? body?.from);
    const planned = (episode.prefill as ActivationSnapshot | null)?.support?.[from];
    const values = serviceValues(planned, body);
    return reply.code(status).view('crisis/views/service.njk', {
      ...kit.page(episode, person, 'Put support in', values, errors),
      version: keepVersion ?? episode.version,
      canDecide: authorize(request.actor, 'crisis.decide') === 'allow',
      longTermRule: LONG_TERM_RULE,
      fromPlan: planned ?? null,
      fromIndex: planned ? from : null,
      ...serviceChoices(values, network),
    });
  };
  app.get('/crisis/episodes/:id/services/new', write, async (request, reply) => servicePage(request, reply, 200));
  app.post(
    '/crisis/episodes/:id/services/new',
    write,
    kit.submit((ctx, id, body) => workspace.addService(ctx, id, body), servicePage, 'The support has been added'),
  );
}

/** Check-ins: "is it working, are you coping, what needs to change". */
function registerCheckInPages(app: FastifyInstance, workspace: WorkspaceService, kit: FormKit): void {
  const checkInPage = async (
    request: FastifyRequest,
    reply: FastifyReply,
    status: number,
    body?: Body,
    errors: FieldError[] = [],
    keepVersion?: unknown,
  ) => {
    const { episode, person } = await workspace.form(requestContext(request), kit.idOf(request));
    const values: FormValues = body
      ? { ...body, heldOn: dateValues(body, 'heldOn') }
      : { heldOn: partsFromDate(todayInLondon().toString()) };
    return reply.code(status).view('crisis/views/check-in.njk', {
      ...kit.page(episode, person, 'Record a check-in', values, errors),
      version: keepVersion ?? episode.version,
      methods: checkInMethods.map((m) => ({ value: m.key, text: m.label, checked: values.how === m.key })),
    });
  };
  app.get('/crisis/episodes/:id/check-ins/new', write, async (request, reply) => checkInPage(request, reply, 200));
  app.post(
    '/crisis/episodes/:id/check-ins/new',
    write,
    kit.submit(
      (ctx, id, body) => workspace.recordCheckIn(ctx, id, body),
      checkInPage,
      'The check-in has been recorded',
    ),
  );
}
