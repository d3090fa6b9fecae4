import type { FastifyInstance, FastifyRequest } from 'fastify';
import { todayInLondon } from '../../platform/dates.js';
import { requestContext } from '../../platform/http/context.js';
import { errorMap } from '../../platform/http/validation.js';
import { sendPage } from '../../platform/http/send-page.js';
import { fairnessReport, type FairnessReport, type FairnessUse } from './fairness-service.js';
import { groupCells, pounds, SPLITS, summaryLines } from './fairness-view.js';
import { fairnessCsv } from './fairness-csv.js';
import { chartModel } from './fairness-chart.js';

const fairness = { config: { policy: 'allocation.fairness' as const } };

/** The fairness report for commissioners (issue 13 §2): the page, with its chart, and the CSV. */
export function registerFairnessReport(app: FastifyInstance): void {
  const reportFor = (request: FastifyRequest, use: FairnessUse) =>
    fairnessReport(
      app.deps.database.db,
      requestContext(request),
      (request.query ?? {}) as Record<string, unknown>,
      todayInLondon().toString(),
      use,
    );

  app.get('/allocation/fairness', fairness, async (request, reply) => {
    const report = await reportFor(request, 'allocation.fairness-view');
    const html = reply.renderView('allocation/views/fairness.njk', pageContext(report));
    return sendPage(request, reply, html);
  });

  app.get('/allocation/fairness.csv', fairness, async (request, reply) => {
    const report = await reportFor(request, 'allocation.fairness-download');
    const { version, bandPercent, split } = report.choice;
    return reply
      .type('text/csv; charset=utf-8')
      .header('content-disposition', 'attachment; filename="fairness-report.csv"')
      .header('cache-control', 'no-store')
      .send(
        fairnessCsv({
          versionLabel: version?.label ?? 'None',
          bandPercent,
          split,
          figures: report.figures,
          groups: report.groups,
        }),
      );
  });
}

function pageContext(report: FairnessReport) {
  const { choice, figures } = report;
  const query = new URLSearchParams({
    ...(choice.version ? { version: choice.version.id } : {}),
    band: String(choice.bandPercent),
    split: choice.split,
  });
  return {
    title: 'Fairness of agreed budgets',
    errors: choice.errors,
    fieldErrors: errorMap(choice.errors),
    version: choice.version,
    versionItems: report.versions.map((v) => ({
      value: v.id,
      text: v.status === 'published' ? `${v.label} (from ${v.effectiveFrom})` : `${v.label} (draft)`,
      selected: v.id === choice.version?.id,
    })),
    bandPercent: choice.bandPercent,
    splitItems: Object.entries(SPLITS).map(([value, text]) => ({ value, text, checked: value === choice.split })),
    splitLabel: SPLITS[choice.split],
    summary: summaryLines(figures, choice.bandPercent),
    figures,
    slope: figures.fit ? pounds(figures.fit.slope) : null,
    intercept: figures.fit ? pounds(figures.fit.intercept) : null,
    groups: report.groups.map(groupCells),
    chart: figures.count > 0 ? chartModel(report.rows, figures.fit, choice.bandPercent) : null,
    csvHref: `/allocation/fairness.csv?${query.toString()}`,
  };
}
