import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { requestContext } from '../../../platform/http/context.js';
import { ConflictError, ValidationError, type FieldError } from '../../../platform/http/errors.js';
import { errorMap, toFieldErrors } from '../../../platform/http/validation.js';
import { routeId } from '../../../platform/http/ids.js';
import { setFlash } from '../../../platform/auth/sessions.js';
import { formatPounds } from '../../../platform/money.js';
import { personSummary, recordNav, type PersonRow } from '../../people/index.js';
import { SupportPlanService } from '../../planning/index.js';
import { categoryChoices } from './categories.js';
import { openedVersion, statementSchema, type Body } from './forms.js';
import type { ImportReport } from './import.js';
import { caseView, figuresView, partBase, partView, transactionView } from './presenters.js';
import type { MonitoringService } from './service.js';
import type { BudgetPartRow } from '../tables.js';

const monitor = { config: { policy: 'budgets.monitor' as const } };
const ids = (request: FastifyRequest) => ({ personId: routeId(request), partId: routeId(request, 'partId') });

/** The monitoring page of a part, the statement import and its report, and a statement line's category. */
export function registerMonitoringPages(app: FastifyInstance, service: MonitoringService): void {
  const plans = new SupportPlanService(app.deps.database.db);
  const path = '/people/:id/budget/parts/:partId/monitoring';

  app.get(path, monitor, async (request, reply) => {
    const { personId, partId } = ids(request);
    const loaded = await service.getMonitoring(requestContext(request), personId, partId);
    return reply.view('budgets/monitoring/views/monitoring.njk', {
      ...pageBase(request, loaded.person, loaded.part, 'Monitoring'),
      figures: figuresView(loaded.figures),
      surplusWeeks: loaded.surplusWeeks,
      surplusThreshold: formatPounds(Number(loaded.part.weekly_pence ?? 0) * loaded.surplusWeeks),
      transactions: loaded.transactions.map(transactionView),
      cases: loaded.cases.map(caseView),
      imports: loaded.imports.map((i) => ({ on: i.created_at, accepted: i.rows_accepted, refused: i.rows_refused })),
      values: {},
    });
  });

  app.post(`${path}/import`, monitor, async (request, reply) => {
    const { personId, partId } = ids(request);
    const body = (request.body ?? {}) as Body;
    const parsed = statementSchema.safeParse(body);
    const ctx = requestContext(request);
    const result = parsed.success ? await service.importStatement(ctx, personId, partId, parsed.data.statement) : null;
    const errors: FieldError[] = !parsed.success
      ? toFieldErrors(parsed.error)
      : result!.report.ok
        ? []
        : [{ text: `${result!.report.problem}. Nothing has been imported.`, href: '#statement' }];
    // The person and part for the page; a refused form (nothing parsed) still shows whose it is.
    const shown = result ?? (await service.getMonitoring(ctx, personId, partId));
    return reply.code(errors.length ? 422 : 200).view('budgets/monitoring/views/import-report.njk', {
      ...pageBase(request, shown.person, shown.part, 'Statement imported'),
      report: result?.report.ok ? reportView(result.report) : null,
      errors,
      fieldErrors: errorMap(errors),
      values: errors.length ? { statement: typeof body.statement === 'string' ? body.statement : '' } : {},
    });
  });

  const categoryPath = `${path}/transactions/:transactionId/category`;
  const categoryPage = async (request: FastifyRequest, reply: FastifyReply, status: number, errors: FieldError[]) => {
    const { personId, partId } = ids(request);
    const ctx = requestContext(request);
    const plan = await plans.getPlan(ctx, personId);
    const loaded = await service.getTransaction(ctx, personId, partId, routeId(request, 'transactionId'));
    const chosen = ((request.body ?? {}) as Body).category ?? loaded.transaction.category;
    return reply.code(status).view('budgets/monitoring/views/category.njk', {
      ...pageBase(request, loaded.person, loaded.part, 'What was this for?'),
      transaction: transactionView(loaded.transaction),
      choices: categoryChoices(plan.content.items.map((i) => i.what)).map((c) => ({
        value: c,
        text: c,
        checked: c === chosen,
      })),
      errors,
      fieldErrors: errorMap(errors),
    });
  };
  app.get(categoryPath, monitor, async (request, reply) => categoryPage(request, reply, 200, []));
  app.post(categoryPath, monitor, async (request, reply) => {
    const body = (request.body ?? {}) as Body;
    const version = openedVersion(body);
    const ctx = requestContext(request);
    const { personId, partId } = ids(request);
    try {
      if (version === null) throw new ValidationError([{ text: 'Open the page again: it was missing its version', href: '#category' }]);
      const plan = await plans.getPlan(ctx, personId);
      const allowed = categoryChoices(plan.content.items.map((i) => i.what));
      const category = typeof body.category === 'string' ? body.category : '';
      await service.categorise(ctx, { personId, partId, transactionId: routeId(request, 'transactionId') }, { version, category, allowed });
    } catch (error) {
      if (error instanceof ValidationError) return categoryPage(request, reply, 422, error.errors);
      if (error instanceof ConflictError) return categoryPage(request, reply, 409, [{ text: error.message, href: '#category' }]);
      throw error;
    }
    return done(app, request, reply, `${partBase(personId, partId)}/monitoring`, 'The category has been saved');
  });
}

export function pageBase(request: FastifyRequest, person: PersonRow, part: BudgetPartRow, title: string) {
  const summary = personSummary(person);
  return {
    title: `${title}: ${summary.name}`,
    person: summary,
    firstName: person.preferred_name ?? person.given_name,
    recordNav: recordNav(request.actor, person.id, 'budget'),
    backLink: `/people/${person.id}/budget`,
    part: partView(part),
    base: partBase(person.id, part.id),
  };
}

export async function done(app: FastifyInstance, request: FastifyRequest, reply: FastifyReply, to: string, message: string) {
  if (request.session) await setFlash(app.deps.database.db, request.session.idHash, message);
  return reply.redirect(to, 303);
}

function reportView(report: Extract<ImportReport, { ok: true }>) {
  const out = report.accepted.filter((l) => l.amountPence < 0).reduce((sum, l) => sum - l.amountPence, 0);
  const into = report.accepted.filter((l) => l.amountPence > 0).reduce((sum, l) => sum + l.amountPence, 0);
  return {
    accepted: report.accepted.length,
    refused: report.refused,
    moneyOut: formatPounds(out),
    moneyIn: formatPounds(into),
    flagsOpened: report.flagsOpened,
  };
}
