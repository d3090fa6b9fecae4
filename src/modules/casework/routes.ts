import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { requestContext } from '../../platform/http/context.js';
import { ConflictError, ValidationError, type FieldError } from '../../platform/http/errors.js';
import { errorMap } from '../../platform/http/validation.js';
import { canonicalId, routeId } from '../../platform/http/ids.js';
import { setFlash } from '../../platform/auth/sessions.js';
import { authorize } from '../../platform/access/authorize.js';
import { CaseworkService } from './service.js';
import { historyRow, workerChoices, workHref, workRow } from './presenters.js';
import { parseAllocation } from './schema.js';

const read = { config: { policy: 'casework.read' as const } };
const allocate = { config: { policy: 'casework.allocate' as const } };
type Body = Record<string, unknown>;

/** My caseload, a team's caseloads and queue, and one piece of work's allocation with its history. */
export function registerCaseworkPages(app: FastifyInstance, casework = new CaseworkService(app.deps.database.db)) {
  registerListings(app, casework);
  registerWorkPages(app, casework);
}

function registerListings(app: FastifyInstance, casework: CaseworkService): void {
  app.get('/caseload', read, async (request, reply) => {
    const { mine, queue, team } = await casework.myCaseload(requestContext(request));
    return reply.view('casework/views/caseload.njk', {
      title: 'My caseload',
      rows: mine.map((i) => workRow(i)),
      people: new Set(mine.map((i) => i.person.id)).size,
      queue: queue.map((i) => workRow(i)),
      team,
    });
  });

  app.get('/teams/:teamId/caseload', read, async (request, reply) => {
    const worker = canonicalId((request.query as { worker?: unknown } | undefined)?.worker);
    const found = await casework.teamCaseload(requestContext(request), routeId(request, 'teamId'), worker);
    return reply.view('casework/views/team.njk', {
      title: `${found.team.name}: caseloads`,
      team: found.team,
      teams: found.teams,
      counts: found.counts,
      queue: found.queue.map((i) => workRow(i)),
      worker: found.worker,
      held: found.held.map((i) => workRow(i)),
      canAllocate: authorize(request.actor, 'casework.allocate') === 'allow',
    });
  });
}

function registerWorkPages(app: FastifyInstance, casework: CaseworkService): void {
  const page = workPage(casework);
  app.get('/casework/work/:workId', read, (request, reply) => page(request, reply, 200));
  app.post('/casework/work/:workId', allocate, async (request, reply) => {
    const body = (request.body ?? {}) as Body;
    try {
      const item = await casework.allocate(requestContext(request), routeId(request, 'workId'), parseAllocation(body));
      const message = item.workerId
        ? 'The work has been allocated'
        : 'The work is back in the team’s unallocated queue';
      if (request.session) await setFlash(app.deps.database.db, request.session.idHash, message);
      return reply.redirect(workHref(item.workId), 303);
    } catch (error) {
      if (error instanceof ValidationError) return page(request, reply, 422, body, error.errors);
      if (error instanceof ConflictError) return page(request, reply, 409, {}, [conflictMessage(error)]);
      throw error;
    }
  });
}

/** A refused change because someone else got there first, saying what changed. */
function conflictMessage(error: ConflictError): FieldError {
  const changed = error.changes.map((c) => `${c.field}: you saw ${c.yours}; now ${c.theirs}.`).join(' ');
  return { text: `${error.message} ${changed}`.trim(), href: '#workerId' };
}

/** The piece of work, who holds it, the allocate form (for managers) and the history. */
function workPage(casework: CaseworkService) {
  return async (
    request: FastifyRequest,
    reply: FastifyReply,
    status: number,
    body: Body = {},
    errors: FieldError[] = [],
  ) => {
    const { item, history, workers, names } = await casework.workItem(
      requestContext(request),
      routeId(request, 'workId'),
    );
    return reply.code(status).view('casework/views/work.njk', {
      title: `Who holds this work: ${item.person.name}`,
      backLink: '/caseload',
      errors,
      fieldErrors: errorMap(errors),
      work: workRow(item, names),
      version: item.version,
      heldById: item.workerId ?? '',
      choices: workerChoices(workers, item.workerId, body.workerId),
      note: typeof body.note === 'string' ? body.note : '',
      history: history.map(historyRow),
      canAllocate: authorize(request.actor, 'casework.allocate') === 'allow',
    });
  };
}
