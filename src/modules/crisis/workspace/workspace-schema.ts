import { z } from 'zod';
import { contactMethods, type ContactMethod } from '../schema.js';
import { Temporal } from 'temporal-polyfill';
import { dateFromParts, parsePlainDate, todayInLondon } from '../../../platform/dates.js';
import { optionalText } from '../../people/index.js';
import { plainDateProblem } from '../../../platform/dates.js';
import { idField } from '../../../platform/http/ids.js';
import { whatFollowedOptions, type WhatFollowedKey } from '../choices.js';

/**
 * What the crisis workspace forms accept. The pages post flat fields ('goals-0', 'actions-1-who',
 * 'startsOn-day', …); the parsers here turn them into typed input whose error paths are the form's
 * field ids, so the GOV.UK error summary links land on the right box.
 */
type Body = Record<string, unknown>;

/** The same ways of being in touch as for first contact (schema.ts), as a list for the form. */
export const checkInMethods = Object.entries(contactMethods).map(([key, label]) => ({
  key: key as ContactMethod,
  label,
}));

export const always = () => true;
export const isDate = (v: unknown): v is string => typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v);
const uuidPattern = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;
export const emptyToNull = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? null : (v ?? null));

/** A directory service, given as its id or the address of its page (staff copy the address bar). */
export const directoryService = z.preprocess(
  (v) => (typeof v !== 'string' || v.trim() === '' ? null : (uuidPattern.exec(v)?.[0] ?? v)),
  idField('Enter the address of a community directory service page, or leave it blank').nullable(),
);
export const required = (missing: string, label: string, max: number) =>
  z.string({ error: missing }).trim().min(1, missing).max(max, `${label} must be ${max} characters or fewer`);
export const version = z.coerce
  .number({ error: 'The record version is missing: open the page again' })
  .int()
  .positive('The record version is missing: open the page again');
const days = (label: string, min: number) =>
  z.coerce
    .number({ error: `Enter ${label}` })
    .int(`${label} must be a whole number`)
    .min(min, `${label} must be ${min} or more`)
    .max(28, `${label} must be 28 or fewer`);

/** A GOV.UK date input's value, 'YYYY-MM-DD' or '' when left blank. */
export const dateField = (body: Body, id: string) =>
  dateFromParts(body[`${id}-day`], body[`${id}-month`], body[`${id}-year`]);

/** A date with GOV.UK messages: required (unless optional), real, and within the given bounds. */
export function dateSchema(
  label: string,
  opts: {
    optional?: boolean;
    notFuture?: boolean;
    notBefore?: { date: string; message: string };
    after?: { date: string; message: string };
  } = {},
) {
  const lower = label.charAt(0).toLowerCase() + label.slice(1);
  return z
    .string()
    .superRefine((v, ctx) => {
      if (v === '') {
        if (!opts.optional) ctx.addIssue({ code: 'custom', message: `Enter ${lower}` });
        return;
      }
      const problem = plainDateProblem(label, v);
      if (problem) return void ctx.addIssue({ code: 'custom', message: problem });
      const date = parsePlainDate(v)!;
      if (opts.notFuture && Temporal.PlainDate.compare(date, todayInLondon()) > 0)
        ctx.addIssue({ code: 'custom', message: `${label} must be today or in the past` });
      else if (opts.notBefore && v < opts.notBefore.date)
        ctx.addIssue({ code: 'custom', message: opts.notBefore.message });
      else if (opts.after && v <= opts.after.date) ctx.addIssue({ code: 'custom', message: opts.after.message });
    })
    .transform((v) => (v === '' ? null : v));
}

/** The rows a repeating part of a form posted: 'prefix-0-…', 'prefix-1-…' up to the highest index seen. */
export function rowCount(body: Body, prefix: string): number {
  let max = -1;
  const pattern = new RegExp(`^${prefix}-(\\d+)(-|$)`);
  for (const key of Object.keys(body)) {
    const m = pattern.exec(key);
    if (m) max = Math.max(max, Number(m[1]));
  }
  return Math.min(max + 1, 50);
}

const actionRow = (startsOn: string) =>
  z
    .object({
      description: optionalText('Action', 500),
      who: optionalText('Who', 200),
      dueOn: dateSchema('The date it is due by', {
        optional: true,
        notBefore: { date: startsOn, message: 'The date it is due by must be on or after the start of the episode' },
      }),
    })
    .superRefine((r, ctx) => {
      if (!r.description && (r.who || r.dueOn))
        ctx.addIssue({ code: 'custom', path: ['description'], message: 'Enter what the action is' });
      if (r.description && !r.who) ctx.addIssue({ code: 'custom', path: ['who'], message: 'Enter who will do it' });
    });

