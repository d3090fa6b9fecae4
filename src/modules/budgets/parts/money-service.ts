import type { Kysely } from 'kysely';
import { Temporal } from 'temporal-polyfill';
import type { DB } from '../../../platform/db/schema.js';
import type { Tx } from '../../../platform/db/scope.js';
import { actorId } from '../../../platform/access/roles.js';
import { ConflictError, NotFoundError, ValidationError } from '../../../platform/http/errors.js';
import type { RequestContext } from '../../../platform/http/context.js';
import { dayBefore } from '../../../platform/dates.js';
import { onVisibleRecord, type PersonRow } from '../../people/index.js';
import { findCurrentBudget } from '../../allocation/index.js';
import { refreshPlanEvents } from '../../planning/index.js';
import { directPaymentConsentStatus } from '../../capacity/index.js';
import { findActiveServicesNamed } from '../../directory/index.js';
import { openAccount, postJournal } from '../ledger.js';
import { proRataPence } from '../pro-rata.js';
import { HOLDING_ROUTES } from './holding-routes.js';
import type { Body, ContributionInput, PartInput, Parsed, SwitchInput } from './part-forms.js';
import { parseContribution, parsePart, parseSwitch } from './part-forms.js';
import { partProblems } from './part-rules.js';
import { readMoney } from './money-read.js';
import * as repo from './part-repository.js';
import { paidThrough } from './paid-through.js';
import { listPools } from '../pools/index.js';

/**
 * How far back a statement goes. The Money tab shows the last three months (what a conversation about
 * the budget needs, and a page that stays light however long the budget has run); the full statement
 * page the last twelve.
 */
export interface StatementSpan {
  months: number;
  action: 'money.view' | 'money.statement';
}
export const STATEMENT_SPANS = {
  recent: { months: 3, action: 'money.view' },
  year: { months: 12, action: 'money.statement' },
} as const satisfies Record<string, StatementSpan>;

export class StalePartError extends ConflictError {
  constructor() {
    super(
      'Someone else changed this part of the budget after you opened it. Nothing has been saved: check it and try again.',
    );
  }
}

const nameOf = (p: PersonRow) => `${p.preferred_name ?? p.given_name} ${p.family_name}`;

function valid<T>(parsed: Parsed<T>): T {
  if (!parsed.ok) throw new ValidationError(parsed.errors);
  return parsed.value;
}

/**
 * How a person's personal budget is held: its parts, each a route with a holder from a date, switched
 * from a date with no gap and no double funding; their contributions; the money on their accounts.
 * One transaction per call, person visibility first, audited in the same transaction.
 */
export class MoneyService {
  constructor(private readonly db: Kysely<DB>) {}

  private run<T>(
    ctx: RequestContext,
    personId: string,
    action: string,
    work: (tx: Tx, person: PersonRow) => Promise<{ result: T; resourceId?: string | null }>,
  ): Promise<T> {
    return onVisibleRecord(this.db, ctx, personId, async (tx, person) => {
      const { result, resourceId } = await work(tx, person);
      return { result, audit: { action, resourceType: 'budget_part', resourceId: resourceId ?? null } };
    });
  }

  /**
   * The Money page (parts, balances, contributions and the statement of the last few months) or the
   * full statement page (the last 12 months): the same read, a different span and audit action.
   */
  async getMoney(ctx: RequestContext, personId: string, today: string, span: StatementSpan = STATEMENT_SPANS.recent) {
    return this.run(ctx, personId, span.action, async (tx, person) => {
      const since = Temporal.PlainDate.from(today).subtract({ months: span.months }).toString();
      const [money, budget] = await Promise.all([readMoney(tx, personId, since), findCurrentBudget(tx, personId)]);
      return { result: { person, money, budget: budget ?? null } };
    });
  }

