import { randomUUID } from 'node:crypto';
import type { FieldError } from '../../platform/http/errors.js';
import { parsePoundsToPence, penceToPounds } from '../../platform/money.js';
import { canonicalId } from '../../platform/http/ids.js';
import { FREQUENCIES, FUNDING_SOURCES, type Frequency, type Funding } from './costing-types.js';
import { unitsToHundredths } from './costing.js';
import {
  SUPPORT_GIVERS,
  WRITERS,
  REPRESENTATIVE_BASES,
  type PlanAgreement,
  type PlanItem,
  type PlanOutcome,
  type PlanQuote,
  type PlanRisk,
  type ProfileEntry,
  type RepresentativeBasis,
  type RiskPanel,
  type SupportGiver,
  type Writer,
} from './plan-content.js';
import type { AboutPlan } from './plan-changes.js';

/**
 * The support plan's forms: what was posted, checked field by field with GOV.UK messages, turned
 * into one part of the plan. Pure: nothing here reads the database.
 */
type Body = Record<string, unknown>;
export type Parsed<T> = { ok: true; value: T } | { ok: false; errors: FieldError[] };

const MAX_TEXT = 5000;
/** Quote rows offered on the support item form (S2 had three). */
export const QUOTE_ROWS = 3;

const text = (body: Body, name: string) => (typeof body[name] === 'string' ? (body[name] as string).trim() : '');
const list = (value: unknown): string[] =>
  (Array.isArray(value) ? value : value === undefined ? [] : [value]).filter((v): v is string => typeof v === 'string');
const isOneOf = <K extends string>(options: readonly { key: K }[], value: string): value is K =>
  options.some((o) => o.key === value);

class Checker {
  readonly errors: FieldError[] = [];
  fail(field: string, message: string) {
    this.errors.push({ text: message, href: `#${field}` });
  }
  text(body: Body, field: string, required?: string): string {
    const value = text(body, field);
    if (required && !value) this.fail(field, required);
    if (value.length > MAX_TEXT) this.fail(field, `This must be ${MAX_TEXT} characters or fewer`);
    return value;
  }
  pence(body: Body, field: string, label: string, required: boolean): number | null {
    const value = text(body, field);
    if (!value && !required) return null;
    const parsed = parsePoundsToPence(value, label);
    if (parsed.ok) return parsed.pence;
    this.fail(field, parsed.error);
    return null;
  }
  done<T>(value: T): Parsed<T> {
    return this.errors.length ? { ok: false, errors: this.errors } : { ok: true, value };
  }
}

/** The version the form was opened on (a hidden field), or null when it is missing or not a number. */
export function openedVersion(body: Body): number | null {
  const value = text(body, 'version');
  return /^\d{1,6}$/.test(value) ? Number(value) : null;
}

/** A profile section: its texts and who wrote them; every text cleared takes the section out of the plan. */
export function parseProfile(body: Body, fields: readonly { key: string }[]): Parsed<ProfileEntry | null> {
  const c = new Checker();
  const values = Object.fromEntries(fields.map((f) => [f.key, c.text(body, f.key)]));
  if (Object.values(values).every((v) => v === '')) return c.done(null);
  const writtenBy = text(body, 'writtenBy');
  if (!isOneOf(WRITERS, writtenBy)) c.fail('writtenBy', 'Select who wrote this');
  return c.done({ fields: values, writtenBy: writtenBy as Writer });
}

function parseQuotes(body: Body, c: Checker): PlanQuote[] {
  const chosen = text(body, 'chosenQuote');
  const quotes: PlanQuote[] = [];
  for (let i = 0; i < QUOTE_ROWS; i++) {
    const supplier = c.text(body, `quote-${i}-supplier`);
    const amount = text(body, `quote-${i}-amount`);
    if (!supplier && !amount) continue;
    if (!supplier) c.fail(`quote-${i}-supplier`, `Enter who gave quote ${i + 1}`);
    const pence = c.pence(body, `quote-${i}-amount`, `Quote ${i + 1}`, true);
    if (quotes.some((q) => q.supplier.toLowerCase() === supplier.toLowerCase()) && supplier)
      c.fail(`quote-${i}-supplier`, `There is already a quote from ${supplier}`);
    quotes.push({ supplier, amountPence: pence ?? 0, chosen: chosen === String(i) });
  }
  if (quotes.length && !quotes.some((q) => q.chosen)) c.fail('chosenQuote', 'Select the quote chosen');
  return quotes;
}

/** A support item; with quotes, the chosen quote's price is the item's price. */
export function parseItem(body: Body, id: string | null): Parsed<PlanItem> {
  const c = new Checker();
  const what = c.text(body, 'what', 'Enter what the support is');
  const giver = text(body, 'giver');
  if (!isOneOf(SUPPORT_GIVERS, giver)) c.fail('giver', 'Select who gives this support');
  const directoryServiceId = giver === 'provider' ? canonicalId(text(body, 'directoryServiceId')) : null;
  if (giver === 'provider' && !directoryServiceId)
    c.fail('giverName', 'Search the community directory for the provider and select one');
  const giverName = c.text(body, 'giverName');
  const when = c.text(body, 'when');
  const frequency = text(body, 'frequency');
  if (!isOneOf(FREQUENCIES, frequency)) c.fail('frequency', 'Select how often');
  const funding = text(body, 'funding');
  if (!isOneOf(FUNDING_SOURCES, funding)) c.fail('funding', 'Select who pays');
  const unitsText = text(body, 'units') || '1';
  const units = /^\d+(\.\d+)?$/.test(unitsText) ? Number(unitsText) : NaN;
  if (unitsToHundredths(units) === null)
    c.fail('units', 'Units must be a number from 0 to 10,000 with no more than 2 decimal places, like 7.5');
  const quotes = parseQuotes(body, c);
  const chosen = quotes.find((q) => q.chosen);
  const paid = funding === 'personal_budget' || funding === 'own_money';
  const amount = chosen ? chosen.amountPence : c.pence(body, 'amount', 'The price', paid);
  return c.done({
    id: id ?? randomUUID(),
    what,
    giver: giver as SupportGiver,
    giverName,
    directoryServiceId,
    when,
    frequency: frequency as Frequency,
    amountPence: amount ?? 0,
    units,
    funding: funding as Funding,
    quotes,
  });
}

