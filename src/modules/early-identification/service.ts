import type { RequestContext } from '../../platform/http/context.js';
import type { Kysely } from 'kysely';
import type { DB } from '../../platform/db/schema.js';
import { withOrg, type Tx } from '../../platform/db/scope.js';
import { listingEntry, writeAudit, type AuditEntry } from '../../platform/audit/audit.js';
import type { Actor } from '../../platform/access/roles.js';
import { ConflictError, NotFoundError, ValidationError } from '../../platform/http/errors.js';
import { findVisiblePerson, onVisibleRecord, visibleRelatedPeople } from '../people/index.js';
import {
  closeEntry,
  countRegister,
  findEntry,
  insertEntry,
  listEntriesForPerson,
  listRegister,
  listTriggers,
  replaceTriggers,
  updateEntry,
  type RegisterFilter,
} from './register-repository.js';
import { alertsForPerson, listOpenAlerts } from './alerts-repository.js';
import { describeEntryChanges } from './changes.js';
import type { EntryInput, EntryUpdateInput } from './schema.js';
import { isOwnTeam, patchTeams } from '../../platform/db/teams.js';

/** One audit entry per person shown, in the order first shown. */
export function perPerson(
  action: string,
  resourceType: string,
  rows: readonly { person_id: string | null; id: string }[],
): AuditEntry[] {
  const seen = new Set<string>();
  const entries: AuditEntry[] = [];
  for (const row of rows) {
    if (!row.person_id || seen.has(row.person_id)) continue;
    seen.add(row.person_id);
    entries.push({ action, resourceType, resourceId: row.id, personId: row.person_id });
  }
  return entries;
}

/**
 * The register as staff use it: refer a person, view, change and close their entry, and the
 * patch team's list. Each method is one transaction with row-level security, audited last.
 */
export class RegisterService {
  constructor(private readonly db: Kysely<DB>) {}

  /** What the referral form needs: the person, who in their network a trigger can name, the patches. */
  async referralForm(ctx: RequestContext, personId: string) {
    return onVisibleRecord(this.db, ctx, personId, async (tx, person) => {
      const [related, patches, entries] = await Promise.all([
        visibleRelatedPeople(tx, ctx.actor, personId),
        patchTeams(tx),
        listEntriesForPerson(tx, personId),
      ]);
      return {
        result: { person, related, patches, current: entries.filter((e) => e.status === 'active') },
        audit: { action: 'register-entry.form', resourceType: 'person', resourceId: personId },
      };
    });
  }

  async create(ctx: RequestContext, personId: string, input: EntryInput) {
    return withOrg(this.db, ctx.actor.orgId, async (tx) => {
      const person = await findVisiblePerson(tx, ctx.actor, personId);
      if (!person) throw new NotFoundError();
      await this.assertRelatedPeople(tx, ctx.actor, personId, input);
      await assertOwnPatch(tx, input.patchId);
      const entry = await insertEntry(
        tx,
        ctx.actor,
        { ...input, patchId: input.patchId ?? person.patch_id },
        { personId, source: 'staff' },
      );
      if (!entry) throw new Error('register entry was not inserted');
      await replaceTriggers(tx, ctx.actor.orgId, entry.id, input.triggers);
      await writeAudit(tx, ctx, [
        { action: 'register-entry.create', resourceType: 'register_entry', resourceId: entry.id, personId },
      ]);
      return entry;
    });
  }

  /** An entry with its triggers and alerts; 404 unless it is this person's and the actor may see them. */
  async get(ctx: RequestContext, personId: string, entryId: string) {
    return withOrg(this.db, ctx.actor.orgId, async (tx) => {
      const entry = await findEntry(tx, ctx.actor, personId, entryId);
      if (!entry) throw new NotFoundError();
      const person = await findVisiblePerson(tx, ctx.actor, personId);
      if (!person) throw new NotFoundError();
      const [triggers, alerts, related, patches] = await Promise.all([
        listTriggers(tx, entryId),
        alertsForPerson(tx, ctx.actor, personId),
        visibleRelatedPeople(tx, ctx.actor, personId),
        patchTeams(tx),
      ]);
      await writeAudit(tx, ctx, [
        { action: 'register-entry.view', resourceType: 'register_entry', resourceId: entryId, personId },
      ]);
      return { entry, person, triggers, alerts: alerts.filter((a) => a.entry_id === entryId), related, patches };
    });
  }

