import type { Kysely } from 'kysely';
import type { DB } from '../../platform/db/schema.js';
import { withOrg } from '../../platform/db/scope.js';
import { writeAudit } from '../../platform/audit/audit.js';
import { NotFoundError, ValidationError } from '../../platform/http/errors.js';
import * as repo from './repository.js';
import { findVisibleByIdentifier } from './network-repository.js';
import type { RelationshipInput } from './schema.js';
import type { RequestContext } from '../../platform/http/context.js';

/** Linking two person records, with the other person found by an identifier, in one transaction. */
export class NetworkService {
  constructor(private readonly db: Kysely<DB>) {}

  async addLinkedRelationship(
    ctx: RequestContext,
    personId: string,
    identifier: string,
    input: Omit<RelationshipInput, 'relatedPersonId'>,
  ) {
    return withOrg(this.db, ctx.actor.orgId, async (tx) => {
      if (!(await repo.findVisiblePerson(tx, ctx.actor, personId))) throw new NotFoundError();
      const other = await findVisibleByIdentifier(tx, ctx.actor, identifier);
      if (!other) {
        throw new ValidationError([
          {
            text: 'No one with that council person ID or NHS number was found. Check it, or add them as someone not on the system',
            href: '#relatedIdentifier',
          },
        ]);
      }
      if (other.id === personId)
        throw new ValidationError([
          {
            text: 'Enter someone else’s council person ID or NHS number, not this person’s',
            href: '#relatedIdentifier',
          },
        ]);
      const row = await repo.insertRelationship(tx, ctx.actor, personId, {
        ...input,
        relatedPersonId: other.id,
        contactName: null,
        contactPhone: null,
        contactEmail: null,
      });
      await writeAudit(tx, ctx, [
        { action: 'relationship.create', resourceType: 'relationship', resourceId: row.id, personId },
        { action: 'relationship.create', resourceType: 'relationship', resourceId: row.id, personId: other.id },
      ]);
      return { row, other };
    });
  }
}
