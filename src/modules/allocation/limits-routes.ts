import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { requestContext, type RequestContext } from '../../platform/http/context.js';
import type { FieldError } from '../../platform/http/errors.js';
import { errorMap } from '../../platform/http/validation.js';
import { setFlash } from '../../platform/auth/sessions.js';
import { withOrg } from '../../platform/db/scope.js';
import { writeAudit } from '../../platform/audit/audit.js';
import { actorId, roleLabels, type Role } from '../../platform/access/roles.js';
import { parsePoundsToPence, penceToPounds } from '../../platform/money.js';
import { findApprovalLimits, type ApprovalLimit } from './approval-limits.js';
import type { Body, Parsed } from './budget-forms.js';

const limitsPolicy = { config: { policy: 'budgets.limits' as const } };
const PATH = '/allocation/approval-limits';
/** The roles that propose and approve budgets (policy budgets.write): the only ones a limit means anything for. */
const APPROVING_ROLES: readonly Role[] = ['practitioner', 'team_manager'];

/** The limits as typed: blank for a role that may approve nothing; at least one role must have one. */
export function parseLimits(body: Body): Parsed<ApprovalLimit[]> {
  const errors: FieldError[] = [];
  const limits: ApprovalLimit[] = [];
  for (const role of APPROVING_ROLES) {
    const value = typeof body[`limit-${role}`] === 'string' ? (body[`limit-${role}`] as string).trim() : '';
    if (!value) continue;
    const parsed = parsePoundsToPence(value, `The limit for ${roleLabels[role].toLowerCase()}`);
    if (parsed.ok) limits.push({ role, maxWeeklyPence: parsed.pence });
    else errors.push({ text: parsed.error, href: `#limit-${role}` });
  }
  if (!errors.length && !limits.length)
    errors.push({ text: 'Enter a limit for at least one role', href: `#limit-${APPROVING_ROLES[0]}` });
  return errors.length ? { ok: false, errors } : { ok: true, value: limits };
}

/** Replace the council's limits with these, in one transaction, audited. */
async function saveLimits(app: FastifyInstance, ctx: RequestContext, limits: ApprovalLimit[]) {
  await withOrg(app.deps.database.db, ctx.actor.orgId, async (tx) => {
    await tx.deleteFrom('budget_approval_limit').execute();
    await tx
      .insertInto('budget_approval_limit')
      .values(
        limits.map((l) => ({
          org_id: ctx.actor.orgId,
          role: l.role,
          max_weekly_pence: l.maxWeeklyPence,
          updated_at: new Date(),
          updated_by: actorId(ctx.actor),
        })),
      )
      .execute();
    await writeAudit(tx, ctx, [{ action: 'budget-limits.update', resourceType: 'budget_approval_limit' }]);
  });
}

async function limitsPage(
  app: FastifyInstance,
  request: FastifyRequest,
  reply: FastifyReply,
  status: number,
  values?: Body,
  errors: FieldError[] = [],
) {
  const ctx = requestContext(request);
  const limits = await withOrg(app.deps.database.db, ctx.actor.orgId, (tx) => findApprovalLimits(tx));
  const saved = Object.fromEntries(limits.map((l) => [`limit-${l.role}`, penceToPounds(l.maxWeeklyPence)]));
  return reply.code(status).view('allocation/views/limits.njk', {
    title: 'Delegated limits for approving budgets',
    roles: APPROVING_ROLES.map((role) => ({ role, label: roleLabels[role] })),
    values: values ?? saved,
    errors,
    fieldErrors: errorMap(errors),
  });
}

/** The page where an administrator sets the delegated limits per role (budget_approval_limit). */
export function registerLimitsPage(app: FastifyInstance): void {
  app.get(PATH, limitsPolicy, async (request, reply) => limitsPage(app, request, reply, 200));
  app.post(PATH, limitsPolicy, async (request, reply) => {
    const body = (request.body ?? {}) as Body;
    const parsed = parseLimits(body);
    if (!parsed.ok) return limitsPage(app, request, reply, 422, body, parsed.errors);
    await saveLimits(app, requestContext(request), parsed.value);
    if (request.session) await setFlash(app.deps.database.db, request.session.idHash, 'The limits have been saved');
    return reply.redirect(PATH, 303);
  });
}
