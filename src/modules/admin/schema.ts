import { z } from 'zod';
import { apiScopes, roles, type ApiScope } from '../../platform/access/roles.js';
import { idField } from '../../platform/http/ids.js';

/**
 * Inputs for the administration pages. Field names match the form field ids, so each error in the
 * GOV.UK error summary links to its input.
 */
const trimmed = (v: unknown) => (typeof v === 'string' ? v.trim() : v);
const emptyToNull = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? null : v === undefined ? null : v);
/** A form sends one checkbox as a string and several as an array; none at all as nothing. */
const asArray = (v: unknown) => (v === undefined || v === null || v === '' ? [] : Array.isArray(v) ? v : [v]);

export const MIN_PASSWORD_LENGTH = 12;

const isApiScope = (s: string): s is ApiScope => (apiScopes as readonly string[]).includes(s);

const displayName = z.preprocess(
  trimmed,
  z
    .string({ error: 'Enter their full name' })
    .min(1, 'Enter their full name')
    .max(100, 'Full name must be 100 characters or fewer'),
);
const email = z.preprocess(
  emptyToNull,
  z.preprocess(
    trimmed,
    z
      .email('Enter an email address in the correct format, like name@example.gov.uk')
      .max(200, 'Email address must be 200 characters or fewer')
      .nullable(),
  ),
);
const role = z.enum(roles, { error: 'Select a role' });
const teamId = z.preprocess(emptyToNull, idField('Select a team or patch from the list').nullable());

const signInFields = {
  signInMethod: z.enum(['password', 'sso'], { error: 'Select how they will sign in' }),
  password: z.string().max(200, 'Password must be 200 characters or fewer').optional(),
};
const signInPart = z.object({ ...signInFields, email });

export const newUserSchema = z
  .object({
    username: z.preprocess(
      (v) => (typeof v === 'string' ? v.trim().toLowerCase() : v),
      z
        .string({ error: 'Enter a username' })
        .min(1, 'Enter a username')
        .max(60, 'Username must be 60 characters or fewer')
        .regex(
          /^[a-z0-9][a-z0-9._-]*$/,
          'Username must contain only letters, numbers, full stops, hyphens and underscores',
        ),
    ),
    displayName,
    email,
    role,
    teamId,
    ...signInFields,
  })
  .superRefine(
    (v, ctx) => {
      // Single sign-on finds a new account by its verified email address, so it cannot be left blank.
      if (v.signInMethod === 'sso' && !v.email) {
        ctx.addIssue({
          code: 'custom',
          path: ['email'],
          message: 'Enter their work email address: single sign-on uses it to find their account',
        });
      }
      if (v.signInMethod === 'password' && (v.password ?? '').length < MIN_PASSWORD_LENGTH) {
        ctx.addIssue({
          code: 'custom',
          path: ['password'],
          message: v.password
            ? `Password must be ${MIN_PASSWORD_LENGTH} characters or more`
            : 'Enter an initial password',
        });
      }
    },
    // Check the password even when other fields are wrong, so every error shows at once.
    { when: (payload) => signInPart.safeParse(payload.value).success },
  )
  .transform((v) => ({ ...v, password: v.signInMethod === 'password' ? (v.password ?? null) : null }));
export type NewUserInput = z.output<typeof newUserSchema>;

export const userUpdateSchema = z.object({
  displayName,
  email,
  role,
  teamId,
  version: z.coerce.number({ error: 'The form is missing its version: reload the page' }).int().positive(),
});
export type UserUpdateInput = z.output<typeof userUpdateSchema>;

export const versionSchema = z.object({ version: z.coerce.number().int().positive() });

export const newTokenSchema = z.object({
  name: z.preprocess(
    trimmed,
    z
      .string({ error: 'Enter a name for the token' })
      .min(1, 'Enter a name for the token')
      .max(100, 'Name must be 100 characters or fewer'),
  ),
  // Checked as a whole so the error links to the checkboxes ('#scopes'), not to one of them.
  scopes: z
    .preprocess(
      asArray,
      z
        .array(z.string())
        .min(1, 'Select at least one thing the token may do')
        .refine((a) => a.every(isApiScope), 'Select what the token may do from the list'),
    )
    .transform((a) => [...new Set(a.filter(isApiScope))]),
});
export type NewTokenInput = z.output<typeof newTokenSchema>;

/** The per-patch switches form: the keys of the boxes left ticked. Keys are checked against the registry by the service. */
export const patchFeaturesSchema = z.object({
  features: z.preprocess(asArray, z.array(z.string().max(100)).max(200)),
});