  async update(ctx: RequestContext, personId: string, entryId: string, input: EntryUpdateInput) {
    return withOrg(this.db, ctx.actor.orgId, async (tx) => {
      const current = await findEntry(tx, ctx.actor, personId, entryId);
      if (!current) throw new NotFoundError();
      await this.assertRelatedPeople(tx, ctx.actor, personId, input);
      await assertOwnPatch(tx, input.patchId);
      const updated =
        current.status === 'active' ? await updateEntry(tx, ctx.actor, entryId, input.version, input) : undefined;
      if (!updated) {
        throw new ConflictError(
          current.status === 'active'
            ? 'Someone else changed this entry after you opened it. Your changes have not been saved. Check their changes below, then make yours again.'
            : 'This entry has been closed, so it can no longer be changed.',
          describeEntryChanges(current, input),
        );
      }
      await replaceTriggers(tx, ctx.actor.orgId, entryId, input.triggers);
      await writeAudit(tx, ctx, [
        { action: 'register-entry.update', resourceType: 'register_entry', resourceId: entryId, personId },
      ]);
      return updated;
    });
  }

  async close(ctx: RequestContext, personId: string, entryId: string, version: number, reason: string) {
    return withOrg(this.db, ctx.actor.orgId, async (tx) => {
      const current = await findEntry(tx, ctx.actor, personId, entryId);
      if (!current) throw new NotFoundError();
      const closed = await closeEntry(tx, ctx.actor, entryId, version, reason);
      if (!closed) {
        throw new ConflictError(
          current.status === 'closed'
            ? 'This entry has already been closed.'
            : 'Someone else changed this entry after you opened it. It has not been closed. Check the entry, then close it again.',
        );
      }
      await writeAudit(tx, ctx, [
        { action: 'register-entry.close', resourceType: 'register_entry', resourceId: entryId, personId },
      ]);
      return closed;
    });
  }

  /** One page of the register (and the patch's open alerts): one audit entry naming everyone shown, and only them. */
  async register(ctx: RequestContext, filter: RegisterFilter, page: { limit: number; offset: number }) {
    return withOrg(this.db, ctx.actor.orgId, async (tx) => {
      const [entries, total, alerts, patches] = await Promise.all([
        listRegister(tx, ctx.actor, filter, page),
        countRegister(tx, ctx.actor, filter),
        listOpenAlerts(tx, ctx.actor, filter.patchId),
        patchTeams(tx),
      ]);
      await writeAudit(
        tx,
        ctx,
        listingEntry(
          'register.list',
          'register',
          filter.patchId ?? 'all',
          [...alerts, ...entries].map((r) => r.person_id),
        ),
      );
      return { entries, total, alerts, patches };
    });
  }

  /** A trigger may name only someone in this person's network whom the actor can see. */
  private async assertRelatedPeople(tx: Tx, actor: Actor, personId: string, input: EntryInput) {
    const named = input.triggers.map((t, i) => ({ id: t.relatedPersonId, i })).filter((t) => t.id);
    if (!named.length) return;
    const allowed = new Set((await visibleRelatedPeople(tx, actor, personId)).map((p) => p.id));
    const wrong = named.filter((t) => !allowed.has(t.id!));
    if (wrong.length) {
      throw new ValidationError(
        wrong.map((t) => ({
          text: 'Select someone from the person’s network',
          href: `#triggers-${t.i}-relatedPersonId`,
        })),
      );
    }
  }
}

/** A patch named on an entry must be one of the organisation's: the foreign key would take another council's. */
async function assertOwnPatch(tx: Tx, patchId: string | null) {
  if (patchId && !(await isOwnTeam(tx, patchId, { patchOnly: true })))
    throw new ValidationError([{ text: 'Select the patch team from the list', href: '#patchId' }]);
}
