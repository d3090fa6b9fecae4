import type { Kysely } from 'kysely';
import type { DB } from '../../platform/db/schema.js';
import { withOrg, type Tx } from '../../platform/db/scope.js';
import { writeAudit } from '../../platform/audit/audit.js';
import { ConflictError, NotFoundError } from '../../platform/http/errors.js';
import type { RequestContext } from '../../platform/http/context.js';
import { actorId, type Actor } from '../../platform/access/roles.js';
import { todayInLondon } from '../../platform/dates.js';
import { findVisiblePerson, onVisibleRecord, liveEventsFromSources, syncEventsFromSources } from '../people/index.js';
import { findApprovalLimits, findCurrentBudget } from '../allocation/index.js';
import * as repo from './repository.js';
import { emptyPlan, type PlanContent } from './plan-content.js';
import { planBudget } from './plan-budget.js';
import { costPlan } from './presenters.js';
import { decideApproval, type ApprovalDecision, type PanelDecision } from './approval.js';
import { approvedPlanEvents, PLAN_EVENT_SOURCE } from './plan-events.js';
import { deliveryMechanismsFrom } from './delivery-mechanism.js';
import { holdingFeesFor } from './holding-fees.js';
import type { SupportPlanRow } from './tables.js';

/** A plan approved on a stale page: someone changed it after the approver opened it. */
export class StaleApprovalError extends ConflictError {}

/** What the approval page shows, and what the approval decides: the same facts, read in one transaction. */
async function approvalFacts(tx: Tx, actor: Actor, personId: string, panel: PanelDecision | null, lock = false) {
  // Locked when approving, so no change to the plan can land between the decision and the approval.
  const plan = await repo.findSupportPlan(tx, personId, { lock });
  const version = plan && plan.current_version > 0 ? await repo.findVersion(tx, plan.id, plan.current_version) : null;
  const content: PlanContent = version?.content ?? emptyPlan();
  const [budget, limits, holdingFees] = await Promise.all([
    findCurrentBudget(tx, personId),
    findApprovalLimits(tx),
    holdingFeesFor(tx, personId, todayInLondon().toString()),
  ]);
  // What holding the budget costs (a managed account's fee) is spent from it, so approval counts it.
  const weeklyCostPence = costPlan(content, 0, holdingFees).weeklyCostPence;
  const role = actor.kind === 'user' ? actor.role : 'practitioner';
  const decision = decideApproval({
    status: plan?.status ?? 'draft',
    weeklyCostPence,
    budget: planBudget(budget),
    limits,
    role,
    panel,
  });
  return { plan, content, weeklyCostPence, budget: planBudget(budget), decision };
}

/**
 * Approving a support plan: the decision (approval.ts), the approval's record, the plan marked
 * approved and its CLD long-term support events started — all in one transaction, audited.
 */
export class PlanApprovals {
  constructor(private readonly db: Kysely<DB>) {}

  async form(ctx: RequestContext, personId: string) {
    return onVisibleRecord(this.db, ctx, personId, async (tx, person) => {
      const facts = await approvalFacts(tx, ctx.actor, personId, null);
      return {
        result: { person, ...facts, version: facts.plan?.current_version ?? 0 },
        audit: {
          action: 'support-plan.approve-form',
          resourceType: 'support_plan',
          resourceId: facts.plan?.id ?? null,
        },
      };
    });
  }

  /** Approve the version opened; a refusal comes back as the decision, with nothing written. */
  async approve(
    ctx: RequestContext,
    personId: string,
    openedVersion: number,
    panel: PanelDecision | null,
  ): Promise<ApprovalDecision> {
    return withOrg(this.db, ctx.actor.orgId, async (tx) => {
      const person = await findVisiblePerson(tx, ctx.actor, personId);
      if (!person) throw new NotFoundError();
      const facts = await approvalFacts(tx, ctx.actor, personId, panel, true);
      const { plan, decision } = facts;
      if (!plan || plan.current_version !== openedVersion)
        throw new StaleApprovalError(
          'The plan has changed since you opened this page. Check the plan again before approving it.',
        );
      if (!decision.ok) return decision;
      const approvedOn = todayInLondon().toString();
      await recordApproval(tx, ctx.actor, plan, { ...facts, approvedOn, panel: decision.panel });
      if (!(await repo.markApproved(tx, ctx.actor, plan, decision.budgetWeeklyPence)))
        throw new StaleApprovalError('Someone else changed this plan at the same moment. Open it again.');
      await syncPlanEvents(tx, ctx.actor, plan, facts.content, approvedOn);
      await writeAudit(tx, ctx, [
        { action: 'support-plan.approve', resourceType: 'support_plan', resourceId: plan.id, personId },
      ]);
      return decision;
    });
  }
}

