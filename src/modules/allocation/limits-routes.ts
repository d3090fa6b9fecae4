import type { FastifyInstance } from 'fastify';
import type { FieldError } from '../../platform/http/errors.js';
import { registerSettingsForm } from '../../platform/http/settings-form.js';
import { actorId, roleLabels, type Role } from '../../platform/access/roles.js';
import { parsePoundsToPence, penceToPounds } from '../../platform/money.js';
import { findApprovalLimits, type ApprovalLimit } from './approval-limits.js';
import type { Body, Parsed } from './budget-forms.js';

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

/** The page where an administrator sets the delegated limits per role (budget_approval_limit). */
export function registerLimitsPage(app: FastifyInstance): void {
  registerSettingsForm(app, {
    path: '/allocation/approval-limits',
    policy: 'budgets.limits',
    template: 'allocation/views/limits.njk',
    title: 'Delegated limits for approving budgets',
    view: { roles: APPROVING_ROLES.map((role) => ({ role, label: roleLabels[role] })) },
    fields: async (tx) =>
      Object.fromEntries(
        (await findApprovalLimits(tx)).map((l) => [`limit-${l.role}`, penceToPounds(l.maxWeeklyPence)]),
      ),
    parse: parseLimits,
    // The council's limits are replaced with these as a whole.
    save: async (tx, ctx, limits) => {
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
    },
    audit: { action: 'budget-limits.update', resourceType: 'budget_approval_limit' },
    savedMessage: 'The limits have been saved',
  });
}
