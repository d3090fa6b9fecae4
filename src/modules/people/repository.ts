import { sql } from 'kysely';
import { PREPARE_MARK } from '../../platform/db/prepared.js';
import type { Tx } from '../../platform/db/scope.js';
import type { PersonRow, RelationshipRow } from './tables.js';
import { actorId, type Actor } from '../../platform/access/roles.js';
import { visibleSql, visibleTo } from './visibility.js';
import { type PersonInput, type RelationshipInput, type CommunicationEntryInput } from './schema.js';

export async function findVisiblePerson(tx: Tx, actor: Actor, id: string): Promise<PersonRow | undefined> {
  // Every person page starts here, so it is written as SQL (building it through the query builder
  // cost more than running it) and prepared once per connection: its text is the same for everyone.
  const { rows } = await sql<PersonRow>`${sql.raw(PREPARE_MARK)}
    select p.* from person p where p.id = ${id} and ${visibleSql('p', actor)}`.execute(tx);
  return rows[0];
}

/**
 * Same organisation, whatever the restriction: to decide between "restricted" and "not found", and to
 * name someone a page names whoever looks (an alert's event person, audited for them).
 */
export async function findPersonInOrg(
  tx: Tx,
  actor: Actor,
  id: string,
): Promise<Pick<PersonRow, 'id' | 'restricted' | 'given_name' | 'family_name'> | undefined> {
  return tx
    .selectFrom('person')
    .select(['id', 'restricted', 'given_name', 'family_name'])
    .where('id', '=', id)
    .where('org_id', '=', actor.orgId)
    .executeTakeFirst();
}

/**
 * Locks the person's row for the rest of the transaction, so that two pieces of work that must not
 * overlap for one person (two crisis episodes opening at once) queue, and the second sees the first.
 * Row-level security keeps it to the organisation; undefined when there is no such person.
 */
export async function lockPerson(tx: Tx, personId: string): Promise<Pick<PersonRow, 'id' | 'patch_id'> | undefined> {
  return tx.selectFrom('person').select(['id', 'patch_id']).where('id', '=', personId).forUpdate().executeTakeFirst();
}

/** The patch the person belongs to (null when none is set, or no such person in the organisation). */
export async function personPatchId(tx: Tx, personId: string): Promise<string | null> {
  const row = await tx.selectFrom('person').select('patch_id').where('id', '=', personId).executeTakeFirst();
  return row?.patch_id ?? null;
}

export async function nextCouncilPersonId(tx: Tx): Promise<string> {
  const row = await sql<{ n: number }>`select nextval('person_reference_seq') as n`.execute(tx);
  return `P${String(row.rows[0]!.n).padStart(7, '0')}`;
}

export function personColumns(input: PersonInput) {
  return {
    given_name: input.givenName,
    family_name: input.familyName,
    preferred_name: input.preferredName,
    date_of_birth: input.dateOfBirth,
    date_of_death: input.dateOfDeath,
    nhs_number: input.nhsNumber,
    address_line1: input.addressLine1,
    address_line2: input.addressLine2,
    town: input.town,
    postcode: input.postcode,
    gender: input.gender,
    ethnicity: input.ethnicity,
    accommodation_status: input.accommodationStatus,
    employment_status: input.employmentStatus,
    primary_support_reason: input.primarySupportReason,
    client_type: input.clientType,
    first_language: input.firstLanguage,
    interpreter_needed: input.interpreterNeeded,
    gp_practice_code: input.gpPracticeCode,
    autism_spectrum_disorder: input.autismSpectrumDisorder,
    visual_impairment: input.visualImpairment,
    hearing_impairment: input.hearingImpairment,
    dementia: input.dementia,
    patch_id: input.patchId,
  };
}

