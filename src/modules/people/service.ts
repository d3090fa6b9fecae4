import type { Kysely } from 'kysely';
import { summarySections, tabSections } from './record-sections.js';
import type { DB } from '../../platform/db/schema.js';
import type { PersonRow } from './tables.js';
import { withOrg, type Tx } from '../../platform/db/scope.js';
import { isOwnTeam } from '../../platform/db/teams.js';
import { listingEntry, writeAudit, type AuditContext, type AuditEntry } from '../../platform/audit/audit.js';
import type { Actor } from '../../platform/access/roles.js';
import { ConflictError, NotFoundError, ValidationError } from '../../platform/http/errors.js';
import * as repo from './repository.js';
import { onVisibleRecord } from './on-record.js';
import * as search from './search-repository.js';
import * as events from './event-repository.js';
import { findRestrictedNhsMatch } from './restricted-repository.js';
import { EVENT_CAP, readRecord } from './record-read.js';
import type {
  CommunicationEntryInput,
  EventInput,
  PersonInput,
  PersonUpdateInput,
  RelationshipInput,
} from './schema.js';
import { describeChanges } from './changes.js';
import { moduleTimelineItems } from './timeline.js';

export type PersonRecord = Awaited<ReturnType<PeopleService['getRecord']>>;

/**
 * The record's own pages: the audit action each writes, and how many events each reads (the
 * summary, details and network show none: events are the timeline's).
 */
const RECORD_PAGES = {
  summary: { action: 'person.view', events: 0 },
  details: { action: 'person.view-details', events: 0 },
  network: { action: 'person.view-network', events: 0 },
  prevention: { action: 'person.view-prevention', events: 0 },
  timeline: { action: 'person.timeline', events: EVENT_CAP },
} as const;
export type RecordPage = keyof typeof RECORD_PAGES;

/**
 * People: find, view, create and edit a person, their network, communication needs and events.
 * Each method is one transaction as the application role (row-level security on) and writes its
 * audit entries as the last step of that transaction: if auditing fails, nothing is returned.
 */
export class PeopleService {
  constructor(private readonly db: Kysely<DB>) {}

  async search(ctx: AuditContext & { actor: Actor }, q: string, page: number) {
    return withOrg(this.db, ctx.actor.orgId, async (tx) => {
      const result = await search.searchPeople(tx, ctx.actor, q, page);
      // One entry for the page, naming everyone shown in the order shown (as a crisis board view is):
      // a search result is a disclosure of each of them, and "who has looked" finds them all.
      const entries: AuditEntry[] = listingEntry(
        'person.search-result',
        'person',
        null,
        result.rows.map((p) => p.id),
      );
      // An exact NHS number may say that a restricted record matches (so staff can break glass); a name never does.
      const query = search.classifyQuery(q);
      const restrictedMatchId =
        result.total === 0 && query.kind === 'nhs' ? await findRestrictedNhsMatch(tx, ctx.actor, query.value) : null;
      if (restrictedMatchId)
        entries.push({
          action: 'person.restricted-match',
          resourceType: 'person',
          resourceId: restrictedMatchId,
          personId: restrictedMatchId,
        });
      await writeAudit(tx, ctx, entries);
      return { ...result, restrictedMatchId };
    });
  }

  /**
   * One page of the record (record-tabs.ts): one statement for what the people module holds, then
   * what other modules add to that page only (the summary's sections and open work, or the timeline's
   * items), all in one transaction, audited once with the page's own action.
   */
  async getRecord(ctx: AuditContext & { actor: Actor }, id: string, page: RecordPage = 'summary') {
    return withOrg(this.db, ctx.actor.orgId, async (tx) => {
      const { action, events } = RECORD_PAGES[page];
      const record = await readRecord(tx, ctx.actor, id, events);
      if (!record) throw new NotFoundError();
      const moduleItems = page === 'timeline' ? await moduleTimelineItems(tx, id) : [];
      const { sections, openWork } =
        page === 'summary' ? await summarySections(tx, ctx.actor, id) : { sections: [], openWork: [] };
      await writeAudit(tx, ctx, [{ action, resourceType: 'person', resourceId: id, personId: id }]);
      return { ...record, moduleItems, sections, openWork };
    });
  }

