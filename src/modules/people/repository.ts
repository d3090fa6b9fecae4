import { sql } from 'kysely';
import type { Tx } from '../../platform/db/scope.js';
import type { PersonRow, PersonEventRow, PersonEventTable, RelationshipRow } from './tables.js';
import type { Updateable } from 'kysely';
import { actorId, type Actor } from '../../platform/access/roles.js';
import { normaliseNhsNumber } from '../../platform/identifiers/nhs-number.js';
import { parsePlainDate } from '../../platform/dates.js';
import { visibleTo } from './visibility.js';
import {
  DEFAULT_CLIENT_TYPE,
  type EventInput,
  type PersonInput,
  type RelationshipInput,
  type CommunicationEntryInput,
} from './schema.js';

/**
 * The only door to the people tables. Every function takes the transaction opened by `withOrg`
 * (row-level security on) and the actor, and filters by what the actor may see. Auditing is the
 * service's job, in the same transaction.
 */
export const PAGE_SIZE = 20;

export async function findVisiblePerson(tx: Tx, actor: Actor, id: string): Promise<PersonRow | undefined> {
  return tx.selectFrom('person').selectAll().where('id', '=', id).where(visibleTo(actor)).executeTakeFirst();
}

/** Same organisation, whatever the restriction: used only to decide between "restricted" and "not found". */
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

export type SearchKind = 'nhs' | 'date' | 'postcode' | 'name' | 'empty';

export function classifyQuery(q: string): { kind: SearchKind; value: string } {
  const trimmed = q.trim();
  if (!trimmed) return { kind: 'empty', value: '' };
  const digits = normaliseNhsNumber(trimmed);
  if (/^\d{10}$/.test(digits)) return { kind: 'nhs', value: digits };
  const uk = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(trimmed);
  const isoDate = uk ? `${uk[3]}-${uk[2]!.padStart(2, '0')}-${uk[1]!.padStart(2, '0')}` : trimmed;
  // Only a date the database can hold is searched as one: '31/02/1950' or '0000-01-01' failed in SQL.
  if (parsePlainDate(isoDate)) return { kind: 'date', value: isoDate };
  const pc = trimmed.toUpperCase().replace(/\s+/g, '');
  if (/^[A-Z]{1,2}\d[A-Z\d]?\d[A-Z]{2}$/.test(pc) || /^[A-Z]{1,2}\d[A-Z\d]?$/.test(pc))
    return { kind: 'postcode', value: pc };
  return { kind: 'name', value: trimmed.toLowerCase().replace(/\s+/g, ' ') };
}

export interface SearchResult {
  rows: PersonRow[];
  total: number;
  /** More matched than we count; the total is a floor. */ capped: boolean;
}

/** Counting every match of a vague search costs more than it tells anyone: stop at this many. */
export const COUNT_CAP = 1000;

/**
 * Search by NHS number, date of birth, postcode or name, paged. A name matches by trigram word
 * similarity (GIN-indexed: part of a name, "Marg", or a typo in a longer name, "Edna Jnoes") or by
 * the family name's sound (Double Metaphone, indexed: "Jnoes" sounds like "Jones"); best match first.
 */