/** Candidates a new record might duplicate: same NHS number, or a similar name with the same date of birth. */
export async function findDuplicates(
  tx: Tx,
  actor: Actor,
  input: PersonInput,
  excludeId?: string,
): Promise<PersonRow[]> {
  const name = `${input.givenName} ${input.familyName}`.toLowerCase();
  let query = tx
    .selectFrom('person')
    .selectAll()
    .where(visibleTo(actor))
    .where((eb) =>
      eb.or([
        ...(input.nhsNumber ? [eb('nhs_number', '=', input.nhsNumber)] : []),
        eb.and([
          eb('date_of_birth', '=', input.dateOfBirth),
          sql<boolean>`similarity(${name}, lower(given_name || ' ' || family_name)) > 0.3`,
        ]),
      ]),
    );
  if (excludeId) query = query.where('id', '<>', excludeId);
  return query.limit(10).execute();
}

export async function nhsNumberTaken(tx: Tx, orgId: string, nhsNumber: string, excludeId?: string): Promise<boolean> {
  let query = tx.selectFrom('person').select('id').where('org_id', '=', orgId).where('nhs_number', '=', nhsNumber);
  if (excludeId) query = query.where('id', '<>', excludeId);
  return Boolean(await query.executeTakeFirst());
}

export async function insertPerson(tx: Tx, actor: Actor, input: PersonInput): Promise<PersonRow> {
  const councilPersonId = input.councilPersonId ?? (await nextCouncilPersonId(tx));
  return tx
    .insertInto('person')
    .values({
      ...personColumns(input),
      org_id: actor.orgId,
      council_person_id: councilPersonId,
      created_by: actorIdOrNull(actor),
      updated_by: actorIdOrNull(actor),
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** Optimistic update: the version check is part of the UPDATE, so two writers can never both win. */
export async function updatePerson(
  tx: Tx,
  actor: Actor,
  id: string,
  version: number,
  input: PersonInput,
): Promise<PersonRow | undefined> {
  const columns = personColumns(input);
  return tx
    .updateTable('person')
    .set({
      ...columns,
      ...(input.councilPersonId ? { council_person_id: input.councilPersonId } : {}),
      updated_at: new Date(),
      updated_by: actorIdOrNull(actor),
      version: sql`version + 1`,
    })
    .where('id', '=', id)
    .where('version', '=', version)
    .where(visibleTo(actor))
    .returningAll()
    .executeTakeFirst();
}

export async function listRelationships(tx: Tx, personId: string) {
  return tx
    .selectFrom('relationship as r')
    .modifyFront(sql.raw(PREPARE_MARK))
    .leftJoin('person as p', 'p.id', 'r.related_person_id')
    .selectAll('r')
    .select([
      'p.given_name as related_given_name',
      'p.family_name as related_family_name',
      'p.restricted as related_restricted',
    ])
    .where('r.person_id', '=', personId)
    .where('r.ended_on', 'is', null)
    .orderBy('r.is_key_contact', 'desc')
    .orderBy('r.created_at')
    .execute();
}

export async function insertRelationship(
  tx: Tx,
  actor: Actor,
  personId: string,
  input: RelationshipInput,
): Promise<RelationshipRow> {
  return tx
    .insertInto('relationship')
    .values({
      org_id: actor.orgId,
      person_id: personId,
      related_person_id: input.relatedPersonId,
      contact_name: input.contactName,
      contact_phone: input.contactPhone,
      contact_email: input.contactEmail,
      relationship_type: input.relationshipType,
      other_provides_care: input.otherProvidesCare,
      other_receives_care: input.otherReceivesCare,
      carer_label: input.carerLabel,
      in_circle_of_support: input.inCircleOfSupport,
      is_key_contact: input.isKeyContact,
      notes: input.notes,
      created_by: actorIdOrNull(actor),
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function insertCommunicationEntry(tx: Tx, actor: Actor, personId: string, input: CommunicationEntryInput) {
  return tx
    .insertInto('communication_entry')
    .values({
      org_id: actor.orgId,
      person_id: personId,
      at_this_time: input.atThisTime,
      person_does: input.personDoes,
      we_think_it_means: input.weThinkItMeans,
      we_should: input.weShould,
      created_by: actorIdOrNull(actor),
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** Who made the change: a staff user or a partner token (the audit log has the full story). */
function actorIdOrNull(actor: Actor): string {
  return actorId(actor);
}
