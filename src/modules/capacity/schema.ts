import { z } from 'zod';
import { dateFromParts, plainDateSchema } from '../../platform/dates.js';
import type { FieldError } from '../../platform/http/errors.js';
import { toFieldErrors } from '../../platform/http/validation.js';
import { optionalText } from '../people/index.js';
import { ABILITIES, capacityFinding } from './finding.js';
import type { DecisionCategory, PowerKind, PowerScope } from './tables.js';

/**
 * What the capacity pages accept. The forms post flat fields ('consulted-0-name', 'assessedOn-day', …);
 * the parsers here give typed input whose error paths are the form's field ids, so the GOV.UK error
 * summary links land on the right box.
 */
type Body = Record<string, unknown>;

export const DECISION_CATEGORIES: Record<DecisionCategory, string> = {
  direct_payment_consent: 'Consent to a direct payment',
  care_and_support: 'Care and support arrangements',
  accommodation: 'Where to live',
  medical_treatment: 'Medical treatment',
  finances: 'Managing money and property',
  other: 'Another decision',
};
export const RESULTS = { has_capacity: 'Has capacity', lacks_capacity: 'Lacks capacity' } as const;
export const POWER_KINDS: Record<PowerKind, string> = {
  lpa: 'Lasting power of attorney',
  epa: 'Enduring power of attorney (made before October 2007)',
  deputyship: 'Deputyship order (Court of Protection)',
};
export const POWER_SCOPES: Record<PowerScope, string> = {
  property_and_financial: 'Property and financial affairs',
  health_and_welfare: 'Health and welfare',
};

const str = (v: unknown) => (typeof v === 'string' ? v : Array.isArray(v) ? String(v[0] ?? '') : '');
const text = (missing: string, label: string, max: number) =>
  z.string({ error: missing }).trim().min(1, missing).max(max, `${label} must be ${max} characters or fewer`);
const yesNo = (message: string) => z.enum(['yes', 'no'], { error: message }).transform((v) => v === 'yes');
const keyOf = <T extends string>(choices: Record<T, string>, message: string) =>
  z.enum(Object.keys(choices) as [T, ...T[]], { error: message });

/** A GOV.UK date input's value, 'YYYY-MM-DD', '' when blank, or text validation can explain. */
export const dateField = (body: Body, id: string) =>
  dateFromParts(body[`${id}-day`], body[`${id}-month`], body[`${id}-year`]);
/** The three boxes as typed, to show the form again. */
export const dateValues = (body: Body, id: string) => ({
  day: str(body[`${id}-day`]),
  month: str(body[`${id}-month`]),
  year: str(body[`${id}-year`]),
});

/** Error summary links must land on an input: a date's first box is '<field>-day'. */
function parseForm<S extends z.ZodType>(
  schema: S,
  input: unknown,
  dates: readonly string[],
): { data: z.output<S>; errors: null } | { data: null; errors: FieldError[] } {
  const parsed = schema.safeParse(input);
  if (parsed.success) return { data: parsed.data, errors: null };
  const errors = toFieldErrors(parsed.error).map((e) =>
    dates.includes(e.href.slice(1)) ? { ...e, href: `${e.href}-day` } : e,
  );
  return { data: null, errors };
}

const abilityFields = Object.fromEntries(
  ABILITIES.map((a) => [a.key, yesNo(`Select whether they can ${a.missing}`)]),
) as Record<(typeof ABILITIES)[number]['key'], ReturnType<typeof yesNo>>;

export const assessmentSchema = z
  .object({
    decision: text('Enter the decision the assessment is about', 'The decision', 1000),
    decisionCategory: keyOf(DECISION_CATEGORIES, 'Select what kind of decision it is'),
    impairment: yesNo(
      'Select whether there is an impairment of, or disturbance in the functioning of, the mind or brain',
    ),
    impairmentDetail: optionalText('The impairment or disturbance', 2000),
    ...abilityFields,
    practicableSteps: text(
      'Enter how the person was helped to make the decision themselves',
      'How the person was helped',
      3000,
    ),
    result: keyOf(RESULTS, 'Select the result of the assessment'),
    reasons: text('Enter the reasons for the result', 'The reasons', 3000),
    assessorName: text('Enter who assessed', 'Who assessed', 200),
    assessorRole: text('Enter the assessor’s role', 'The assessor’s role', 200),
    assessedOn: plainDateSchema('Date of the assessment', { notFuture: true }),
  })
  .superRefine((a, ctx) => {
    if (a.impairment && !a.impairmentDetail)
      ctx.addIssue({
        code: 'custom',
        path: ['impairmentDetail'],
        message: 'Enter the impairment or disturbance, for example dementia',
      });
    const finding = capacityFinding(a);
    if (finding.result !== a.result)
      ctx.addIssue({
        code: 'custom',
        path: ['result'],
        message: `The result must follow from the answers: ${finding.explanation} Check the answers or the result.`,
      });
  });
export type AssessmentInput = z.output<typeof assessmentSchema>;

export const assessmentFields = [
  'decision',
  'decisionCategory',
  'impairment',
  'impairmentDetail',
  ...ABILITIES.map((a) => a.key),
  'practicableSteps',
  'result',
  'reasons',
  'assessorName',
  'assessorRole',
] as const;

