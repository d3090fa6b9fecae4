import type { Kysely } from 'kysely';
import type { DB } from '../../platform/db/schema.js';
import type { ConversationRow } from './tables.js';
import type { Tx } from '../../platform/db/scope.js';
import { withOrg } from '../../platform/db/scope.js';
import { writeAudit } from '../../platform/audit/audit.js';
import { caseworkers } from '../../platform/db/staff.js';
import type { Actor } from '../../platform/access/roles.js';
import { ConflictError, NotFoundError } from '../../platform/http/errors.js';
import {
  caredForPeople,
  EMPTY_EVENT_FIELDS,
  findVisiblePerson,
  insertEvent,
  listRelationships,
} from '../people/index.js';
import * as repo from './repository.js';
import { describeChanges } from './changes.js';
import { checkAssignee, checkLinks } from './link-checks.js';
import { findActiveServicesNamed } from '../directory/index.js';
import type { ConversationInput, ConversationUpdateInput, FollowUpInput } from './schema.js';
import type { RequestContext } from '../../platform/http/context.js';
import { openAssessmentRequest, PROGRESS_TO_ASSESSMENT } from '../assessment/index.js';

/** The timeline line for the request event: short, and in the person's terms. */
export function requestSummary(whatMatters: string): string {
  const matters = whatMatters.length > 160 ? `${whatMatters.slice(0, 157)}…` : whatMatters;
  return `Tier-one conversation. What matters: ${matters}`;
}

/**
 * Tier-one conversations and follow-ups. Each method is one transaction as the application role
 * (row-level security on), checks the person is visible to the actor (404 otherwise), and writes
 * its audit entry as the last step: the conversation, its links, its follow-up and its CLD request
 * event are saved together or not at all.
 */
export class ConversationsService {
  constructor(private readonly db: Kysely<DB>) {}

  private async person(tx: Tx, actor: Actor, personId: string) {
    const person = await findVisiblePerson(tx, actor, personId);
    if (!person) throw new NotFoundError();
    return person;
  }

  /**
   * Everything the conversation form offers: the person's network, directory matches, staff to
   * assign, and (when correcting one) the saved conversation. One audit entry for the person.
   */
  async formData(
    ctx: RequestContext,
    personId: string,
    opts: { serviceSearch: string; chosenServiceIds: string[]; conversationId?: string },
  ) {
    return withOrg(this.db, ctx.actor.orgId, async (tx) => {
      const person = await this.person(tx, ctx.actor, personId);
      let saved: { conversation: ConversationRow; links: Awaited<ReturnType<typeof repo.conversationLinks>> } | null =
        null;
      if (opts.conversationId) {
        const conversation = await repo.findConversation(tx, personId, opts.conversationId);
        if (!conversation) throw new NotFoundError();
        saved = { conversation, links: await repo.conversationLinks(tx, opts.conversationId) };
      }
      const savedServiceIds = saved
        ? [
            ...saved.links.advice.map((a) => a.id),
            ...saved.links.connections.flatMap((c) => c.directory_service_id ?? []),
          ]
        : [];
      const [relationships, found, chosen, staff] = await Promise.all([
        listRelationships(tx, personId),
        // The "information given" picker offers only services not withdrawn.
        opts.serviceSearch ? findActiveServicesNamed(tx, opts.serviceSearch) : Promise.resolve([]),
        repo.servicesByIds(tx, [...new Set([...opts.chosenServiceIds, ...savedServiceIds])]),
        caseworkers(tx),
      ]);
      await writeAudit(tx, ctx, [
        { action: 'conversation.form', resourceType: 'person', resourceId: personId, personId },
      ]);
      return { person, relationships, found, chosen, staff, saved };
    });
  }

  async list(ctx: RequestContext, personId: string) {
    return withOrg(this.db, ctx.actor.orgId, async (tx) => {
      const person = await this.person(tx, ctx.actor, personId);
      const conversations = await repo.listConversations(tx, personId);
      await writeAudit(tx, ctx, [
        { action: 'conversation.list', resourceType: 'person', resourceId: personId, personId },
      ]);
      return { person, conversations };
    });
  }

  async view(ctx: RequestContext, personId: string, conversationId: string) {
    return withOrg(this.db, ctx.actor.orgId, async (tx) => {
      const person = await this.person(tx, ctx.actor, personId);
      const conversation = await repo.findConversation(tx, personId, conversationId);
      if (!conversation) throw new NotFoundError();
      const [links, relationships, followUps, staff, recordedBy] = await Promise.all([
        repo.conversationLinks(tx, conversationId),
        listRelationships(tx, personId),
        repo.followUpsForConversation(tx, conversationId),
        caseworkers(tx),
        conversation.created_by
          ? tx
              .selectFrom('staff_user')
              .select('display_name')
              .where('id', '=', conversation.created_by)
              .executeTakeFirst()
          : Promise.resolve(undefined),
      ]);
      await writeAudit(tx, ctx, [
        { action: 'conversation.view', resourceType: 'conversation', resourceId: conversationId, personId },
      ]);
      return {
        person,
        conversation,
        links,
        relationships,
        followUps,
        staff,
        recordedBy: recordedBy?.display_name ?? null,
      };
    });
  }

