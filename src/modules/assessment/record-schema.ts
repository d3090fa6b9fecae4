import { z } from 'zod';
import { dateFromParts, plainDateSchema } from '../../platform/dates.js';
import type { AssessmentMethod } from './tables.js';
import { ADULT_OUTCOMES, CARER_OUTCOMES, UNABLE_WAYS } from './eligibility-outcomes.js';
import type { AdultAnswersInput, CarerAnswersInput } from './eligibility-schema.js';

/**
 * The assessment forms' answers, checked with GOV.UK messages. Field names are the ids the error
 * summary links to; the eligibility answers are flattened to `outcomes-<outcome>-ways` and
 * `outcomes-<outcome>-words-<way>` so that the rule's own error paths name the field on the page.
 */

type Body = Record<string, unknown>;
const TEXT_MAX = 4000;

/** How an assessment was carried out, each with the local "Method of Assessment" code it reports as. */
export const METHODS: readonly { value: AssessmentMethod; text: string; cld: string }[] = [
  { value: 'supported_self_assessment', text: 'Supported self-assessment', cld: 'Supported self-assessment' },
  { value: 'face_to_face', text: 'Face to face', cld: 'Face to face' },
  { value: 'phone', text: 'Phone', cld: 'Telephone' },
  { value: 'video', text: 'Video call', cld: 'Video call' },
];
const METHOD_VALUES = METHODS.map((m) => m.value) as [AssessmentMethod, ...AssessmentMethod[]];

/** Who may take part in an assessment besides the person and the assessor. */
export const PARTICIPANT_ROLES = [
  'Family member or friend',
  'Health worker',
  'District nurse',
  'Occupational therapist',
  'GP',
  'Mental health worker',
  'Housing officer',
  'Advocate',
  'Other',
] as const;

const text = (missing: string, label: string) =>
  z.string({ error: missing }).trim().min(1, missing).max(TEXT_MAX, `${label} must be ${TEXT_MAX} characters or fewer`);
const optional = (label: string) =>
  z
    .string()
    .trim()
    .max(TEXT_MAX, `${label} must be ${TEXT_MAX} characters or fewer`)
    .optional()
    .transform((v) => v ?? '');
const version = z.coerce.number({ error: 'The form is out of date: open it again' }).int().positive();

export const startSchema = z.object({
  kind: z.enum(['adult', 'carer'], { error: 'Select which assessment this is' }),
  method: z.enum(METHOD_VALUES, { error: 'Select how the assessment is being done' }),
  startedOn: plainDateSchema('The date the assessment started', { notFuture: true }),
});
export type StartInput = z.output<typeof startSchema>;

export const startFormInput = (body: Body) => ({
  kind: body.kind,
  method: body.method,
  startedOn: dateFromParts(body['startedOn-day'], body['startedOn-month'], body['startedOn-year']),
});

/** Strengths first (what they can do, what matters, what their network does), then needs. */
export const strengthsSchema = z.object({
  version,
  canDo: text('Enter what they can do and want to do', 'What they can do and want to do'),
  matters: text('Enter what matters to them', 'What matters to them'),
  networkDoes: optional('What their network already does'),
  needs: text('Enter the needs that remain', 'Their needs'),
  ownWords: optional('Their own words'),
});
export type StrengthsInput = z.output<typeof strengthsSchema>;

/** A supported self-assessment is the person's own answers: without their words it is not one. */
export const OWN_WORDS_MISSING = {
  text: 'Enter their answers in their own words: this is a supported self-assessment',
  href: '#ownWords',
};

export const strengthsFormInput = (body: Body) => ({
  version: body.version,
  canDo: body.canDo,
  matters: body.matters,
  networkDoes: body.networkDoes,
  needs: body.needs,
  ownWords: body.ownWords,
});

const finding = (body: Body, name: string) => ({ met: body[`${name}-met`], words: body[`${name}-words`] });

function outcomeAnswers(body: Body, outcomes: readonly { key: string }[]) {
  return Object.fromEntries(
    outcomes.map((o) => [
      o.key,
      {
        ways: body[`outcomes-${o.key}-ways`],
        words: Object.fromEntries(
          UNABLE_WAYS.map((w) => [w.key, body[`outcomes-${o.key}-words-${w.key}`]]).filter(([, v]) => v !== undefined),
        ),
      },
    ]),
  );
}

/** The eligibility page's fields as the rule's answers (checked by the rule's own schemas). */
export function adultAnswersFrom(body: Body): AdultAnswersInput {
  return {
    impairmentOrIllness: finding(body, 'impairmentOrIllness'),
    outcomes: outcomeAnswers(body, ADULT_OUTCOMES),
    wellbeingImpact: finding(body, 'wellbeingImpact'),
    fluctuation: body.fluctuation,
  } as AdultAnswersInput;
}

export function carerAnswersFrom(body: Body): CarerAnswersInput {
  return {
    needsFromProvidingCare: finding(body, 'needsFromProvidingCare'),
    healthDeteriorating: finding(body, 'healthDeteriorating'),
    outcomes: outcomeAnswers(body, CARER_OUTCOMES),
    wellbeingImpact: finding(body, 'wellbeingImpact'),
    fluctuation: body.fluctuation,
    continuingToCare: {
      willing: body['continuingToCare-willing'],
      able: body['continuingToCare-able'],
      words: body['continuingToCare-words'],
    },
  } as CarerAnswersInput;
}

export const versionSchema = z.object({ version });

export const overrideSchema = z.object({
  version,
  eligible: z.enum(['yes', 'no'], { error: 'Select the decision you are making' }).transform((v) => v === 'yes'),
  reason: text('Enter the reason for changing the eligibility decision', 'The reason'),
});
export type OverrideInput = z.output<typeof overrideSchema>;

export const participantSchema = z.object({
  role: z.enum(PARTICIPANT_ROLES, { error: 'Select their role' }),
  name: text('Enter their name', 'Their name').pipe(z.string().max(200, 'Their name must be 200 characters or fewer')),
  organisation: optional('Their organisation').pipe(
    z.string().max(200, 'Their organisation must be 200 characters or fewer'),
  ),
  contribution: text('Enter what they contributed', 'What they contributed'),
});
export type ParticipantInput = z.output<typeof participantSchema>;

export function completeSchema(startedOn: string) {
  return z.object({
    version,
    completedOn: plainDateSchema('The date the assessment was completed', { notFuture: true }).refine(
      (d) => d >= startedOn,
      'The date the assessment was completed must be on or after the date it started',
    ),
  });
}

export const completeFormInput = (body: Body) => ({
  version: body.version,
  completedOn: dateFromParts(body['completedOn-day'], body['completedOn-month'], body['completedOn-year']),
});
