import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DB } from '../../platform/db/schema.js';
import type { PersonRow } from '../people/index.js';
import { withOrg, type Tx } from '../../platform/db/scope.js';
import type { AuditEntry } from '../../platform/audit/audit.js';
import { ConflictError, NotFoundError, ValidationError } from '../../platform/http/errors.js';
import { findVisiblePerson, onVisibleRecord, listNetworkChoices } from '../people/index.js';
import { ContactResolver, planNetwork, withCurrentNumbers, type Network } from './plan-contacts.js';
import * as repo from './repository.js';
import { describePlanChanges } from './changes.js';
import { handOver, type ActivationSnapshot } from './handoff.js';
import type { ActivationInput, PlanContent, PlanInput, Situation } from './schema.js';
import { findPublishedServices } from '../directory/index.js';
import type { RequestContext } from '../../platform/http/context.js';

/** Refused stale edit: carries the plan as saved now, so the form can show it beside the changes. */
export class StalePlanError extends ConflictError {
  constructor(
    changes: ReturnType<typeof describePlanChanges>,
    readonly saved: PlanContent,
    readonly savedVersion: number,
  ) {
    super(
      'Someone else changed this plan after you opened it. Your changes have not been saved. Check their changes below, then make yours again.',
      changes,
    );
  }
}

/**
 * Contingency plans: one transaction per call as the application role, the person's visibility
 * checked first (a restricted or unknown person is "not found"), and the audit entry written last.
 */
export class ContingencyPlanService {
  constructor(private readonly db: Kysely<DB>) {}

  private run<T>(
    ctx: RequestContext,
    personId: string,
    work: (
      tx: Tx,
      person: PersonRow,
    ) => Promise<{ result: T; action: string; resourceId?: string; networkChanges?: AuditEntry[] }>,
  ): Promise<T> {
    return onVisibleRecord(this.db, ctx, personId, async (tx, person) => {
      const { result, action, resourceId, networkChanges } = await work(tx, person);
      const audit = { action, resourceType: 'contingency_plan', resourceId: resourceId ?? null };
      return { result, audit, alsoAudit: networkChanges };
    });
  }

  /** The plan page: the current version, its history and any activations (or none of these yet). */
  async getPlanPage(ctx: RequestContext, personId: string) {
    return this.run(ctx, personId, async (tx, person) => {
      const plan = await repo.findPlan(tx, personId);
      const current = plan ? await repo.findVersion(tx, plan.id, plan.current_version) : undefined;
      const [versions, activations] = plan
        ? await Promise.all([repo.listVersions(tx, plan.id), repo.listActivations(tx, personId)])
        : [[], []];
      const shown = current ? asShown(current, await planNetwork(tx, personId)) : null;
      return {
        result: { person, plan: plan ?? null, current: shown, versions, activations },
        action: 'contingency-plan.view',
        resourceId: plan?.id,
      };
    });
  }

  /** What the new and edit forms need: the person, their network to choose from, and the current version. */
  async getForm(ctx: RequestContext, personId: string) {
    return this.run(ctx, personId, async (tx, person) => {
      const plan = await repo.findPlan(tx, personId);
      const current = plan ? await repo.findVersion(tx, plan.id, plan.current_version) : undefined;
      const network = (await listNetworkChoices(tx, personId)).filter((r) => !r.restricted);
      return {
        result: { person, plan: plan ?? null, current: current ?? null, network },
        action: 'contingency-plan.view',
        resourceId: plan?.id,
      };
    });
  }

  /** Whether the person has a plan yet; nothing of the person is shown, so nothing is audited. */
  async hasPlan(ctx: RequestContext, personId: string): Promise<boolean> {
    return withOrg(this.db, ctx.actor.orgId, async (tx) => {
      if (!(await findVisiblePerson(tx, ctx.actor, personId))) throw new NotFoundError();
      return (await repo.findPlan(tx, personId)) !== undefined;
    });
  }

