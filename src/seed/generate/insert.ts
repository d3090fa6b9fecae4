import { sql, type Kysely } from 'kysely';
import type { DB } from '../../platform/db/schema.js';

/**
 * Bulk inserts for seeding: one `insert … select from unnest(array, array, …)` per batch, so a batch
 * of thousands of rows costs one parameter per column rather than one per value (PostgreSQL allows
 * at most 65,535 parameters per statement). Works the same on PGlite and PostgreSQL.
 */
type SqlType = 'uuid' | 'text' | 'date' | 'boolean' | 'bigint' | 'numeric';
type Value = string | number | boolean | null | undefined;

export async function bulkInsert<Row extends Record<string, Value>>(
  db: Kysely<DB>,
  table: keyof DB & string,
  columns: readonly (readonly [keyof Row & string, SqlType])[],
  rows: readonly Row[],
  batchSize = 5000,
): Promise<void> {
  for (let i = 0; i < rows.length; i += batchSize) {
    const batch = rows.slice(i, i + batchSize);
    const arrays = columns.map(([name, type]) => sql`${batch.map((r) => r[name] ?? null)}::${sql.raw(type)}[]`);
    await sql`insert into ${sql.table(table)} (${sql.join(columns.map(([name]) => sql.ref(name)))}) select * from unnest(${sql.join(arrays)})`.execute(
      db,
    );
  }
}

export const personColumns = [
  ['id', 'uuid'],
  ['org_id', 'uuid'],
  ['council_person_id', 'text'],
  ['nhs_number', 'text'],
  ['given_name', 'text'],
  ['family_name', 'text'],
  ['preferred_name', 'text'],
  ['date_of_birth', 'date'],
  ['date_of_death', 'date'],
  ['gender', 'text'],
  ['ethnicity', 'text'],
  ['accommodation_status', 'text'],
  ['employment_status', 'text'],
  ['primary_support_reason', 'text'],
  ['client_type', 'text'],
  ['address_line1', 'text'],
  ['address_line2', 'text'],
  ['town', 'text'],
  ['postcode', 'text'],
  ['first_language', 'text'],
  ['interpreter_needed', 'boolean'],
  ['patch_id', 'uuid'],
] as const;

export const eventColumns = [
  ['org_id', 'uuid'],
  ['person_id', 'uuid'],
  ['event_type', 'text'],
  ['start_date', 'date'],
  ['end_date', 'date'],
  ['event_outcome', 'text'],
  ['route_of_access', 'text'],
  ['assessment_type', 'text'],
  ['eligible_needs_identified', 'text'],
  ['method_of_assessment', 'text'],
  ['service_type', 'text'],
  ['service_component', 'text'],
  ['delivery_mechanism', 'text'],
  ['review_reason', 'text'],
  ['review_outcomes_achieved', 'text'],
  ['method_of_review', 'text'],
  ['unit_cost_pence', 'bigint'],
  ['cost_frequency', 'text'],
  ['planned_units_per_week', 'numeric'],
  ['client_type', 'text'],
  ['summary', 'text'],
  ['source_module', 'text'],
] as const;

/**
 * Links each carer's events to the adults they care for (cld.md §2.1 fields 37–39): the people their
 * network says they care for who have a record here, at most three. One statement, after the bulk
 * inserts (unnest cannot carry an array per row).
 */
export async function linkCarerEvents(db: Kysely<DB>, orgId: string): Promise<void> {
  await sql`
    update person_event e set linked_person_ids = coalesce((
      select array_agg(cared.related_person_id) from (
        select r.related_person_id from relationship r
        where r.person_id = e.person_id and r.other_receives_care and r.related_person_id is not null
        order by r.created_at, r.id limit 3) cared), '{}')
    where e.org_id = ${orgId}::uuid and e.client_type = 'Unpaid carer'`.execute(db);
}

export const relationshipColumns = [
  ['org_id', 'uuid'],
  ['person_id', 'uuid'],
  ['related_person_id', 'uuid'],
  ['contact_name', 'text'],
  ['contact_phone', 'text'],
  ['relationship_type', 'text'],
  ['other_provides_care', 'boolean'],
  ['other_receives_care', 'boolean'],
  ['carer_label', 'text'],
  ['in_circle_of_support', 'boolean'],
  ['is_key_contact', 'boolean'],
  ['notes', 'text'],
] as const;

// A type alias, not an interface, so rows satisfy bulkInsert's Record constraint.
export type RelationshipSeed = {
  person_id: string;
  related_person_id: string | null;
  contact_name: string | null;
  contact_phone: string | null;
  relationship_type: string;
  other_provides_care: boolean;
  other_receives_care: boolean;
  carer_label: 'accepted' | 'declined' | 'not_asked';
  in_circle_of_support: boolean;
  is_key_contact: boolean;
  notes: string | null;
};

/** Which of these people care for someone with a record here: their requests are carers' requests. */
export async function carersAmong(db: Kysely<DB>, personIds: readonly string[]): Promise<Set<string>> {
  if (personIds.length === 0) return new Set();
  const rows = await db
    .selectFrom('relationship')
    .select('person_id')
    .distinct()
    .where('person_id', 'in', [...personIds])
    .where('other_receives_care', '=', true)
    .where('related_person_id', 'is not', null)
    .execute();
  return new Set(rows.map((r) => r.person_id));
}
