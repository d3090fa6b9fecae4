import { z } from 'zod';
import { plainDateSchema } from '../../platform/dates.js';
import { optionalText } from '../people/index.js';
import type { FieldError } from '../../platform/http/errors.js';
import { idField } from '../../platform/http/ids.js';

/**
 * What a contingency plan says. The pages post flat fields ('situations-0-situation', …); forms.ts
 * turns them into this shape, so error paths join back into the form's field ids.
 */
const emptyToNull = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? null : (v ?? null));
const booleanish = z.preprocess((v) => v === true || v === 'true' || v === 'yes' || v === 'on', z.boolean());
const phonePattern = /^\+?[0-9 ()-]{6,20}$/;
const phone = z.preprocess(
  (v) => (typeof v === 'string' ? v.trim() : v),
  z.preprocess(emptyToNull, z.string().regex(phonePattern, 'Enter a phone number, like 01632 960 001').nullable()),
);
const uuidPattern = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;

/** A directory service, given as its id or the address of its page (staff copy the address bar). */
const directoryService = z.preprocess((v) => {
  if (typeof v !== 'string' || v.trim() === '') return null;
  return uuidPattern.exec(v)?.[0] ?? v;
}, idField('Enter the address of a community directory service page, or leave it blank').nullable());

const situationRow = z
  .object({
    key: z.preprocess(emptyToNull, idField().nullable()),
    situation: optionalText('Situation', 300),
    whatShouldHappen: optionalText('What should happen', 3000),
  })
  .superRefine((r, ctx) => {
    if (r.situation && !r.whatShouldHappen)
      ctx.addIssue({ code: 'custom', path: ['whatShouldHappen'], message: 'Enter what should happen if this happens' });
    if (!r.situation && r.whatShouldHappen)
      ctx.addIssue({
        code: 'custom',
        path: ['situation'],
        message: 'Enter the situation, like “if Harold is admitted to hospital”',
      });
  });

const helperRow = z
  .object({
    relationshipId: z.preprocess(emptyToNull, idField('Select someone from their network').nullable()),
    name: optionalText('Name', 200),
    phone,
    does: optionalText('What they will do', 1000),
  })
  .superRefine((r, ctx) => {
    if (r.does && !r.name && !r.relationshipId)
      ctx.addIssue({
        code: 'custom',
        path: ['name'],
        message: 'Enter who will do this, or choose someone from their network',
      });
    if ((r.name || r.relationshipId) && !r.does)
      ctx.addIssue({ code: 'custom', path: ['does'], message: 'Enter what they will do' });
  });

const callRow = z
  .object({ name: optionalText('Who to call', 200), phone, when: optionalText('When to call them', 500) })
  .superRefine((r, ctx) => {
    if (r.name && !r.phone)
      ctx.addIssue({ code: 'custom', path: ['phone'], message: 'Enter a phone number for who to call' });
    if (!r.name && (r.phone || r.when)) ctx.addIssue({ code: 'custom', path: ['name'], message: 'Enter who to call' });
  });

const supportRow = z
  .object({
    what: optionalText('Support', 500),
    providedBy: optionalText('Who provides it', 200),
    directoryServiceId: directoryService,
  })
  .superRefine((r, ctx) => {
    if (!r.what && (r.providedBy || r.directoryServiceId))
      ctx.addIssue({ code: 'custom', path: ['what'], message: 'Enter what support is planned' });
  });

const NO_SITUATION = 'Enter at least one situation the plan is for, like “if Harold is admitted to hospital”';
const NO_AGREEMENT = 'Say who agreed the plan: the person, the family members named, or both';

/**
 * The plan's two "must say something" rules, from the raw input: zod runs an object's own checks
 * only once every field has parsed, and someone who left everything blank must hear these too.
 */
