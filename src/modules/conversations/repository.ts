import { sql } from 'kysely';
import type { Tx } from '../../platform/db/scope.js';
import type { ConversationRow, FollowUpRow } from './tables.js';
import { actorId, type Actor } from '../../platform/access/roles.js';
import { visiblePeople, updateEventFromSource } from '../people/index.js';
import { findServiceNames } from '../directory/index.js';
import type { ConversationInput, FollowUpInput } from './schema.js';

/**
 * The only door to the conversations tables. Every function takes the transaction opened by
 * `withOrg` (row-level security on); the service checks the person is visible first and audits last.
 */
export function conversationColumns(input: ConversationInput) {
  return {
    held_on: input.heldOn,
    route_of_access: input.routeOfAccess,
    others_present: input.othersPresent,
    what_matters: input.whatMatters,
    strengths: input.strengths,
    network_notes: input.networkNotes,
    worries: input.worries,
    advice_notes: input.adviceNotes,
    outcome: input.outcome,
    outcome_notes: input.outcomeNotes,
  };
}

export async function insertConversation(
  tx: Tx,
  actor: Actor,
  personId: string,
  patchId: string | null,
  input: ConversationInput,
): Promise<ConversationRow> {
  return tx
    .insertInto('conversation')
    .values({
      ...conversationColumns(input),
      org_id: actor.orgId,
      person_id: personId,
      patch_id: patchId,
      created_by: actorId(actor),
      updated_by: actorId(actor),
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** Optimistic update: the version check is part of the UPDATE, so two writers can never both win. */
export async function updateConversation(
  tx: Tx,
  actor: Actor,
  id: string,
  version: number,
  input: ConversationInput,
): Promise<ConversationRow | undefined> {
  return tx
    .updateTable('conversation')
    .set({
      ...conversationColumns(input),
      updated_at: new Date(),
      updated_by: actorId(actor),
      version: sql`version + 1`,
    })
    .where('id', '=', id)
    .where('version', '=', version)
    .returningAll()
    .executeTakeFirst();
}

export async function findConversation(tx: Tx, personId: string, id: string): Promise<ConversationRow | undefined> {
  return tx
    .selectFrom('conversation')
    .selectAll()
    .where('id', '=', id)
    .where('person_id', '=', personId)
    .executeTakeFirst();
}

export async function listConversations(tx: Tx, personId: string) {
  return tx
    .selectFrom('conversation as c')
    .leftJoin('staff_user as s', 's.id', 'c.created_by')
    .select(['c.id', 'c.held_on', 'c.what_matters', 'c.outcome', 's.display_name as recorded_by'])
    .where('c.person_id', '=', personId)
    .orderBy('c.held_on', 'desc')
    .orderBy('c.created_at', 'desc')
    .execute();
}

/** Replace the conversation's links (network, advice, connections) with what was submitted. */
export async function replaceLinks(
  tx: Tx,
  actor: Actor,
  conversationId: string,
  input: ConversationInput,
): Promise<void> {
  await tx.deleteFrom('conversation_network').where('conversation_id', '=', conversationId).execute();
  await tx.deleteFrom('conversation_advice').where('conversation_id', '=', conversationId).execute();
  await tx.deleteFrom('conversation_connection').where('conversation_id', '=', conversationId).execute();
  const base = { org_id: actor.orgId, conversation_id: conversationId };
  const network = [
    ...[...new Set(input.presentRelationshipIds)].map((id) => ({
      ...base,
      relationship_id: id,
      role: 'present' as const,
    })),
    ...[...new Set(input.networkRelationshipIds)].map((id) => ({
      ...base,
      relationship_id: id,
      role: 'network' as const,
    })),
  ];
  if (network.length) await tx.insertInto('conversation_network').values(network).execute();
  const advice = [...new Set(input.adviceServiceIds)].map((id) => ({ ...base, directory_service_id: id }));
  if (advice.length) await tx.insertInto('conversation_advice').values(advice).execute();
  const connections = input.connections.map((c, position) => ({
    ...base,
    directory_service_id: c.serviceId,
    connected_to_name: c.serviceId ? null : c.name,
    agreed_follow_up: c.agreed,
    position,
  }));
  if (connections.length) await tx.insertInto('conversation_connection').values(connections).execute();
}

/**
 * What a conversation links to: its network entries, the advice given and the connections made. The
 * services' names come from the directory's front door (withdrawn ones too: the record keeps what was chosen).
 */
export async function conversationLinks(tx: Tx, conversationId: string) {
  const [network, adviceRows, connectionRows] = await Promise.all([
    tx
      .selectFrom('conversation_network')
      .select(['relationship_id', 'role'])
      .where('conversation_id', '=', conversationId)
      .execute(),
    tx
      .selectFrom('conversation_advice')
      .select('directory_service_id')
      .where('conversation_id', '=', conversationId)
      .execute(),
    tx
      .selectFrom('conversation_connection')
      .select(['directory_service_id', 'connected_to_name', 'agreed_follow_up'])
      .where('conversation_id', '=', conversationId)
      .orderBy('position')
      .execute(),
  ]);
  const names = await findServiceNames(tx, [
    ...adviceRows.map((a) => a.directory_service_id),
    ...connectionRows.map((c) => c.directory_service_id),
  ]);
  const advice = adviceRows
    .flatMap((a) => {
      const service = names.get(a.directory_service_id);
      return service ? [{ id: service.id, name: service.name }] : [];
    })
    .sort(byName);
  const connections = connectionRows.map((c) => ({
    ...c,
    service_name: c.directory_service_id ? (names.get(c.directory_service_id)?.name ?? null) : null,
  }));
  return { network, advice, connections };
}

const byName = (a: { name: string }, b: { name: string }) => a.name.localeCompare(b.name, 'en-GB');

/** Services by id (withdrawn ones too, marked), names in order, for the form and for checking a choice. */
export async function servicesByIds(tx: Tx, ids: readonly string[]) {
  const found = await findServiceNames(tx, ids);
  return [...found.values()].sort(byName);
}

/** The request event a conversation wrote, kept in step when the conversation is corrected. */
export async function updateRequestEvent(
  tx: Tx,
  conversationId: string,
  input: ConversationInput,
  summary: string,
): Promise<void> {
  await updateEventFromSource(
    tx,
    { module: 'conversations', id: conversationId },
    {
      start_date: input.heldOn,
      end_date: input.heldOn,
      route_of_access: input.routeOfAccess,
      event_outcome: input.outcome,
      summary,
    },
  );
}

export async function insertFollowUp(
  tx: Tx,
  actor: Actor,
  personId: string,
  conversationId: string | null,
  patchId: string | null,
  input: FollowUpInput,
): Promise<FollowUpRow> {
  return tx
    .insertInto('follow_up')
    .values({
      org_id: actor.orgId,
      person_id: personId,
      conversation_id: conversationId,
      what: input.what,
      due_on: input.dueOn,
      assigned_to: input.assignedTo,
      patch_id: patchId,
      created_by: actorId(actor),
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function followUpsForConversation(tx: Tx, conversationId: string) {
  return tx
    .selectFrom('follow_up as f')
    .leftJoin('staff_user as s', 's.id', 'f.assigned_to')
    .select(['f.id', 'f.what', 'f.due_on', 'f.done_at', 'f.version', 's.display_name as assigned_name'])
    .where('f.conversation_id', '=', conversationId)
    .orderBy('f.due_on')
    .execute();
}

export interface FollowUpFilter {
  scope: 'mine' | 'patch';
  due: 'all' | 'overdue' | 'week';
  status: 'open' | 'done';
  today: string;
  weekEnd: string;
}

/** The follow-up list: open (or done) follow-ups for me or my patch, about people I may see. */
export async function listFollowUps(tx: Tx, actor: Actor, filter: FollowUpFilter, limit = 200) {
  let query = tx
    .selectFrom('follow_up as f')
    .innerJoin(visiblePeople(tx, actor, 'p'), 'p.id', 'f.person_id')
    .leftJoin('staff_user as s', 's.id', 'f.assigned_to')
    .select([
      'f.id',
      'f.what',
      'f.due_on',
      'f.done_at',
      'f.version',
      'f.person_id',
      'f.conversation_id',
      's.display_name as assigned_name',
      'p.given_name',
      'p.family_name',
      'p.preferred_name',
    ]);
  if (filter.scope === 'mine') query = query.where('f.assigned_to', '=', actor.kind === 'user' ? actor.userId : null);
  else
    query =
      actor.kind === 'user' && actor.teamId
        ? query.where('f.patch_id', '=', actor.teamId)
        : query.where(sql<boolean>`false`);
  query = filter.status === 'open' ? query.where('f.done_at', 'is', null) : query.where('f.done_at', 'is not', null);
  if (filter.due === 'overdue') query = query.where('f.due_on', '<', filter.today);
  if (filter.due === 'week')
    query = query.where('f.due_on', '>=', filter.today).where('f.due_on', '<=', filter.weekEnd);
  return query
    .orderBy(filter.status === 'open' ? 'f.due_on' : 'f.done_at', filter.status === 'open' ? 'asc' : 'desc')
    .orderBy('p.family_name')
    .orderBy('f.id')
    .limit(limit)
    .execute();
}

/** A follow-up on a person the actor may see, or nothing (so a hidden one answers 404). */
export async function findVisibleFollowUp(tx: Tx, actor: Actor, id: string) {
  return tx
    .selectFrom('follow_up as f')
    .innerJoin(visiblePeople(tx, actor, 'p'), 'p.id', 'f.person_id')
    .selectAll('f')
    .where('f.id', '=', id)
    .executeTakeFirst();
}

export async function markFollowUpDone(
  tx: Tx,
  actor: Actor,
  id: string,
  version: number,
): Promise<FollowUpRow | undefined> {
  return tx
    .updateTable('follow_up')
    .set({ done_at: new Date(), done_by: actorId(actor), version: sql`version + 1` })
    .where('id', '=', id)
    .where('version', '=', version)
    .where('done_at', 'is', null)
    .returningAll()
    .executeTakeFirst();
}
