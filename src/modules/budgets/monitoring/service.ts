import type { Kysely } from 'kysely';
import type { DB } from '../../../platform/db/schema.js';
import { withOrg, type Tx } from '../../../platform/db/scope.js';
import { writeAudit } from '../../../platform/audit/audit.js';
import { actorId } from '../../../platform/access/roles.js';
import { NotFoundError } from '../../../platform/http/errors.js';
import type { RequestContext } from '../../../platform/http/context.js';
import { todayInLondon } from '../../../platform/dates.js';
import { findVisiblePeople, onVisibleRecord, type PersonRow } from '../../people/index.js';
import type { BudgetPartRow } from '../tables.js';
import { recordConversation, recordOutcome, type Outcome } from './cases.js';
import { checkAllParts } from './checks.js';
import { importStatement } from './import.js';
import * as repo from './repository.js';
import { balanceFigures, isMonitored } from './rules.js';
import { addSavedHours, type SavedHoursEntry } from './saved-hours.js';
import { setCategory } from './categories.js';

interface Scope {
  tx: Tx;
  person: PersonRow;
  part: BudgetPartRow;
  by: string | null;
  today: string;
}

/**
 * Monitoring a person's budget part: one transaction per call as the application role, the person's
 * visibility checked first and the part checked to be theirs (otherwise 404), and the audit entry
 * written in the same transaction. `today` is injectable so tests can fix the day.
 */
export class MonitoringService {
  constructor(
    private readonly db: Kysely<DB>,
    private readonly today: () => string = () => todayInLondon().toString(),
  ) {}

  private run<T>(
    ctx: RequestContext,
    ids: { personId: string; partId: string; monitoredOnly?: boolean; lock?: boolean },
    action: string,
    work: (scope: Scope) => Promise<T>,
  ): Promise<T> {
    return onVisibleRecord(this.db, ctx, ids.personId, async (tx, person) => {
      const part = await repo.findPersonPart(tx, ids.personId, ids.partId, { lock: ids.lock ?? false });
      if (!part || (ids.monitoredOnly && !isMonitored(part.route))) throw new NotFoundError();
      const result = await work({ tx, person, part, by: actorId(ctx.actor), today: this.today() });
      return { result, audit: { action, resourceType: 'budget_part', resourceId: part.id } };
    });
  }

  /** The monitoring page: actual against expected balance, cases, statement lines and recent imports. */
  getMonitoring(ctx: RequestContext, personId: string, partId: string, action = 'budget-monitoring.view') {
    return this.run(ctx, { personId, partId, monitoredOnly: true }, action, async (s) => {
      const [movements, transactions, cases, imports, surplusWeeks] = await Promise.all([
        repo.accountMovements(s.tx, s.part.account_id),
        repo.listTransactions(s.tx, s.part.id),
        repo.listCases(s.tx, s.part.id),
        repo.listImports(s.tx, s.part.id),
        repo.surplusWeeks(s.tx),
      ]);
      const figures = balanceFigures(
        { weeklyPence: Number(s.part.weekly_pence ?? 0), startsOn: s.part.starts_on, endsOn: s.part.ends_on },
        movements,
        s.today,
      );
      return { person: s.person, part: s.part, figures, transactions, cases, imports, surplusWeeks };
    });
  }

  importStatement(ctx: RequestContext, personId: string, partId: string, text: string) {
    const ids = { personId, partId, monitoredOnly: true, lock: true };
    return this.run(ctx, ids, 'budget-statement.import', async (s) => ({
      person: s.person,
      part: s.part,
      report: await importStatement(s.tx, s.part, text, s.today, s.by),
    }));
  }

  getTransaction(ctx: RequestContext, personId: string, partId: string, transactionId: string) {
    return this.run(ctx, { personId, partId, monitoredOnly: true }, 'budget-transaction.view', async (s) => {
      const transaction = await repo.findTransaction(s.tx, s.part.id, transactionId);
      if (!transaction) throw new NotFoundError();
      return { person: s.person, part: s.part, transaction };
    });
  }

  /** `allowed`: the plan's item names (read through the planning module) and 'Not in the plan'. */
  categorise(
    ctx: RequestContext,
    ids: { personId: string; partId: string; transactionId: string },
    input: { version: number; category: string; allowed: readonly string[] },
  ) {
    return this.run(ctx, { ...ids, monitoredOnly: true }, 'budget-transaction.categorise', (s) =>
      setCategory(s.tx, s.part.id, ids.transactionId, input, s.by),
    );
  }

  getCase(ctx: RequestContext, personId: string, partId: string, caseId: string) {
    return this.run(ctx, { personId, partId }, 'budget-monitoring-case.view', async (s) => {
      const found = await repo.findCase(s.tx, s.part.id, caseId);
      if (!found) throw new NotFoundError();
      const movements = await repo.accountMovements(s.tx, s.part.account_id);
      return { person: s.person, part: s.part, case: found, balancePence: movements.actualPence };
    });
  }

  conversation(
    ctx: RequestContext,
    ids: { personId: string; partId: string; caseId: string },
    input: { version: number; notes: string; heldOn: string },
  ) {
    return this.run(ctx, ids, 'budget-monitoring-case.conversation', (s) =>
      recordConversation(s.tx, s.part, ids.caseId, input, s.by),
    );
  }

  outcome(
    ctx: RequestContext,
    ids: { personId: string; partId: string; caseId: string },
    input: { version: number } & Outcome,
  ) {
    return this.run(ctx, { ...ids, lock: true }, 'budget-monitoring-case.outcome', (s) =>
      recordOutcome(s.tx, s.part, ids.caseId, { ...input, today: s.today }, s.by),
    );
  }

  getSavedHours(ctx: RequestContext, personId: string, partId: string) {
    return this.run(ctx, { personId, partId }, 'budget-saved-hours.view', async (s) => ({
      person: s.person,
      part: s.part,
      entries: await repo.savedHours(s.tx, s.part.id),
      balanceHundredths: await repo.savedHoursBalance(s.tx, s.part.id),
    }));
  }

  addSavedHours(ctx: RequestContext, personId: string, partId: string, entry: SavedHoursEntry) {
    return this.run(ctx, { personId, partId, lock: true }, 'budget-saved-hours.add', (s) =>
      addSavedHours(s.tx, s.part.id, entry, s.by),
    );
  }

  /** Open cases across the council, for the people the viewer may see; one audit entry naming them all. */
  listOpenCases(ctx: RequestContext) {
    return withOrg(this.db, ctx.actor.orgId, async (tx) => {
      const cases = await repo.openCases(tx);
      const people = await findVisiblePeople(
        tx,
        ctx.actor,
        cases.map((c) => c.person_id),
      );
      const shown = cases
        .filter((c) => people.has(c.person_id))
        .map((c) => ({ ...c, person: people.get(c.person_id)! }));
      await writeAudit(tx, ctx, [
        { action: 'budget-monitoring.list', resourceType: 'budget_monitoring_case', personIds: [...people.keys()] },
      ]);
      return shown;
    });
  }

  /** Look at every live monitored part now: surpluses and statements overdue. Returns how many people got a new case. */
  checkAll(ctx: RequestContext) {
    return withOrg(this.db, ctx.actor.orgId, async (tx) => {
      const people = await checkAllParts(tx, this.today(), actorId(ctx.actor));
      await writeAudit(tx, ctx, [
        { action: 'budget-monitoring.check', resourceType: 'budget_monitoring_case', personIds: people },
      ]);
      return people.length;
    });
  }
}