export function parseAssessmentForm(body: Body) {
  const input = {
    ...Object.fromEntries(assessmentFields.map((f) => [f, body[f]])),
    assessedOn: dateField(body, 'assessedOn'),
  };
  return parseForm(assessmentSchema, input, ['assessedOn']);
}

/** Someone consulted about a best-interests decision (s.4(7)): who, how they know the person, their view. */
export interface Consultee {
  name: string;
  role: string;
  view: string;
}
/** Rows a best-interests form may carry: enough for any real decision, and a bound on what a post makes us do. */
export const MAX_CONSULTEES = 12;
const consulteeRow = z
  .object({
    name: optionalText('Name', 200),
    role: optionalText('Relationship or role', 200),
    view: optionalText('Their view', 2000),
  })
  .superRefine((r, ctx) => {
    if (!r.name) ctx.addIssue({ code: 'custom', path: ['name'], message: 'Enter the name of the person consulted' });
    if (!r.role)
      ctx.addIssue({
        code: 'custom',
        path: ['role'],
        message: 'Enter their relationship to the person, or their role',
      });
    if (!r.view) ctx.addIssue({ code: 'custom', path: ['view'], message: 'Enter their view' });
  });

/** The decision cannot be dated before the assessment that found the person lacked capacity for it. */
export function bestInterestsSchema(assessedOn: string) {
  return z
    .object({
      consulted: z
        .array(consulteeRow)
        .min(1, 'Enter at least one person consulted: family, friends, carers, attorneys or professionals')
        .max(MAX_CONSULTEES),
      wishesAndFeelings: text('Enter the person’s past and present wishes and feelings', 'Wishes and feelings', 3000),
      beliefsAndValues: optionalText('Beliefs and values', 3000),
      decisionMade: text('Enter the decision made', 'The decision made', 2000),
      reasons: text('Enter why this decision is in the person’s best interests', 'The reasons', 3000),
      decidedBy: text('Enter who made the decision', 'Who decided', 200),
      decidedOn: plainDateSchema('Date of the decision', { notFuture: true }),
    })
    .refine((d) => d.decidedOn >= assessedOn, {
      path: ['decidedOn'],
      message: 'Date of the decision must be on or after the date of the capacity assessment',
    });
}
export type BestInterestsInput = z.output<ReturnType<typeof bestInterestsSchema>>;

/** The consultee rows as posted, in order, blank rows dropped (clearing a row's boxes removes it). */
export function consulteeRows(body: Body): Record<'name' | 'role' | 'view', string>[] {
  const rows = [];
  for (let i = 0; i < MAX_CONSULTEES; i += 1) {
    const row = {
      name: str(body[`consulted-${i}-name`]).trim(),
      role: str(body[`consulted-${i}-role`]).trim(),
      view: str(body[`consulted-${i}-view`]).trim(),
    };
    if (row.name || row.role || row.view) rows.push(row);
  }
  return rows;
}

export const bestInterestsFields = ['wishesAndFeelings', 'beliefsAndValues', 'decisionMade', 'reasons', 'decidedBy'];

export function parseBestInterestsForm(body: Body, assessedOn: string) {
  const input = {
    consulted: consulteeRows(body),
    ...Object.fromEntries(bestInterestsFields.map((f) => [f, body[f]])),
    decidedOn: dateField(body, 'decidedOn'),
  };
  const parsed = parseForm(bestInterestsSchema(assessedOn), input, ['decidedOn']);
  // "At least one" has no box of its own: point it at the first row's name.
  if (parsed.errors)
    parsed.errors = parsed.errors.map((e) => (e.href === '#consulted' ? { ...e, href: '#consulted-0-name' } : e));
  return parsed;
}

export const powerSchema = z
  .object({
    kind: keyOf(POWER_KINDS, 'Select whether it is a lasting or enduring power of attorney, or a deputyship'),
    scope: keyOf(POWER_SCOPES, 'Select what it covers'),
    holders: text('Enter the names of the attorneys or the deputy', 'Attorneys or deputy', 500),
    reference: text(
      'Enter the registration reference (Office of the Public Guardian) or the court order number',
      'The reference',
      100,
    ),
    registeredOn: plainDateSchema('Date registered or ordered', { notFuture: true }),
  })
  .refine((p) => p.kind !== 'epa' || p.scope === 'property_and_financial', {
    path: ['scope'],
    message: 'An enduring power of attorney covers property and financial affairs only',
  });
export type PowerInput = z.output<typeof powerSchema>;

export function parsePowerForm(body: Body) {
  const input = {
    kind: body.kind,
    scope: body.scope,
    holders: body.holders,
    reference: body.reference,
    registeredOn: dateField(body, 'registeredOn'),
  };
  return parseForm(powerSchema, input, ['registeredOn']);
}

export function endPowerSchema(registeredOn: string) {
  return z
    .object({
      endedOn: plainDateSchema('Date it ended', { notFuture: true }),
      endedReason: text('Enter why it ended, for example the donor revoked it', 'Why it ended', 1000),
    })
    .refine((e) => e.endedOn >= registeredOn, {
      path: ['endedOn'],
      message: 'Date it ended must be on or after the date it was registered or ordered',
    });
}
export type EndPowerInput = z.output<ReturnType<typeof endPowerSchema>>;

export function parseEndPowerForm(body: Body, registeredOn: string) {
  return parseForm(
    endPowerSchema(registeredOn),
    { endedOn: dateField(body, 'endedOn'), endedReason: body.endedReason },
    ['endedOn'],
  );
}
