import type { Kysely } from 'kysely';
import type { DB } from '../../platform/db/schema.js';
import type { Tx } from '../../platform/db/scope.js';
import { actorId, type Role } from '../../platform/access/roles.js';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../../platform/http/errors.js';
import type { RequestContext } from '../../platform/http/context.js';
import { formatPounds } from '../../platform/money.js';
import { onVisibleRecord, type PersonRow } from '../people/index.js';
import { listCompletedAssessments, type CompletedAssessment } from '../assessment/index.js';
import { checkApproval, findApprovalLimits } from './approval-limits.js';
import { indicativeBudget } from './ras.js';
import type { RasVersion } from './ras-types.js';
import { parseAnswers, parsePanel, parseProposal, type Body, type PanelDecision, type Parsed } from './budget-forms.js';
import * as repo from './repository.js';
import type { BudgetAllocationRow, BudgetStatus } from './tables.js';

/** A refused stale change: what is saved now, so the form can be shown again on it. */
export class StaleBudgetError extends ConflictError {
  constructor(readonly saved: BudgetAllocationRow | null) {
    super(
      'Someone else changed this budget after you opened it. Your change has not been saved. Check what is saved now, then make your change again.',
    );
  }
}

/** What every budget page and form starts from: the person, their latest completed adult assessment and its budget. */
export interface BudgetContext {
  person: PersonRow;
  assessment: CompletedAssessment | null;
  /** The version that applies to the assessment (published, in force on its completion date). */
  version: RasVersion | null;
  allocation: BudgetAllocationRow | null;
}

/** Only staff propose and approve budgets (no token scope reaches these routes); their role sets their limit. */
function roleOf(ctx: RequestContext): Role {
  if (ctx.actor.kind !== 'user') throw new ForbiddenError();
  return ctx.actor.role;
}

async function contextFor(tx: Tx, person: PersonRow, opts: { lock?: boolean } = {}): Promise<BudgetContext> {
  const assessment = (await listCompletedAssessments(tx, person.id)).find((a) => a.kind === 'adult') ?? null;
  const allocation = assessment ? await repo.findAllocationFor(tx, assessment.id, opts) : undefined;
  // A budget keeps the version it was worked out with; a new one uses the version in force.
  const row = allocation
    ? await repo.findRasVersion(tx, allocation.ras_version_id)
    : assessment
      ? await repo.findVersionInForce(tx, assessment.completedOn)
      : undefined;
  return { person, assessment, version: row ? repo.rasVersionOf(row) : null, allocation: allocation ?? null };
}

/**
 * A person's indicative and agreed budget: one transaction per call as the application role, the
 * person's visibility checked first (a restricted or unknown person is "not found"), and the audit
 * entry written in the same transaction.
 */
export class BudgetService {
  constructor(private readonly db: Kysely<DB>) {}

  private run<T>(
    ctx: RequestContext,
    personId: string,
    action: string,
    work: (tx: Tx, person: PersonRow) => Promise<{ result: T; resourceId?: string | null }>,
  ): Promise<T> {
    return onVisibleRecord(this.db, ctx, personId, async (tx, person) => {
      const { result, resourceId } = await work(tx, person);
      return { result, audit: { action, resourceType: 'budget_allocation', resourceId: resourceId ?? null } };
    });
  }

  /** The Budget page: every budget worked out for them, newest first, and where things stand now. */
  async getBudgets(ctx: RequestContext, personId: string) {
    return this.run(ctx, personId, 'budget.view', async (tx, person) => {
      const [context, allocations, limits] = await Promise.all([
        contextFor(tx, person),
        repo.listAllocations(tx, personId),
        findApprovalLimits(tx),
      ]);
      return { result: { ...context, allocations, limits }, resourceId: context.allocation?.id };
    });
  }

  /** A form's page: the same context, audited as the form it is. */
  async getForm(ctx: RequestContext, personId: string, action: string) {
    return this.run(ctx, personId, action, async (tx, person) => {
      const context = await contextFor(tx, person);
      return { result: { ...context, limits: await findApprovalLimits(tx) }, resourceId: context.allocation?.id };
    });
  }

  /** Work the indicative budget out from the answers and keep it; re-answering is allowed while it is indicative. */
  async saveAnswers(ctx: RequestContext, personId: string, opened: number, body: Body) {
    return this.run(ctx, personId, 'budget.answer', async (tx, person) => {
      const { assessment, version, allocation } = await contextFor(tx, person, { lock: true });
      if (!assessment) throw new NotFoundError();
      if (!version) throw new ValidationError([{ text: noVersionText(assessment), href: '#form' }]);
      if (assessment.eligible === false)
        throw new ValidationError([
          { text: 'The assessment found no eligible needs, so there is no personal budget to work out', href: '#form' },
        ]);
      if ((allocation?.version ?? 0) !== opened) throw new StaleBudgetError(allocation);
      if (allocation && allocation.status !== 'indicative')
        throw new ValidationError([
          { text: 'An agreed amount has been proposed, so the answers can no longer change', href: '#form' },
        ]);
      const answers = valid(parseAnswers(version, body));
      const budget = indicativeBudget(version, answers);
      const worked = { personId, assessmentId: assessment.id, answers, budget, calculatedOn: assessment.completedOn };
      if (!allocation) await repo.insertAllocation(tx, ctx.actor, worked);
      else if (!(await repo.updateAllocation(tx, ctx.actor, allocation.id, opened, workedChange(worked))))
        throw new StaleBudgetError(allocation);
      return { result: budget, resourceId: allocation?.id };
    });
  }

