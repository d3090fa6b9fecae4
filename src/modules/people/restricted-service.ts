import type { RequestContext } from '../../platform/http/context.js';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { DB } from '../../platform/db/schema.js';
import { withOrg } from '../../platform/db/scope.js';
import { writeAudit, type AuditEntry } from '../../platform/audit/audit.js';
import type { Actor, UserActor } from '../../platform/access/roles.js';
import { ForbiddenError, NotFoundError, ValidationError } from '../../platform/http/errors.js';
import * as repo from './repository.js';
import { onVisibleRecord } from './on-record.js';
import * as restricted from './restricted-repository.js';
import { idField } from '../../platform/http/ids.js';

const asArray = (v: unknown) => (v === undefined || v === null || v === '' ? [] : Array.isArray(v) ? v : [v]);

export const restrictionSchema = z.object({
  restricted: z.enum(['yes', 'no'], { error: 'Select whether only named staff can see this record' }),
  namedStaff: z.preprocess(asArray, z.array(idField('Select staff from the list')).max(1000)),
});
export type RestrictionInput = z.output<typeof restrictionSchema>;

function userActor(actor: Actor): UserActor {
  // Restriction and break glass need a named person to hold accountable; partner tokens have none.
  if (actor.kind !== 'user') throw new ForbiddenError();
  return actor;
}

/**
 * Restricted records: a team manager names who may see one; anyone else in the organisation who
 * needs it in an emergency can "break glass" with a typed reason, for one hour, audited and flagged
 * to the information-governance auditor.
 */
export class RestrictedService {
  constructor(private readonly db: Kysely<DB>) {}

  /** The restriction page: the record (which the manager must be able to see), who is named, who could be. */
  async getRestriction(ctx: RequestContext, personId: string) {
    return onVisibleRecord(this.db, ctx, personId, async (tx, person) => {
      const [named, staff] = await Promise.all([
        restricted.listNamedStaff(tx, personId),
        restricted.listNameableStaff(tx, ctx.actor.orgId),
      ]);
      return {
        result: { person, named, staff },
        audit: { action: 'person.view', resourceType: 'person', resourceId: personId, reason: 'restriction page' },
      };
    });
  }

  async setRestriction(ctx: RequestContext, personId: string, input: RestrictionInput) {
    const actor = userActor(ctx.actor);
    return withOrg(this.db, actor.orgId, async (tx) => {
      const person = await repo.findVisiblePerson(tx, actor, personId);
      if (!person) throw new NotFoundError();
      const makeRestricted = input.restricted === 'yes';
      let wanted: string[] = [];
      if (makeRestricted) {
        const valid = await restricted.filterNameable(tx, actor.orgId, input.namedStaff);
        if (valid.length !== new Set(input.namedStaff).size)
          throw new ValidationError([{ text: 'Select staff from the list', href: '#namedStaff' }]);
        // The manager who restricts the record is always named, so it never becomes invisible to everyone.
        wanted = [...new Set([...valid, actor.userId])];
      }
      await restricted.setRestricted(tx, actor, personId, makeRestricted);
      const { added, removed } = await restricted.replaceNamedStaff(tx, actor, personId, wanted);
      const entries: AuditEntry[] = [];
      if (makeRestricted !== person.restricted)
        entries.push({
          action: makeRestricted ? 'person.restrict' : 'person.unrestrict',
          resourceType: 'person',
          resourceId: personId,
          personId,
        });
      for (const id of added)
        entries.push({
          action: 'person.restricted-access.grant',
          resourceType: 'staff_user',
          resourceId: id,
          personId,
        });
      for (const id of removed)
        entries.push({
          action: 'person.restricted-access.revoke',
          resourceType: 'staff_user',
          resourceId: id,
          personId,
        });
      await writeAudit(tx, ctx, entries);
      return { restricted: makeRestricted, added, removed };
    });
  }

  /**
   * Whether the break-glass page applies: 'restricted' (show the form) or 'visible' (already allowed).
   * A record outside the organisation, or one that is not restricted, is "not found", so this page can
   * never be used to probe which ids exist.
   */
  async breakGlassState(ctx: RequestContext, personId: string): Promise<'restricted' | 'visible'> {
    const actor = userActor(ctx.actor);
    return withOrg(this.db, actor.orgId, async (tx) => {
      const person = await repo.findPersonInOrg(tx, actor, personId);
      if (!person || !person.restricted) throw new NotFoundError();
      return (await repo.findVisiblePerson(tx, actor, personId)) ? 'visible' : 'restricted';
    });
  }

  async breakGlass(ctx: RequestContext, personId: string, reason: string) {
    const actor = userActor(ctx.actor);
    return withOrg(this.db, actor.orgId, async (tx) => {
      const person = await repo.findPersonInOrg(tx, actor, personId);
      if (!person || !person.restricted) throw new NotFoundError();
      const grant = await restricted.insertBreakGlass(tx, actor, personId, reason);
      await writeAudit(tx, ctx, [
        { action: 'person.break-glass', resourceType: 'break_glass', resourceId: grant.id, personId, reason },
      ]);
      return grant;
    });
  }
}
