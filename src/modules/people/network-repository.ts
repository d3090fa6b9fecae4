import { sql } from 'kysely';
import type { Tx } from '../../platform/db/scope.js';
import { PREPARE_MARK } from '../../platform/db/prepared.js';
import type { Actor } from '../../platform/access/roles.js';
import { normaliseNhsNumber } from '../../platform/identifiers/nhs-number.js';
import { visibleTo } from './visibility.js';
import { insertRelationship } from './repository.js';

/**
 * The person another record points at, found by an identifier staff already hold (council person
 * ID or NHS number), never by a name: choosing someone must not become a way to browse records.
 * Only records the actor may see are found; a restricted one is "not found".
 */
export async function findVisibleByIdentifier(tx: Tx, actor: Actor, identifier: string) {
  const trimmed = identifier.trim();
  const digits = normaliseNhsNumber(trimmed);
  let query = tx.selectFrom('person').select(['id', 'given_name', 'family_name']).where(visibleTo(actor));
  query = /^\d{10}$/.test(digits)
    ? query.where('nhs_number', '=', digits)
    : query.where('council_person_id', '=', trimmed.toUpperCase());
  return query.executeTakeFirst();
}

/**
 * The person's current network, key contacts first, to choose "who does what" from on a contingency
 * plan or crisis form (callers drop restricted related people).
 */
export async function listNetworkChoices(tx: Tx, personId: string) {
  return tx
    .selectFrom('relationship as r')
    .leftJoin('person as p', 'p.id', 'r.related_person_id')
    .select([
      'r.id',
      'r.contact_name',
      'r.contact_phone',
      'r.relationship_type',
      'p.given_name',
      'p.family_name',
      'p.restricted',
    ])
    .where('r.person_id', '=', personId)
    .where('r.ended_on', 'is', null)
    .orderBy('r.is_key_contact', 'desc')
    .orderBy('r.created_at')
    .execute();
}

/**
 * Someone a contingency plan (or another module's form) names who is not in the network yet: they
 * are added to the network as a contact, so their number lives in one place. The caller audits
 * 'relationship.create' in the same transaction.
 */
export async function addNetworkContact(
  tx: Tx,
  actor: Actor,
  personId: string,
  contact: { name: string; phone: string | null; relationshipType: string },
) {
  return insertRelationship(tx, actor, personId, {
    relatedPersonId: null,
    contactName: contact.name,
    contactPhone: contact.phone,
    contactEmail: null,
    relationshipType: contact.relationshipType,
    otherProvidesCare: false,
    otherReceivesCare: false,
    carerLabel: 'not_asked',
    inCircleOfSupport: true,
    isKeyContact: false,
    notes: null,
  });
}

/**
 * A network entry's phone number, changed where it is kept (the plan form gives a number for a
 * member of the network). The caller audits 'relationship.update' in the same transaction.
 */
export async function setNetworkPhone(tx: Tx, personId: string, relationshipId: string, phone: string): Promise<void> {
  await tx
    .updateTable('relationship')
    .set({ contact_phone: phone, version: sql`version + 1` })
    .where('id', '=', relationshipId)
    .where('person_id', '=', personId)
    .execute();
}

/**
 * The people with a record here whom this person cares for (their network says so), at most three
 * (CLD fields 37–39). Non-empty means a carer's events are theirs as an unpaid carer, whether or not
 * they accept the word: pages never show the client type to them.
 */
export async function caredForPeople(tx: Tx, personId: string): Promise<string[]> {
  const rows = await tx
    .selectFrom('relationship')
    .select('related_person_id')
    .where('person_id', '=', personId)
    .where('other_receives_care', '=', true)
    .where('related_person_id', 'is not', null)
    .where('ended_on', 'is', null)
    .orderBy('created_at')
    .orderBy('id')
    .limit(3)
    .execute();
  return rows.map((r) => r.related_person_id!);
}

/**
 * Which of `ids` are entries in this person's network (ended ones included: a record made while a
 * relationship lasted still names it). For another module checking that a form's choices are this
 * person's, without reading the relationship table itself.
 */
export async function ownRelationshipIds(tx: Tx, personId: string, ids: readonly string[]): Promise<Set<string>> {
  if (!ids.length) return new Set();
  const rows = await tx
    .selectFrom('relationship')
    .select('id')
    .where('person_id', '=', personId)
    .where('id', 'in', [...ids])
    .execute();
  return new Set(rows.map((r) => r.id));
}

/** The people in this person's current network who have records the actor may see (a trigger can name them). */
export async function visibleRelatedPeople(tx: Tx, actor: Actor, personId: string) {
  return tx
    .selectFrom('relationship as r')
    .innerJoin('person', 'person.id', 'r.related_person_id')
    .select(['person.id', 'person.given_name', 'person.family_name', 'r.relationship_type'])
    .where('r.person_id', '=', personId)
    .where('r.ended_on', 'is', null)
    .where(visibleTo(actor))
    .orderBy('person.family_name')
    .orderBy('person.given_name')
    .execute();
}

/**
 * Has this person accepted being called a carer by someone they care for? True when a record of
 * someone this person cares for says so (their network entry for this person: provides care, label
 * accepted). One statement, whichever number of people they care for.
 */
export async function acceptsCarerLabel(tx: Tx, personId: string): Promise<boolean> {
  const row = await tx
    .selectFrom('relationship as mine')
    .modifyFront(sql.raw(PREPARE_MARK))
    .innerJoin('relationship as theirs', (join) =>
      join
        .onRef('theirs.person_id', '=', 'mine.related_person_id')
        .onRef('theirs.related_person_id', '=', 'mine.person_id'),
    )
    .select('theirs.id')
    .where('mine.person_id', '=', personId)
    .where('mine.ended_on', 'is', null)
    .where('mine.other_receives_care', '=', true)
    .where('theirs.ended_on', 'is', null)
    .where('theirs.other_provides_care', '=', true)
    .where('theirs.carer_label', '=', 'accepted')
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}
