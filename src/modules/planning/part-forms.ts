import type { FastifyRequest } from 'fastify';
import { routeId } from '../../platform/http/ids.js';
import { FREQUENCIES, FUNDING_SOURCES } from './costing-types.js';
import {
  aboutValues,
  itemValues,
  parseAbout,
  parseAgreement,
  parseItem,
  parseOutcome,
  parseProfile,
  parseRisk,
  QUOTE_ROWS,
  riskValues,
  type Parsed,
} from './forms.js';
import type { PlanEdit } from './plan-changes.js';
import { todayInLondon } from '../../platform/dates.js';
import { PROFILE_SECTIONS, REPRESENTATIVE_BASES, SUPPORT_GIVERS, WRITERS, type PlanContent } from './plan-content.js';

type Body = Record<string, unknown>;

/**
 * Each form that changes one part of the plan: where it is, what it shows, how its answers become
 * an edit. A part's form with an id (`/items/:itemId`) changes that part; `/items/new` adds one.
 */
export interface PartForm {
  path: string;
  template: string;
  title(partId: string | null): string;
  partId?(request: FastifyRequest): string;
  /** The saved part as form values (empty for a new one), or null when the part is not in the plan. */
  values(content: PlanContent, partId: string | null): Body | null;
  parse(body: Body, partId: string | null, content?: PlanContent): Parsed<PlanEdit>;
  removable?: boolean;
  remove?(partId: string): PlanEdit;
  extra(content: PlanContent, partId: string | null): Record<string, unknown>;
}

const mapped = <T, U>(parsed: Parsed<T>, edit: (value: T) => U): Parsed<U> =>
  parsed.ok ? { ok: true, value: edit(parsed.value) } : parsed;
const choices = (options: readonly { key: string; label: string }[]) =>
  options.map((o) => ({ value: o.key, text: o.label }));
const found = <T extends { id: string }>(rows: readonly T[], id: string | null) =>
  id === null ? undefined : rows.find((r) => r.id === id);

const profileForms: PartForm[] = PROFILE_SECTIONS.map((section) => ({
  path: `/people/:id/support-plan/profile/${section.key}`,
  template: 'planning/views/profile-form.njk',
  title: () => section.title,
  values: (content) => {
    const entry = content.profile[section.key];
    return entry ? { ...entry.fields, writtenBy: entry.writtenBy } : {};
  },
  parse: (body) =>
    mapped(parseProfile(body, section.fields), (entry) => ({ kind: 'profile', key: section.key, entry })),
  extra: () => ({ fields: section.fields, writerItems: choices(WRITERS) }),
}));

/** A list's "add one" and "change one" forms (support items, outcomes, risks). */
function listForms(
  list: 'items' | 'outcomes' | 'risks',
  idParam: string,
  spec: Omit<PartForm, 'path' | 'partId' | 'values' | 'remove' | 'removable'> & {
    values(content: PlanContent, partId: string): Body | null;
  },
): PartForm[] {
  const common = { ...spec, remove: (id: string): PlanEdit => ({ kind: 'remove', list, id }), removable: true };
  return [
    { ...common, path: `/people/:id/support-plan/${list}/new`, values: () => ({}) },
    {
      ...common,
      path: `/people/:id/support-plan/${list}/:${idParam}`,
      partId: (request) => routeId(request, idParam),
      values: (content, partId) => (partId === null ? null : spec.values(content, partId)),
    },
  ];
}

const itemForms = listForms('items', 'itemId', {
  template: 'planning/views/item-form.njk',
  title: (id) => (id ? 'Change this support' : 'Add support to the plan'),
  values: (content, id) => {
    const item = found(content.items, id);
    return item ? itemValues(item) : null;
  },
  parse: (body, id) => mapped(parseItem(body, id), (item) => ({ kind: 'item', item })),
  extra: () => ({
    giverItems: choices(SUPPORT_GIVERS),
    frequencyItems: FREQUENCIES.map((f) => ({ value: f.key, text: f.label })),
    fundingItems: choices(FUNDING_SOURCES),
    quoteRows: Array.from({ length: QUOTE_ROWS }, (_v, i) => i),
  }),
});

const outcomeForms = listForms('outcomes', 'outcomeId', {
  template: 'planning/views/outcome-form.njk',
  title: (id) => (id ? 'Change this outcome' : 'Add an outcome'),
  values: (content, id) => {
    const outcome = found(content.outcomes, id);
    return outcome ? { words: outcome.words, itemIds: outcome.itemIds } : null;
  },
  parse: (body, id) => mapped(parseOutcome(body, id), (outcome) => ({ kind: 'outcome', outcome })),
  extra: (content) => ({ itemChoices: content.items.map((i) => ({ value: i.id, text: i.what })) }),
});

const riskForms = listForms('risks', 'riskId', {
  template: 'planning/views/risk-form.njk',
  title: (id) => (id ? 'Change this risk' : 'Add a risk'),
  values: (content, id) => {
    const risk = found(content.risks, id);
    return risk ? riskValues(risk) : null;
  },
  parse: (body, id) => mapped(parseRisk(body, id), (risk) => ({ kind: 'risk', risk })),
  extra: () => ({}),
});

const aboutForm: PartForm = {
  path: '/people/:id/support-plan/about',
  template: 'planning/views/about-form.njk',
  title: () => 'Who helped write the plan, its contingency and fees',
  values: (content) => aboutValues(content),
  parse: (body) => mapped(parseAbout(body), (about) => ({ kind: 'about', about })),
  extra: () => ({ writerItems: choices(WRITERS) }),
};

const agreementForm: PartForm = {
  path: '/people/:id/support-plan/agree',
  template: 'planning/views/agree-form.njk',
  title: () => 'Record that the plan is agreed',
  values: () => ({}),
  parse: (body) =>
    mapped(parseAgreement(body, todayInLondon().toString()), (agreement) => ({ kind: 'agree', agreement })),
  extra: () => ({ basisItems: choices(REPRESENTATIVE_BASES) }),
};

export const PART_FORMS: readonly PartForm[] = [
  ...profileForms,
  ...itemForms,
  ...outcomeForms,
  ...riskForms,
  aboutForm,
  agreementForm,
];
