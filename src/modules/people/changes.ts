import type { PersonRow } from './tables.js';
import type { PersonInput } from './schema.js';
import { personColumns } from './repository.js';

const labels: Record<string, string> = {
  given_name: 'First name',
  family_name: 'Last name',
  preferred_name: 'Preferred name',
  date_of_birth: 'Date of birth',
  date_of_death: 'Date of death',
  nhs_number: 'NHS number',
  address_line1: 'Address line 1',
  address_line2: 'Address line 2',
  town: 'Town or city',
  postcode: 'Postcode',
  gender: 'Gender',
  ethnicity: 'Ethnicity',
  accommodation_status: 'Accommodation',
  employment_status: 'Employment',
  primary_support_reason: 'Primary support reason',
  client_type: 'Client type',
  first_language: 'First language',
  interpreter_needed: 'Interpreter needed',
  gp_practice_code: 'GP practice code',
  autism_spectrum_disorder: 'Autism',
  visual_impairment: 'Sight',
  hearing_impairment: 'Hearing',
  dementia: 'Dementia',
  patch_id: 'Patch',
};

/** For a refused stale edit: each field where the saved record now differs from what was submitted. */
export function describeChanges(
  current: PersonRow,
  submitted: PersonInput,
): { field: string; yours: string; theirs: string }[] {
  const mine = personColumns(submitted) as Record<string, unknown>;
  const saved = current as unknown as Record<string, unknown>;
  return Object.keys(labels)
    .filter((key) => String(mine[key] ?? '') !== String(saved[key] ?? ''))
    .map((key) => ({ field: labels[key]!, yours: String(mine[key] ?? ''), theirs: String(saved[key] ?? '') }));
}
