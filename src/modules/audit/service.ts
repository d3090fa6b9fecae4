import type { Kysely } from 'kysely';
import type { DB } from '../../platform/db/schema.js';
import { withOrg } from '../../platform/db/scope.js';
import { writeAudit } from '../../platform/audit/audit.js';
import { ForbiddenError, NotFoundError } from '../../platform/http/errors.js';
import { findPersonInOrg, findVisiblePerson } from '../people/index.js';
import * as repo from './repository.js';
import type { RequestContext } from '../../platform/http/context.js';

/**
 * Oversight of who saw what: "who has looked at this record" and the break-glass register. Looking
 * at the audit log about a person is itself a disclosure of that person, so it is audited too.
 */
export class AuditPagesService {
  constructor(private readonly db: Kysely<DB>) {}

  /**
   * The auditor sees any record in the organisation, restricted or not: that is their job, and they
   * cannot open the record itself. A team manager sees only records they may open.
   */
  async whoViewed(ctx: RequestContext, personId: string, page: number) {
    const actor = ctx.actor;
    if (actor.kind !== 'user') throw new ForbiddenError();
    return withOrg(this.db, actor.orgId, async (tx) => {
      const person =
        actor.role === 'ig_auditor'
          ? await findPersonInOrg(tx, actor, personId)
          : await findVisiblePerson(tx, actor, personId);
      if (!person) throw new NotFoundError();
      const result = await repo.listPersonAudit(tx, actor.orgId, personId, page);
      await writeAudit(tx, ctx, [
        { action: 'audit.who-viewed', resourceType: 'person', resourceId: personId, personId },
      ]);
      return { person, ...result };
    });
  }

  async breakGlassRegister(ctx: RequestContext, page: number) {
    return withOrg(this.db, ctx.actor.orgId, async (tx) => {
      const [list, unreviewed] = await Promise.all([
        repo.listBreakGlass(tx, ctx.actor.orgId, page),
        repo.countUnreviewedBreakGlass(tx, ctx.actor.orgId),
      ]);
      // The register names people: one entry per person shown.
      const personIds = [...new Set(list.rows.map((r) => r.person_id))];
      await writeAudit(
        tx,
        ctx,
        personIds.map((id) => ({
          action: 'break-glass.register',
          resourceType: 'person',
          resourceId: id,
          personId: id,
        })),
      );
      return { ...list, unreviewed };
    });
  }

  /** Returns false when it had already been reviewed (by anyone): a review is recorded once. */
  async review(ctx: RequestContext, breakGlassId: string): Promise<boolean> {
    const actor = ctx.actor;
    if (actor.kind !== 'user') throw new ForbiddenError();
    return withOrg(this.db, actor.orgId, async (tx) => {
      const updated = await repo.markBreakGlassReviewed(tx, actor.orgId, breakGlassId, actor.userId);
      if (!updated) {
        if (!(await repo.findBreakGlass(tx, actor.orgId, breakGlassId))) throw new NotFoundError();
        return false;
      }
      await writeAudit(tx, ctx, [
        {
          action: 'break-glass.review',
          resourceType: 'break_glass',
          resourceId: breakGlassId,
          personId: updated.person_id,
        },
      ]);
      return true;
    });
  }
}
