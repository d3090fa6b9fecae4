import { z } from 'zod';
import { EARLIEST_YEAR, plainDateSchema } from '../../platform/dates.js';
import { nhsNumberSchema } from '../../platform/identifiers/nhs-number.js';
import { partnerEventTypes, referrerKinds, riskFactors } from './lists.js';

/** Trimmed text, with a blank answer stored as null. */
const optionalText = (max = 2000) =>
  z
    .string()
    .trim()
    .max(max, { error: `Must be ${max} characters or fewer` })
    .nullish()
    .transform((v) => (v ? v : null));
const requiredText = (message: string, max = 2000) =>
  z
    .string({ error: message })
    .trim()
    .min(1, { error: message })
    .max(max, { error: `Must be ${max} characters or fewer` });

export const MAX_TRIGGERS = 6;

export const triggerInputSchema = z.object({
  eventType: z.enum(partnerEventTypes, { error: 'Select what would trigger an alert' }),
  description: requiredText('Describe the trigger, for example “if Mr Jones is admitted to hospital”', 500),
  /** When set, the trigger fires for an event about this (related) person rather than the person on the register. */
  relatedPersonId: z
    .guid({ error: 'Select whose event triggers the alert' })
    .nullish()
    .transform((v) => v ?? null),
});
export type TriggerInput = z.output<typeof triggerInputSchema>;

type Answers = Record<string, unknown>;
const filled = (v: unknown) => typeof v === 'string' && v.trim() !== '';

/**
 * Answers that depend on other answers. zod skips an object's refinements once a field has failed
 * hard (a date that is not a real date), so the form also checks these on the raw answers: the
 * error summary then lists every problem at once.
 */
export const answerRules: { field: string; message: string; broken: (a: Answers) => boolean }[] = [
  {
    field: 'referrerName',
    message: 'Enter the name of the person or organisation who referred them',
    broken: (a) =>
      filled(a.referrerKind) && a.referrerKind !== 'self' && !filled(a.referrerName) && !filled(a.referrerOrganisation),
  },
  {
    field: 'consentNotGivenReason',
    message: 'Enter why they are on the register without their consent',
    broken: (a) => a.consent === 'not_given' && !filled(a.consentNotGivenReason),
  },
  {
    field: 'bestInterestsDecision',
    message: 'Enter the best-interests decision and who made it',
    broken: (a) => a.consent === 'lacks_capacity' && !filled(a.bestInterestsDecision),
  },
];

/** One register entry, as the staff form and the service see it. */
export const entryInputSchema = z
  .object({
    patchId: z
      .guid({ error: 'Select the patch team' })
      .nullish()
      .transform((v) => v ?? null),
    referrerKind: z.enum(Object.keys(referrerKinds) as [keyof typeof referrerKinds], {
      error: 'Select who referred them',
    }),
    referrerName: optionalText(200),
    referrerOrganisation: optionalText(200),
    reason: requiredText('Enter why they are at risk if anything changes'),
    riskFactors: z
      .array(
        z.enum(Object.keys(riskFactors) as [keyof typeof riskFactors], { error: 'Select risk factors from the list' }),
      )
      .default([]),
    riskNotes: optionalText(),
    consent: z.enum(['given', 'not_given', 'lacks_capacity'], {
      error: 'Select whether they have agreed to be on the register',
    }),
    consentNotGivenReason: optionalText(),
    bestInterestsDecision: optionalText(),
    consentRecordedBy: requiredText('Enter who recorded the consent decision', 200),
    consentRecordedOn: plainDateSchema('Date the consent decision was recorded', { notFuture: true }),
    reviewDate: plainDateSchema('Review date'),
    triggers: z
      .array(triggerInputSchema)
      .max(MAX_TRIGGERS, { error: `Add no more than ${MAX_TRIGGERS} triggers` })
      .min(1, { error: 'Add at least one trigger' }),
  })
  .superRefine((entry, ctx) => {
    for (const rule of answerRules)
      if (rule.broken(entry)) ctx.addIssue({ code: 'custom', path: [rule.field], message: rule.message });
  });
export type EntryInput = z.output<typeof entryInputSchema>;

export const entryUpdateSchema = entryInputSchema.and(
  z.object({ version: z.coerce.number({ error: 'Version is missing' }).int().positive() }),
);
export type EntryUpdateInput = z.output<typeof entryUpdateSchema>;

