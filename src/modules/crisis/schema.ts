import { Temporal } from 'temporal-polyfill';
import { z } from 'zod';
import { dateFromParts, parsePlainDate, plainDateProblem } from '../../platform/dates.js';
import { zodCldValue } from '../../platform/cld/index.js';
import type { FieldError } from '../../platform/http/errors.js';
import { idField } from '../../platform/http/ids.js';

/**
 * What staff type when they open an episode, triage it and record first contact. The pages post
 * flat fields (a GOV.UK date input is three boxes, the time one box); `formAnswers` joins them so
 * the schemas see one date and one time, and error hrefs point back at the boxes.
 */
export const LONDON = 'Europe/London';
const requiredText = (message: string, max: number) =>
  z
    .string({ error: message })
    .trim()
    .min(1, { error: message })
    .max(max, { error: `Must be ${max} characters or fewer` });
const optionalUuid = (message: string) =>
  z.preprocess((v) => (typeof v === 'string' && v.trim() === '' ? null : (v ?? null)), idField(message).nullable());
const timePattern = /^([01]?\d|2[0-3])[:.]([0-5]\d)$/;

/** A London wall-clock date and time as an instant; null when either part is not real. */
export function londonInstant(date: string, time: string): Date | null {
  const day = parsePlainDate(date);
  const match = timePattern.exec(time.trim());
  if (!day || !match) return null;
  const local = day.toPlainDateTime({ hour: Number(match[1]), minute: Number(match[2]) });
  return new Date(local.toZonedDateTime(LONDON).epochMilliseconds);
}

/** The date ('YYYY-MM-DD') and time ('HH:MM') an instant shows on a London clock. */
export function londonParts(at: Date): { date: string; time: string } {
  const zoned = Temporal.Instant.fromEpochMilliseconds(at.getTime()).toZonedDateTimeISO(LONDON);
  return {
    date: zoned.toPlainDate().toString(),
    time: `${String(zoned.hour).padStart(2, '0')}:${String(zoned.minute).padStart(2, '0')}`,
  };
}

/**
 * A date and time when something happened: real, not in the future and (when given) not before
 * `notBefore`. Errors name the date boxes (`<field>-day`) or the time box (`<field>Time`).
 */
export function momentErrors(
  field: string,
  label: string,
  date: string,
  time: string,
  opts: { notBefore?: Date; notBeforeLabel?: string } = {},
): FieldError[] {
  const errors: FieldError[] = [];
  if (!date) errors.push({ text: `Enter the date of ${label}`, href: `#${field}-day` });
  else if (plainDateProblem(`The date of ${label}`, date))
    errors.push({ text: plainDateProblem(`The date of ${label}`, date)!, href: `#${field}-day` });
  if (!time.trim()) errors.push({ text: `Enter the time of ${label}`, href: `#${field}Time` });
  else if (!timePattern.test(time.trim()))
    errors.push({ text: `Enter the time of ${label} as hours and minutes, like 14:30`, href: `#${field}Time` });
  const at = londonInstant(date, time);
  if (errors.length || !at) return errors;
  if (at.getTime() > Date.now())
    return [{ text: `The date and time of ${label} must be now or in the past`, href: `#${field}-day` }];
  if (opts.notBefore && at < opts.notBefore)
    return [
      {
        text: `The date and time of ${label} must be after ${opts.notBeforeLabel ?? 'the referral'}`,
        href: `#${field}-day`,
      },
    ];
  return [];
}

export const referralSchema = z.object({
  referredBy: requiredText('Enter who referred them', 200),
  referralReason: requiredText('Enter what the crisis is', 2000),
  urgencyKey: requiredText('Select how urgent it is', 40),
  patchId: idField('Select the patch team'),
  leadWorkerId: optionalUuid('Select the lead worker'),
  routeOfAccess: zodCldValue('routeOfAccess', 'the route of access'),
});
export type ReferralFields = z.output<typeof referralSchema>;
export interface ReferralInput extends ReferralFields {
  referredAt: Date;
}

export const triageSchema = z.object({
  version: z.coerce.number({ error: 'The episode version is missing' }).int().positive(),
  urgencyKey: requiredText('Select how urgent it is', 40),
  patchId: idField('Select the patch team'),
  leadWorkerId: idField('Select the lead worker'),
});
export type TriageInput = z.output<typeof triageSchema>;

export const contactMethods = {
  visit: 'Visit',
  phone: 'Phone call',
  video: 'Video call',
  other: 'Another way',
} as const;
export type ContactMethod = keyof typeof contactMethods;

export const firstContactFieldsSchema = z.object({
  version: z.coerce.number({ error: 'The episode version is missing' }).int().positive(),
  how: z.enum(Object.keys(contactMethods) as [keyof typeof contactMethods], { error: 'Select how you made contact' }),
  note: requiredText('Enter what happened when you made contact', 2000),
});
export type FirstContactInput = z.output<typeof firstContactFieldsSchema> & { at: Date };

type Body = Record<string, unknown>;
const text = (v: unknown) => (typeof v === 'string' ? v : '');

/** The flat form's answers with each date joined from its three boxes. */
export function formAnswers(body: Body, dateFields: readonly string[]): Body & { dates: Record<string, string> } {
  const dates: Record<string, string> = {};
  for (const f of dateFields) dates[f] = dateFromParts(body[`${f}-day`], body[`${f}-month`], body[`${f}-year`]);
  return { ...body, dates };
}

/** What a form parser gives: the input, or every error in the form at once. */
export type Parsed<T> = { data: T; errors?: undefined } | { data?: undefined; errors: FieldError[] };

/** zod's issues as field errors, each linking to its box (`#goals-0`, `#referredAt-day`…). */
const issueErrors = (issues: readonly z.core.$ZodIssue[]): FieldError[] =>
  issues.map((i) => ({ text: i.message, href: `#${i.path.map(String).join('-')}` }));

/** Every error in the referral form at once: zod's field checks and the date-and-time check. */
export function parseReferral(body: Body): Parsed<ReferralInput> {
  const answers = formAnswers(body, ['referredAt']);
  const parsed = referralSchema.safeParse(answers);
  const errors: FieldError[] = parsed.success ? [] : issueErrors(parsed.error.issues);
  errors.push(...momentErrors('referredAt', 'the referral', answers.dates.referredAt ?? '', text(body.referredAtTime)));
  if (!parsed.success || errors.length) return { errors: dedupe(errors) };
  return { data: { ...parsed.data, referredAt: londonInstant(answers.dates.referredAt!, text(body.referredAtTime))! } };
}

export function parseTriage(body: Body): Parsed<TriageInput> {
  const parsed = triageSchema.safeParse(body);
  return parsed.success ? { data: parsed.data } : { errors: dedupe(issueErrors(parsed.error.issues)) };
}

/** The first-contact form: its fields' errors first, then the date and time's. */
export function parseFirstContact(body: Body): Parsed<FirstContactInput> {
  const answers = formAnswers(body, ['at']);
  const parsed = firstContactFieldsSchema.safeParse(body);
  const errors = momentErrors('at', 'first contact', answers.dates.at ?? '', text(body.atTime));
  if (!parsed.success) errors.unshift(...issueErrors(parsed.error.issues));
  if (!parsed.success || errors.length) return { errors: dedupe(errors) };
  return { data: { ...parsed.data, at: londonInstant(answers.dates.at!, text(body.atTime))! } };
}

export function dedupe(errors: FieldError[]): FieldError[] {
  const seen = new Set<string>();
  return errors.filter((e) => (seen.has(e.href) ? false : (seen.add(e.href), true)));
}
