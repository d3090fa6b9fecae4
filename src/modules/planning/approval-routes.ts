import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { requestContext } from '../../platform/http/context.js';
import type { FieldError } from '../../platform/http/errors.js';
import { errorMap } from '../../platform/http/validation.js';
import { routeId } from '../../platform/http/ids.js';
import { setFlash } from '../../platform/auth/sessions.js';
import { formatPounds } from '../../platform/money.js';
import { personSummary } from '../people/index.js';
import { openedVersion } from './forms.js';
import { parsePanel } from './approval.js';
import { PlanApprovals, StaleApprovalError } from './approval-service.js';

type Body = Record<string, unknown>;
const approve = { config: { policy: 'support-plans.approve' as const } };
const path = '/people/:id/support-plan/approve';

interface Shown {
  status: number;
  values?: Body;
  errors?: FieldError[];
}

/** The approval page: the plan's cost against the agreed budget, who may approve it, and the panel's decision. */
async function approvalPage(approvals: PlanApprovals, request: FastifyRequest, reply: FastifyReply, shown: Shown) {
  const f = await approvals.form(requestContext(request), routeId(request));
  const decision = f.decision;
  const errors = shown.errors ?? [];
  return reply.code(shown.status).view('planning/views/approve-form.njk', {
    title: `Approve the support plan: ${f.person.given_name} ${f.person.family_name}`,
    heading: 'Approve the support plan',
    person: personSummary(f.person),
    firstName: f.person.preferred_name ?? f.person.given_name,
    backLink: `/people/${f.person.id}/support-plan`,
    action: request.url,
    version: f.version,
    weeklyCost: formatPounds(f.weeklyCostPence),
    budget: f.budget
      ? `${formatPounds(f.budget.weeklyPence)} a week${f.budget.agreed ? '' : ' (indicative, not agreed yet)'}`
      : null,
    canApprove: decision.ok || decision.panelNeeded,
    panelNeeded: !decision.ok && decision.panelNeeded,
    reasons: decision.ok ? [] : decision.reasons,
    whoCan: decision.ok ? [] : decision.whoCan,
    values: shown.values ?? {},
    errors,
    fieldErrors: errorMap(errors),
  });
}

export function registerApprovalPages(app: FastifyInstance, approvals = new PlanApprovals(app.deps.database.db)): void {
  app.get(path, approve, async (request, reply) => approvalPage(approvals, request, reply, { status: 200 }));

  app.post(path, approve, async (request, reply) => {
    const body = (request.body ?? {}) as Body;
    const opened = openedVersion(body);
    const panel = parsePanel(body);
    const asTyped = (status: number, errors: FieldError[]) =>
      approvalPage(approvals, request, reply, { status, values: body, errors });
    const versionErrors =
      opened === null ? [{ text: 'Open the page again: it was missing its version', href: '#form' }] : [];
    if (!panel.ok || opened === null) return asTyped(422, [...(panel.ok ? [] : panel.errors), ...versionErrors]);
    try {
      const decision = await approvals.approve(requestContext(request), routeId(request), opened, panel.panel);
      if (!decision.ok) {
        const href = decision.panelNeeded ? '#panelHeld' : '#form';
        return asTyped(
          422,
          decision.reasons.map((text) => ({ text, href })),
        );
      }
    } catch (error) {
      if (error instanceof StaleApprovalError) return asTyped(409, [{ text: error.message, href: '#form' }]);
      throw error;
    }
    if (request.session) await setFlash(app.deps.database.db, request.session.idHash, 'The plan has been approved');
    return reply.redirect(`/people/${routeId(request)}/support-plan`, 303);
  });
}