  /**
   * A tab other modules fill (crisis, assessments): the person and that tab's sections only, in one
   * transaction, audited once with the action the tab was added with.
   */
  async getRecordTab(ctx: AuditContext & { actor: Actor }, id: string, tab: string, action: string) {
    return onVisibleRecord(this.db, ctx, id, async (tx, person) => {
      const sections = await tabSections(tx, ctx.actor, id, tab);
      return { result: { person, sections }, audit: { action, resourceType: 'person', resourceId: id } };
    });
  }

  async getPerson(ctx: AuditContext & { actor: Actor }, id: string): Promise<PersonRow> {
    return onVisibleRecord(this.db, ctx, id, async (_tx, person) => ({
      result: person,
      audit: { action: 'person.view', resourceType: 'person', resourceId: id },
    }));
  }

  /** Possible duplicates shown on "Check your answers" before a record is created. */
  async duplicates(ctx: AuditContext & { actor: Actor }, input: PersonInput, excludeId?: string) {
    return withOrg(this.db, ctx.actor.orgId, async (tx) => {
      const rows = await repo.findDuplicates(tx, ctx.actor, input, excludeId);
      await writeAudit(
        tx,
        ctx,
        rows.map((p) => ({
          action: 'person.duplicate-candidate',
          resourceType: 'person',
          resourceId: p.id,
          personId: p.id,
        })),
      );
      return rows;
    });
  }

  async create(ctx: AuditContext & { actor: Actor }, input: PersonInput): Promise<PersonRow> {
    return withOrg(this.db, ctx.actor.orgId, async (tx) => {
      await this.assertNhsNumberFree(tx, ctx.actor.orgId, input.nhsNumber);
      await assertOwnPatch(tx, input.patchId);
      const person = await repo.insertPerson(tx, ctx.actor, input);
      await writeAudit(tx, ctx, [
        { action: 'person.create', resourceType: 'person', resourceId: person.id, personId: person.id },
      ]);
      return person;
    });
  }

  async update(ctx: AuditContext & { actor: Actor }, id: string, input: PersonUpdateInput): Promise<PersonRow> {
    return withOrg(this.db, ctx.actor.orgId, async (tx) => {
      const current = await repo.findVisiblePerson(tx, ctx.actor, id);
      if (!current) throw new NotFoundError();
      await this.assertNhsNumberFree(tx, ctx.actor.orgId, input.nhsNumber, id);
      await assertOwnPatch(tx, input.patchId);
      const updated = await repo.updatePerson(tx, ctx.actor, id, input.version, input);
      if (!updated) {
        throw new ConflictError(
          'Someone else changed this record after you opened it. Your changes have not been saved. Check their changes below, then make yours again.',
          describeChanges(current, input),
        );
      }
      await writeAudit(tx, ctx, [{ action: 'person.update', resourceType: 'person', resourceId: id, personId: id }]);
      return updated;
    });
  }

  async addRelationship(ctx: AuditContext & { actor: Actor }, personId: string, input: RelationshipInput) {
    return withOrg(this.db, ctx.actor.orgId, async (tx) => {
      if (!(await repo.findVisiblePerson(tx, ctx.actor, personId))) throw new NotFoundError();
      if (input.relatedPersonId && !(await repo.findVisiblePerson(tx, ctx.actor, input.relatedPersonId))) {
        throw new ValidationError([{ text: 'Select a person who is already on the system', href: '#relatedPersonId' }]);
      }
      const row = await repo.insertRelationship(tx, ctx.actor, personId, input);
      const entries = [{ action: 'relationship.create', resourceType: 'relationship', resourceId: row.id, personId }];
      if (input.relatedPersonId)
        entries.push({
          action: 'relationship.create',
          resourceType: 'relationship',
          resourceId: row.id,
          personId: input.relatedPersonId,
        });
      await writeAudit(tx, ctx, entries);
      return row;
    });
  }

