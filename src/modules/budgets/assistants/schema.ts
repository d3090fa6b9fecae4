import { z } from 'zod';
import { dateFromParts, plainDateProblem, plainDateSchema, todayInLondon } from '../../../platform/dates.js';
import type { FieldError } from '../../../platform/http/errors.js';
import { toFieldErrors } from '../../../platform/http/validation.js';
import { optionalText } from '../../people/index.js';
import type { DbsLevel, EmployedThrough } from './tables.js';

/**
 * What the personal assistant forms accept. The forms post flat fields ('startsOn-day', …); the
 * parsers give typed input whose error paths are the form's field ids, so the GOV.UK error summary
 * links land on the right box (a date's first box is '<field>-day').
 */
export type Body = Record<string, unknown>;

export const EMPLOYED_THROUGH: Record<EmployedThrough, string> = {
  direct: 'Employed directly by the person (or their suitable person)',
  agency: 'Through an agency',
};
export const DBS_LEVELS: Record<DbsLevel, string> = {
  none: 'No DBS check',
  basic: 'Basic',
  standard: 'Standard',
  enhanced: 'Enhanced',
  enhanced_barred: 'Enhanced with a check of the adults’ barred list',
};

const str = (v: unknown) => (typeof v === 'string' ? v : Array.isArray(v) ? String(v[0] ?? '') : '');
const text = (missing: string, label: string, max: number) =>
  z.string({ error: missing }).trim().min(1, missing).max(max, `${label} must be ${max} characters or fewer`);
const yesNo = (message: string) => z.enum(['yes', 'no'], { error: message }).transform((v) => v === 'yes');
const keyOf = <T extends string>(choices: Record<T, string>, message: string) =>
  z.enum(Object.keys(choices) as [T, ...T[]], { error: message });

/** A GOV.UK date input's value: 'YYYY-MM-DD', '' when blank, or text validation can explain. */
export const dateField = (body: Body, id: string) =>
  dateFromParts(body[`${id}-day`], body[`${id}-month`], body[`${id}-year`]);
/** The three boxes as typed, to show the form again. */
export const dateValues = (body: Body, id: string) => ({
  day: str(body[`${id}-day`]),
  month: str(body[`${id}-month`]),
  year: str(body[`${id}-year`]),
});

export type Parsed<T> = { data: T; errors: null } | { data: null; errors: FieldError[] };

export function parseForm<S extends z.ZodType>(
  schema: S,
  input: unknown,
  dates: readonly string[],
): Parsed<z.output<S>> {
  const parsed = schema.safeParse(input);
  if (parsed.success) return { data: parsed.data, errors: null };
  const errors = toFieldErrors(parsed.error).map((e) =>
    dates.includes(e.href.slice(1)) ? { ...e, href: `${e.href}-day` } : e,
  );
  return { data: null, errors };
}

type Issue = (path: string, message: string) => void;

/** A date that must be given when `needed`, and must be a real date (and, for a check done, not a future one) when given. */
function checkDate(
  issue: Issue,
  path: string,
  label: string,
  value: string,
  opts: { needed: boolean; past?: boolean },
) {
  if (!value) {
    if (opts.needed) issue(path, `Enter ${label.charAt(0).toLowerCase()}${label.slice(1)}`);
    return;
  }
  const problem = plainDateProblem(label, value);
  if (problem) issue(path, problem);
  else if (opts.past && value > todayInLondon().toString()) issue(path, `${label} must be today or in the past`);
}

const assistantObject = z.object({
  name: text('Enter the personal assistant’s name', 'The name', 200),
  employedThrough: keyOf(EMPLOYED_THROUGH, 'Select whether they are employed directly or through an agency'),
  agencyName: optionalText('The agency', 200),
  startsOn: plainDateSchema('Date they started'),
  dbsLevel: keyOf(DBS_LEVELS, 'Select the level of DBS check, or that there was none'),
  dbsCertificate: optionalText('The DBS certificate number', 50),
  dbsCheckedOn: z.string(),
  rightToWorkChecked: yesNo('Select whether their right to work in the UK was checked'),
  referencesChecked: yesNo('Select whether their references were checked'),
  insured: yesNo('Select whether employer’s liability insurance is in place'),
  insurer: optionalText('The insurer', 200),
  insurancePolicyNumber: optionalText('The policy number', 100),
  insuranceRenewsOn: z.string(),
  payroll: yesNo('Select whether a payroll service is used'),
  payrollService: optionalText('The payroll service', 200),
  supportService: optionalText('The direct payment support service', 200),
  formHelper: optionalText('Who helps with forms', 200),
});

/** A PA as the add and edit forms describe them; what only applies to some answers is required only then. */
export const assistantSchema = assistantObject.superRefine((a, ctx) => {
  const issue: Issue = (path, message) => ctx.addIssue({ code: 'custom', path: [path], message });
  if (a.employedThrough === 'agency' && !a.agencyName) issue('agencyName', 'Enter the name of the agency');
  checkDate(issue, 'dbsCheckedOn', 'Date the DBS check was done', a.dbsCheckedOn, {
    needed: a.dbsLevel !== 'none',
    past: true,
  });
  if (a.insured) {
    if (!a.insurer) issue('insurer', 'Enter the insurer');
    if (!a.insurancePolicyNumber) issue('insurancePolicyNumber', 'Enter the policy number');
  }
  checkDate(issue, 'insuranceRenewsOn', 'Date the insurance renews', a.insuranceRenewsOn, { needed: a.insured });
  if (a.payroll && !a.payrollService) issue('payrollService', 'Enter the payroll service');
});

export type AssistantInput = z.output<typeof assistantSchema>;

export const assistantTextFields = [
  'name',
  'employedThrough',
  'agencyName',
  'dbsLevel',
  'dbsCertificate',
  'rightToWorkChecked',
  'referencesChecked',
  'insured',
  'insurer',
  'insurancePolicyNumber',
  'payroll',
  'payrollService',
  'supportService',
  'formHelper',
] as const;
export const assistantDateFields = ['startsOn', 'dbsCheckedOn', 'insuranceRenewsOn'] as const;

export function parseAssistantForm(body: Body): Parsed<AssistantInput> {
  const input = {
    ...Object.fromEntries(assistantTextFields.map((f) => [f, body[f]])),
    ...Object.fromEntries(assistantDateFields.map((f) => [f, dateField(body, f)])),
  };
  return parseForm(assistantSchema, input, assistantDateFields);
}

export function endAssistantSchema(startsOn: string) {
  return z
    .object({
      endsOn: plainDateSchema('Date the employment ended'),
      endedReason: text('Enter why the employment ended', 'Why it ended', 1000),
    })
    .refine((e) => e.endsOn >= startsOn, {
      path: ['endsOn'],
      message: 'Date the employment ended must be on or after the date they started',
    });
}
export type EndAssistantInput = z.output<ReturnType<typeof endAssistantSchema>>;

export function parseEndForm(body: Body, startsOn: string): Parsed<EndAssistantInput> {
  return parseForm(endAssistantSchema(startsOn), { endsOn: dateField(body, 'endsOn'), endedReason: body.endedReason }, [
    'endsOn',
  ]);
}

/** The version the form was opened at (a hidden field), or null when it is missing or not a number. */
export function openedVersion(body: Body): number | null {
  const v = str(body.version);
  return /^\d{1,9}$/.test(v) ? Number(v) : null;
}