  /**
   * Propose the agreed weekly amount. Within the proposer's own limit it is agreed at once (they may
   * approve their own); over it, it waits for someone with a higher limit; over every limit, for a panel.
   */
  async propose(ctx: RequestContext, personId: string, opened: number, body: Body) {
    return this.run(ctx, personId, 'budget.propose', async (tx, person) => {
      const allocation = await openAllocation(tx, person, opened);
      if (allocation.status === 'agreed')
        throw new ValidationError([{ text: 'This budget has already been agreed', href: '#amount' }]);
      const proposal = valid(parseProposal(body, Number(allocation.indicative_weekly_pence)));
      const check = checkApproval(await findApprovalLimits(tx), roleOf(ctx), proposal.agreedWeeklyPence);
      const status: BudgetStatus =
        check.kind === 'within' ? 'agreed' : check.kind === 'panel' ? 'awaiting_panel' : 'awaiting_approval';
      await change(tx, ctx, allocation, {
        status,
        agreed_weekly_pence: proposal.agreedWeeklyPence,
        difference_reason: proposal.reason,
        ...(status === 'agreed' ? decidedBy(ctx) : { decided_by: null, decided_role: null, decided_at: null }),
      });
      return { result: { status, check }, resourceId: allocation.id };
    });
  }

  /** Approve a proposed amount waiting for someone with a higher limit: only within the approver's own. */
  async approve(ctx: RequestContext, personId: string, opened: number) {
    return this.run(ctx, personId, 'budget.approve', async (tx, person) => {
      const allocation = await openAllocation(tx, person, opened);
      if (allocation.status !== 'awaiting_approval' || allocation.agreed_weekly_pence === null)
        throw new ValidationError([{ text: 'This budget is not waiting for approval', href: '#approve' }]);
      const amount = Number(allocation.agreed_weekly_pence);
      const check = checkApproval(await findApprovalLimits(tx), roleOf(ctx), amount);
      if (check.kind !== 'within') throw new ValidationError([{ text: check.reason, href: '#approve' }]);
      await change(tx, ctx, allocation, { status: 'agreed', ...decidedBy(ctx) });
      return { result: amount, resourceId: allocation.id };
    });
  }

  /** Record a panel's decision on an amount above every limit: agreed (at an amount) or not agreed. */
  async recordPanel(ctx: RequestContext, personId: string, opened: number, body: Body, today: string) {
    return this.run(ctx, personId, 'budget.panel', async (tx, person) => {
      const allocation = await openAllocation(tx, person, opened);
      if (allocation.status !== 'awaiting_panel')
        throw new ValidationError([{ text: 'This budget is not waiting for a panel', href: '#decision' }]);
      const panel = valid(parsePanel(body, Number(allocation.indicative_weekly_pence), today));
      const recorded = {
        panel_date: panel.panelDate,
        panel_members: panel.members,
        panel_decision: panelText(panel),
      };
      await change(
        tx,
        ctx,
        allocation,
        panel.agreed
          ? {
              ...recorded,
              status: 'agreed',
              agreed_weekly_pence: panel.agreedWeeklyPence,
              difference_reason: panel.reason,
              ...decidedBy(ctx, 'panel'),
            }
          : // Not agreed: back to the indicative budget, for a new proposal; the panel's decision stays on record.
            { ...recorded, status: 'indicative', agreed_weekly_pence: null, difference_reason: null },
      );
      return { result: panel.agreed, resourceId: allocation.id };
    });
  }
}

function valid<T>(parsed: Parsed<T>): T {
  if (!parsed.ok) throw new ValidationError(parsed.errors);
  return parsed.value;
}

const noVersionText = (a: CompletedAssessment) =>
  `No resource allocation version was in force on ${a.completedOn}, when the assessment was completed: an administrator must publish one first`;

function panelText(panel: PanelDecision): string {
  const decision = panel.agreed ? `Agreed ${formatPounds(panel.agreedWeeklyPence!)} a week` : 'Not agreed';
  return panel.notes ? `${decision}. ${panel.notes}` : decision;
}

function decidedBy(ctx: RequestContext, as?: 'panel') {
  return { decided_by: actorId(ctx.actor), decided_role: as ?? roleOf(ctx), decided_at: new Date() };
}

function workedChange(w: repo.Worked): repo.AllocationChange {
  return {
    ras_version_id: w.budget.versionId,
    answers: JSON.stringify(w.answers),
    points: w.budget.points,
    indicative_weekly_pence: w.budget.weeklyPence,
    lines: JSON.stringify(w.budget.lines),
    calculated_on: w.calculatedOn,
  };
}

/** The budget being decided, locked, at the version the form was opened on (or a stale edit). */
async function openAllocation(tx: Tx, person: PersonRow, opened: number): Promise<BudgetAllocationRow> {
  const { allocation } = await contextFor(tx, person, { lock: true });
  if (!allocation) throw new NotFoundError();
  if (allocation.version !== opened) throw new StaleBudgetError(allocation);
  return allocation;
}

async function change(tx: Tx, ctx: RequestContext, allocation: BudgetAllocationRow, set: repo.AllocationChange) {
  if (!(await repo.updateAllocation(tx, ctx.actor, allocation.id, allocation.version, set)))
    throw new StaleBudgetError(allocation);
}