export async function searchPeople(
  tx: Tx,
  actor: Actor,
  q: string,
  page: number,
  /** 'organisation': every record of the council, restricted or not (the IG auditor's search). */
  scope: 'visible' | 'organisation' = 'visible',
): Promise<SearchResult> {
  const { kind, value } = classifyQuery(q);
  if (kind === 'empty') return { rows: [], total: 0, capped: false };
  let query = tx
    .selectFrom('person')
    .where(scope === 'visible' ? visibleTo(actor) : (eb) => eb('person.org_id', '=', actor.orgId));
  if (kind === 'nhs') query = query.where('nhs_number', '=', value);
  else if (kind === 'date') query = query.where('date_of_birth', '=', value);
  else if (kind === 'postcode') {
    // A stored, indexed key compared with plain text operators, which row-level security lets use the index.
    query =
      value.length > 4
        ? query.where('postcode_key', '=', value)
        : query.where('postcode_key', '>=', value).where('postcode_key', '<', `${value}~`);
  } else {
    await sql`select set_config('pg_trgm.word_similarity_threshold', '0.45', true)`.execute(tx);
    const lastWord = value.split(' ').at(-1) ?? value;
    // Candidates come from an indexed, organisation-scoped function (see migration 0002 for why).
    query = query.where('id', 'in', sql<string>`(select person_name_candidates(${value}, ${lastWord}))`);
  }
  // The page and the (capped) count of all matches in one statement: the count is an uncorrelated
  // subquery over the same conditions, so PostgreSQL runs it once beside the page.
  const matchCount = (q: typeof query) =>
    tx
      .selectFrom(
        q
          .select(sql`1`.as('one'))
          .limit(COUNT_CAP + 1)
          .as('matches'),
      )
      .select((eb) => eb.fn.countAll<number>().as('n'));
  const found = await query
    .selectAll('person')
    .select(matchCount(query).as('match_count'))
    .orderBy(kind === 'name' ? sql`word_similarity(${value}, search_name) desc` : sql`family_name`)
    .orderBy('family_name')
    .orderBy('given_name')
    .orderBy('id')
    .limit(PAGE_SIZE)
    .offset((page - 1) * PAGE_SIZE)
    .execute();
  // A page past the last has no rows to carry the count: only then is it asked for on its own.
  const n = Number(found[0]?.match_count ?? (page > 1 ? ((await matchCount(query).executeTakeFirst())?.n ?? 0) : 0));
  const rows = found.map(({ match_count: _, ...person }) => person as PersonRow);
  return { rows, total: Math.min(n, COUNT_CAP), capped: n > COUNT_CAP };
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

export async function insertEvent(
  tx: Tx,
  actor: Actor,
  personId: string,
  input: EventInput,
  source: { module: string; id?: string } = { module: 'people' },
): Promise<PersonEventRow> {
  return tx
    .insertInto('person_event')
    .values({
      org_id: actor.orgId,
      person_id: personId,
      event_type: input.eventType,
      start_date: input.startDate,
      end_date: input.endDate,
      event_outcome: input.eventOutcome,
      client_type: input.clientType ?? DEFAULT_CLIENT_TYPE,
      linked_person_ids: [...(input.linkedPersonIds ?? [])],
      client_funding_status: input.clientFundingStatus ?? null,
      has_unpaid_carer: input.hasUnpaidCarer ?? null,
      adults_cared_for: input.adultsCaredFor ?? null,
      hours_caring_per_week: input.hoursCaringPerWeek ?? null,
      provider_cqc_location_id: input.providerCqcLocationId ?? null,
      planned_units_per_week: input.plannedUnitsPerWeek ?? null,
      route_of_access: input.routeOfAccess,
      assessment_type: input.assessmentType,
      eligible_needs_identified: input.eligibleNeedsIdentified,
      method_of_assessment: input.methodOfAssessment,
      service_type: input.serviceType,
      service_component: input.serviceComponent,
      delivery_mechanism: input.deliveryMechanism,
      review_reason: input.reviewReason,
      review_outcomes_achieved: input.reviewOutcomesAchieved,
      method_of_review: input.methodOfReview,
      unit_cost_pence: input.unitCostPence,
      cost_frequency: input.costFrequency,
      summary: input.summary,
      source_module: source.module,
      source_id: source.id ?? null,
      created_by: actorIdOrNull(actor),
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

/**
 * The CLD fields a module may correct on an event it wrote (never whose it is, where it came from,
 * or whether it was recorded in error: that is markEventInError's, with its reason and audit).
 */
export type SourceEventChanges = Omit<
  Updateable<PersonEventTable>,
  | 'id'
  | 'org_id'
  | 'person_id'
  | 'source_module'
  | 'source_id'
  | 'created_at'
  | 'created_by'
  | 'version'
  | 'recorded_in_error_at'
  | 'recorded_in_error_by'
  | 'recorded_in_error_reason'
>;

/**
 * A module keeps the CLD event it wrote in step with its own record (e.g. a corrected tier-one
 * conversation corrects its request event): found by source, version bumped.
 */
export async function updateEventFromSource(
  tx: Tx,
  source: { module: string; id: string },
  changes: SourceEventChanges,
): Promise<void> {
  await tx
    .updateTable('person_event')
    .set({ ...changes, version: sql`version + 1` })
    .where('source_module', '=', source.module)
    .where('source_id', '=', source.id)
    .where('recorded_in_error_at', 'is', null)
    .execute();
}

/**
 * Marks an event recorded in error. An event is never deleted (the record must show what was
 * written); a marked one stays on the timeline, struck through, and nothing counts it. Returns the
 * event, or undefined when the person has no such event or it is already marked.
 */
export async function markEventInError(
  tx: Tx,
  actor: Actor,
  personId: string,
  eventId: string,
  reason: string,
): Promise<PersonEventRow | undefined> {
  return tx
    .updateTable('person_event')
    .set({
      recorded_in_error_at: new Date(),
      recorded_in_error_by: actorIdOrNull(actor),
      recorded_in_error_reason: reason,
      version: sql`version + 1`,
    })
    .where('id', '=', eventId)
    .where('person_id', '=', personId)
    .where('recorded_in_error_at', 'is', null)
    .returningAll()
    .executeTakeFirst();
}

export async function findEvent(tx: Tx, personId: string, eventId: string): Promise<PersonEventRow | undefined> {
  return tx
    .selectFrom('person_event')
    .selectAll()
    .where('id', '=', eventId)
    .where('person_id', '=', personId)
    .executeTakeFirst();
}

/** The people among `ids` in the actor's organisation (a carer's event may only link to those). */
export async function peopleInOrg(tx: Tx, actor: Actor, ids: readonly string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await tx
    .selectFrom('person')
    .select('id')
    .where('org_id', '=', actor.orgId)
    .where('id', 'in', [...ids])
    .execute();
  return new Set(rows.map((r) => r.id));
}

/** Who made the change: a staff user or a partner token (the audit log has the full story). */
function actorIdOrNull(actor: Actor): string {
  return actorId(actor);
}
