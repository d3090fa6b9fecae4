import type { RegisterEntryRow } from './tables.js';
import { consentLabels, eventTypeLabels, label, listItems, referrerKinds, riskFactors } from './lists.js';

/** Options for the referral form's selects, radios and checkboxes, with the current answers marked. */
export function entryFormOptions(
  values: Record<string, unknown>,
  related: readonly { id: string; given_name: string; family_name: string }[],
  patches: readonly { id: string; name: string }[],
  personName: string,
) {
  const triggers = (values.triggers as { eventType: string; relatedPersonId: string }[] | undefined) ?? [];
  return {
    referrerKindItems: listItems(referrerKinds, values.referrerKind as string, 'checked'),
    riskFactorItems: listItems(riskFactors, values.riskFactors as string[], 'checked'),
    patchItems: [
      { value: '', text: 'The person’s own patch' },
      ...patches.map((p) => ({ value: p.id, text: p.name, selected: p.id === values.patchId })),
    ],
    triggerItems: triggers.map((t) => ({
      eventTypeItems: [{ value: '', text: 'Choose an event' }, ...listItems(eventTypeLabels, t.eventType)],
      relatedItems: [
        { value: '', text: `${personName} (the person on the register)` },
        ...related.map((p) => ({
          value: p.id,
          text: `${p.given_name} ${p.family_name}`,
          selected: p.id === t.relatedPersonId,
        })),
      ],
    })),
  };
}

export function entrySummary(entry: RegisterEntryRow) {
  return {
    id: entry.id,
    personId: entry.person_id,
    status: entry.status,
    version: entry.version,
    referrer: [label(referrerKinds, entry.referrer_kind), entry.referrer_name, entry.referrer_organisation]
      .filter(Boolean)
      .join(', '),
    reason: entry.reason,
    riskFactors: entry.risk_factors.map((code) => label(riskFactors, code)),
    riskNotes: entry.risk_notes,
    consent: label(consentLabels, entry.consent),
    consentNotGivenReason: entry.consent_not_given_reason,
    bestInterestsDecision: entry.best_interests_decision,
    consentRecordedBy: entry.consent_recorded_by,
    consentRecordedOn: entry.consent_recorded_on,
    reviewDate: entry.review_date,
    closedReason: entry.closed_reason,
    closedAt: entry.closed_at,
    source: entry.source === 'api' ? 'Partner system' : 'Staff',
  };
}

export function triggerSummary(t: {
  event_type: string;
  description: string;
  related_person_id: string | null;
  related_given_name: string | null;
  related_family_name: string | null;
  related_restricted: boolean | null;
}) {
  const about = !t.related_person_id
    ? 'The person on the register'
    : t.related_restricted
      ? 'A related person (restricted record)'
      : `${t.related_given_name} ${t.related_family_name}`;
  return {
    eventType: label(eventTypeLabels, t.event_type),
    description: t.description,
    about,
    relatedPersonId: t.related_restricted ? null : t.related_person_id,
  };
}

export function alertSummary(a: {
  id: string;
  person_id: string;
  given_name: string;
  family_name: string;
  event_type: string;
  occurred_at: Date;
  source_organisation: string;
  status: string;
  created_at: Date;
  patch_name: string | null;
  event_person_id: string | null;
}) {
  return {
    id: a.id,
    personId: a.person_id,
    name: `${a.given_name} ${a.family_name}`,
    event: label(eventTypeLabels, a.event_type),
    occurredAt: a.occurred_at,
    source: a.source_organisation,
    status: a.status === 'open' ? 'Open' : 'Acknowledged',
    raisedAt: a.created_at,
    patch: a.patch_name ?? 'No patch',
    viaRelated: Boolean(a.event_person_id && a.event_person_id !== a.person_id),
  };
}
