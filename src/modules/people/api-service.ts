import type { RequestContext } from '../../platform/http/context.js';
import type { Kysely } from 'kysely';
import type { DB } from '../../platform/db/schema.js';
import { withOrg } from '../../platform/db/scope.js';
import { writeAudit } from '../../platform/audit/audit.js';
import { NotFoundError } from '../../platform/http/errors.js';
import * as repo from './repository.js';
import { readEvents } from './record-read.js';

/**
 * Reads the JSON API needs that the pages get from PeopleService.getRecord in one go. Same rules:
 * one transaction with row-level security, visible-person check (404 otherwise), and one audit
 * entry for the person, written last so that a failed audit returns nothing.
 */
export class PeopleApiService {
  constructor(private readonly db: Kysely<DB>) {}

  /** The person's current network. Related people appear only as ids, so only the subject is audited. */
  async listRelationships(ctx: RequestContext, personId: string) {
    return withOrg(this.db, ctx.actor.orgId, async (tx) => {
      if (!(await repo.findVisiblePerson(tx, ctx.actor, personId))) throw new NotFoundError();
      const rows = await repo.listRelationships(tx, personId);
      await writeAudit(tx, ctx, [
        { action: 'person.relationships', resourceType: 'person', resourceId: personId, personId },
      ]);
      return rows;
    });
  }

  /** The person's timeline, newest first: the visibility check and the read are one statement. */
  async listEvents(ctx: RequestContext, personId: string) {
    return withOrg(this.db, ctx.actor.orgId, async (tx) => {
      const rows = await readEvents(tx, ctx.actor, personId);
      if (!rows) throw new NotFoundError();
      await writeAudit(tx, ctx, [
        { action: 'person.timeline', resourceType: 'person', resourceId: personId, personId },
      ]);
      return rows;
    });
  }

  /**
   * A refused (stale) edit tells the caller what the record now says. The update's own transaction
   * rolled back, audit included, so record that disclosure here.
   */
  async auditConflictDisclosure(ctx: RequestContext, personId: string): Promise<void> {
    await withOrg(this.db, ctx.actor.orgId, async (tx) => {
      if (!(await repo.findVisiblePerson(tx, ctx.actor, personId))) throw new NotFoundError();
      await writeAudit(tx, ctx, [
        { action: 'person.conflict-view', resourceType: 'person', resourceId: personId, personId },
      ]);
    });
  }
}
