import type { Kysely } from 'kysely';
import type { DB } from '../../platform/db/schema.js';
import { withOrg, type Tx } from '../../platform/db/scope.js';
import { writeAudit } from '../../platform/audit/audit.js';
import { ConflictError, NotFoundError, ValidationError } from '../../platform/http/errors.js';
import type { RequestContext } from '../../platform/http/context.js';
import { findVisiblePeople } from '../people/index.js';
import { indicativeBudget } from './ras.js';
import type { RasAnswers, RasVersion } from './ras-types.js';
import { parseVersionForm } from './version-forms.js';
import type { Body } from './budget-forms.js';
import * as repo from './repository.js';
import type { RasVersionRow } from './tables.js';

/** How many past budgets a draft is tested against. */
export const TEST_SIZE = 50;

export class StaleVersionError extends ConflictError {
  constructor(readonly saved: RasVersionRow) {
    super(
      saved.status === 'published'
        ? 'This version has been published since you opened it, so it can no longer change. Make a new draft from it.'
        : 'Someone else changed this draft after you opened it. Your changes have not been saved. The form shows what is saved now.',
    );
  }
}

/**
 * A past person's answers put to another version: answers to questions it no longer asks are dropped,
 * and a question it asks that they were never asked counts as its first answer (the one for needing
 * no help), so the test shows what the changed prices and points do, not what was never asked.
 */
export function answersUnder(version: RasVersion, given: RasAnswers): { answers: RasAnswers; notAsked: number } {
  const answers: Record<string, string> = {};
  let notAsked = 0;
  for (const q of version.domains.flatMap((d) => d.questions)) {
    const chosen = given.answers[q.key];
    if (chosen !== undefined && q.answers.some((a) => a.key === chosen)) answers[q.key] = chosen;
    else {
      answers[q.key] = q.answers[0]!.key;
      notAsked += 1;
    }
  }
  const reducible = new Set(version.domains.map((d) => d.key).filter((k) => k !== version.carer.domainKey));
  return { answers: { answers, networkMeetsNeed: given.networkMeetsNeed.filter((k) => reducible.has(k)) }, notAsked };
}

/** The council's RAS versions: drafts made from a published one, changed, tested and published. */
export class RasVersionService {
  constructor(private readonly db: Kysely<DB>) {}

  private tx<T>(ctx: RequestContext, work: (tx: Tx) => Promise<T>): Promise<T> {
    return withOrg(this.db, ctx.actor.orgId, work);
  }

  async list(ctx: RequestContext) {
    return this.tx(ctx, (tx) => repo.listRasVersions(tx));
  }

  async find(ctx: RequestContext, id: string) {
    return this.tx(ctx, async (tx) => {
      const row = await repo.findRasVersion(tx, id);
      if (!row) throw new NotFoundError();
      return { row, version: repo.rasVersionOf(row) };
    });
  }

  /** A new draft, a copy of a published version to change. */
  async createDraft(ctx: RequestContext, basedOnId: string): Promise<string> {
    return this.tx(ctx, async (tx) => {
      const base = await repo.findRasVersion(tx, basedOnId);
      if (!base || base.status !== 'published')
        throw new ValidationError([{ text: 'Select a published version to start from', href: '#basedOn' }]);
      const from = repo.rasVersionOf(base);
      const { id } = await repo.insertDraft(tx, ctx.actor, { ...from, label: `${from.label} (draft)` }, base.id);
      await writeAudit(tx, ctx, [{ action: 'ras-version.create', resourceType: 'ras_version', resourceId: id }]);
      return id;
    });
  }

  /** Save the form's changes to a draft, only at the version it was opened on. */
  async saveDraft(ctx: RequestContext, id: string, opened: number, body: Body): Promise<void> {
    return this.tx(ctx, async (tx) => {
      const row = await this.openDraft(tx, id, opened);
      const parsed = parseVersionForm(repo.rasVersionOf(row), body);
      if (!parsed.ok) throw new ValidationError(parsed.errors);
      if (!(await repo.updateDraft(tx, ctx.actor, id, opened, parsed.value))) throw new StaleVersionError(row);
      await writeAudit(tx, ctx, [{ action: 'ras-version.update', resourceType: 'ras_version', resourceId: id }]);
    });
  }

  /** Publish a draft: from now it is fixed for ever (the database refuses any change to it). */
  async publish(ctx: RequestContext, id: string, opened: number): Promise<void> {
    return this.tx(ctx, async (tx) => {
      await this.openDraft(tx, id, opened);
      if (!(await repo.publishDraft(tx, ctx.actor, id, opened)))
        throw new StaleVersionError((await repo.findRasVersion(tx, id))!);
      await writeAudit(tx, ctx, [{ action: 'ras-version.publish', resourceType: 'ras_version', resourceId: id }]);
    });
  }

  /**
   * "What would this version give these 50 people?": the most recent costed budgets, their answers
   * worked out again under `id` beside what they got. Pure arithmetic: nothing is saved but the audit
   * entry naming everyone shown.
   */
  async test(ctx: RequestContext, id: string) {
    return this.tx(ctx, async (tx) => {
      const row = await repo.findRasVersion(tx, id);
      if (!row) throw new NotFoundError();
      const version = repo.rasVersionOf(row);
      const past = await repo.recentAllocations(tx, TEST_SIZE);
      const visible = await findVisiblePeople(
        tx,
        ctx.actor,
        past.map((p) => p.person_id),
      );
      const rows = past
        .filter((p) => visible.has(p.person_id))
        .map((p) => {
          const { answers, notAsked } = answersUnder(version, p.answers as RasAnswers);
          const before = Number(p.indicative_weekly_pence);
          const after = indicativeBudget(version, answers).weeklyPence;
          return {
            person: visible.get(p.person_id)!,
            calculatedOn: p.calculated_on,
            versionLabel: p.label,
            before,
            after,
            notAsked,
          };
        });
      if (rows.length)
        await writeAudit(tx, ctx, [
          {
            action: 'ras.test',
            resourceType: 'ras_version',
            resourceId: id,
            personIds: [...new Set(rows.map((r) => r.person.id))],
          },
        ]);
      return { row, version, rows };
    });
  }

  private async openDraft(tx: Tx, id: string, opened: number): Promise<RasVersionRow> {
    const row = await repo.findRasVersion(tx, id, { lock: true });
    if (!row) throw new NotFoundError();
    if (row.status !== 'draft' || row.version !== opened) throw new StaleVersionError(row);
    return row;
  }
}