/** The short-term plan form: what the person wants, goals, new actions and the check-in schedule. */
export function planSchema(startsOn: string) {
  return z.object({
    version,
    wants: optionalText('What they want', 2000),
    goals: z.array(optionalText('Goal', 500)),
    actions: z.array(actionRow(startsOn)),
    checkInDailyDays: days('how many days to check in daily', 0),
    checkInEveryDays: days('how often to check in after that', 1),
  });
}

export function planFormInput(body: Body) {
  const goalRows = Math.max(rowCount(body, 'goals'), 1);
  const actionRows = Math.max(rowCount(body, 'actions'), 1);
  return {
    version: body.version,
    wants: body.wants,
    checkInDailyDays: body.checkInDailyDays,
    checkInEveryDays: body.checkInEveryDays,
    goals: Array.from({ length: goalRows }, (_, i) => body[`goals-${i}`] ?? ''),
    actions: Array.from({ length: actionRows }, (_, i) => ({
      description: body[`actions-${i}-description`],
      who: body[`actions-${i}-who`],
      dueOn: dateField(body, `actions-${i}-dueOn`),
    })),
  };
}
export type PlanInput = z.output<ReturnType<typeof planSchema>>;

export function checkInSchema(startsOn: string) {
  return z.object({
    version,
    heldOn: dateSchema('The date of the check-in', {
      notFuture: true,
      notBefore: { date: startsOn, message: 'The date of the check-in must be on or after the start of the episode' },
    }),
    how: z.enum(Object.keys(contactMethods) as [ContactMethod, ...ContactMethod[]], {
      error: 'Select how the check-in happened',
    }),
    isWorking: required('Enter whether the support is working', 'Is it working', 3000),
    coping: required('Enter how they are coping', 'Are they coping', 3000),
    needsToChange: required('Enter what needs to change, or “nothing”', 'What needs to change', 3000),
  });
}
export type CheckInInput = z.output<ReturnType<typeof checkInSchema>>;

export function extendSchema(endsOn: string) {
  return z.object({
    version,
    newEndsOn: dateSchema('The new end date', {
      after: { date: endsOn, message: 'The new end date must be after the current one' },
    }),
    reason: required('Enter why the episode needs longer', 'The reason', 2000),
  });
}
export type ExtendInput = z.output<ReturnType<typeof extendSchema>>;

/** How many directory services one closing may record as community connections. */
export const MAX_CONNECTIONS = 10;

/** A form field that may be posted once, many times (checkboxes) or not at all, as a list of non-blank values. */
export const postedList = (v: unknown): string[] =>
  (Array.isArray(v) ? v : v === undefined ? [] : [v]).filter((x): x is string => typeof x === 'string' && x !== '');

export function closeSchema(startsOn: string) {
  return z
    .object({
      version,
      route: z.enum(['step_down', 'step_up', 'other'], { error: 'Select how the episode ends' }),
      whatFollowed: z.enum(whatFollowedOptions.map((o) => o.key) as [WhatFollowedKey, ...WhatFollowedKey[]], {
        error: 'Select what followed the episode',
      }),
      closedOn: dateSchema('The date it ended', {
        notFuture: true,
        notBefore: { date: startsOn, message: 'The date it ended must be on or after the start of the episode' },
      }),
      connections: z
        .array(directoryService)
        .max(MAX_CONNECTIONS, `Select ${MAX_CONNECTIONS} community directory services or fewer`),
      connectionNote: optionalText('Signposting and connections', 2000),
      planReviewed: z.preprocess(
        emptyToNull,
        z.enum(['yes', 'no'], { error: 'Select whether the contingency plan has been reviewed' }).nullable(),
      ),
      stepUpReason: optionalText('Why they need a tier 3 assessment', 2000),
      closeNote: optionalText('Note', 2000),
    })
    .refine((c) => c.route !== 'step_down' || Boolean(c.planReviewed), {
      path: ['planReviewed'],
      message: 'Select whether the contingency plan has been reviewed and updated',
      when: always,
    })
    .refine((c) => c.route !== 'step_up' || Boolean(c.stepUpReason), {
      path: ['stepUpReason'],
      message: 'Enter why they need a tier 3 assessment',
      when: always,
    });
}
export type CloseInput = z.output<ReturnType<typeof closeSchema>>;

export function closeFormInput(body: Body) {
  const { version: v, route, whatFollowed, connectionNote, planReviewed, stepUpReason, closeNote } = body;
  return {
    version: v,
    route,
    whatFollowed,
    connectionNote,
    planReviewed,
    stepUpReason,
    closeNote,
    closedOn: dateField(body, 'closedOn'),
    connections: postedList(body.connections),
  };
}

export const versionOnly = z.object({ version });
