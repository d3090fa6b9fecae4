import type { FieldError } from '../../../platform/http/errors.js';
import { parsePoundsToPence } from '../../../platform/money.js';
import { dateFromParts, plainDateProblem } from '../../../platform/dates.js';
import type { HoldingRoute } from '../tables.js';
import { HOLDING_ROUTES, isHoldingRoute } from './holding-routes.js';

/**
 * The budget part's forms, checked field by field with GOV.UK messages. Pure: the rules that need
 * the database (the agreed budget, capacity, the scheme's limit) are in part-rules.ts.
 */
export type Body = Record<string, unknown>;
export type Parsed<T> = { ok: true; value: T } | { ok: false; errors: FieldError[] };

const MAX_TEXT = 2000;
export const text = (body: Body, name: string) => (typeof body[name] === 'string' ? (body[name] as string).trim() : '');
export const done = <T>(errors: FieldError[], value: T): Parsed<T> =>
  errors.length ? { ok: false, errors } : { ok: true, value };

/** A GOV.UK date input's three boxes, required; the problem as a field error. */
export function dateField(body: Body, name: string, label: string, errors: FieldError[]): string {
  const value = dateFromParts(body[`${name}-day`], body[`${name}-month`], body[`${name}-year`]);
  const problem = value ? plainDateProblem(label, value) : `Enter ${label.toLowerCase()}`;
  if (problem) errors.push({ text: problem, href: `#${name}-day` });
  return problem ? '' : value;
}

function optionalDateField(body: Body, name: string, label: string, errors: FieldError[]): string | null {
  const value = dateFromParts(body[`${name}-day`], body[`${name}-month`], body[`${name}-year`]);
  if (!value) return null;
  const problem = plainDateProblem(label, value);
  if (problem) errors.push({ text: problem, href: `#${name}-day` });
  return problem ? null : value;
}

export function textField(body: Body, name: string, label: string, errors: FieldError[], max = 200): string {
  const value = text(body, name);
  if (!value) errors.push({ text: `Enter ${label.toLowerCase()}`, href: `#${name}` });
  else if (value.length > max) errors.push({ text: `${label} must be ${max} characters or fewer`, href: `#${name}` });
  return value;
}

export function poundsField(body: Body, name: string, label: string, errors: FieldError[]): number {
  const parsed = parsePoundsToPence(text(body, name), label);
  if (!parsed.ok) errors.push({ text: parsed.error, href: `#${name}` });
  else if (parsed.pence === 0) errors.push({ text: `${label} must be more than £0`, href: `#${name}` });
  return parsed.ok ? parsed.pence : 0;
}

export interface SuitablePersonInput {
  name: string;
  relationship: string;
  dbsCheckedOn: string | null;
  referencesChecked: boolean;
  agreesToActInBestInterests: boolean;
  appointedOn: string;
}

export interface PartInput {
  route: HoldingRoute;
  holder: string;
  weeklyPence: number | null;
  oneOffPence: number | null;
  startsOn: string;
  /** The directory service's name, for routes held by an organisation. */
  serviceName: string | null;
  feeWeeklyPence: number;
  cardRestrictions: string | null;
  trustees: string[];
  /** The pool a 'pool' part pays into (its id, checked against the council's pools by the rules). */
  poolId: string | null;
  agreement: { signedOn: string; signedBy: string } | null;
  suitablePerson: SuitablePersonInput | null;
}

