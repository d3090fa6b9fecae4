import type { Kysely } from 'kysely';
import type { DB } from '../platform/db/schema.js';
import type { SeededOrganisation } from './organisation.js';

/**
 * The people of the source documents' case studies (see shared/scenarios), so a newcomer can find
 * Mr and Mrs Jones straight after `npm start`. NHS numbers are valid test-range numbers (999…).
 */
export async function seedScenarioPeople(db: Kysely<DB>, org: SeededOrganisation): Promise<Record<string, string>> {
  const patch = org.patchIds['Fenland North'] ?? null;
  const people = [
    { key: 'mrJones', given_name: 'Harold', family_name: 'Jones', date_of_birth: '1942-05-14', nhs_number: '9990000018', gender: 'Male', primary_support_reason: null, first_language: 'en' },
    { key: 'mrsJones', given_name: 'Edna', family_name: 'Jones', date_of_birth: '1944-09-02', nhs_number: '9990000026', gender: 'Female', primary_support_reason: 'Support with memory and cognition', first_language: 'en' },
    { key: 'mrsN', given_name: 'Nirmala', family_name: 'Nair', date_of_birth: '1929-01-20', nhs_number: '9990000034', gender: 'Female', primary_support_reason: 'Physical support: Personal care support', first_language: 'gu', interpreter_needed: true },
    { key: 'margaret', given_name: 'Margaret', family_name: 'Ellis', date_of_birth: '1936-11-30', nhs_number: '9990000042', gender: 'Female', primary_support_reason: 'Physical support: Personal care support', first_language: 'en' },
    { key: 'george', given_name: 'George', family_name: 'Barker', date_of_birth: '1939-03-07', nhs_number: '9990000050', gender: 'Male', primary_support_reason: 'Physical support: Access and mobility only', first_language: 'en' },
  ];
  const ids: Record<string, string> = {};
  let n = 1;
  for (const { key, ...p } of people) {
    const row = await db
      .insertInto('person')
      .values({ ...p, org_id: org.orgId, council_person_id: `P${String(n++).padStart(7, '0')}`, patch_id: patch, town: 'March', postcode: 'PE15 8AA' })
      .returning('id')
      .executeTakeFirstOrThrow();
    ids[key] = row.id;
  }
  return ids;
}
