import { readFileSync } from 'node:fs';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { requestContext } from '../../platform/http/context.js';
import { NotFoundError } from '../../platform/http/errors.js';
import { authorize } from '../../platform/access/authorize.js';
import { isRole, roleLabels } from '../../platform/access/roles.js';
import { routeId } from '../../platform/http/ids.js';
import { sendPage } from '../../platform/http/send-page.js';
import { personSummary, recordNav, type PersonRow } from '../people/index.js';
import { SupportPlanService } from './service.js';
import { costingView, helpedByView, itemsView, outcomesView, profileView } from './presenters.js';
import { panelText, partText, versionDifferences } from './plan-changes.js';
import { PROFILE_SECTIONS, type PlanContent } from './plan-content.js';
import { registerPlanFormPages } from './form-routes.js';
import { registerApprovalPages } from './approval-routes.js';
import type { PlanBudget } from './plan-budget.js';
import type { PlanFee } from './costing-types.js';
import { formatPounds } from '../../platform/money.js';
import { formatDate } from '../../platform/views/format.js';

export const planBase = (id: string) => `/people/${id}/support-plan`;
const read = { config: { policy: 'support-plans.read' as const } };
const fullName = (p: PersonRow) => `${p.given_name} ${p.family_name}`;

/** Everything the plan's pages show of a version of the plan. */
function planView(content: PlanContent, budget: PlanBudget | null, holdingFees: readonly PlanFee[] = []) {
  return {
    profile: profileView(content),
    outcomes: outcomesView(content),
    items: itemsView(content),
    risks: content.risks.map((r) => ({ ...r, panelText: r.panel ? panelText(r.panel) : null })),
    helpedBy: helpedByView(content),
    costing: costingView(content, budget, holdingFees),
    agreement: content.agreement ? partText(content, 'agreement') : null,
  };
}

/** Who approved the plan as it stands, in words (and the panel, when one decided). */
function approvalView(a: Awaited<ReturnType<SupportPlanService['getPlan']>>['approval']) {
  if (!a) return null;
  const by = `${a.approved_by_name ?? 'someone no longer on the system'} (${roleLabel(a.approved_by_role)})`;
  return {
    text: `Approved by ${by} on ${formatDate(a.approved_on)}, at ${formatPounds(Number(a.weekly_cost_pence))} a week against an agreed budget of ${formatPounds(Number(a.agreed_budget_weekly_pence))}`,
    panel: a.panel_decided_on
      ? `A panel decided on ${formatDate(a.panel_decided_on)}. Who sat: ${a.panel_members}. Decision: ${a.panel_decision}`
      : null,
  };
}

const roleLabel = (role: string) => (isRole(role) ? roleLabels[role] : role).toLowerCase();

/** The support plan's pages: the plan, its one-page profile, printable copies, its versions and its forms. */
export function registerSupportPlanPages(
  app: FastifyInstance,
  plans = new SupportPlanService(app.deps.database.db),
): void {
  registerStylesheet(app);
  registerPlanPages(app, plans);
  registerVersionPage(app, plans);
  registerPlanFormPages(app, plans);
  registerApprovalPages(app);
}

const planCss = readFileSync(new URL('print.css', import.meta.url), 'utf8');

/** The plan's stylesheet (kept text's line breaks, and the print rules); nothing personal, so public. */
function registerStylesheet(app: FastifyInstance): void {
  app.get('/support-plan/print.css', { config: { policy: 'public' as const } }, async (_request, reply) =>
    reply.type('text/css; charset=utf-8').header('cache-control', 'public, max-age=86400').send(planCss),
  );
}

function registerPlanPages(app: FastifyInstance, plans: SupportPlanService): void {
  const show = (template: string, heading: string, action: string) => async (request: FastifyRequest) => {
    const found = await plans.getPlan(requestContext(request), routeId(request), action);
    const { person, current, content } = found;
    return {
      template,
      data: {
        title: `${heading}: ${fullName(person)}`,
        heading,
        person: personSummary(person),
        recordNav: recordNav(request.actor, person.id, 'plan'),
        firstName: person.preferred_name ?? person.given_name,
        backLink: template.endsWith('plan.njk') ? `/people/${person.id}` : planBase(person.id),
        base: planBase(person.id),
        version: current?.version ?? 0,
        savedBy: current?.created_by_name,
        savedAt: current?.created_at,
        status: found.plan?.status ?? 'draft',
        versions: found.versions,
        hasContingencyPlan: found.hasContingencyPlan,
        sections: PROFILE_SECTIONS,
        plan: planView(content, found.budget, found.holdingFees),
        approval: approvalView(found.approval),
        canWrite: authorize(request.actor, 'support-plans.write') === 'allow',
        canApprove: authorize(request.actor, 'support-plans.approve') === 'allow',
      },
    };
  };
  const pages = [
    ['', 'planning/views/plan.njk', 'Support plan', 'support-plan.view'],
    ['/print', 'planning/views/print.njk', 'Support plan', 'support-plan.print'],
    ['/profile', 'planning/views/profile.njk', 'One-page profile', 'support-plan.view-profile'],
  ] as const;
  for (const [path, template, heading, action] of pages) {
    const page = show(template, heading, action);
    app.get(`/people/:id/support-plan${path}`, read, async (request, reply) => {
      const { template: name, data } = await page(request);
      // A plan of 40 items is ~100 KB of HTML: sent gzipped, which costs less than sending it whole.
      return sendPage(request, reply, reply.renderView(name, data));
    });
  }
}

function registerVersionPage(app: FastifyInstance, plans: SupportPlanService): void {
  app.get('/people/:id/support-plan/versions/:version', read, async (request, reply) => {
    const version = z.coerce
      .number()
      .int()
      .min(1)
      .max(1_000_000)
      .safeParse((request.params as { version?: unknown }).version);
    if (!version.success) throw new NotFoundError();
    const found = await plans.getVersion(requestContext(request), routeId(request), version.data);
    return reply.view('planning/views/version.njk', {
      title: `Support plan version ${version.data}: ${fullName(found.person)}`,
      person: personSummary(found.person),
      backLink: planBase(found.person.id),
      version: found.version.version,
      isCurrent: found.plan.current_version === found.version.version,
      changedPart: found.version.changed_part,
      savedBy: found.version.created_by_name,
      savedAt: found.version.created_at,
      differences: versionDifferences(found.previous, found.version.content),
    });
  });
}
