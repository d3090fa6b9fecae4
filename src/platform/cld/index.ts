/**
 * Helpers over the CLD defined lists and the local configurable lists, so that pages, form
 * validation and the CLD export never hard-code a defined-list string.
 *
 * Matching is exact and case-sensitive on purpose: the CLD return is validated that way (R2 changed some
 * values by capitalisation only), so 'Service User' (R1) and 'Service user' (R2) are different codes.
 */
import { z } from 'zod';
import { cldLists, type CldListId, type DefinedValue, type ListDefinition } from './lists.js';
import { localLists, type LocalListId } from './local-lists.js';

export { cldLists } from './lists.js';
export type { CldListId, DefinedList, DefinedValue, ListDefinition, ListEvidence } from './lists.js';
export { localLists } from './local-lists.js';
export type { LocalList, LocalListId } from './local-lists.js';
export { outcomeSequels, sequelForOutcome, sts001Description, SALT_UNABLE_TO_CLASSIFY } from './sequels.js';
export type { OutcomeSequel } from './sequels.js';

/** Any list the helpers accept: a CLD defined list or a local configurable list. */
export type ListId = CldListId | LocalListId;

export interface ListOptions {
  /** Also include retired (pre-Release 2) values. Off by default so new records use current values. */
  readonly includeRetired?: boolean;
}

export interface GovukItem {
  value: string;
  text: string;
  selected?: boolean;
}

const allLists: Readonly<Record<ListId, ListDefinition<ListId>>> = { ...cldLists, ...localLists };

// Built once: labelFor/isDefinedValue run for every row of every list page, so avoid linear scans.
const byCode = new Map<string, ReadonlyMap<string, DefinedValue>>(
  Object.values(allLists).map((list) => [list.id, new Map(list.values.map((v) => [v.code, v]))]),
);

/** The whole list definition (field name, provenance, evidence level, values). */
export function listFor(id: ListId): ListDefinition<ListId> {
  // Ids arrive from templates as plain strings, so guard at run time as well as in the types.
  const list: ListDefinition<ListId> | undefined = Object.hasOwn(allLists, id) ? allLists[id] : undefined;
  if (!list) throw new Error(`Unknown defined list: ${String(id)}`);
  return list;
}

function lookup(id: ListId, code: string): DefinedValue | undefined {
  listFor(id);
  return byCode.get(id)?.get(code);
}

/** Values to offer, in the standard's order; retired values only when asked for. */
export function listValues(id: ListId, opts: ListOptions = {}): readonly DefinedValue[] {
  const { values } = listFor(id);
  return opts.includeRetired ? values : values.filter((v) => !v.retired);
}

/** Whether `code` is exactly a value of the list (retired values count only when asked for). */
export function isDefinedValue(id: ListId, code: string, opts: ListOptions = {}): boolean {
  const value = lookup(id, code);
  return value !== undefined && (opts.includeRetired === true || !value.retired);
}

/**
 * Label to show for a stored code: '' when nothing is recorded, the label (retired values included, so
 * old records still read well), or the code itself when it is not in the list — showing what was
 * recorded beats hiding it.
 */
export function labelFor(id: ListId, code: string | null | undefined): string {
  if (code === null || code === undefined || code === '') return '';
  return lookup(id, code)?.label ?? code;
}

/**
 * The current code for a stored one: a retired value's replacement where the R1→R2 mapping is known,
 * otherwise the code unchanged. Used when exporting old records into a Release 2 return.
 */
export function currentCode(id: ListId, code: string): string {
  return lookup(id, code)?.replacedBy ?? code;
}

/** Whether a list is the council's own (local), even where it stands in for a CLD field. */
export function isLocalList(id: ListId): boolean {
  listFor(id);
  return Object.hasOwn(localLists, id);
}

/**
 * Whether `code` is a CLD value: in a CLD list and not a local value offered there. Local lists and
 * local values answer false, so nothing presents or exports them as CLD's (retired values count).
 */
export function isCldValue(id: ListId, code: string): boolean {
  if (isLocalList(id)) return false;
  const value = lookup(id, code);
  return value !== undefined && value.local !== true;
}

/** Whether a list's values are placeholders that must be checked against the specification. */
export function isProvisional(id: ListId): boolean {
  return listFor(id).evidence === 'provisional';
}

/**
 * A zod schema accepting exactly one current value of the list, with a GOV.UK-style error message:
 * zodCldValue('gender', "the person's gender") → "Select the person's gender from the list".
 */
export function zodCldValue(id: ListId, fieldLabel: string, opts: ListOptions = {}) {
  listFor(id); // fail at schema construction, not at first parse
  const message = `Select ${fieldLabel} from the list`;
  return z.string({ error: message }).refine((v) => isDefinedValue(id, v, opts), { error: message });
}

/**
 * Items for the govukSelect / govukRadios macros. `selected` is compared exactly; a placeholder (for a
 * select) comes first with an empty value so that "nothing chosen" fails validation.
 */
export function govukItems(
  id: ListId,
  selected?: string | null,
  opts: ListOptions & { readonly placeholder?: string } = {},
): GovukItem[] {
  const items: GovukItem[] = listValues(id, opts).map((v) =>
    selected != null && v.code === selected
      ? { value: v.code, text: v.label, selected: true }
      : { value: v.code, text: v.label },
  );
  return opts.placeholder === undefined ? items : [{ value: '', text: opts.placeholder }, ...items];
}
