import type { Kysely } from 'kysely';
import type { DB } from '../../platform/db/schema.js';
import { withOrg, type Tx } from '../../platform/db/scope.js';
import { writeAudit } from '../../platform/audit/audit.js';
import { ConflictError, ValidationError } from '../../platform/http/errors.js';
import { todayInLondon } from '../../platform/dates.js';
import type { ServiceInput } from './model.js';
import { findService, listServices, loadServiceInput, type ServiceListFilter, type ServiceRow } from './repository.js';
import { insertService, updateService } from './repository-write.js';
import { describeServiceChanges } from './changes.js';
import type { RequestContext } from '../../platform/http/context.js';

/**
 * Writing the community directory: every change is one transaction that ends with its audit
 * entry (resource 'directory_service', no person). Nothing is deleted: entries are withdrawn with a
 * reason and can be restored. Edits carry the version they started from; a stale one is refused
 * with what changed.
 */
export class DirectoryService {
  constructor(private readonly db: Kysely<DB>) {}

  list(ctx: RequestContext, filter: ServiceListFilter) {
    return withOrg(this.db, ctx.actor.orgId, (tx) => listServices(tx, ctx.actor, filter));
  }

  get(ctx: RequestContext, id: string): Promise<{ row: ServiceRow; input: ServiceInput }> {
    return withOrg(this.db, ctx.actor.orgId, async (tx) => {
      const row = await findService(tx, ctx.actor, id);
      return { row, input: await loadServiceInput(tx, row) };
    });
  }

  create(ctx: RequestContext, input: ServiceInput): Promise<string> {
    return withOrg(this.db, ctx.actor.orgId, async (tx) => {
      await checkKinds(tx, input.kinds);
      const userId = ctx.actor.kind === 'user' ? ctx.actor.userId : null;
      const id = await insertService(tx, ctx.actor.orgId, input, { ownerUserId: userId, createdBy: userId });
      await writeAudit(tx, ctx, [
        { action: 'directory.service.create', resourceType: 'directory_service', resourceId: id },
      ]);
      return id;
    });
  }

  update(ctx: RequestContext, id: string, version: number, input: ServiceInput): Promise<void> {
    return withOrg(this.db, ctx.actor.orgId, async (tx) => {
      const row = await findService(tx, ctx.actor, id);
      await checkKinds(tx, input.kinds);
      if (row.version !== version || !(await updateService(tx, ctx.actor.orgId, id, version, input, {}))) {
        const current = await loadServiceInput(tx, await findService(tx, ctx.actor, id));
        const ids = [...new Set([...current.kinds, ...input.kinds])];
        const terms = ids.length
          ? await tx.selectFrom('directory_taxonomy_term').select(['id', 'name']).where('id', 'in', ids).execute()
          : [];
        throw new ConflictError(
          'Someone else changed this entry after you opened it. Check their changes, then make yours again.',
          describeServiceChanges(current, input, new Map(terms.map((t) => [t.id, t.name]))),
        );
      }
      await writeAudit(tx, ctx, [
        { action: 'directory.service.update', resourceType: 'directory_service', resourceId: id },
      ]);
    });
  }

  /** "Checked today": the entry was confirmed correct, so it leaves the review list. */
  markChecked(ctx: RequestContext, id: string): Promise<ServiceRow> {
    return this.curate(ctx, id, 'directory.service.check', { tl_last_checked: todayInLondon().toString() });
  }

  withdraw(ctx: RequestContext, id: string, reason: string): Promise<ServiceRow> {
    const by = ctx.actor.kind === 'user' ? ctx.actor.userId : ctx.actor.tokenId;
    return this.curate(
      ctx,
      id,
      'directory.service.withdraw',
      { tl_withdrawn_at: new Date(), tl_withdrawn_by: by, tl_withdrawn_reason: reason },
      reason,
    );
  }

  restore(ctx: RequestContext, id: string): Promise<ServiceRow> {
    return this.curate(ctx, id, 'directory.service.restore', {
      tl_withdrawn_at: null,
      tl_withdrawn_by: null,
      tl_withdrawn_reason: null,
    });
  }

  private curate(
    ctx: RequestContext,
    id: string,
    action: string,
    set: Partial<Pick<ServiceRow, 'tl_last_checked' | 'tl_withdrawn_at' | 'tl_withdrawn_by' | 'tl_withdrawn_reason'>>,
    reason?: string,
  ) {
    return withOrg(this.db, ctx.actor.orgId, async (tx) => {
      const row = await findService(tx, ctx.actor, id);
      const updated = await tx
        .updateTable('directory_service')
        .set((eb) => ({ ...set, last_modified: new Date(), version: eb('version', '+', 1) }))
        .where('id', '=', row.id)
        .returningAll()
        .executeTakeFirstOrThrow();
      await writeAudit(tx, ctx, [
        { action, resourceType: 'directory_service', resourceId: id, reason: reason ?? null },
      ]);
      return updated;
    });
  }
}

/** Kinds arrive as term ids from a form: each must be a term in this council's taxonomies. */
async function checkKinds(tx: Tx, kinds: string[]): Promise<void> {
  if (kinds.length === 0) return;
  const found = await tx.selectFrom('directory_taxonomy_term').select('id').where('id', 'in', kinds).execute();
  if (found.length !== new Set(kinds).size)
    throw new ValidationError([{ text: 'Choose kinds of service from the list', href: '#kinds' }]);
}
