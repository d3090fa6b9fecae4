import { z } from 'zod';
import { plainDateSchema } from '../../platform/dates.js';
import { optionalText } from '../people/index.js';
import type { FieldError } from '../../platform/http/errors.js';
import { canonicalId, idField } from '../../platform/http/ids.js';
import { zodCldValue } from '../../platform/cld/index.js';

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

/** The network choice that adds someone to the person's network in the same save. */
export const NEW_CONTACT = 'new';
const SELECT_HELPER = 'Select who will do this from their network, or ‘someone not in the network yet’';

/** A row's "who": a network member's relationship id, someone to add to the network, or nobody chosen. */
const networkChoice = (message: string) =>
  z.preprocess(
    emptyToNull,
    z
      .string({ error: message })
      .transform((value, context) => {
        const id = value === NEW_CONTACT ? NEW_CONTACT : canonicalId(value);
        if (id) return id;
        context.issues.push({ code: 'custom', message, input: value });
        return z.NEVER;
      })
      .nullable(),
  );
const newContactType = z.preprocess(
  emptyToNull,
  zodCldValue('relationshipType', 'how they are related to the person').nullable(),
);

/** Someone added to the network from the plan form must be named and placed, like on the network form. */
function requireNewContact(
  r: { relationshipId: string | null; name: string | null; relationshipType: string | null },
  ctx: z.RefinementCtx,
): void {
  if (r.relationshipId !== NEW_CONTACT) return;
  if (!r.name)
    ctx.addIssue({ code: 'custom', path: ['name'], message: 'Enter the name of the person not in the network yet' });
  if (!r.relationshipType)
    ctx.addIssue({
      code: 'custom',
      path: ['relationshipType'],
      message: 'Select how they are related to the person',
    });
}

/**
 * Who does what: always a member of the person's network (or someone added to it now), so the
 * phone number is the one the network holds. A name typed without choosing is refused rather than
 * guessed at: "Carol" might be the daughter already in the network, with a different number.
 */
const helperRow = z
  .object({
    relationshipId: networkChoice(SELECT_HELPER),
    name: optionalText('Name', 200),
    phone,
    relationshipType: newContactType,
    does: optionalText('What they will do', 1000),
  })
  .superRefine((r, ctx) => {
    if (!r.relationshipId && (r.does || r.name || r.phone))
      ctx.addIssue({ code: 'custom', path: ['relationshipId'], message: SELECT_HELPER });
    if (r.relationshipId && !r.does)
      ctx.addIssue({ code: 'custom', path: ['does'], message: 'Enter what they will do' });
    requireNewContact(r, ctx);
  });

/**
 * Who to call: a member of the network (their number read from it, and a number given here kept
 * there), someone added to the network now, or a service (the duty team, the GP practice), whose
 * number is not part of anyone's network and stays on the plan.
 */
const callRow = z
  .object({
    relationshipId: networkChoice(
      'Select who to call from their network, a service, or someone not in the network yet',
    ),
    name: optionalText('Who to call', 200),
    phone,
    relationshipType: newContactType,
    when: optionalText('When to call them', 500),
  })
  .superRefine((r, ctx) => {
    requireNewContact(r, ctx);
    if (r.relationshipId && r.relationshipId !== NEW_CONTACT) return;
    if (r.name && !r.phone)
      ctx.addIssue({ code: 'custom', path: ['phone'], message: 'Enter a phone number for who to call' });
    if (!r.name && !r.relationshipId && (r.phone || r.when))
      ctx.addIssue({ code: 'custom', path: ['name'], message: 'Enter who to call' });
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
/**
 * A plan's contacts name members of the person's network by relationship id. `name` and `phone`
 * are what the network said when the version was saved: the pages read the network's current
 * number for the id instead (plan-contacts.ts), so there is one number to keep up to date, and
 * only a snapshot (an activation) keeps the number it showed then. `note` keeps a number a plan
 * typed before contacts came from the network (migration 0018) when it differed from the network's.
 */
export interface Helper {
  relationshipId: string | null;
  name: string;
  phone: string | null;
  does: string;
  note?: string | null;
}
export interface CallContact {
  /** Null for a service (the duty team, the GP practice): its number is the plan's own. */
  relationshipId?: string | null;
  name: string;
  phone: string;
  when: string | null;
  note?: string | null;
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
