import type { Kysely } from 'kysely';
import type { DB } from '../../../platform/db/schema.js';
import { withOrg, type Tx } from '../../../platform/db/scope.js';
import { writeAudit, type AuditEntry } from '../../../platform/audit/audit.js';
import { actorId, type Actor } from '../../../platform/access/roles.js';
import { NotFoundError, ValidationError } from '../../../platform/http/errors.js';
import type { RequestContext } from '../../../platform/http/context.js';
import { formatPounds } from '../../../platform/money.js';
import { findVisiblePeople, findVisiblePerson } from '../../people/index.js';
import { findServiceIdsOwnedBy, findServiceNames } from '../../directory/index.js';
import { councilAccount, postJournal } from '../ledger.js';
import { alreadyPosted } from '../already-posted.js';
import { partPenceInPeriod } from '../pro-rata.js';
import * as repo from './repository.js';
import { parseDelivery, type Body } from './forms.js';

/**
 * Individual service funds (S3). The council's staff see every ISF; a provider's user sees only the
 * ISFs lodged with services they own in the directory, and another provider's ISF is "not found".
 * A provider's user reaches the person only through the ISF: these pages show the name and the fund,
 * nothing else of the record. Every view is audited against the person.
 */
export class IsfService {
  constructor(private readonly db: Kysely<DB>) {}

  private run<T>(ctx: RequestContext, work: (tx: Tx) => Promise<{ result: T; audit: AuditEntry }>): Promise<T> {
    return withOrg(this.db, ctx.actor.orgId, async (tx) => {
      const { result, audit } = await work(tx);
      await writeAudit(tx, ctx, [audit]);
      return result;
    });
  }

  /** The services whose ISFs the actor may see: a provider's own, or every one (null) for the council. */
  private async lodgedWith(tx: Tx, actor: Actor): Promise<string[] | null> {
    if (actor.kind !== 'user') return [];
    return actor.role === 'provider_user' ? findServiceIdsOwnedBy(tx, actor.userId) : null;
  }

  /** The ISF, if the actor may see it and its person; otherwise "not found". */
  private async isf(tx: Tx, actor: Actor, partId: string, opts: { lock?: boolean } = {}) {
    const [part, allowed] = await Promise.all([repo.findIsfPart(tx, partId, opts), this.lodgedWith(tx, actor)]);
    if (!part || (allowed !== null && (part.service_id === null || !allowed.includes(part.service_id))))
      throw new NotFoundError();
    const person = await findVisiblePerson(tx, actor, part.person_id);
    if (!person) throw new NotFoundError();
    return { part, person };
  }

  async list(ctx: RequestContext) {
    return this.run(ctx, async (tx) => {
      const parts = await repo.listIsfParts(tx, await this.lodgedWith(tx, ctx.actor));
      const people = await findVisiblePeople(
        tx,
        ctx.actor,
        parts.map((p) => p.person_id),
      );
      const shown = parts.filter((p) => people.has(p.person_id));
      const [summaries, services] = await Promise.all([
        repo.summarise(tx, shown),
        findServiceNames(
          tx,
          shown.map((p) => p.service_id),
        ),
      ]);
      const result = summaries.map((s) => ({
        ...s,
        name: people.get(s.part.person_id)!.name,
        service: s.part.service_id ? (services.get(s.part.service_id)?.name ?? s.part.holder) : s.part.holder,
      }));
      const personIds = shown.map((p) => p.person_id);
      return { result, audit: { action: 'isf.list', resourceType: 'budget_part', personIds } };
    });
  }

  /** One ISF: the fund against its plan (what the weekly amount has funded to date), spending and deliveries. */
  async get(ctx: RequestContext, partId: string, today: string, action = 'isf.view') {
    return this.run(ctx, async (tx) => {
      const { part, person } = await this.isf(tx, ctx.actor, partId);
      const [[summary], deliveries, services] = await Promise.all([
        repo.summarise(tx, [part]),
        repo.listDeliveries(tx, part.id),
        findServiceNames(tx, [part.service_id]),
      ]);
      const fundedToDatePence = partPenceInPeriod(
        { weeklyPence: part.weekly_pence, startsOn: part.starts_on, endsOn: part.ends_on },
        part.starts_on,
        today,
      );
      const result = {
        ...summary!,
        person,
        service: part.service_id ? (services.get(part.service_id)?.name ?? part.holder) : part.holder,
        deliveries,
        fundedToDatePence,
      };
      return { result, audit: { action, resourceType: 'budget_part', resourceId: part.id, personId: part.person_id } };
    });
  }

  /** Record what was delivered and spend it: the ISF's holding account → spending, never beyond its balance. */
  async recordDelivery(ctx: RequestContext, partId: string, body: Body, today: string) {
    return this.run(ctx, async (tx) => {
      const { part } = await this.isf(tx, ctx.actor, partId, { lock: true });
      const input = parseDelivery(body, today);
      const key = `isf-delivery:${input.submission}`;
      const audit = { action: 'isf.delivery', resourceType: 'budget_isf_delivery', personId: part.person_id };
      if (await alreadyPosted(tx, key)) return { result: input.costPence, audit };
      const [summary] = await repo.summarise(tx, [part]);
      if (input.costPence > summary!.balancePence)
        throw new ValidationError([
          { text: `The fund holds ${formatPounds(summary!.balancePence)}, less than this cost`, href: '#cost' },
        ]);
      const journal = await postJournal(tx, actorId(ctx.actor), {
        kind: 'spend',
        description: `ISF: ${input.what}`.slice(0, 500),
        effectiveOn: input.deliveredOn,
        personId: part.person_id,
        idempotencyKey: key,
        postings: [
          { accountId: part.account_id, amountPence: -input.costPence },
          { accountId: await councilAccount(tx, 'spending'), amountPence: input.costPence },
        ],
      });
      // The same form sent again finds its journal already posted: nothing more is spent or recorded.
      const id = journal.created
        ? await repo.insertDelivery(tx, actorId(ctx.actor), { ...input, partId, journalId: journal.id })
        : null;
      return { result: input.costPence, audit: { ...audit, resourceId: id } };
    });
  }
}
