import { dateFromParts, partsFromDate } from '../../platform/dates.js';
import type { FieldError } from '../../platform/http/errors.js';
import { toFieldErrors } from '../../platform/http/validation.js';
import { planInputSchema, planPresenceErrors, type PlanContent, type PlanInput } from './schema.js';

type Body = Record<string, unknown>;
type Row = Record<string, string>;

/** The repeating parts of the plan form and their fields, in page order. */
export const listFields = {
  situations: ['key', 'situation', 'whatShouldHappen'],
  helpers: ['relationshipId', 'name', 'phone', 'relationshipType', 'does'],
  callList: ['relationshipId', 'name', 'phone', 'relationshipType', 'when'],
  support: ['what', 'providedBy', 'directoryServiceId'],
} as const;
export type ListName = keyof typeof listFields;
const listNames = Object.keys(listFields) as ListName[];
const textFields = ['wants', 'doesNotWant', 'increasesDistress', 'reducesDistress', 'agreedWithOthers'] as const;
const dateFields = ['agreedOn', 'reviewDate'] as const;
/** Rows a form may carry per list: enough for any real plan, and a bound on what a post can make us do. */
const MAX_ROWS = 30;
/** Blank rows always offered, so a plan can be written without JavaScript or "add another" trips. */
const MIN_ROWS = 2;

const str = (v: unknown) => (typeof v === 'string' ? v : Array.isArray(v) ? String(v[0] ?? '') : '');

/**
 * A repeating list from the flat form ('helpers-0-name', …), in order, blank rows dropped: clearing
 * a row's boxes removes it. Error paths then refer to the rows as they are shown again.
 */
function rowsFrom(body: Body, list: ListName): Row[] {
  const fields = listFields[list];
  const rows: Row[] = [];
  for (let i = 0; i < MAX_ROWS; i += 1) {
    const row = Object.fromEntries(fields.map((f) => [f, str(body[`${list}-${i}-${f}`]).trim()]));
    if (fields.some((f) => f !== 'key' && row[f])) rows.push(row);
  }
  return rows;
}

/** The form's body to the schema's input shape. */
export function planFormToInput(body: Body): Record<string, unknown> {
  return {
    ...Object.fromEntries(listNames.map((list) => [list, rowsFrom(body, list)])),
    ...Object.fromEntries(textFields.map((f) => [f, str(body[f])])),
    agreedWithPerson: str(body.agreedWithPerson) === 'yes',
    ...Object.fromEntries(
      dateFields.map((f) => [f, dateFromParts(body[`${f}-day`], body[`${f}-month`], body[`${f}-year`])]),
    ),
  };
}

export interface PlanFormValues {
  lists: Record<ListName, Row[]>;
  text: Record<(typeof textFields)[number], string>;
  agreedWithPerson: boolean;
  dates: Record<(typeof dateFields)[number], { day: string; month: string; year: string }>;
}

/** What the person typed, to show the form again (with errors, or with another blank row). */
export function planFormValues(body: Body): PlanFormValues {
  return {
    lists: Object.fromEntries(listNames.map((list) => [list, rowsFrom(body, list)])) as Record<ListName, Row[]>,
    text: Object.fromEntries(textFields.map((f) => [f, str(body[f])])) as PlanFormValues['text'],
    agreedWithPerson: str(body.agreedWithPerson) === 'yes',
    dates: Object.fromEntries(
      dateFields.map((f) => [
        f,
        { day: str(body[`${f}-day`]), month: str(body[`${f}-month`]), year: str(body[`${f}-year`]) },
      ]),
    ) as PlanFormValues['dates'],
  };
}

/** A saved version as form values, to change it. */
export function contentToValues(c: PlanContent): PlanFormValues {
  return {
    lists: {
      situations: c.situations.map((s) => ({
        key: s.key,
        situation: s.situation,
        whatShouldHappen: s.whatShouldHappen,
      })),
      // A network member's name and number are the network's: the form shows them in the choice, not as typed text.
      helpers: c.helpers.map((h) => ({
        relationshipId: h.relationshipId ?? '',
        name: h.relationshipId ? '' : h.name,
        phone: h.relationshipId ? '' : (h.phone ?? ''),
        relationshipType: '',
        does: h.does,
      })),
      callList: c.callList.map((x) => ({
        relationshipId: x.relationshipId ?? '',
        name: x.relationshipId ? '' : x.name,
        phone: x.relationshipId ? '' : x.phone,
        relationshipType: '',
        when: x.when ?? '',
      })),
      support: c.support.map((s) => ({
        what: s.what,
        providedBy: s.providedBy ?? '',
        directoryServiceId: s.directoryServiceId ?? '',
      })),
    },
    text: {
      wants: c.wants ?? '',
      doesNotWant: c.doesNotWant ?? '',
      increasesDistress: c.increasesDistress ?? '',
      reducesDistress: c.reducesDistress ?? '',
      agreedWithOthers: c.agreedWithOthers ?? '',
    },
    agreedWithPerson: c.agreedWithPerson,
    dates: { agreedOn: partsFromDate(c.agreedOn), reviewDate: partsFromDate(c.reviewDate) },
  };
}

/** The rows to draw for each list: what there is, then blank ones (one more in the list asked for). */
export function rowsToShow(values: PlanFormValues, addTo?: unknown): Record<ListName, Row[]> {
  return Object.fromEntries(
    listNames.map((list) => {
      const rows = values.lists[list];
      const blanks = Math.max(MIN_ROWS - rows.length, 1) + (addTo === list ? 1 : 0);
      const blank = Object.fromEntries(listFields[list].map((f) => [f, '']));
      return [
        list,
        [...rows, ...Array.from({ length: Math.min(blanks, MAX_ROWS - rows.length) }, () => ({ ...blank }))],
      ];
    }),
  ) as Record<ListName, Row[]>;
}

export const isAddRow = (body: Body): boolean => listNames.includes(str(body._add) as ListName);

/** Error summary links must land on an input: a date's first box is '<field>-day'. */
export function linkDateErrors(errors: FieldError[]): FieldError[] {
  return errors.map((e) =>
    (dateFields as readonly string[]).includes(e.href.slice(1)) ? { ...e, href: `${e.href}-day` } : e,
  );
}

/** The order fields appear on the page: the error summary lists problems in the same order. */
const fieldOrder = [
  'situations',
  'wants',
  'doesNotWant',
  'increasesDistress',
  'reducesDistress',
  'helpers',
  'callList',
  'support',
  'agreedWithPerson',
  'agreedWithOthers',
  'agreedOn',
  'reviewDate',
];
const rank = (e: FieldError) => {
  const i = fieldOrder.indexOf(e.href.slice(1).split('-')[0]!);
  return i < 0 ? fieldOrder.length : i;
};

/** Validate the posted form: the plan, or every problem with it (one per field, in page order). */
export function parsePlanForm(body: Body): { data: PlanInput; errors: null } | { data: null; errors: FieldError[] } {
  const input = planFormToInput(body);
  const parsed = planInputSchema.safeParse(input);
  if (parsed.success) return { data: parsed.data, errors: null };
  const all = [...planPresenceErrors(input), ...linkDateErrors(toFieldErrors(parsed.error))];
  const unique = all.filter((e, i) => all.findIndex((o) => o.href === e.href) === i);
  return { data: null, errors: unique.sort((a, b) => rank(a) - rank(b)) };
}
