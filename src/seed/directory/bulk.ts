import { sql, type Kysely } from 'kysely';
import type { DB } from '../../platform/db/schema.js';

/**
 * Batch inserts for the directory seed: one `insert … select from unnest(array, …)` per batch, the
 * same technique as ../generate/insert.ts but with the column types the directory needs (numbers,
 * times, timestamps). 10,000 services and their links load in a few dozen statements.
 */
export type ColumnType =
  'uuid' | 'text' | 'date' | 'boolean' | 'integer' | 'numeric' | 'float8' | 'time' | 'timestamptz';
type Value = string | number | boolean | null | undefined;
export type Row = Record<string, Value>;
export type Columns = readonly (readonly [string, ColumnType])[];

export async function insertRows(
  db: Kysely<DB>,
  table: keyof DB & string,
  columns: Columns,
  rows: readonly Row[],
  batchSize = 4000,
): Promise<void> {
  for (let i = 0; i < rows.length; i += batchSize) {
    const batch = rows.slice(i, i + batchSize);
    const arrays = columns.map(([name, type]) => sql`${batch.map((r) => r[name] ?? null)}::${sql.raw(type)}[]`);
    await sql`insert into ${sql.table(table)} (${sql.join(columns.map(([name]) => sql.ref(name)))}) select * from unnest(${sql.join(arrays)})`.execute(
      db,
    );
  }
}