  /** A form's page (set up, switch, contribution): the person and where the budget stands, audited as the form. */
  async getForm(ctx: RequestContext, personId: string, action: string, today: string, partId: string | null = null) {
    return this.run(ctx, personId, action, async (tx, person) => {
      const [budget, settings, pools] = await Promise.all([
        findCurrentBudget(tx, personId),
        repo.findSettings(tx),
        listPools(tx),
      ]);
      const [committed, parts] = await Promise.all([
        repo.committedWeeklyPence(tx, personId, today),
        repo.listParts(tx, personId),
      ]);
      // A form about one part (the switch) for a part the person does not have is not found, and not audited.
      const part = partId === null ? null : parts.find((p) => p.id === partId);
      if (part === undefined) throw new NotFoundError();
      return { result: { person, budget: budget ?? null, settings, committed, part, pools } };
    });
  }

  /** Set up a part of the budget, held one way, if every rule for that way holds. */
  async setUpPart(ctx: RequestContext, personId: string, body: Body) {
    return this.run(ctx, personId, 'money.set-up-part', async (tx, person) => {
      const input = valid(parsePart(body));
      const partId = await this.addPart(tx, ctx, person, input, null, null);
      // The approved plan's CLD lines report the new way of holding from its first day.
      await refreshPlanEvents(tx, ctx.actor, personId, input.startsOn);
      return { result: partId, resourceId: partId };
    });
  }

  private async addPart(
    tx: Tx,
    ctx: RequestContext,
    person: PersonRow,
    input: PartInput,
    switched: { fromId: string; exceptId: string } | null,
    accountId: string | null,
  ): Promise<string> {
    const [budget, settings, consent, committed, service, pools] = await Promise.all([
      findCurrentBudget(tx, person.id),
      repo.findSettings(tx),
      directPaymentConsentStatus(tx, person.id, input.startsOn),
      repo.committedWeeklyPence(tx, person.id, input.startsOn, switched?.exceptId ?? null),
      input.serviceName ? findActiveServicesNamed(tx, input.serviceName, 2) : Promise.resolve([]),
      input.poolId ? listPools(tx) : Promise.resolve([]),
    ]);
    const exact = service.find((s) => s.name.toLowerCase() === input.serviceName?.toLowerCase()) ?? service[0];
    const problems = partProblems(input, {
      agreedWeeklyPence: budget?.status === 'agreed' ? budget.agreedWeeklyPence : null,
      committedWeeklyPence: committed,
      consent,
      smallPaymentLimitPence: settings.smallPaymentLimitPence,
      serviceFound: exact !== undefined,
      poolFound: pools.some((p) => p.id === input.poolId),
      personName: nameOf(person),
    });
    if (problems.length) throw new ValidationError(problems);
    const account =
      accountId ??
      (await openAccount(tx, {
        kind: 'holding',
        personId: person.id,
        label: `${HOLDING_ROUTES[input.route].label}: ${input.holder}`,
      }));
    return repo.insertPart(
      tx,
      actorId(ctx.actor),
      {
        personId: person.id,
        allocationId: budget?.status === 'agreed' ? budget.allocationId : null,
        input,
        accountId: account,
        serviceId: exact?.id ?? null,
        switchedFromId: switched?.fromId ?? null,
      },
      settings.directPaymentTermsVersion,
    );
  }

  /**
   * Switch some or all of a part's weekly amount to another route from a date (S7). The part ends the
   * day before; what stays on the old route continues as a new part on the same account; the moved
   * amount starts on the new route. Money already paid in advance for the moved share after the switch
   * moves with it, in one 'switch' journal, so nothing is funded twice.
   */
  async switchPart(ctx: RequestContext, personId: string, partId: string, opened: number, body: Body) {
    return this.run(ctx, personId, 'money.switch-part', async (tx, person) => {
      const part = await repo.findPartForUpdate(tx, personId, partId);
      if (!part) throw new NotFoundError();
      if (part.version !== opened) throw new StalePartError();
      const input = valid(parseSwitch(body));
      const weekly = Number(part.weekly_pence ?? 0);
      const errors = switchProblems(part, input, weekly);
      if (errors.length) throw new ValidationError(errors);
      if (!(await repo.endPart(tx, actorId(ctx.actor), part, dayBefore(input.from)))) throw new StalePartError();
      const remaining = weekly - input.weeklyPence;
      if (remaining > 0) await this.continuePart(tx, ctx, person, part, input.from, remaining);
      const newId = await this.addPart(
        tx,
        ctx,
        person,
        { ...input.part, weeklyPence: input.weeklyPence },
        { fromId: part.id, exceptId: part.id },
        null,
      );
      await moveAdvance(tx, ctx, part, newId, input);
      await refreshPlanEvents(tx, ctx.actor, personId, input.from);
      return { result: newId, resourceId: newId };
    });
  }

