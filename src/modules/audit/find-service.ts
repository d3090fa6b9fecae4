import type { Kysely } from 'kysely';
import type { DB } from '../../platform/db/schema.js';
import { withOrg } from '../../platform/db/scope.js';
import { listingEntry, writeAudit } from '../../platform/audit/audit.js';
import { ForbiddenError } from '../../platform/http/errors.js';
import type { RequestContext } from '../../platform/http/context.js';
import { searchPeople } from '../people/index.js';

/**
 * The IG auditor's way to a record: a search over everyone in the council, restricted records too
 * (the auditor sees any record's audit trail, never the record). A page of results discloses each
 * person on it, so it is audited as one listing entry naming them all, as the people search is.
 */
export class AuditPersonFinder {
  constructor(private readonly db: Kysely<DB>) {}

  async search(ctx: RequestContext, q: string, page: number) {
    const actor = ctx.actor;
    if (actor.kind !== 'user') throw new ForbiddenError();
    return withOrg(this.db, actor.orgId, async (tx) => {
      const result = await searchPeople(tx, actor, q, page, 'organisation');
      await writeAudit(
        tx,
        ctx,
        listingEntry(
          'audit.person-search',
          'person',
          null,
          result.rows.map((p) => p.id),
        ),
      );
      return result;
    });
  }
}
