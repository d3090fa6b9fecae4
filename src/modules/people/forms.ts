import { dateFromParts, partsFromDate } from '../../platform/dates.js';
import type { FieldError } from '../../platform/http/errors.js';

const dateFields = ['dateOfBirth', 'dateOfDeath'] as const;

/** The person form's flat body ('dateOfBirth-day', …) to the API's input shape. */
export function personFormToInput(body: Record<string, unknown>): Record<string, unknown> {
  const input: Record<string, unknown> = { ...body };
  for (const field of dateFields) {
    input[field] = dateFromParts(body[`${field}-day`], body[`${field}-month`], body[`${field}-year`]);
    delete input[`${field}-day`];
    delete input[`${field}-month`];
    delete input[`${field}-year`];
  }
  delete input._csrf;
  return input;
}

/** Values to put back into the form when it is shown again with errors (what the person typed). */
export function personFormValues(body: Record<string, unknown>): Record<string, unknown> {
  const values: Record<string, unknown> = { ...body };
  for (const field of dateFields) {
    values[field] = {
      day: body[`${field}-day`] ?? '',
      month: body[`${field}-month`] ?? '',
      year: body[`${field}-year`] ?? '',
    };
  }
  return values;
}

/** Hidden fields that carry validated answers from "Check your answers" back to create. */
export function personInputToHidden(input: Record<string, unknown>): { name: string; value: string }[] {
  const out: { name: string; value: string }[] = [];
  for (const [key, value] of Object.entries(input)) {
    if ((dateFields as readonly string[]).includes(key)) {
      const parts = partsFromDate(value as string | null);
      out.push(
        { name: `${key}-day`, value: parts.day },
        { name: `${key}-month`, value: parts.month },
        { name: `${key}-year`, value: parts.year },
      );
    } else if (typeof value === 'boolean') {
      out.push({ name: key, value: value ? 'yes' : 'no' });
    } else {
      out.push({ name: key, value: value === null || value === undefined ? '' : String(value) });
    }
  }
  return out;
}

/** Error summary links must land on an input: a date's first box is '<field>-day'. */
export function linkDateErrors(errors: FieldError[]): FieldError[] {
  return errors.map((e) =>
    (dateFields as readonly string[]).includes(e.href.slice(1)) ? { ...e, href: `${e.href}-day` } : e,
  );
}
