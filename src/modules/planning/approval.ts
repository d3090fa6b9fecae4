import { z } from 'zod';
import { checkApproval, type ApprovalLimit } from '../allocation/index.js';
import { roleLabels, type Role } from '../../platform/access/roles.js';
import { formatPounds } from '../../platform/money.js';
import { dateFromParts, plainDateSchema } from '../../platform/dates.js';
import type { FieldError } from '../../platform/http/errors.js';
import { toFieldErrors } from '../../platform/http/validation.js';
import type { PlanBudget } from './plan-budget.js';

/**
 * Approving an agreed plan within delegated limits (issue 13 §3). Pure: given the plan's weekly cost
 * to the budget, the person's budget and the council's limits, may this role approve it — and if not,
 * why, and who may. The same limits as the agreed budget's (allocation's checkApproval).
 */
export interface PanelDecision {
  decidedOn: string;
  members: string;
  decision: string;
}

export interface ApprovalFacts {
  status: 'draft' | 'agreed' | 'approved';
  weeklyCostPence: number;
  budget: PlanBudget | null;
  limits: readonly ApprovalLimit[];
  role: Role;
  panel: PanelDecision | null;
}

export type ApprovalDecision =
  | { ok: true; panel: PanelDecision | null; budgetWeeklyPence: number }
  /** `panelNeeded`: above every limit, so the form asks for the panel's decision. */
  | { ok: false; reasons: string[]; whoCan: string[]; panelNeeded: boolean };

const refuse = (reasons: string[], whoCan: string[] = [], panelNeeded = false): ApprovalDecision => ({
  ok: false,
  reasons,
  whoCan,
  panelNeeded,
});

/** The roles whose own limit covers this amount, in words ("A team manager, up to £800.00 a week"). */
export function whoCanApprove(limits: readonly ApprovalLimit[], weeklyPence: number): string[] {
  return limits
    .filter((l) => l.maxWeeklyPence >= weeklyPence)
    .sort((a, b) => a.maxWeeklyPence - b.maxWeeklyPence)
    .map((l) => `${roleLabels[l.role]}, up to ${formatPounds(l.maxWeeklyPence)} a week`);
}

export function decideApproval(f: ApprovalFacts): ApprovalDecision {
  if (f.status === 'approved') return refuse(['This version of the plan is already approved']);
  if (f.status !== 'agreed') return refuse(['Record that the plan is agreed before it is approved']);
  if (!f.budget) return refuse(['No budget has been worked out yet: the plan can be approved once one is agreed']);
  if (!f.budget.agreed)
    return refuse([
      `The budget is not agreed yet (${formatPounds(f.budget.weeklyPence)} a week is only the indicative budget): agree it before approving the plan`,
    ]);
  const over = f.weeklyCostPence - f.budget.weeklyPence;
  if (over > 0)
    return refuse([
      `The plan costs ${formatPounds(f.weeklyCostPence)} a week, ${formatPounds(over)} a week more than the agreed budget of ${formatPounds(f.budget.weeklyPence)}: change the plan until it fits`,
    ]);
  const check = checkApproval(f.limits, f.role, f.weeklyCostPence);
  const approved = { ok: true as const, budgetWeeklyPence: f.budget.weeklyPence };
  if (check.kind === 'within') return { ...approved, panel: null };
  if (check.kind === 'over_own_limit') return refuse([check.reason], whoCanApprove(f.limits, f.weeklyCostPence));
  return f.panel ? { ...approved, panel: f.panel } : refuse([check.reason], [], true);
}

const text = (label: string, max: number) =>
  z
    .string({ error: `Enter ${label}` })
    .trim()
    .min(1, `Enter ${label}`)
    .max(max, `This must be ${max} characters or fewer`);

const panelSchema = z.object({
  decidedOn: plainDateSchema('The date the panel decided', { notFuture: true }),
  members: text('who sat on the panel', 2000),
  decision: text('what the panel decided', 5000),
  agreed: z.literal('yes', { error: 'Confirm the panel agreed the plan: approve it only if it did' }),
});

type Body = Record<string, unknown>;

/** The panel's decision from the approval form, when one was given (`panelHeld=yes`); errors name its fields. */
export function parsePanel(
  body: Body,
): { ok: true; panel: PanelDecision | null } | { ok: false; errors: FieldError[] } {
  if (body.panelHeld !== 'yes') return { ok: true, panel: null };
  const parsed = panelSchema.safeParse({
    decidedOn: dateFromParts(body['panelDecidedOn-day'], body['panelDecidedOn-month'], body['panelDecidedOn-year']),
    members: body.panelMembers,
    decision: body.panelDecision,
    agreed: body.panelAgreed,
  });
  if (!parsed.success) {
    const href: Record<string, string> = {
      '#decidedOn': '#panelDecidedOn-day',
      '#members': '#panelMembers',
      '#decision': '#panelDecision',
      '#agreed': '#panelAgreed',
    };
    return { ok: false, errors: toFieldErrors(parsed.error).map((e) => ({ ...e, href: href[e.href] ?? e.href })) };
  }
  const { agreed: _agreed, ...panel } = parsed.data;
  return { ok: true, panel };
}