  async create(ctx: RequestContext, personId: string, input: PlanInput): Promise<void> {
    return this.run(ctx, personId, async (tx) => {
      if (await repo.findPlan(tx, personId)) {
        throw new ConflictError(
          'This person already has a contingency plan. Change that plan instead of agreeing a new one.',
        );
      }
      const { content, networkChanges } = await resolveContent(tx, ctx, personId, input);
      const plan = await repo.insertPlan(tx, ctx.actor, ctx.actor.orgId, personId);
      await repo.insertVersion(tx, ctx.actor, plan, 1, content);
      return { result: undefined, action: 'contingency-plan.create', resourceId: plan.id, networkChanges };
    });
  }

  /** Save a new version, only if nobody else has saved one since `openedVersion`. */
  async update(ctx: RequestContext, personId: string, openedVersion: number, input: PlanInput): Promise<number> {
    return this.run(ctx, personId, async (tx) => {
      const plan = await repo.findPlan(tx, personId, { lock: true });
      if (!plan) throw new NotFoundError();
      const { content, networkChanges } = await resolveContent(tx, ctx, personId, input);
      if (plan.current_version !== openedVersion) {
        const [opened, saved] = await Promise.all([
          repo.findVersion(tx, plan.id, openedVersion),
          repo.findVersion(tx, plan.id, plan.current_version),
        ]);
        if (!saved) throw new NotFoundError();
        throw new StalePlanError(
          describePlanChanges(opened?.content ?? saved.content, saved.content, content),
          saved.content,
          saved.version,
        );
      }
      const next = plan.current_version + 1;
      await repo.insertVersion(tx, ctx.actor, plan, next, content);
      if (!(await repo.advancePlan(tx, ctx.actor, plan.id, openedVersion, next)))
        throw new ConflictError('Someone else changed this plan at the same moment. Open it again.');
      return { result: next, action: 'contingency-plan.update', resourceId: plan.id, networkChanges };
    });
  }

  async getVersion(ctx: RequestContext, personId: string, version: number) {
    return this.run(ctx, personId, async (tx, person) => {
      const plan = await repo.findPlan(tx, personId);
      const found = plan ? await repo.findVersion(tx, plan.id, version) : undefined;
      if (!plan || !found) throw new NotFoundError();
      const previous = version > 1 ? await repo.findVersion(tx, plan.id, version - 1) : undefined;
      return {
        result: { person, plan, version: asShown(found, await planNetwork(tx, personId)), previous: previous ?? null },
        action: 'contingency-plan.view-version',
        resourceId: plan.id,
      };
    });
  }

  /** Put the plan into action for one of its situations, and hand over to the crisis workspace. */
  async activate(ctx: RequestContext, personId: string, input: ActivationInput) {
    return this.run(ctx, personId, async (tx, person) => {
      const plan = await repo.findPlan(tx, personId, { lock: true });
      const current = plan ? await repo.findVersion(tx, plan.id, plan.current_version) : undefined;
      if (!plan || !current)
        throw new ValidationError([
          { text: 'There is no contingency plan to activate. Agree one first', href: '#situationKey' },
        ]);
      const situation = current.content.situations.find((s) => s.key === input.situationKey);
      if (!situation) throw new ValidationError([{ text: 'Select what has happened', href: '#situationKey' }]);
      // The snapshot keeps the numbers the network held at this moment: it records what was true then.
      const snapshot = activationSnapshot(person, asShown(current, await planNetwork(tx, personId)), situation);
      const row = await repo.insertActivation(tx, ctx.actor, plan, {
        planVersion: current.version,
        situationKey: situation.key,
        situation: situation.situation,
        note: input.note,
        snapshot,
      });
      const episode = await handOver({
        tx,
        actor: ctx.actor,
        activation: {
          id: row.id,
          orgId: row.org_id,
          personId,
          planId: plan.id,
          planVersion: current.version,
          situationKey: situation.key,
          note: input.note,
          activatedAt: row.activated_at,
          activatedBy: row.activated_by,
          snapshot,
        },
      });
      if (episode) await repo.markEpisodeOpened(tx, row.id, episode);
      return { result: { id: row.id, episode }, action: 'contingency-plan.activate', resourceId: row.id };
    });
  }