  async addCommunicationEntry(ctx: AuditContext & { actor: Actor }, personId: string, input: CommunicationEntryInput) {
    return withOrg(this.db, ctx.actor.orgId, async (tx) => {
      if (!(await repo.findVisiblePerson(tx, ctx.actor, personId))) throw new NotFoundError();
      const row = await repo.insertCommunicationEntry(tx, ctx.actor, personId, input);
      await writeAudit(tx, ctx, [
        { action: 'communication.create', resourceType: 'communication_entry', resourceId: row.id, personId },
      ]);
      return row;
    });
  }

  /** Other modules record their CLD events through this, never by writing the table. */
  async recordEvent(
    ctx: AuditContext & { actor: Actor },
    personId: string,
    input: EventInput,
    source?: { module: string; id?: string },
  ) {
    return withOrg(this.db, ctx.actor.orgId, async (tx) => {
      if (!(await repo.findVisiblePerson(tx, ctx.actor, personId))) throw new NotFoundError();
      await assertLinkedPeople(tx, ctx.actor, personId, input.linkedPersonIds ?? []);
      const row = await events.insertEvent(tx, ctx.actor, personId, input, source);
      await writeAudit(tx, ctx, [
        { action: 'event.create', resourceType: 'person_event', resourceId: row.id, personId },
      ]);
      return row;
    });
  }

  /** One event still counted (not recorded in error), with its person: the in-error form shows it. */
  async getCountedEvent(ctx: AuditContext & { actor: Actor }, personId: string, eventId: string) {
    return withOrg(this.db, ctx.actor.orgId, async (tx) => {
      const person = await repo.findVisiblePerson(tx, ctx.actor, personId);
      const event = person ? await events.findEvent(tx, personId, eventId) : undefined;
      if (!person || !event || event.recorded_in_error_at) throw new NotFoundError();
      await writeAudit(tx, ctx, [
        { action: 'event.view', resourceType: 'person_event', resourceId: eventId, personId },
      ]);
      return { person, event };
    });
  }

  /** An event recorded in error is kept and marked, never deleted (see repository.markEventInError). */
  async markEventInError(ctx: AuditContext & { actor: Actor }, personId: string, eventId: string, reason: string) {
    return withOrg(this.db, ctx.actor.orgId, async (tx) => {
      if (!(await repo.findVisiblePerson(tx, ctx.actor, personId))) throw new NotFoundError();
      const row = await events.markEventInError(tx, ctx.actor, personId, eventId, reason);
      if (!row) throw new NotFoundError();
      await writeAudit(tx, ctx, [
        { action: 'event.recorded-in-error', resourceType: 'person_event', resourceId: row.id, personId },
      ]);
      return row;
    });
  }

  private async assertNhsNumberFree(
    tx: Parameters<typeof repo.nhsNumberTaken>[0],
    orgId: string,
    nhsNumber: string | null,
    excludeId?: string,
  ) {
    if (nhsNumber && (await repo.nhsNumberTaken(tx, orgId, nhsNumber, excludeId))) {
      throw new ValidationError([
        {
          text: 'Another person in this council already has this NHS number. Search for them instead of adding a new record',
          href: '#nhsNumber',
        },
      ]);
    }
  }
}

/** A carer's event links to other people of the same council (cld.md §2.1 fields 37–39), never to the carer. */
async function assertLinkedPeople(tx: Tx, actor: Actor, personId: string, linked: readonly string[]) {
  const found = await events.peopleInOrg(tx, actor, linked);
  if (linked.some((id) => id === personId || !found.has(id)))
    throw new ValidationError([{ text: 'Select the people they care for from the list', href: '#linkedPersonIds' }]);
}

/** A person's patch must be one of the organisation's: the foreign key would take another council's. */
async function assertOwnPatch(tx: Tx, patchId: string | null | undefined) {
  if (patchId && !(await isOwnTeam(tx, patchId, { patchOnly: true })))
    throw new ValidationError([{ text: 'Select a patch from the list', href: '#patchId' }]);
}
