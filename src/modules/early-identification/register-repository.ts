import { sql } from 'kysely';
import type { Tx } from '../../platform/db/scope.js';
import type { RegisterEntryRow } from './tables.js';
import { actorId, type Actor } from '../../platform/access/roles.js';
import { visibleTo } from '../people/index.js';
import type { EntryInput, TriggerInput } from './schema.js';

/**
 * Register entries and their triggers, and the register list. Row-level security keeps each
 * organisation's rows apart; what a member of staff may see of a person (restricted records) is applied
 * by joining the person with `visibleTo`, so a list never shows, and a page never finds, a record they
 * may not open. Alerts are in alerts-repository.ts, partner events and held items in
 * partner-events-repository.ts.
 */

export function entryColumns(input: EntryInput) {
  return {
    patch_id: input.patchId,
    referrer_kind: input.referrerKind,
    referrer_name: input.referrerName,
    referrer_organisation: input.referrerOrganisation,
    reason: input.reason,
    risk_factors: [...input.riskFactors],
    risk_notes: input.riskNotes,
    consent: input.consent,
    consent_not_given_reason: input.consent === 'not_given' ? input.consentNotGivenReason : null,
    best_interests_decision: input.consent === 'lacks_capacity' ? input.bestInterestsDecision : null,
    consent_recorded_by: input.consentRecordedBy,
    consent_recorded_on: input.consentRecordedOn,
    review_date: input.reviewDate,
  };
}

export async function insertEntry(
  tx: Tx,
  actor: Actor,
  input: EntryInput,
  where: {
    personId: string | null;
    heldNhsNumber?: string | null;
    externalId?: string | null;
    source: 'staff' | 'api';
  },
): Promise<RegisterEntryRow | undefined> {
  return (
    tx
      .insertInto('register_entry')
      .values({
        ...entryColumns(input),
        org_id: actor.orgId,
        person_id: where.personId,
        held_nhs_number: where.personId ? null : (where.heldNhsNumber ?? null),
        external_id: where.externalId ?? null,
        source: where.source,
        status: where.personId ? 'active' : 'held',
        created_by: actorId(actor),
        updated_by: actorId(actor),
        updated_at: new Date(),
      })
      // A partner resending the same referral: the unique index decides, even for concurrent posts.
      .onConflict((oc) => oc.columns(['org_id', 'external_id']).where('external_id', 'is not', null).doNothing())
      .returningAll()
      .executeTakeFirst()
  );
}

export async function findEntryByExternalId(tx: Tx, orgId: string, externalId: string) {
  return tx
    .selectFrom('register_entry')
    .selectAll()
    .where('org_id', '=', orgId)
    .where('external_id', '=', externalId)
    .executeTakeFirst();
}

export async function replaceTriggers(
  tx: Tx,
  orgId: string,
  entryId: string,
  triggers: readonly TriggerInput[],
): Promise<void> {
  await tx.deleteFrom('register_trigger').where('entry_id', '=', entryId).execute();
  if (!triggers.length) return;
  await tx
    .insertInto('register_trigger')
    .values(
      triggers.map((t, position) => ({
        org_id: orgId,
        entry_id: entryId,
        event_type: t.eventType,
        description: t.description,
        related_person_id: t.relatedPersonId,
        position,
      })),
    )
    .execute();
}

/** An entry on a person's record, if the actor may see that person. */
export async function findEntry(
  tx: Tx,
  actor: Actor,
  personId: string,
  entryId: string,
): Promise<RegisterEntryRow | undefined> {
  return tx
    .selectFrom('register_entry')
    .selectAll('register_entry')
    .where('register_entry.id', '=', entryId)
    .where('register_entry.person_id', '=', personId)
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom('person')
          .select(sql`1`.as('one'))
          .whereRef('person.id', '=', 'register_entry.person_id')
          .where(visibleTo(actor)),
      ),
    )
    .executeTakeFirst();
}