export function planPresenceErrors(input: {
  situations?: unknown;
  agreedWithPerson?: unknown;
  agreedWithOthers?: unknown;
}): FieldError[] {
  const errors: FieldError[] = [];
  if (!Array.isArray(input.situations) || input.situations.length === 0)
    errors.push({ text: NO_SITUATION, href: '#situations-0-situation' });
  if (input.agreedWithPerson !== true && !(typeof input.agreedWithOthers === 'string' && input.agreedWithOthers.trim()))
    errors.push({ text: NO_AGREEMENT, href: '#agreedWithPerson' });
  return errors;
}

const isBlank = (row: Record<string, unknown>) =>
  Object.entries(row).every(([k, v]) => k === 'key' || v === null || v === undefined);

export const planInputSchema = z
  .object({
    situations: z.array(situationRow).max(30),
    wants: optionalText('What they want', 3000),
    doesNotWant: optionalText('What they do not want', 3000),
    increasesDistress: optionalText('What increases distress', 3000),
    reducesDistress: optionalText('What reduces distress', 3000),
    helpers: z.array(helperRow).max(30),
    callList: z.array(callRow).max(30),
    support: z.array(supportRow).max(30),
    agreedWithPerson: booleanish.default(false),
    agreedWithOthers: optionalText('Who else agreed the plan', 500),
    agreedOn: plainDateSchema('Date the plan was agreed', { notFuture: true }),
    reviewDate: plainDateSchema('Review date'),
  })
  .superRefine((p, ctx) => {
    // Checked here only when every field parsed; planPresenceErrors says these two in any case.
    if (!p.situations.some((s) => !isBlank(s)))
      ctx.addIssue({ code: 'custom', path: ['situations', 0, 'situation'], message: NO_SITUATION });
    if (!p.agreedWithPerson && !p.agreedWithOthers)
      ctx.addIssue({ code: 'custom', path: ['agreedWithPerson'], message: NO_AGREEMENT });
    if (p.reviewDate <= p.agreedOn)
      ctx.addIssue({
        code: 'custom',
        path: ['reviewDate'],
        message: 'Review date must be after the date the plan was agreed',
      });
  })
  .transform((p) => ({
    ...p,
    situations: p.situations.filter((s) => !isBlank(s)),
    helpers: p.helpers.filter((h) => !isBlank(h)),
    callList: p.callList.filter((c) => !isBlank(c)),
    support: p.support.filter((s) => !isBlank(s)),
  }));
export type PlanInput = z.output<typeof planInputSchema>;

export interface Situation {
  key: string;
  situation: string;
  whatShouldHappen: string;
}
export interface Helper {
  relationshipId: string | null;
  name: string;
  phone: string | null;
  does: string;
}
export interface CallContact {
  name: string;
  phone: string;
  when: string | null;
}
export interface PlannedSupport {
  what: string;
  providedBy: string | null;
  directoryServiceId: string | null;
  directoryServiceName: string | null;
}

/** One version of a plan as stored (contingency_plan_version.content): names and phones resolved when saved. */
export interface PlanContent {
  situations: Situation[];
  wants: string | null;
  doesNotWant: string | null;
  increasesDistress: string | null;
  reducesDistress: string | null;
  helpers: Helper[];
  callList: CallContact[];
  support: PlannedSupport[];
  agreedWithPerson: boolean;
  agreedWithOthers: string | null;
  agreedOn: string;
  reviewDate: string;
}

export const planUpdateSchema = z.object({
  version: z.coerce.number({ error: 'The plan version is missing' }).int().positive(),
});

export const activationSchema = z.object({
  situationKey: z.string({ error: 'Select what has happened' }).trim().min(1, 'Select what has happened'),
  note: z
    .string({ error: 'Enter what has happened and what you have done so far' })
    .trim()
    .min(1, 'Enter what has happened and what you have done so far')
    .max(2000, 'Note must be 2000 characters or fewer'),
});
export type ActivationInput = z.output<typeof activationSchema>;
