import type { Kysely } from 'kysely';
import type { DB } from '../../platform/db/schema.js';
import type { PersonRow } from '../people/index.js';
import type { Tx } from '../../platform/db/scope.js';
import { ConflictError, NotFoundError, ValidationError } from '../../platform/http/errors.js';
import type { RequestContext } from '../../platform/http/context.js';
import { onVisibleRecord } from '../people/index.js';
import { findPlan as findContingencyPlan } from '../contingency-plans/index.js';
import { findPublishedServices, findPublishedServicesByName } from '../directory/index.js';
import { careDecisionAuthority } from '../capacity/index.js';
import { findCurrentBudget } from '../allocation/index.js';
import { representativeProblems } from './plan-agreement.js';
import { planBudget } from './plan-budget.js';
import { holdingFeesFor } from './holding-fees.js';
import { todayInLondon } from '../../platform/dates.js';
import * as repo from './repository.js';
import { emptyPlan, type PlanContent } from './plan-content.js';
import { applyEdit, describeConflict, partKey, partLabel, partText, planParts, type PlanEdit } from './plan-changes.js';

/** Refused stale edit: carries what changed and the version saved now, so the form can be opened on it. */
export class StaleSupportPlanError extends ConflictError {
  constructor(
    changes: ReturnType<typeof describeConflict>,
    readonly savedVersion: number,
  ) {
    super(
      'Someone else changed this part of the plan after you opened it. Your changes have not been saved. Check their changes below, then make yours again.',
      changes,
    );
  }
}

/** The current plan of a person (or an empty one, version 0, before anything is written). */
async function currentPlan(tx: Tx, personId: string, opts: { lock?: boolean } = {}) {
  const plan = await repo.findSupportPlan(tx, personId, opts);
  const current =
    plan && plan.current_version > 0 ? await repo.findVersion(tx, plan.id, plan.current_version) : undefined;
  return { plan: plan ?? null, current: current ?? null, content: current?.content ?? emptyPlan() };
}

/**
 * Support plans: one transaction per call as the application role, the person's visibility checked
 * first (a restricted or unknown person is "not found"), and the audit entry written in the same
 * transaction.
 */
export class SupportPlanService {
  constructor(private readonly db: Kysely<DB>) {}

  private run<T>(
    ctx: RequestContext,
    personId: string,
    work: (tx: Tx, person: PersonRow) => Promise<{ result: T; action: string; resourceId?: string }>,
  ): Promise<T> {
    return onVisibleRecord(this.db, ctx, personId, async (tx, person) => {
      const { result, action, resourceId } = await work(tx, person);
      return { result, audit: { action, resourceType: 'support_plan', resourceId: resourceId ?? null } };
    });
  }

  /** The whole plan (its page and its printable page): the current version, its history, the contingency plan. */
  async getPlan(ctx: RequestContext, personId: string, action = 'support-plan.view') {
    return this.run(ctx, personId, async (tx, person) => {
      const { plan, current, content } = await currentPlan(tx, personId);
      const [versions, contingency, budget, approval, holdingFees] = await Promise.all([
        plan ? repo.listVersions(tx, plan.id) : Promise.resolve([]),
        findContingencyPlan(tx, personId),
        findCurrentBudget(tx, personId),
        plan?.status === 'approved' ? repo.latestApproval(tx, plan.id) : Promise.resolve(undefined),
        holdingFeesFor(tx, personId, todayInLondon().toString()),
      ]);
      return {
        result: {
          person,
          plan,
          current,
          content,
          versions,
          hasContingencyPlan: contingency !== undefined,
          budget: planBudget(budget),
          approval: approval ?? null,
          holdingFees,
        },
        action,
        resourceId: plan?.id,
      };
    });
  }

  /**
   * What a form needs: the person and the plan as it is now, and directory services found by name.
   * `shows` says whether the plan has the part the form changes: if not, nothing is shown or audited.
   */
  async getForm(ctx: RequestContext, personId: string, shows: (content: PlanContent) => boolean, find?: string) {
    return this.run(ctx, personId, async (tx, person) => {
      const { plan, content } = await currentPlan(tx, personId);
      if (!shows(content)) throw new NotFoundError();
      const found = find ? await findPublishedServicesByName(tx, find) : null;
      return {
        result: { person, version: plan?.current_version ?? 0, content, found },
        action: 'support-plan.view',
        resourceId: plan?.id,
      };
    });
  }

