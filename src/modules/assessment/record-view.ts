import type { FastifyRequest } from 'fastify';
import type { FieldError } from '../../platform/http/errors.js';
import { errorMap } from '../../platform/http/validation.js';
import { partsFromDate } from '../../platform/dates.js';
import { personSummary, type PersonRow } from '../people/index.js';
import type { ConflictError } from '../../platform/http/errors.js';
import type { FoundAssessment } from './record-repository.js';
import type { AssessmentParticipantRow } from './tables.js';
import { ADULT_OUTCOMES, CARER_OUTCOMES, UNABLE_WAYS } from './eligibility-outcomes.js';
import { METHODS, PARTICIPANT_ROLES } from './record-schema.js';
import { assessmentTitle, carerWording } from './record-wording.js';
import type { CaringContext } from './record-context.js';
import { storedDetermination } from './record-service.js';

type Values = Record<string, unknown>;
type Participant = AssessmentParticipantRow & { recorded_by_name: string | null };

export interface Loaded {
  person: PersonRow;
  assessment: FoundAssessment;
  participants: Participant[];
  caring: CaringContext;
}

export const assessmentHref = (personId: string, assessmentId: string) =>
  `/people/${personId}/assessments/${assessmentId}`;

export const canRecord = (request: FastifyRequest) =>
  request.actor?.kind === 'user' && ['practitioner', 'team_manager'].includes(request.actor.role);

const firstNameOf = (p: PersonRow) => p.preferred_name ?? p.given_name;

/** What every assessment page is given: the person, the assessment's name in their terms, the errors. */
export function pageBase(data: Omit<Loaded, 'participants'>, heading: string, values: Values, errors: FieldError[]) {
  const person = personSummary(data.person);
  const kindTitle = assessmentTitle(data.assessment.kind, data.caring);
  return {
    title: `${heading}: ${person.name}`,
    heading,
    person,
    firstName: firstNameOf(data.person),
    kindTitle,
    assessment: data.assessment,
    methodText: METHODS.find((m) => m.value === data.assessment.method)?.text ?? data.assessment.method,
    backLink: assessmentHref(data.person.id, data.assessment.id),
    values,
    errors: errors.map((e) => ({ ...e, text: carerWording(e.text, data.caring.acceptsCarerLabel) })),
    fieldErrors: errorMap(errors),
  };
}

/** The determination as the page shows it: decision, reasons in the person's terms, any override. */
export function determinationView(data: Loaded) {
  const d = storedDetermination(data.assessment);
  if (!d) return null;
  const words = (t: string) => carerWording(t, data.caring.acceptsCarerLabel);
  return {
    eligible: d.eligible,
    eligibleByRule: d.eligibleByRule,
    reasons: d.reasons.map(words),
    override: d.override
      ? { ...d.override, by: data.assessment.override_by_name ?? d.override.decidedBy, at: data.assessment.override_at }
      : null,
  };
}

/** The assessment page: check your answers, the determination, participants, override and completion. */
export function assessmentPageView(
  request: FastifyRequest,
  data: Loaded,
  values: Values = {},
  errors: FieldError[] = [],
  conflict?: ConflictError['changes'],
) {
  const a = data.assessment;
  const inProgress = a.status === 'in_progress';
  return {
    ...pageBase(data, assessmentTitle(a.kind, data.caring), values, errors),
    backLink: `/people/${data.person.id}/assessments`,
    href: assessmentHref(data.person.id, a.id),
    inProgress,
    canRecord: canRecord(request) && inProgress,
    strengthsDone: a.can_do !== '',
    determination: determinationView(data),
    conflict,
    participants: data.participants,
    roles: PARTICIPANT_ROLES.map((r) => ({ value: r, text: r, selected: values.role === r })),
    completedOn:
      values['completedOn-day'] === undefined
        ? partsFromDate(null)
        : { day: values['completedOn-day'], month: values['completedOn-month'], year: values['completedOn-year'] },
    version: values.version ?? a.version,
  };
}

/** The eligibility page's outcomes: each with its ways as checkboxes and a box of words for each way. */
export function outcomeFields(data: Omit<Loaded, 'participants'>, values: Values, errors: Record<string, unknown>) {
  const carer = data.assessment.kind === 'carer';
  const outcomes = carer ? CARER_OUTCOMES : ADULT_OUTCOMES;
  const ways = UNABLE_WAYS.filter((w) => !carer || w.forCarers);
  const words = (t: string) => carerWording(t, data.caring.acceptsCarerLabel);
  return outcomes.map((o) => {
    const name = `outcomes-${o.key}`;
    const ticked = ([] as unknown[]).concat(values[`${name}-ways`] ?? []);
    return {
      key: o.key,
      name,
      label: words(o.label.charAt(0).toUpperCase() + o.label.slice(1)),
      error: errors[`${name}-ways`],
      ways: ways.map((w) => ({
        value: w.key,
        text: words(w.label),
        checked: ticked.includes(w.key),
        wordsId: `${name}-words-${w.key}`,
        wordsLabel: `Describe it: ${w.short}`,
        wordsValue: values[`${name}-words-${w.key}`] ?? '',
        wordsError: errors[`${name}-words-${w.key}`],
      })),
    };
  });
}