  async create(ctx: RequestContext, personId: string, input: ConversationInput, followUp: FollowUpInput | null) {
    return withOrg(this.db, ctx.actor.orgId, async (tx) => {
      const person = await this.person(tx, ctx.actor, personId);
      await checkLinks(tx, personId, input, [], followUp);
      const patchId = person.patch_id ?? (ctx.actor.kind === 'user' ? ctx.actor.teamId : null);
      const conversation = await repo.insertConversation(tx, ctx.actor, personId, patchId, input);
      await repo.replaceLinks(tx, ctx.actor, conversation.id, input);
      // A carer's conversation is a carer's request, linked to the people they care for (CLD fields
      // 14, 37–39), whether or not they accept the word: no page shows them the client type.
      const caresFor = await caredForPeople(tx, personId);
      const requestEvent = await insertEvent(
        tx,
        ctx.actor,
        personId,
        {
          ...EMPTY_EVENT_FIELDS,
          eventType: 'Request',
          clientType: caresFor.length > 0 ? 'Unpaid carer' : 'Service user',
          linkedPersonIds: caresFor,
          startDate: input.heldOn,
          endDate: input.heldOn,
          routeOfAccess: input.routeOfAccess,
          eventOutcome: input.outcome,
          summary: requestSummary(input.whatMatters),
        },
        { module: 'conversations', id: conversation.id },
      );
      if (followUp) await repo.insertFollowUp(tx, ctx.actor, personId, conversation.id, patchId, followUp);
      // "Progress to assessment" opens the tier 3 request, its CLD Request event being this one.
      if (input.outcome === PROGRESS_TO_ASSESSMENT)
        await openAssessmentRequest(tx, ctx, {
          personId,
          patchId,
          kind: 'care_needs',
          cameFrom: 'conversation',
          source: { module: 'conversations', id: conversation.id },
          reason: input.outcomeNotes ?? input.whatMatters,
          receivedOn: input.heldOn,
          requestEventId: requestEvent.id,
        });
      await writeAudit(tx, ctx, [
        { action: 'conversation.create', resourceType: 'conversation', resourceId: conversation.id, personId },
      ]);
      return conversation;
    });
  }

  async update(ctx: RequestContext, personId: string, conversationId: string, input: ConversationUpdateInput) {
    return withOrg(this.db, ctx.actor.orgId, async (tx) => {
      await this.person(tx, ctx.actor, personId);
      const current = await repo.findConversation(tx, personId, conversationId);
      if (!current) throw new NotFoundError();
      const links = await repo.conversationLinks(tx, conversationId);
      await checkLinks(
        tx,
        personId,
        input,
        links.advice.map((a) => a.id).concat(links.connections.flatMap((c) => c.directory_service_id ?? [])),
        null,
      );
      const updated = await repo.updateConversation(tx, ctx.actor, conversationId, input.version, input);
      if (!updated) {
        throw new ConflictError(
          'Someone else changed this conversation after you opened it. Your changes have not been saved. Check their changes below, then make yours again.',
          describeChanges(current, links, input),
        );
      }
      await repo.replaceLinks(tx, ctx.actor, conversationId, input);
      await repo.updateRequestEvent(tx, conversationId, input, requestSummary(input.whatMatters));
      await writeAudit(tx, ctx, [
        { action: 'conversation.update', resourceType: 'conversation', resourceId: conversationId, personId },
      ]);
      return updated;
    });
  }

  async addFollowUp(ctx: RequestContext, personId: string, conversationId: string, input: FollowUpInput) {
    return withOrg(this.db, ctx.actor.orgId, async (tx) => {
      const person = await this.person(tx, ctx.actor, personId);
      const conversation = await repo.findConversation(tx, personId, conversationId);
      if (!conversation) throw new NotFoundError();
      await checkAssignee(tx, input);
      const row = await repo.insertFollowUp(
        tx,
        ctx.actor,
        personId,
        conversationId,
        conversation.patch_id ?? person.patch_id,
        input,
      );
      await writeAudit(tx, ctx, [
        { action: 'follow-up.create', resourceType: 'follow_up', resourceId: row.id, personId },
      ]);
      return row;
    });
  }

  /** The follow-up list; one audit entry per person shown. */
  async followUps(ctx: RequestContext, filter: repo.FollowUpFilter) {
    return withOrg(this.db, ctx.actor.orgId, async (tx) => {
      const rows = await repo.listFollowUps(tx, ctx.actor, filter);
      const people = [...new Set(rows.map((r) => r.person_id))];
      await writeAudit(
        tx,
        ctx,
        people.map((id) => ({ action: 'person.follow-up-list', resourceType: 'person', resourceId: id, personId: id })),
      );
      return rows;
    });
  }

  async markDone(ctx: RequestContext, followUpId: string, version: number) {
    return withOrg(this.db, ctx.actor.orgId, async (tx) => {
      const current = await repo.findVisibleFollowUp(tx, ctx.actor, followUpId);
      if (!current) throw new NotFoundError();
      const done = await repo.markFollowUpDone(tx, ctx.actor, followUpId, version);
      if (!done)
        throw new ConflictError(
          current.done_at
            ? 'This follow-up has already been marked as done.'
            : 'Someone else changed this follow-up after you opened the list. Check it and try again.',
        );
      await writeAudit(tx, ctx, [
        { action: 'follow-up.done', resourceType: 'follow_up', resourceId: followUpId, personId: current.person_id },
      ]);
      return { ...done, personId: current.person_id };
    });
  }
}
