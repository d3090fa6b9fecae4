import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { requestContext } from '../../../platform/http/context.js';
import { ValidationError, type FieldError } from '../../../platform/http/errors.js';
import { errorMap } from '../../../platform/http/validation.js';
import { routeId } from '../../../platform/http/ids.js';
import { dateFromParts, plainDateProblem } from '../../../platform/dates.js';
import { formatPounds } from '../../../platform/money.js';
import { setFlash } from '../../../platform/auth/sessions.js';
import { createRun, prepareRun } from './prepare.js';
import { listRuns, runDetail, runFile, type FileKind, type RunSummary } from './queries.js';
import { completeRun, releaseProblem, releaseRun } from './release.js';

/** The payment run pages (finance officers): list, prepare, a run, resume, release, files, sent. */

const prepare = { config: { policy: 'payments.prepare' as const } };
const release = { config: { policy: 'payments.release' as const } };
type Body = Record<string, unknown>;
const text = (v: unknown) => (typeof v === 'string' ? v : '');

const STATUS_LABELS: Record<string, string> = {
  preparing: 'Being prepared',
  prepared: 'Prepared: waiting for release',
  released: 'Released',
  completed: 'Sent to the bank',
};

function present(run: RunSummary) {
  return {
    ...run,
    statusLabel: STATUS_LABELS[run.status],
    total: formatPounds(run.totalPence),
    href: `/payments/runs/${run.id}`,
  };
}

async function flash(app: FastifyInstance, request: FastifyRequest, message: string) {
  if (request.session) await setFlash(app.deps.database.db, request.session.idHash, message);
}

async function listPage(
  app: FastifyInstance,
  request: FastifyRequest,
  reply: FastifyReply,
  status = 200,
  values: Body = {},
  errors: FieldError[] = [],
) {
  const runs = await listRuns(app.deps.database.db, requestContext(request).actor.orgId);
  return reply.code(status).view('budgets/runs/views/runs.njk', {
    title: 'Payment runs',
    runs: runs.map(present),
    values,
    errors,
    fieldErrors: errorMap(errors),
  });
}

function registerListAndPrepare(app: FastifyInstance) {
  const { db } = app.deps.database;
  app.get('/payments/runs', prepare, (request, reply) => listPage(app, request, reply));
  app.post('/payments/runs', prepare, async (request, reply) => {
    const body = (request.body ?? {}) as Body;
    const start = dateFromParts(body['period-start-day'], body['period-start-month'], body['period-start-year']);
    const problem = plainDateProblem('The first day of the period', start);
    if (problem) return listPage(app, request, reply, 422, body, [{ text: problem, href: '#period-start' }]);
    const ctx = requestContext(request);
    let runId: string;
    try {
      runId = await createRun(db, ctx, start);
    } catch (error) {
      if (error instanceof ValidationError) return listPage(app, request, reply, 422, body, error.errors);
      throw error;
    }
    await prepareRun(db, ctx, runId);
    await flash(app, request, 'The run has been prepared: another finance officer must release it');
    return reply.redirect(`/payments/runs/${runId}`, 303);
  });
}

function registerRunPage(app: FastifyInstance) {
  const { db } = app.deps.database;
  app.get('/payments/runs/:runId', prepare, async (request, reply) => {
    const ctx = requestContext(request);
    const detail = await runDetail(db, ctx, routeId(request, 'runId'));
    const userId = ctx.actor.kind === 'user' ? ctx.actor.userId : '';
    return reply.view('budgets/runs/views/run.njk', {
      title: `Payment run ${detail.run.periodStart} to ${detail.run.periodEnd}`,
      backLink: '/payments/runs',
      run: present(detail.run),
      posted: detail.posted,
      postedTotal: formatPounds(detail.postedPence),
      ledgerTotal: formatPounds(detail.ledgerPence),
      heldBack: detail.heldBack.map((h) => ({
        ...h,
        gross: formatPounds(h.grossPence),
        route: h.route.replaceAll('_', ' '),
      })),
      releaseProblem: releaseProblem(detail.run, userId),
    });
  });
  app.post('/payments/runs/:runId/resume', prepare, async (request, reply) => {
    const runId = routeId(request, 'runId');
    await prepareRun(db, requestContext(request), runId);
    await flash(app, request, 'The run has been prepared');
    return reply.redirect(`/payments/runs/${runId}`, 303);
  });
}

async function releasePage(
  app: FastifyInstance,
  request: FastifyRequest,
  reply: FastifyReply,
  status = 200,
  errors: FieldError[] = [],
) {
  const ctx = requestContext(request);
  const detail = await runDetail(app.deps.database.db, ctx, routeId(request, 'runId'));
  return reply.code(status).view('budgets/runs/views/release.njk', {
    title: 'Release the payment run',
    backLink: `/payments/runs/${detail.run.id}`,
    run: present(detail.run),
    heldBackCount: detail.heldBack.length,
    problem: releaseProblem(detail.run, ctx.actor.kind === 'user' ? ctx.actor.userId : ''),
    errors,
    fieldErrors: errorMap(errors),
  });
}

function registerRelease(app: FastifyInstance) {
  const { db } = app.deps.database;
  app.get('/payments/runs/:runId/release', release, (request, reply) => releasePage(app, request, reply));
  app.post('/payments/runs/:runId/release', release, async (request, reply) => {
    const body = (request.body ?? {}) as Body;
    const runId = routeId(request, 'runId');
    try {
      await releaseRun(
        db,
        requestContext(request),
        runId,
        {
          password: text(body.password),
          seenCount: Number(body.seenCount),
          seenTotalPence: Number(body.seenTotalPence),
        },
        request.ip,
      );
    } catch (error) {
      if (error instanceof ValidationError) return releasePage(app, request, reply, 422, error.errors);
      throw error;
    }
    await flash(app, request, 'The run has been released: download the files for the bank');
    return reply.redirect(`/payments/runs/${runId}`, 303);
  });
  app.post('/payments/runs/:runId/complete', release, async (request, reply) => {
    const runId = routeId(request, 'runId');
    await completeRun(db, requestContext(request), runId);
    await flash(app, request, 'The run is recorded as sent to the bank');
    return reply.redirect(`/payments/runs/${runId}`, 303);
  });
}

function registerFiles(app: FastifyInstance) {
  const { db } = app.deps.database;
  const download = (kind: FileKind) => async (request: FastifyRequest, reply: FastifyReply) => {
    const file = await runFile(db, requestContext(request), routeId(request, 'runId'), kind);
    return reply
      .header('content-type', file.contentType)
      .header('content-disposition', `attachment; filename="${file.filename}"`)
      .header('cache-control', 'no-store')
      .send(file.body);
  };
  app.get('/payments/runs/:runId/payments.csv', release, download('csv'));
  app.get('/payments/runs/:runId/bacs.txt', release, download('bacs'));
}

export function registerRunPages(app: FastifyInstance): void {
  registerListAndPrepare(app);
  registerRunPage(app);
  registerRelease(app);
  registerFiles(app);
}
