import type { FastifyInstance } from 'fastify';
import { requestContext } from '../../../platform/http/context.js';
import type { FieldError } from '../../../platform/http/errors.js';
import { errorMap, toFieldErrors } from '../../../platform/http/validation.js';
import { formatPounds } from '../../../platform/money.js';
import { statementSchema, type Body } from './forms.js';
import type { ImportReport } from './import.js';
import { caseView, figuresView, transactionView } from './presenters.js';
import { monitor, pageBase, partIds as ids } from './route-helpers.js';
import type { MonitoringService } from './service.js';
import { statementCsv } from './statement-export.js';
import { personSummary } from '../../people/index.js';
import { ROUTE_TEXT } from './presenters.js';

/** The monitoring page of a part, and the statement import and its report. */
export function registerMonitoringPages(app: FastifyInstance, service: MonitoringService): void {
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

  app.get(`${path}/statement.csv`, monitor, async (request, reply) => {
    const { personId, partId } = ids(request);
    const loaded = await service.getMonitoring(requestContext(request), personId, partId, 'budget-statement.export');
    const heading = {
      personName: personSummary(loaded.person).name,
      part: `${ROUTE_TEXT[loaded.part.route]} held by ${loaded.part.holder}`,
    };
    return reply
      .type('text/csv; charset=utf-8')
      .header('content-disposition', 'attachment; filename="statement.csv"')
      .send(statementCsv(heading, loaded.transactions));
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