/** The "how will this part be held" form: the fields each route asks for, and only those. */
export function parsePart(body: Body): Parsed<PartInput> {
  const errors: FieldError[] = [];
  const routeText = text(body, 'route');
  if (!isHoldingRoute(routeText)) {
    errors.push({ text: 'Select how this part of the budget will be held', href: '#route' });
    return { ok: false, errors };
  }
  const route: HoldingRoute = routeText;
  const info = HOLDING_ROUTES[route];
  const suitablePerson = route === 'suitable_person' ? parseSuitablePerson(body, errors) : null;
  const holder = suitablePerson ? suitablePerson.name : textField(body, 'holder', 'Who holds the money', errors);
  const oneOff = route === 'one_off';
  const weeklyPence = oneOff ? null : poundsField(body, 'weekly', 'The weekly amount', errors);
  const oneOffPence = oneOff ? poundsField(body, 'oneOff', 'The one-off amount', errors) : null;
  const startsOn = dateField(body, 'startsOn', oneOff ? 'The date it is paid' : 'The date it starts', errors);
  // A council-managed budget may name the provider the council pays (the payment run pays it there).
  const serviceName = info.organisation
    ? textField(body, 'service', 'The organisation', errors)
    : route === 'council_managed'
      ? text(body, 'service') || null
      : null;
  const feeWeeklyPence = route === 'managed_account' ? feeField(body, errors) : 0;
  const cardRestrictions = route === 'prepaid_card' ? optionalText(body, 'restrictions', 'Restrictions', errors) : null;
  const trustees =
    route === 'trust'
      ? text(body, 'trustees')
          .split(/\r?\n/)
          .map((t) => t.trim())
          .filter(Boolean)
      : [];
  const poolId = route === 'pool' ? text(body, 'poolId') || null : null;
  if (route === 'pool' && !poolId) errors.push({ text: 'Select the pool it is paid into', href: '#poolId' });
  if (trustees.some((t) => t.length > 200))
    errors.push({ text: 'Each trustee’s name must be 200 characters or fewer', href: '#trustees' });
  const agreement = info.directPayment
    ? {
        signedOn: dateField(body, 'signedOn', 'The date the direct payment agreement was signed', errors),
        signedBy: textField(body, 'signedBy', 'Who signed the direct payment agreement', errors),
      }
    : null;
  return done(errors, {
    route,
    holder,
    weeklyPence,
    oneOffPence,
    startsOn,
    serviceName,
    feeWeeklyPence,
    cardRestrictions,
    trustees,
    poolId,
    agreement,
    suitablePerson,
  });
}

function feeField(body: Body, errors: FieldError[]): number {
  if (!text(body, 'fee')) return 0;
  const parsed = parsePoundsToPence(text(body, 'fee'), 'The weekly fee');
  if (!parsed.ok) errors.push({ text: parsed.error, href: '#fee' });
  return parsed.ok ? parsed.pence : 0;
}

function optionalText(body: Body, name: string, label: string, errors: FieldError[]): string | null {
  const value = text(body, name);
  if (value.length > MAX_TEXT)
    errors.push({ text: `${label} must be ${MAX_TEXT} characters or fewer`, href: `#${name}` });
  return value || null;
}

function parseSuitablePerson(body: Body, errors: FieldError[]): SuitablePersonInput {
  return {
    name: textField(body, 'spName', 'The suitable person’s name', errors),
    relationship: textField(body, 'spRelationship', 'Their relationship to the person', errors),
    dbsCheckedOn: optionalDateField(body, 'spDbs', 'The date of the DBS check', errors),
    referencesChecked: text(body, 'spReferences') === 'yes',
    agreesToActInBestInterests: text(body, 'spBestInterests') === 'yes',
    appointedOn: dateField(body, 'spAppointed', 'The date they were appointed', errors),
  };
}

export interface SwitchInput {
  /** The day the new route starts; the old part ends the day before. */
  from: string;
  /** How much of the weekly amount moves (all of it when the part's whole amount). */
  weeklyPence: number;
  part: PartInput;
}

/** Switching (part of) a part to another route from a date. */
export function parseSwitch(body: Body): Parsed<SwitchInput> {
  const errors: FieldError[] = [];
  const from = dateField(body, 'from', 'The date of the switch', errors);
  const weeklyPence = poundsField(body, 'moving', 'The weekly amount to switch', errors);
  const part = parsePart({
    ...body,
    weekly: body['moving'],
    'startsOn-day': body['from-day'],
    'startsOn-month': body['from-month'],
    'startsOn-year': body['from-year'],
  });
  if (!part.ok)
    for (const e of part.errors)
      if (!errors.some((x) => x.text === e.text) && !['#weekly', '#startsOn-day'].includes(e.href)) errors.push(e);
  if (part.ok && part.value.route === 'one_off')
    errors.push({ text: 'A weekly budget cannot switch to a one-off payment', href: '#route' });
  return part.ok && !errors.length
    ? { ok: true, value: { from, weeklyPence, part: part.value } }
    : { ok: false, errors };
}

export interface ContributionInput {
  weeklyPence: number;
  startsOn: string;
  reference: string | null;
}

/** A client contribution, as the financial assessment set it. £0 is allowed: someone assessed to pay nothing. */
export function parseContribution(body: Body): Parsed<ContributionInput> {
  const errors: FieldError[] = [];
  const parsed = parsePoundsToPence(text(body, 'weekly'), 'The weekly contribution');
  if (!parsed.ok) errors.push({ text: parsed.error, href: '#weekly' });
  const startsOn = dateField(body, 'startsOn', 'The date it starts', errors);
  const reference = text(body, 'reference');
  if (reference.length > 100)
    errors.push({ text: 'The financial assessment reference must be 100 characters or fewer', href: '#reference' });
  return done(errors, { weeklyPence: parsed.ok ? parsed.pence : 0, startsOn, reference: reference || null });
}
