import type { FieldError } from '../../platform/http/errors.js';
import { parsePoundsToPence, penceToPounds } from '../../platform/money.js';
import { dateFromParts, partsFromDate, plainDateProblem } from '../../platform/dates.js';
import type { CarerBand, PriceBand, RasVersion } from './ras-types.js';
import { validateRasVersion } from './ras-validate.js';
import type { Body, Parsed } from './budget-forms.js';

/**
 * The form that edits a draft RAS version: its label and date, price bands, floor and ceiling,
 * network reductions, carer's bands and every answer's points. The domains and questions themselves
 * are kept as they are (their keys are what past answers are stored by). Pure.
 * Field names: `band-<n>-from|to|price`, `carer-<n>-from|to|amount`, `network-<domain>`,
 * `points-<question>-<answer>`. One blank band row is offered to add a band; a row left blank is removed.
 */

const text = (body: Body, name: string) => (typeof body[name] === 'string' ? (body[name] as string).trim() : '');
const countRows = (body: Body, prefix: string) =>
  Object.keys(body).filter((k) => new RegExp(`^${prefix}-\\d+-from$`).test(k)).length;

class Reader {
  readonly errors: FieldError[] = [];
  constructor(private readonly body: Body) {}
  fail(field: string, message: string) {
    this.errors.push({ text: message, href: `#${field}` });
  }
  whole(field: string, label: string, opts: { optional?: boolean; max?: number } = {}): number | null {
    const value = text(this.body, field);
    if (value === '' && opts.optional) return null;
    const max = opts.max ?? 1_000_000;
    if (!/^\d{1,7}$/.test(value) || Number(value) > max) {
      this.fail(field, `${label} must be a whole number from 0 to ${max}`);
      return null;
    }
    return Number(value);
  }
  pence(field: string, label: string): number | null {
    const parsed = parsePoundsToPence(text(this.body, field), label);
    if (parsed.ok) return parsed.pence;
    this.fail(field, parsed.error);
    return null;
  }
  isBlankRow(prefix: string, n: number, fields: string[]) {
    return fields.every((f) => text(this.body, `${prefix}-${n}-${f}`) === '');
  }
}

function readBands<T>(
  r: Reader,
  body: Body,
  prefix: string,
  name: string,
  money: string,
  make: (from: number, to: number | null, pence: number) => T,
): T[] {
  const bands: T[] = [];
  for (let n = 0; n < countRows(body, prefix); n++) {
    if (r.isBlankRow(prefix, n, ['from', 'to', money])) continue;
    const from = r.whole(`${prefix}-${n}-from`, `Where ${name} band ${n + 1} starts`);
    const to = r.whole(`${prefix}-${n}-to`, `Where ${name} band ${n + 1} ends`, { optional: true });
    const pence = r.pence(`${prefix}-${n}-${money}`, `The amount for ${name} band ${n + 1}`);
    if (from !== null && pence !== null) bands.push(make(from, to, pence));
  }
  return bands;
}

function readNetwork(r: Reader, draft: RasVersion): Record<string, number> {
  const percents: Record<string, number> = {};
  for (const d of draft.domains.filter((d) => d.key !== draft.carer.domainKey)) {
    const percent = r.whole(`network-${d.key}`, `The reduction for ${d.label}`, { optional: true, max: 100 });
    if (percent !== null) percents[d.key] = percent;
  }
  return percents;
}

/** The draft's domains and questions as they are, with each answer's points as typed. */
function readPoints(r: Reader, draft: RasVersion) {
  return draft.domains.map((d) => ({
    ...d,
    questions: d.questions.map((q) => ({
      ...q,
      answers: q.answers.map((a) => ({
        ...a,
        points: r.whole(`points-${q.key}-${a.key}`, `Points for ‘${a.text}’ in ‘${q.text}’`, { max: 1000 }) ?? a.points,
      })),
    })),
  }));
}

/** The draft as changed by the form, or every problem (the form's own, then the version's rules). */
export function parseVersionForm(draft: RasVersion, body: Body): Parsed<RasVersion> {
  const r = new Reader(body);
  const label = text(body, 'label');
  if (!label) r.fail('label', 'Enter a name for the version');
  else if (label.length > 200) r.fail('label', 'The name must be 200 characters or fewer');
  const effectiveFrom = dateFromParts(
    body['effectiveFrom-day'],
    body['effectiveFrom-month'],
    body['effectiveFrom-year'],
  );
  const dateProblem = effectiveFrom
    ? plainDateProblem('The date it takes effect', effectiveFrom)
    : 'Enter the date it takes effect';
  if (dateProblem) r.fail('effectiveFrom-day', dateProblem);
  const bands = readBands<PriceBand>(r, body, 'band', 'price', 'price', (fromPoints, toPoints, pencePerPoint) => ({
    fromPoints,
    toPoints,
    pencePerPoint,
  }));
  const carerBands = readBands<CarerBand>(
    r,
    body,
    'carer',
    "carer's",
    'amount',
    (fromPoints, toPoints, weeklyPence) => ({ fromPoints, toPoints, weeklyPence }),
  );
  const floor = r.pence('floor', 'The least weekly budget');
  const ceiling = r.pence('ceiling', 'The most weekly budget');
  const networkReductionPercent = readNetwork(r, draft);
  const domains = readPoints(r, draft);
  if (r.errors.length) return { ok: false, errors: r.errors };
  const version: RasVersion = {
    ...draft,
    label,
    effectiveFrom,
    domains,
    bands,
    floorWeeklyPence: floor!,
    ceilingWeeklyPence: ceiling!,
    networkReductionPercent,
    carer: { domainKey: draft.carer.domainKey, bands: carerBands },
  };
  const problems = validateRasVersion(version);
  return problems.length
    ? { ok: false, errors: problems.map((p) => ({ text: p, href: '#form' })) }
    : { ok: true, value: version };
}

/** A version as the form's values, with one blank row for a new price band and one for a carer's band. */
export function versionFormValues(v: RasVersion): Body {
  const values: Body = {
    label: v.label,
    floor: penceToPounds(v.floorWeeklyPence),
    ceiling: penceToPounds(v.ceilingWeeklyPence),
  };
  const date = partsFromDate(v.effectiveFrom);
  Object.assign(values, {
    'effectiveFrom-day': date.day,
    'effectiveFrom-month': date.month,
    'effectiveFrom-year': date.year,
  });
  const rows = <B extends { fromPoints: number; toPoints: number | null }>(
    prefix: string,
    money: string,
    bands: readonly B[],
    pence: (b: B) => number,
  ) => {
    [...bands, null].forEach((b, n) => {
      values[`${prefix}-${n}-from`] = b ? String(b.fromPoints) : '';
      values[`${prefix}-${n}-to`] = b && b.toPoints !== null ? String(b.toPoints) : '';
      values[`${prefix}-${n}-${money}`] = b ? penceToPounds(pence(b)) : '';
    });
  };
  rows('band', 'price', v.bands, (b) => b.pencePerPoint);
  rows('carer', 'amount', v.carer.bands, (b) => b.weeklyPence);
  for (const [key, percent] of Object.entries(v.networkReductionPercent)) values[`network-${key}`] = String(percent);
  for (const q of v.domains.flatMap((d) => d.questions))
    for (const a of q.answers) values[`points-${q.key}-${a.key}`] = String(a.points);
  return values;
}

/** How many band rows the form shows: what was posted or saved (with its blank row). */
export const bandRows = (values: Body, prefix: string) =>
  Array.from({ length: countRows(values, prefix) }, (_, n) => n);