export const closeInputSchema = z.object({
  version: z.coerce.number({ error: 'Version is missing' }).int().positive(),
  closedReason: requiredText('Enter why the entry is being closed'),
});

export const acknowledgeInputSchema = z.object({ note: optionalText(1000) });

/** Matching a held event or referral: the council person id (P0000123) or an NHS number. */
export const matchInputSchema = z.object({
  identifier: z
    .string({ error: 'Enter the council person ID or NHS number' })
    .trim()
    .min(1, { error: 'Enter the council person ID or NHS number' })
    .max(40),
});

/** The partner API's event: admission, discharge, fall or carer breakdown for an NHS number. */
export const partnerEventApiSchema = z.object({
  external_id: z
    .string()
    .trim()
    .min(1)
    .max(200)
    .describe('The sender’s own id for the event; sending it again records nothing new'),
  event_type: z.enum(partnerEventTypes),
  nhs_number: nhsNumberSchema,
  occurred_at: z.iso
    .datetime({ offset: true, error: 'occurred_at must be a date and time like 2026-03-01T14:30:00Z' })
    // Year 0 is an ISO date but not a PostgreSQL one: it once failed the insert (500).
    .refine((v) => new Date(v).getUTCFullYear() >= EARLIEST_YEAR, `occurred_at must be in ${EARLIEST_YEAR} or later`),
  source_organisation: z
    .string()
    .trim()
    .min(1)
    .max(200)
    .describe('Who is telling us, e.g. the hospital trust or GP practice'),
  details: z
    .string()
    .trim()
    .max(2000)
    .nullish()
    .transform((v) => v || null),
});
export type PartnerEventApiInput = z.output<typeof partnerEventApiSchema>;

export const registerReferralApiSchema = z
  .object({
    external_id: z
      .string()
      .trim()
      .min(1)
      .max(200)
      .nullish()
      .transform((v) => v ?? null)
      .describe('The sender’s own id for the referral; sending it again records nothing new'),
    nhs_number: nhsNumberSchema,
    referrer: z.object({
      kind: z.enum(Object.keys(referrerKinds) as [keyof typeof referrerKinds]),
      name: z
        .string()
        .trim()
        .max(200)
        .nullish()
        .transform((v) => v || null),
      organisation: z
        .string()
        .trim()
        .max(200)
        .nullish()
        .transform((v) => v || null),
    }),
    reason: z.string().trim().min(1).max(2000),
    risk_factors: z.array(z.enum(Object.keys(riskFactors) as [keyof typeof riskFactors])).default([]),
    risk_notes: z
      .string()
      .trim()
      .max(2000)
      .nullish()
      .transform((v) => v || null),
    consent: z.object({
      status: z.enum(['given', 'not_given', 'lacks_capacity']),
      not_given_reason: z
        .string()
        .trim()
        .max(2000)
        .nullish()
        .transform((v) => v || null),
      best_interests_decision: z
        .string()
        .trim()
        .max(2000)
        .nullish()
        .transform((v) => v || null),
      recorded_by: z.string().trim().min(1).max(200),
      recorded_on: plainDateSchema('consent.recorded_on', { notFuture: true }),
    }),
    triggers: z
      .array(
        z.object({
          event_type: z.enum(partnerEventTypes),
          description: z.string().trim().min(1).max(500),
          related_nhs_number: nhsNumberSchema
            .nullish()
            .transform((v) => v ?? null)
            .describe(
              'The trigger fires on an event about this person (e.g. the carer) instead of the person referred',
            ),
        }),
      )
      .min(1)
      .max(MAX_TRIGGERS),
    review_date: plainDateSchema('review_date'),
  })
  .superRefine((r, ctx) => {
    if (r.consent.status === 'not_given' && !r.consent.not_given_reason)
      ctx.addIssue({
        code: 'custom',
        path: ['consent', 'not_given_reason'],
        message: 'Say why they are referred without their consent',
      });
    if (r.consent.status === 'lacks_capacity' && !r.consent.best_interests_decision)
      ctx.addIssue({
        code: 'custom',
        path: ['consent', 'best_interests_decision'],
        message: 'Give the best-interests decision and who made it',
      });
  });
export type RegisterReferralApiInput = z.output<typeof registerReferralApiSchema>;