  async getVersion(ctx: RequestContext, personId: string, version: number) {
    return this.run(ctx, personId, async (tx, person) => {
      const plan = await repo.findSupportPlan(tx, personId);
      const found = plan ? await repo.findVersion(tx, plan.id, version) : undefined;
      if (!plan || !found) throw new NotFoundError();
      const previous = version > 1 ? await repo.findVersion(tx, plan.id, version - 1) : undefined;
      return {
        result: { person, plan, version: found, previous: previous?.content ?? emptyPlan() },
        action: 'support-plan.view-version',
        resourceId: plan.id,
      };
    });
  }

  /**
   * Save one edit as a new version. If someone else saved a version after `openedVersion`, the edit is
   * refused only when they changed the same part; otherwise it is made on top of theirs, so neither is lost.
   */
  async save(
    ctx: RequestContext,
    personId: string,
    openedVersion: number,
    edit: PlanEdit,
    opts: { existingPart?: boolean } = {},
  ): Promise<number> {
    return this.run(ctx, personId, async (tx) => {
      const existing = await repo.findSupportPlan(tx, personId, { lock: true });
      const plan = existing ?? (await repo.insertPlan(tx, ctx.actor, ctx.actor.orgId, personId));
      const { content: saved } = await currentPlan(tx, personId);
      const key = partKey(edit);
      const opened =
        plan.current_version === openedVersion
          ? saved
          : openedVersion > 0
            ? (await repo.findVersion(tx, plan.id, openedVersion))?.content
            : emptyPlan();
      // A change to a part (`/items/:itemId`) the plan never had names nothing: it must not add one.
      if (opts.existingPart && opened && !planParts(opened).has(key)) throw new NotFoundError();
      if (!opened || partText(opened, key) !== partText(saved, key))
        throw new StaleSupportPlanError(describeConflict(saved, applyEdit(saved, edit), key), plan.current_version);
      const next = applyEdit(saved, await checkedEdit(tx, personId, saved, edit));
      const version = plan.current_version + 1;
      const label = partLabel(next, key) === key ? partLabel(saved, key) : partLabel(next, key);
      await repo.insertVersion(tx, ctx.actor, plan, version, next, edit.kind === 'remove' ? `Removed ${label}` : label);
      // Any change but the agreement itself clears the agreement, so an approved plan returns to draft.
      const advanced = await repo.advancePlan(tx, ctx.actor, plan, plan.current_version, {
        version,
        agreed: Boolean(next.agreement),
      });
      if (!advanced) throw new ConflictError('Someone else changed this plan at the same moment. Open it again.');
      return { result: version, action: existing ? 'support-plan.update' : 'support-plan.create', resourceId: plan.id };
    });
  }
}

/**
 * What only the database can check: a provider is an open directory service (its name taken from
 * the directory), an outcome names support that is in the plan, and a plan agreed has something in it
 * (and a representative who agrees it has the capacity record behind them).
 */
async function checkedEdit(tx: Tx, personId: string, saved: PlanContent, edit: PlanEdit): Promise<PlanEdit> {
  if (edit.kind === 'agree' && !saved.items.length && !saved.outcomes.length && !Object.keys(saved.profile).length)
    throw new ValidationError([{ text: 'Write the plan with them before recording that it is agreed', href: '#by' }]);
  if (edit.kind === 'agree' && edit.agreement.by === 'representative') {
    const problems = representativeProblems(edit.agreement, await careDecisionAuthority(tx, personId));
    if (problems.length) throw new ValidationError(problems);
  }
  if (edit.kind === 'outcome') {
    const ids = new Set(saved.items.map((i) => i.id));
    return { ...edit, outcome: { ...edit.outcome, itemIds: edit.outcome.itemIds.filter((id) => ids.has(id)) } };
  }
  if (edit.kind !== 'item' || !edit.item.directoryServiceId) return edit;
  const [service] = await findPublishedServices(tx, [edit.item.directoryServiceId]);
  if (!service)
    throw new ValidationError([
      {
        text: 'That community directory service has been withdrawn or removed. Search for it again',
        href: '#giverName',
      },
    ]);
  return { ...edit, item: { ...edit.item, giverName: service.name } };
}