export async function listTriggers(tx: Tx, entryId: string) {
  return tx
    .selectFrom('register_trigger as t')
    .leftJoin('person as p', 'p.id', 't.related_person_id')
    .select([
      't.id',
      't.event_type',
      't.description',
      't.related_person_id',
      'p.given_name as related_given_name',
      'p.family_name as related_family_name',
      'p.restricted as related_restricted',
    ])
    .where('t.entry_id', '=', entryId)
    .orderBy('t.position')
    .execute();
}

/** Optimistic update: the version check is part of the UPDATE, so two writers can never both win. */
export async function updateEntry(
  tx: Tx,
  actor: Actor,
  entryId: string,
  version: number,
  input: EntryInput,
): Promise<RegisterEntryRow | undefined> {
  return tx
    .updateTable('register_entry')
    .set({ ...entryColumns(input), updated_at: new Date(), updated_by: actorId(actor), version: sql`version + 1` })
    .where('id', '=', entryId)
    .where('version', '=', version)
    .where('status', '=', 'active')
    .returningAll()
    .executeTakeFirst();
}

export async function closeEntry(
  tx: Tx,
  actor: Actor,
  entryId: string,
  version: number,
  reason: string,
): Promise<RegisterEntryRow | undefined> {
  return tx
    .updateTable('register_entry')
    .set({
      status: 'closed',
      closed_reason: reason,
      closed_at: new Date(),
      closed_by: actorId(actor),
      updated_at: new Date(),
      updated_by: actorId(actor),
      version: sql`version + 1`,
    })
    .where('id', '=', entryId)
    .where('version', '=', version)
    .where('status', '=', 'active')
    .returningAll()
    .executeTakeFirst();
}

export async function listEntriesForPerson(tx: Tx, personId: string) {
  return tx
    .selectFrom('register_entry')
    .selectAll()
    .where('person_id', '=', personId)
    .orderBy('created_at', 'desc')
    .execute();
}

export interface RegisterFilter {
  patchId: string | null;
  reviewDueBy: string | null;
}

function registerQuery(tx: Tx, actor: Actor, filter: RegisterFilter) {
  let query = tx
    .selectFrom('register_entry as e')
    .innerJoin('person', 'person.id', 'e.person_id')
    .where('e.status', '=', 'active')
    .where(visibleTo(actor));
  if (filter.patchId) query = query.where('e.patch_id', '=', filter.patchId);
  if (filter.reviewDueBy) query = query.where('e.review_date', '<=', filter.reviewDueBy);
  return query;
}

/** One page of the active entries the actor may see, soonest review first. */
export async function listRegister(
  tx: Tx,
  actor: Actor,
  filter: RegisterFilter,
  page: { limit: number; offset: number },
) {
  return registerQuery(tx, actor, filter)
    .leftJoin('team', 'team.id', 'e.patch_id')
    .select([
      'e.id',
      'e.person_id',
      'e.reason',
      'e.review_date',
      'e.consent',
      'e.referrer_kind',
      'e.risk_factors',
      'e.patch_id',
      'team.name as patch_name',
      'person.given_name',
      'person.family_name',
      'person.council_person_id',
    ])
    .orderBy('e.review_date')
    .orderBy('person.family_name')
    .orderBy('e.id')
    .limit(page.limit)
    .offset(page.offset)
    .execute();
}

/** How many active entries the actor may see with this filter (for "N on the register" and paging). */
export async function countRegister(tx: Tx, actor: Actor, filter: RegisterFilter): Promise<number> {
  const row = await registerQuery(tx, actor, filter)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** What a register trigger says, for the reason of an episode it opened. */
export async function triggerDescription(tx: Tx, triggerId: string): Promise<string | undefined> {
  const row = await tx
    .selectFrom('register_trigger')
    .select('description')
    .where('id', '=', triggerId)
    .executeTakeFirst();
  return row?.description;
}