async function recordApproval(
  tx: Tx,
  actor: Actor,
  plan: SupportPlanRow,
  f: {
    weeklyCostPence: number;
    budget: { weeklyPence: number } | null;
    approvedOn: string;
    panel: PanelDecision | null;
  },
) {
  await repo.insertApproval(tx, {
    org_id: plan.org_id,
    plan_id: plan.id,
    person_id: plan.person_id,
    version: plan.current_version,
    weekly_cost_pence: f.weeklyCostPence,
    agreed_budget_weekly_pence: f.budget!.weeklyPence,
    approved_on: f.approvedOn,
    approved_by: actorId(actor),
    approved_by_role: actor.kind === 'user' ? actor.role : 'api_token',
    panel_decided_on: f.panel?.decidedOn ?? null,
    panel_members: f.panel?.members ?? null,
    panel_decision: f.panel?.decision ?? null,
  });
}

/**
 * Bring the plan's CLD events in line with the version approved (plan-events.ts decides what that is).
 * The events already written are those of this version's items and of the version approved before
 * (an item since removed is ended, not struck out).
 */
async function syncPlanEvents(tx: Tx, actor: Actor, plan: SupportPlanRow, content: PlanContent, approvedOn: string) {
  const previous = await repo.approvalBefore(tx, plan.id, plan.current_version);
  const before = previous ? await repo.findVersion(tx, plan.id, previous.version) : undefined;
  const ids = [...new Set([...content.items, ...(before?.content.items ?? [])].map((i) => i.id))];
  const existing = await liveEventsFromSources(tx, plan.person_id, [PLAN_EVENT_SOURCE], ids);
  const stored = existing.map((e) => ({
    itemId: e.source_id!,
    startDate: e.start_date,
    endDate: e.end_date,
    serviceType: e.service_type,
    serviceComponent: e.service_component,
    summary: e.summary,
    eventOutcome: e.event_outcome,
    deliveryMechanism: e.delivery_mechanism,
    unitCostPence: e.unit_cost_pence === null ? null : Number(e.unit_cost_pence),
    costFrequency: e.cost_frequency,
    plannedUnitsPerWeek: e.planned_units_per_week === null ? null : Number(e.planned_units_per_week),
  }));
  const held = await deliveryMechanismsFrom(tx, plan.person_id, approvedOn);
  const wanted = approvedPlanEvents(content.items, approvedOn, stored, held);
  await syncEventsFromSources(
    tx,
    actor,
    plan.person_id,
    existing,
    wanted,
    () => 'The support plan it came from no longer calls for it',
  );
}

/**
 * Bring an approved plan's CLD events up to date with how the budget is held from `from` (the budgets
 * module calls this after a part is set up or switched). A line under another mechanism ends the day
 * before each change and a new one starts that day (plan-events.ts); nothing is written when nothing
 * changed. Returns whether there was an approved plan.
 */
export async function refreshPlanEvents(tx: Tx, actor: Actor, personId: string, from: string): Promise<boolean> {
  const plan = await repo.findSupportPlan(tx, personId, { lock: false });
  const approval = plan ? await repo.latestApproval(tx, plan.id) : undefined;
  if (!plan || !approval) return false;
  const approved = await repo.findVersion(tx, plan.id, approval.version);
  if (!approved) return false;
  const asApproved = { ...plan, current_version: approval.version };
  await syncPlanEvents(tx, actor, asApproved, approved.content, from);
  return true;
}
