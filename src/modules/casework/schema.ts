import { z } from 'zod';
import { canonicalId } from '../../platform/http/ids.js';
import { parseOrThrow } from '../../platform/http/validation.js';

/** The value of the "leave it in the team's unallocated queue" choice on the allocate form. */
export const TEAM_QUEUE = 'queue';
export const NOTE_MAX = 1000;

/**
 * The allocate / transfer form: who should hold the work (a worker's id, or the team's queue), an
 * optional reason, and the version and holder the manager saw (so a change made meanwhile is refused).
 */
const allocateSchema = z.object({
  workerId: z
    .string({ error: 'Choose who should hold this work' })
    .trim()
    .min(1, 'Choose who should hold this work')
    .transform((value, context) => {
      if (value === TEAM_QUEUE) return null;
      const id = canonicalId(value);
      if (id) return id;
      context.addIssue({ code: 'custom', message: 'Choose a worker from the list' });
      return z.NEVER;
    }),
  note: z
    .string()
    .trim()
    .max(NOTE_MAX, `The reason must be ${NOTE_MAX} characters or fewer`)
    .optional()
    .transform((v) => (v ? v : null)),
  version: z.coerce.number().int().min(0).max(1_000_000_000).catch(-1),
  heldBy: z
    .string()
    .optional()
    .transform((v) => canonicalId(v) ?? null),
});

export type AllocateInput = z.output<typeof allocateSchema>;

export function parseAllocation(body: unknown): AllocateInput {
  return parseOrThrow(allocateSchema, body ?? {});
}
