import { z } from 'zod';
import { parsePoundsToPence } from '../../platform/money.js';
import { plainDateProblem } from '../../platform/dates.js';
import { idField } from '../../platform/http/ids.js';

/**
 * What a directory entry is made of, for the curation pages and every importer alike: one zod
 * schema, so an imported record passes exactly the checks a hand-typed one does. Field names are
 * the form field ids (nested ones as 'schedules-0-opensAt') so error-summary links land on the input.
 */
const trimmed = (v: unknown) => (typeof v === 'string' ? v.trim() : v);
const blankToNull = (v: unknown) => {
  const t = trimmed(v);
  return t === '' || t === undefined ? null : t;
};

function required(missing: string, label: string, max: number) {
  return z.preprocess(
    trimmed,
    z.string({ error: missing }).min(1, missing).max(max, `${label} must be ${max} characters or fewer`),
  );
}
function optional(label: string, max: number) {
  return z
    .preprocess(blankToNull, z.string().max(max, `${label} must be ${max} characters or fewer`).nullable())
    .default(null);
}
function optionalUrl(label: string) {
  return z
    .preprocess(
      blankToNull,
      z
        .url({ protocol: /^https?$/, error: `${label} must be a full web address, like https://www.example.org` })
        .max(500, `${label} must be 500 characters or fewer`)
        .nullable(),
    )
    .default(null);
}
function optionalEmail(label: string) {
  return z
    .preprocess(
      blankToNull,
      z
        .email(`${label} must be an email address, like name@example.org`)
        .max(254, `${label} must be 254 characters or fewer`)
        .nullable(),
    )
    .default(null);
}
function optionalAge(label: string) {
  return z
    .preprocess(
      (v) => {
        const t = blankToNull(v);
        return typeof t === 'string' ? (/^\d+$/.test(t) ? Number(t) : t) : t;
      },
      z
        .number({ error: `${label} must be a whole number of years, like 18` })
        .int(`${label} must be a whole number of years, like 18`)
        .min(0, `${label} must be 0 or more`)
        .max(120, `${label} must be 120 or less`)
        .nullable(),
    )
    .default(null);
}
const booleanish = z
  .preprocess((v) => v === true || v === 'true' || v === 'yes' || v === 'on', z.boolean())
  .default(false);

export const dayCodes = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'] as const;
export type DayCode = (typeof dayCodes)[number];
export const dayNames: Record<DayCode, string> = {
  MO: 'Monday',
  TU: 'Tuesday',
  WE: 'Wednesday',
  TH: 'Thursday',
  FR: 'Friday',
  SA: 'Saturday',
  SU: 'Sunday',
};
export const serviceStatuses = ['active', 'inactive', 'defunct', 'temporarily closed'] as const;

const time = (label: string) =>
  z
    .preprocess(
      (v) => {
        const t = blankToNull(v);
        return typeof t === 'string' && /^\d{1,2}[:.]\d{2}(:\d{2})?$/.test(t)
          ? t.replace('.', ':').slice(0, 5).padStart(5, '0')
          : t;
      },
      z
        .string()
        .regex(/^([01]\d|2[0-3]):[0-5]\d$/, `${label} must be a 24-hour time, like 09:30`)
        .nullable(),
    )
    .default(null);

const scheduleSchema = z
  .object({
    days: z
      .preprocess(
        (v) =>
          v === undefined || v === null || v === ''
            ? []
            : Array.isArray(v)
              ? v
              : String(v)
                  .split(',')
                  .map((d) => d.trim().toUpperCase()),
        z.array(z.enum(dayCodes, 'Choose days of the week from the list')),
      )
      .default([]),
    opensAt: time('Opening time'),
    closesAt: time('Closing time'),
    description: optional('Opening times description', 500),
  })
  .superRefine((s, ctx) => {
    if (s.opensAt && s.closesAt && s.closesAt <= s.opensAt)
      ctx.addIssue({ code: 'custom', path: ['closesAt'], message: 'Closing time must be after the opening time' });
    if (s.days.length === 0 && !s.description)
      ctx.addIssue({ code: 'custom', path: ['days'], message: 'Choose the days it is open, or describe when it runs' });
  });

const contactSchema = z
  .object({
    name: optional('Contact name', 200),
    phone: z
      .preprocess(
        blankToNull,
        z
          .string()
          .regex(/^[+()\d\s-]{6,30}$/, 'Phone number must be a phone number, like 01632 960 001')
          .nullable(),
      )
      .default(null),
    email: optionalEmail('Contact email'),
  })
  .refine((c) => c.name || c.phone || c.email, {
    message: 'Enter a name, phone number or email for the contact',
    path: ['name'],
  });

