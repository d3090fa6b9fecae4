import { z } from 'zod';
import { type FieldError } from '../../platform/http/errors.js';
import { dateFromParts, partsFromDate } from '../../platform/dates.js';
import type { RegisterEntryRow } from './tables.js';
import { toFieldErrors } from '../../platform/http/validation.js';
import { answerRules, MAX_TRIGGERS } from './schema.js';

type Body = Record<string, unknown>;
const DATES = ['consentRecordedOn', 'reviewDate'] as const;
/** Rows of trigger fields offered on the form: at least three, one spare beyond those in use. */
const MIN_TRIGGER_ROWS = 3;

const text = (v: unknown) => (typeof v === 'string' ? v : '');
const list = (v: unknown): string[] => (Array.isArray(v) ? v.map(String) : typeof v === 'string' && v ? [v] : []);

function triggerRows(body: Body) {
  const rows: { eventType: string; description: string; relatedPersonId: string }[] = [];
  for (let i = 0; i < MAX_TRIGGERS; i += 1) {
    rows.push({
      eventType: text(body[`triggers-${i}-eventType`]),
      description: text(body[`triggers-${i}-description`]),
      relatedPersonId: text(body[`triggers-${i}-relatedPersonId`]),
    });
  }
  return rows;
}

/** The form's flat body to what entryInputSchema parses. Empty trigger rows are left out. */
export function entryFormToInput(body: Body): Record<string, unknown> {
  return {
    patchId: text(body.patchId) || null,
    referrerKind: text(body.referrerKind) || undefined,
    referrerName: text(body.referrerName),
    referrerOrganisation: text(body.referrerOrganisation),
    reason: text(body.reason),
    riskFactors: list(body.riskFactors),
    riskNotes: text(body.riskNotes),
    consent: text(body.consent) || undefined,
    consentNotGivenReason: text(body.consentNotGivenReason),
    bestInterestsDecision: text(body.bestInterestsDecision),
    consentRecordedBy: text(body.consentRecordedBy),
    consentRecordedOn: dateFromParts(
      body['consentRecordedOn-day'],
      body['consentRecordedOn-month'],
      body['consentRecordedOn-year'],
    ),
    reviewDate: dateFromParts(body['reviewDate-day'], body['reviewDate-month'], body['reviewDate-year']),
    triggers: triggerRows(body)
      .filter((t) => t.eventType.trim() || t.description.trim())
      .map((t) => ({
        eventType: t.eventType || undefined,
        description: t.description,
        relatedPersonId: t.relatedPersonId || null,
      })),
    version: body.version,
  };
}

/** Values to redisplay the form as it was sent. */
export function entryFormValues(body: Body) {
  const rows = triggerRows(body);
  const used = rows.filter((t) => t.eventType || t.description).length;
  return {
    ...body,
    riskFactors: list(body.riskFactors),
    consentRecordedOn: {
      day: text(body['consentRecordedOn-day']),
      month: text(body['consentRecordedOn-month']),
      year: text(body['consentRecordedOn-year']),
    },
    reviewDate: {
      day: text(body['reviewDate-day']),
      month: text(body['reviewDate-month']),
      year: text(body['reviewDate-year']),
    },
    triggers: rows.slice(0, Math.min(MAX_TRIGGERS, Math.max(MIN_TRIGGER_ROWS, used + 1))),
  };
}

/** A saved entry as form values (for the edit page). */
export function entryToForm(
  entry: RegisterEntryRow,
  triggers: readonly { event_type: string; description: string; related_person_id: string | null }[],
) {
  const rows = triggers.map((t) => ({
    eventType: t.event_type,
    description: t.description,
    relatedPersonId: t.related_person_id ?? '',
  }));
  while (rows.length < Math.min(MAX_TRIGGERS, Math.max(MIN_TRIGGER_ROWS, triggers.length + 1)))
    rows.push({ eventType: '', description: '', relatedPersonId: '' });
  return {
    version: entry.version,
    patchId: entry.patch_id ?? '',
    referrerKind: entry.referrer_kind,
    referrerName: entry.referrer_name ?? '',
    referrerOrganisation: entry.referrer_organisation ?? '',
    reason: entry.reason,
    riskFactors: entry.risk_factors,
    riskNotes: entry.risk_notes ?? '',
    consent: entry.consent,
    consentNotGivenReason: entry.consent_not_given_reason ?? '',
    bestInterestsDecision: entry.best_interests_decision ?? '',
    consentRecordedBy: entry.consent_recorded_by,
    consentRecordedOn: partsFromDate(entry.consent_recorded_on),
    reviewDate: partsFromDate(entry.review_date),
    triggers: rows,
  };
}

const fieldOrder = [
  'version',
  'referrerKind',
  'referrerName',
  'referrerOrganisation',
  'reason',
  'riskFactors',
  'riskNotes',
  'consent',
  'consentNotGivenReason',
  'bestInterestsDecision',
  'consentRecordedBy',
  'consentRecordedOn',
  'reviewDate',
  'triggers',
  'patchId',
];

/** Error summary links that land on a real field, in the order the fields appear on the form. */
export function linkEntryErrors(errors: FieldError[]): FieldError[] {
  const linked = errors.map((e) => {
    const field = e.href.slice(1);
    if ((DATES as readonly string[]).includes(field)) return { ...e, href: `#${field}-day` };
    if (field === 'triggers') return { ...e, href: '#triggers-0-eventType' };
    if (/^riskFactors-\d+$/.test(field)) return { ...e, href: '#riskFactors' };
    return e;
  });
  const rank = (e: FieldError) => {
    const field = e.href.slice(1);
    const i = fieldOrder.findIndex((f) => field === f || field.startsWith(`${f}-`));
    return i === -1 ? fieldOrder.length : i;
  };
  return linked
    .map((e, i) => ({ e, i }))
    .sort((a, b) => rank(a.e) - rank(b.e) || a.i - b.i)
    .map(({ e }) => e);
}

/** Every problem with the form's answers, linked to its field, in form order. */
export function entryErrors(error: z.ZodError, answers: Record<string, unknown>): FieldError[] {
  const errors = toFieldErrors(error);
  for (const rule of answerRules) {
    if (rule.broken(answers) && !errors.some((e) => e.href === `#${rule.field}`))
      errors.push({ text: rule.message, href: `#${rule.field}` });
  }
  return linkEntryErrors(errors);
}
