import type { Kysely } from 'kysely';
import type { DB, OrganisationTable } from '../platform/db/schema.js';

/**
 * The council's partners in the demo county: NHS bodies that refer and share plans, a provider and
 * third-sector organisations. Each is its own organisation, so row-level security keeps their data
 * apart from the council's; later capabilities give them their own users and shared views.
 */
export const demoPartners: { name: string; kind: OrganisationTable['kind']; ods_code: string | null }[] = [
  { name: 'Riverside Medical Practice', kind: 'nhs', ods_code: 'D81001' },
  { name: 'Fenshire Hospitals NHS Foundation Trust', kind: 'nhs', ods_code: 'RGT' },
  { name: 'Fenshire Community Health MDT', kind: 'nhs', ods_code: 'RYV' },
  { name: 'Homecare Fenshire Ltd', kind: 'provider', ods_code: null },
  { name: 'Fenshire Carers’ Trust', kind: 'third_sector', ods_code: null },
  { name: 'Fenshire Timebank', kind: 'third_sector', ods_code: null },
];

export async function seedPartners(db: Kysely<DB>): Promise<Record<string, string>> {
  const ids: Record<string, string> = {};
  for (const p of demoPartners) {
    const row = await db.insertInto('organisation').values(p).returning('id').executeTakeFirstOrThrow();
    ids[p.name] = row.id;
  }
  return ids;
}
