import { z } from 'zod';
import { plainDateProblem } from '../../../platform/dates.js';
import { parsePoundsToPence } from '../../../platform/money.js';
import { parseHours } from './saved-hours.js';

/** The monitoring forms' fields, checked with GOV.UK messages naming the field (href = its id). */
export type Body = Record<string, unknown>;

const text = (v: unknown) => (typeof v === 'string' ? v : '');
const trimmed = (v: unknown) => text(v).trim();

/** The version a form was opened on (a hidden field); null if missing or not a whole number. */
export function openedVersion(body: Body): number | null {
  const v = Number(trimmed(body.version));
  return Number.isSafeInteger(v) && v > 0 ? v : null;
}

export const statementSchema = z.object({
  statement: z.preprocess(
    text,
    z
      .string()
      .refine((v) => v.trim() !== '', 'Paste the statement, with a header row: date, description, amount')
      .refine((v) => v.length <= 200_000, 'The file must be smaller than 200 KB: split it into shorter statements'),
  ),
});

export const conversationSchema = z.object({
  notes: z.preprocess(
    trimmed,
    z
      .string()
      .min(1, 'Enter what was talked about and what the person said')
      .max(5000, 'Notes must be 5000 characters or fewer'),
  ),
  heldOn: z.preprocess(
    trimmed,
    z.string().superRefine((v, ctx) => {
      const problem = v === '' ? 'Enter the date the conversation was held' : plainDateProblem('The date', v);
      if (problem) ctx.addIssue({ code: 'custom', message: problem });
    }),
  ),
});

export const outcomeSchema = z.discriminatedUnion(
  'outcome',
  [
    z.object({
      outcome: z.literal('recover'),
      amount: z.preprocess(
        text,
        z.string().transform((v, ctx) => {
          const parsed = parsePoundsToPence(v, 'The amount to recover');
          if (!parsed.ok || parsed.pence === 0) {
            ctx.addIssue({
              code: 'custom',
              message: parsed.ok ? 'The amount to recover must be more than £0' : parsed.error,
            });
            return z.NEVER;
          }
          return parsed.pence;
        }),
      ),
    }),
    z.object({
      outcome: z.literal('keep'),
      reason: z.preprocess(
        trimmed,
        z
          .string()
          .min(1, 'Enter why it was agreed to keep it')
          .max(2000, 'The reason must be 2000 characters or fewer'),
      ),
    }),
  ],
  { error: 'Choose what was agreed' },
);

export const savedHoursSchema = z.object({
  direction: z.enum(['save', 'use'], 'Choose whether hours were saved or used'),
  hours: z.preprocess(
    trimmed,
    z.string().transform((v, ctx) => {
      const hundredths = parseHours(v);
      if (hundredths === null) {
        ctx.addIssue({ code: 'custom', message: 'Enter the hours as a number up to 168, like 2.5' });
        return z.NEVER;
      }
      return hundredths;
    }),
  ),
  weekOf: z.preprocess(
    trimmed,
    z.string().superRefine((v, ctx) => {
      const problem = v === '' ? 'Enter the week the hours were saved or used' : plainDateProblem('The week', v);
      if (problem) ctx.addIssue({ code: 'custom', message: problem });
    }),
  ),
  note: z.preprocess(
    trimmed,
    z
      .string()
      .min(1, 'Enter what the hours were saved for or used on')
      .max(500, 'The note must be 500 characters or fewer'),
  ),
});
