import { sql, type Kysely } from 'kysely';
import type { DB } from '../../platform/db/schema.js';

/**
 * Bulk inserts for seeding: one `insert … select from unnest(array, array, …)` per batch, so a batch
 * of thousands of rows costs one parameter per column rather than one per value (PostgreSQL allows
 * at most 65,535 parameters per statement). Works the same on PGlite and PostgreSQL.
 */
type SqlType = 'uuid' | 'text' | 'date' | 'boolean' | 'bigint';
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
  ['summary', 'text'],
  ['source_module', 'text'],
] as const;

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
