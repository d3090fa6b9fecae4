import { z } from 'zod';

/**
 * A record from any feed, mapped towards the entry model: `input` still goes through
 * serviceInputSchema (the same checks as the form), `terms` are resolved to taxonomy terms, and
 * `sourceId` lets a re-import find the entry it made last time.
 */
export interface TermRef {
  code: string | null;
  name: string;
  description: string | null;
  taxonomy: string | null;
}

export interface Candidate {
  sourceId: string;
  label: string;
  input: Record<string, unknown>;
  terms: TermRef[];
  organization: { description: string | null; email: string | null; website: string | null } | null;
}

export type Mapped =
  { ok: true; candidate: Candidate } | { ok: false; sourceId: string | null; label: string; reasons: string[] };

export const feedFormats = ['oruk3', 'oruk1', 'csv'] as const;
export type FeedFormat = (typeof feedFormats)[number];

/** 'schedules.0.opens_at: Invalid input' → readable reasons for the report. */
export function zodReasons(error: z.ZodError): string[] {
  return error.issues.map((i) => (i.path.length ? `${i.path.join('.')}: ${i.message}` : i.message));
}

export const str = (v: unknown): string | null =>
  typeof v === 'string' && v.trim() !== '' ? v.trim() : typeof v === 'number' ? String(v) : null;
export const arr = (v: unknown): Record<string, unknown>[] =>
  Array.isArray(v) ? v.filter((x): x is Record<string, unknown> => typeof x === 'object' && x !== null) : [];
export const obj = (v: unknown): Record<string, unknown> | null =>
  typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : null;

/** '10:00:00', '10:00Z', '10:00+01:00' → '10:00' (local times; the suffix is what ORUK asks publishers to add). */
export function plainTime(v: unknown): string | null {
  const t = str(v);
  if (!t) return null;
  const m = /^(\d{1,2}:\d{2})(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?$/.exec(t);
  return m ? m[1]! : t;
}

/** ORUK amounts are pounds as JSON numbers; go through text so 2.5 becomes exactly 250 pence. */
export function poundsText(v: unknown): string | null {
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : 'not a number';
  return str(v);
}

export const dayOf: Record<string, string> = {
  monday: 'MO',
  tuesday: 'TU',
  wednesday: 'WE',
  thursday: 'TH',
  friday: 'FR',
  saturday: 'SA',
  sunday: 'SU',
  mo: 'MO',
  tu: 'TU',
  we: 'WE',
  th: 'TH',
  fr: 'FR',
  sa: 'SA',
  su: 'SU',
};

/** 'MO,TU', '1MO,-1FR' (monthly), 'Monday' → day codes; unknown words are kept so validation reports them. */
export function days(v: unknown): string[] {
  const t = str(v);
  if (!t) return [];
  return [
    ...new Set(
      t
        .split(/[,;\s]+/)
        .filter(Boolean)
        .map((d) => dayOf[d.replace(/^[+-]?\d+/, '').toLowerCase()] ?? d),
    ),
  ];
}

/** A schedule row, or null when it says nothing the directory can show. */
export function schedule(input: {
  days: string[];
  opens: unknown;
  closes: unknown;
  description: unknown;
  monthly?: boolean;
}) {
  const opensAt = plainTime(input.opens);
  const closesAt = plainTime(input.closes);
  let description = str(input.description);
  if (input.monthly && !description) description = 'Monthly';
  if (!input.days.length && !opensAt && !closesAt && !description) return null;
  return {
    days: input.days,
    opensAt,
    closesAt,
    description: description ?? (input.days.length ? null : 'See the service for times'),
  };
}

/** ORUK 1.0 and 3.0 contacts alike: a name (or title), an email and the first phone; empty ones dropped. */
export function contactsOf(contacts: unknown) {
  return arr(contacts)
    .map((c) => ({
      name: str(c.name) ?? str(c.title),
      email: str(c.email),
      phone: str(arr(c.phones)[0]?.number),
    }))
    .filter((c) => c.name || c.email || c.phone);
}

/** ORUK 1.0 and 3.0 cost options alike (amounts in pounds, turned to pence by the entry model). */
export function costOptionsOf(costs: Record<string, unknown>[]) {
  return costs.map((c) => ({
    option: str(c.option),
    amountPence: poundsText(c.amount),
    amountDescription: str(c.amount_description),
  }));
}

/** Free when every cost option the feed gives is zero (and it gives at least one). */
export function allFree(costs: Record<string, unknown>[]): boolean {
  return costs.length > 0 && costs.every((c) => c.amount === 0);
}