  private async continuePart(
    tx: Tx,
    ctx: RequestContext,
    person: PersonRow,
    part: repo.PartRow,
    from: string,
    weekly: number,
  ) {
    const settings = await repo.findSettings(tx);
    await repo.insertPart(
      tx,
      actorId(ctx.actor),
      {
        personId: person.id,
        allocationId: part.allocation_id,
        input: {
          route: part.route,
          holder: part.holder,
          weeklyPence: weekly,
          oneOffPence: null,
          startsOn: from,
          serviceName: null,
          feeWeeklyPence: Number(part.fee_weekly_pence),
          cardRestrictions: part.card_restrictions,
          trustees: [],
          poolId: part.pool_id,
          agreement: null,
          suitablePerson: null,
        },
        accountId: part.account_id,
        serviceId: part.service_id,
        switchedFromId: part.id,
      },
      settings.directPaymentTermsVersion,
    );
  }

  /** Record a client contribution as the financial assessment set it; the one before ends the day before. */
  async recordContribution(ctx: RequestContext, personId: string, body: Body) {
    return this.run(ctx, personId, 'money.contribution', async (tx) => {
      const input: ContributionInput = valid(parseContribution(body));
      const latest = await tx
        .selectFrom('client_contribution')
        .select('starts_on')
        .where('person_id', '=', personId)
        .orderBy('starts_on', 'desc')
        .executeTakeFirst();
      if (latest && latest.starts_on >= input.startsOn)
        throw new ValidationError([
          {
            text: `A new contribution must start after the current one, which started on ${latest.starts_on}`,
            href: '#startsOn-day',
          },
        ]);
      const account =
        (await repo.findContributionAccount(tx, personId)) ??
        (await openAccount(tx, { kind: 'contribution', personId, label: 'Client contributions' }));
      await repo.insertContribution(tx, actorId(ctx.actor), personId, input, account, dayBefore(input.startsOn));
      return { result: input };
    });
  }
}

function switchProblems(part: repo.PartRow, input: SwitchInput, weekly: number) {
  const errors: { text: string; href: string }[] = [];
  if (part.route === 'one_off') errors.push({ text: 'A one-off payment cannot be switched', href: '#route' });
  if (input.from <= part.starts_on)
    errors.push({ text: `The switch must be after the part started, on ${part.starts_on}`, href: '#from-day' });
  if (part.ends_on !== null && input.from > part.ends_on)
    errors.push({
      text: `This part ended on ${part.ends_on}: there is nothing to switch after that`,
      href: '#from-day',
    });
  if (input.weeklyPence > weekly)
    errors.push({ text: 'You cannot switch more than the part’s weekly amount', href: '#moving' });
  return errors;
}

/** Move what was paid in advance for the switched share's days after the switch to the new part's account. */
async function moveAdvance(tx: Tx, ctx: RequestContext, part: repo.PartRow, newPartId: string, input: SwitchInput) {
  const through = await paidThrough(tx, part.id);
  if (!through || through < input.from) return;
  const advance = proRataPence(input.weeklyPence, input.from, through);
  if (advance === 0) return;
  const target = await tx
    .selectFrom('budget_part')
    .select('account_id')
    .where('id', '=', newPartId)
    .executeTakeFirstOrThrow();
  await postJournal(tx, actorId(ctx.actor), {
    kind: 'switch',
    description: `Switched to ${HOLDING_ROUTES[input.part.route].label.toLowerCase()} from ${input.from}: paid in advance to ${through}`,
    effectiveOn: input.from,
    personId: part.person_id,
    idempotencyKey: `switch:${part.id}:${input.from}`,
    postings: [
      { accountId: part.account_id, amountPence: -advance },
      { accountId: target.account_id, amountPence: advance },
    ],
  });
}
