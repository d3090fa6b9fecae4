import type { RegisterEntryRow } from './tables.js';
import { consentLabels, label, referrerKinds, riskFactors } from './lists.js';
import { entryColumns } from './register-repository.js';
import type { EntryInput } from './schema.js';

const labels: Record<string, string> = {
  referrer_kind: 'Who referred them',
  referrer_name: 'Referrer’s name',
  referrer_organisation: 'Referrer’s organisation',
  reason: 'Why they are at risk',
  risk_factors: 'Risk factors',
  risk_notes: 'Other risks',
  consent: 'Consent',
  consent_not_given_reason: 'Why without consent',
  best_interests_decision: 'Best-interests decision',
  consent_recorded_by: 'Consent recorded by',
  consent_recorded_on: 'Consent recorded on',
  review_date: 'Review date',
  patch_id: 'Patch',
};

function shown(key: string, value: unknown): string {
  if (value === null || value === undefined) return '';
  if (key === 'risk_factors') return (value as string[]).map((code) => label(riskFactors, code)).join('; ');
  if (key === 'consent') return label(consentLabels, String(value));
  if (key === 'referrer_kind') return label(referrerKinds, String(value));
  return String(value);
}

/** For a refused stale edit: each detail where the saved entry now differs from what was submitted. */
export function describeEntryChanges(
  current: RegisterEntryRow,
  submitted: EntryInput,
): { field: string; yours: string; theirs: string }[] {
  const mine = entryColumns(submitted) as Record<string, unknown>;
  const saved = current as unknown as Record<string, unknown>;
  return Object.keys(labels)
    .map((key) => ({ key, yours: shown(key, mine[key]), theirs: shown(key, saved[key]) }))
    .filter((c) => c.yours !== c.theirs)
    .map((c) => ({ field: labels[c.key]!, yours: c.yours, theirs: c.theirs }));
}