export function parseOutcome(body: Body, id: string | null): Parsed<PlanOutcome> {
  const c = new Checker();
  const words = c.text(body, 'words', 'Enter the outcome in their own words');
  const itemIds = list(body.itemIds).flatMap((v) => canonicalId(v) ?? []);
  return c.done({ id: id ?? randomUUID(), words, itemIds });
}

export function parseRisk(body: Body, id: string | null): Parsed<PlanRisk> {
  const c = new Checker();
  const risk = c.text(body, 'risk', 'Enter the risk');
  const howManaged = c.text(body, 'howManaged', 'Enter how the risk will be managed');
  const positiveRiskTaking = c.text(body, 'positiveRiskTaking');
  const personAccepts = text(body, 'personAccepts') === 'yes';
  return c.done({
    id: id ?? randomUUID(),
    risk,
    howManaged,
    positiveRiskTaking,
    personAccepts,
    panel: parsePanel(body, c),
  });
}

/** The risk enablement panel's record, when the risk went to one: all of it, or none. */
function parsePanel(body: Body, c: Checker): RiskPanel | null {
  if (text(body, 'panelHeld') !== 'yes') return null;
  return {
    question: c.text(body, 'panelQuestion', 'Enter the question the panel was asked'),
    members: c.text(body, 'panelMembers', 'Enter who sat on the panel'),
    personView: c.text(body, 'panelPersonView', 'Enter what the person thinks'),
    personCouldAttend: text(body, 'panelPersonCouldAttend') === 'yes',
    decision: c.text(body, 'panelDecision', 'Enter what the panel decided'),
    resourcesAgreed: c.text(body, 'panelResources'),
  };
}

/** A saved risk as its form's values. */
export function riskValues(risk: PlanRisk): Body {
  const panel = risk.panel;
  return {
    risk: risk.risk,
    howManaged: risk.howManaged,
    positiveRiskTaking: risk.positiveRiskTaking,
    personAccepts: risk.personAccepts ? 'yes' : '',
    panelHeld: panel ? 'yes' : '',
    panelQuestion: panel?.question ?? '',
    panelMembers: panel?.members ?? '',
    panelPersonView: panel?.personView ?? '',
    panelPersonCouldAttend: panel?.personCouldAttend ? 'yes' : '',
    panelDecision: panel?.decision ?? '',
    panelResources: panel?.resourcesAgreed ?? '',
  };
}

export function parseAbout(body: Body): Parsed<AboutPlan> {
  const c = new Checker();
  const helpedBy = list(body.helpedBy).filter((v): v is Writer => isOneOf(WRITERS, v));
  const contingencyPence = c.pence(body, 'contingency', 'The contingency', false) ?? 0;
  const feeLabel = c.text(body, 'feeLabel');
  const feePence = c.pence(body, 'feeAmount', 'The fee', Boolean(feeLabel));
  if (feePence !== null && !feeLabel) c.fail('feeLabel', 'Enter what the fee is for');
  const fee = feeLabel && feePence !== null ? { label: feeLabel, weeklyPence: feePence } : null;
  return c.done({ helpedBy, contingencyPence, fee });
}

/** The person's agreement, or their representative's with the standing they agree by. */
export function parseAgreement(body: Body, today: string): Parsed<PlanAgreement> {
  const c = new Checker();
  const by = text(body, 'by');
  if (by !== 'person' && by !== 'representative') c.fail('by', 'Select who agreed the plan');
  const representative = by === 'representative';
  const representativeName = representative
    ? c.text(body, 'representativeName', 'Enter the representative’s name')
    : '';
  const basis = text(body, 'representativeBasis');
  if (representative && !isOneOf(REPRESENTATIVE_BASES, basis))
    c.fail('representativeBasis', 'Select how the representative can agree for them');
  if (text(body, 'confirm') !== 'yes')
    c.fail('confirm', 'Confirm they have read the plan, or had it explained, and agree with it');
  return c.done({
    by: by as PlanAgreement['by'],
    representativeName,
    representativeBasis: representative ? (basis as RepresentativeBasis) : null,
    agreedOn: today,
  });
}

/** A saved item as its form's values. */
export function itemValues(item: PlanItem): Body {
  const values: Body = {
    what: item.what,
    giver: item.giver,
    giverName: item.giverName,
    directoryServiceId: item.directoryServiceId ?? '',
    when: item.when,
    frequency: item.frequency,
    funding: item.funding,
    units: String(item.units),
    amount: penceToPounds(item.amountPence),
  };
  item.quotes.forEach((q, i) => {
    values[`quote-${i}-supplier`] = q.supplier;
    values[`quote-${i}-amount`] = penceToPounds(q.amountPence);
    if (q.chosen) values.chosenQuote = String(i);
  });
  return values;
}

export function aboutValues(about: AboutPlan): Body {
  return {
    helpedBy: about.helpedBy,
    contingency: about.contingencyPence ? penceToPounds(about.contingencyPence) : '',
    feeLabel: about.fee?.label ?? '',
    feeAmount: about.fee ? penceToPounds(about.fee.weeklyPence) : '',
  };
}
