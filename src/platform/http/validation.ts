import type { z } from 'zod';
import { ValidationError, type FieldError } from './errors.js';

/** Turn zod issues into GOV.UK error-summary entries, one per field, in form order. */
export function toFieldErrors(error: z.ZodError): FieldError[] {
  const seen = new Set<string>();
  const out: FieldError[] = [];
  for (const issue of error.issues) {
    const field = issue.path.map(String).join('-') || 'form';
    if (seen.has(field)) continue;
    seen.add(field);
    out.push({ text: issue.message, href: `#${field}` });
  }
  return out;
}

/** Parse or throw a ValidationError carrying the field errors. */
export function parseOrThrow<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const result = schema.safeParse(input);
  if (!result.success) throw new ValidationError(toFieldErrors(result.error));
  return result.data;
}

/** Map of field -> message, for inline errors beside each input. */
export function errorMap(errors: FieldError[] | undefined): Record<string, { text: string }> {
  const map: Record<string, { text: string }> = {};
  for (const e of errors ?? []) map[e.href.slice(1)] = { text: e.text };
  return map;
}