const pence = z.unknown().transform((v, ctx) => {
  if (v === undefined || v === null || v === '') return null;
  if (typeof v === 'number') {
    if (Number.isInteger(v) && v >= 0 && v <= 1_000_000_000) return v;
    ctx.addIssue({ code: 'custom', message: 'Cost must be £0 or more, in whole pence' });
    return z.NEVER;
  }
  const result = parsePoundsToPence(String(v), 'Cost');
  if (!result.ok) {
    ctx.addIssue({ code: 'custom', message: result.error });
    return z.NEVER;
  }
  return result.pence;
});

const costSchema = z
  .object({
    option: optional('What the cost is for', 200),
    amountPence: pence,
    amountDescription: optional('Cost description', 500),
  })
  .refine((c) => c.amountPence !== null || c.amountDescription, {
    message: 'Enter the cost, or describe it',
    path: ['amountPence'],
  });

const words = (label: string, max: number) =>
  z
    .preprocess(
      (v) =>
        (Array.isArray(v) ? v : typeof v === 'string' ? v.split(',') : []).map((s) => String(s).trim()).filter(Boolean),
      z
        .array(z.string().max(max, `Each ${label} must be ${max} characters or fewer`))
        .max(50, `Enter 50 ${label}s or fewer`),
    )
    .default([]);

const locationSchema = z.object({
  name: optional('Place name', 200),
  address1: required('Enter the first line of the address', 'Address line 1', 200),
  address2: optional('Address line 2', 200),
  city: required('Enter the town or city', 'Town or city', 100),
  county: z
    .preprocess(blankToNull, z.string().max(100, 'County must be 100 characters or fewer').nullable())
    .transform((v) => v ?? 'Fenshire'),
  postcode: z
    .preprocess(
      (v) => {
        const t = blankToNull(v);
        return typeof t === 'string' ? t.toUpperCase().replace(/\s+/g, '') : t;
      },
      z
        .string({ error: 'Enter the postcode' })
        .regex(/^(GIR0AA|[A-Z]{1,2}\d[A-Z\d]?\d[A-Z]{2})$/, 'Enter a real postcode, like FE1 2AB'),
    )
    .transform((v) => `${v.slice(0, -3)} ${v.slice(-3)}`),
  accessibility: optional('Accessibility', 1000),
  /** From a feed; used only when the postcode is not in the postcode table. Out-of-range values are dropped. */
  latitude: z
    .preprocess((v) => (typeof v === 'number' && v >= -90 && v <= 90 ? v : null), z.number().nullable())
    .default(null),
  longitude: z
    .preprocess((v) => (typeof v === 'number' && v >= -180 && v <= 180 ? v : null), z.number().nullable())
    .default(null),
});

export const serviceInputSchema = z
  .object({
    name: required('Enter the name of the service', 'Name', 200),
    description: required('Enter what the service offers', 'Description', 5000),
    organizationName: required('Enter the name of the organisation that runs it', 'Organisation name', 200),
    url: optionalUrl('Website'),
    email: optionalEmail('Email'),
    status: z.enum(serviceStatuses, 'Choose the status from the list').default('active'),
    eligibilityDescription: optional('Who it is for', 1000),
    minimumAge: optionalAge('Minimum age'),
    maximumAge: optionalAge('Maximum age'),
    location: locationSchema.nullable().default(null),
    schedules: z.array(scheduleSchema).max(20).default([]),
    contacts: z.array(contactSchema).max(20).default([]),
    costOptions: z.array(costSchema).max(20).default([]),
    languages: words('language', 100),
    serviceAreas: words('service area', 200),
    kinds: z
      .preprocess(
        (v) => (v === undefined || v === '' ? [] : Array.isArray(v) ? v : [v]),
        z.array(idField('Choose kinds of service from the list')),
      )
      .default([]),
    acceptsDirectPayments: booleanish,
    freeOrLowCost: booleanish,
    ownerName: optional('Owner', 200),
    lastChecked: z
      .preprocess(
        blankToNull,
        z
          .string()
          .superRefine((v, ctx) => {
            const problem = plainDateProblem('Last checked', v);
            if (problem) ctx.addIssue({ code: 'custom', message: problem });
          })
          .nullable(),
      )
      .default(null),
  })
  .superRefine((s, ctx) => {
    if (s.minimumAge !== null && s.maximumAge !== null && s.maximumAge < s.minimumAge) {
      ctx.addIssue({
        code: 'custom',
        path: ['maximumAge'],
        message: 'Maximum age must be the same as or more than the minimum age',
      });
    }
  });

export type ServiceInput = z.output<typeof serviceInputSchema>;
export type ScheduleInput = ServiceInput['schedules'][number];