  async getActivation(ctx: RequestContext, personId: string, activationId: string) {
    return this.run(ctx, personId, async (tx, person) => {
      const activation = await repo.findActivation(tx, personId, activationId);
      if (!activation) throw new NotFoundError();
      return { result: { person, activation }, action: 'contingency-plan.view-activation', resourceId: activation.id };
    });
  }
}

/** What the plan said when it was put into action, kept with the activation so later changes never rewrite it. */
function activationSnapshot(person: PersonRow, version: repo.PlanVersion, situation: Situation): ActivationSnapshot {
  const {
    situations,
    agreedWithPerson,
    agreedWithOthers,
    agreedOn,
    wants,
    doesNotWant,
    increasesDistress,
    reducesDistress,
    helpers,
    callList,
    support,
  } = version.content;
  return {
    person: { id: person.id, name: `${person.given_name} ${person.family_name}` },
    planVersion: version.version,
    situation,
    otherSituations: situations.filter((s) => s.key !== situation.key),
    wants,
    doesNotWant,
    increasesDistress,
    reducesDistress,
    helpers,
    callList,
    support,
    agreedWithPerson,
    agreedWithOthers,
    agreedOn,
  };
}

/** A saved version as the pages show it: its contacts' names and numbers as the network holds them now. */
function asShown(version: repo.PlanVersion, network: Network): repo.PlanVersion {
  return { ...version, content: withCurrentNumbers(version.content, network) };
}

/**
 * The form's answers as stored: new situations get a lasting key (activation names a situation by
 * it), contacts become members of the person's network (added to it when they are not yet, their
 * number kept there), and a directory service must exist and not be withdrawn.
 */
async function resolveContent(
  tx: Tx,
  ctx: RequestContext,
  personId: string,
  input: PlanInput,
): Promise<{ content: PlanContent; networkChanges: AuditEntry[] }> {
  const contacts = new ContactResolver(tx, ctx.actor, personId, await planNetwork(tx, personId));
  const { helpers, callList } = await contacts.resolve(input);
  const serviceIds = input.support.flatMap((s) => (s.directoryServiceId ? [s.directoryServiceId] : []));
  const services = new Map((await findPublishedServices(tx, serviceIds)).map((s) => [s.id, s.name]));
  const errors = contacts.errors;
  const support = input.support.map((s, i) => {
    if (s.directoryServiceId && !services.has(s.directoryServiceId)) {
      errors.push({
        text: 'No open community directory service has that address. Check it, or leave it blank',
        href: `#support-${i}-directoryServiceId`,
      });
    }
    return {
      what: s.what ?? '',
      providedBy: s.providedBy,
      directoryServiceId: s.directoryServiceId,
      directoryServiceName: s.directoryServiceId ? (services.get(s.directoryServiceId) ?? null) : null,
    };
  });
  if (errors.length) throw new ValidationError(errors);
  const content: PlanContent = {
    situations: input.situations.map((s) => ({
      key: s.key ?? randomUUID(),
      situation: s.situation ?? '',
      whatShouldHappen: s.whatShouldHappen ?? '',
    })),
    wants: input.wants,
    doesNotWant: input.doesNotWant,
    increasesDistress: input.increasesDistress,
    reducesDistress: input.reducesDistress,
    helpers,
    callList,
    support,
    agreedWithPerson: input.agreedWithPerson,
    agreedWithOthers: input.agreedWithOthers,
    agreedOn: input.agreedOn,
    reviewDate: input.reviewDate,
  };
  return { content, networkChanges: contacts.audit };
}
