import type { FieldError } from '../../platform/http/errors.js';
import { parsePoundsToPence } from '../../platform/money.js';
import { dateFromParts, plainDateProblem } from '../../platform/dates.js';
import type { RasAnswers, RasVersion } from './ras-types.js';

/**
 * The budget's forms: what was posted, checked field by field with GOV.UK messages. Pure: nothing
 * here reads the database. Field names: `q-<question key>` for an answer, `network-<domain key>` for
 * "the person's network meets this need".
 */
export type Body = Record<string, unknown>;
export type Parsed<T> = { ok: true; value: T } | { ok: false; errors: FieldError[] };

const MAX_TEXT = 2000;
const text = (body: Body, name: string) => (typeof body[name] === 'string' ? (body[name] as string).trim() : '');
const done = <T>(errors: FieldError[], value: T): Parsed<T> =>
  errors.length ? { ok: false, errors } : { ok: true, value };

/** The version the form was opened on (a hidden field), or null when it is missing or not a number. */
export function openedVersion(body: Body): number | null {
  const value = text(body, 'version');
  return /^\d{1,6}$/.test(value) ? Number(value) : null;
}

/** Every question answered from its own list; the network boxes only for domains it can reduce. */
export function parseAnswers(version: RasVersion, body: Body): Parsed<RasAnswers> {
  const errors: FieldError[] = [];
  const answers: Record<string, string> = {};
  for (const question of version.domains.flatMap((d) => d.questions)) {
    const chosen = text(body, `q-${question.key}`);
    if (!question.answers.some((a) => a.key === chosen)) {
      errors.push({ text: `Select an answer for ‘${question.text}’`, href: `#q-${question.key}` });
    } else answers[question.key] = chosen;
  }
  const networkMeetsNeed = version.domains
    .filter((d) => d.key !== version.carer.domainKey && text(body, `network-${d.key}`) === 'yes')
    .map((d) => d.key);
  return done(errors, { answers, networkMeetsNeed });
}

export interface Proposal {
  agreedWeeklyPence: number;
  reason: string | null;
}

/** An agreed weekly amount; a reason is required when it is not the indicative amount. */
export function parseProposal(body: Body, indicativeWeeklyPence: number): Parsed<Proposal> {
  const errors: FieldError[] = [];
  const amount = parsePoundsToPence(text(body, 'amount'), 'The agreed weekly budget');
  if (!amount.ok) errors.push({ text: amount.error, href: '#amount' });
  const reason = text(body, 'reason');
  if (reason.length > MAX_TEXT)
    errors.push({ text: `The reason must be ${MAX_TEXT} characters or fewer`, href: '#reason' });
  if (amount.ok && amount.pence !== indicativeWeeklyPence && !reason) {
    errors.push({
      text: 'Enter why the agreed budget is different from the indicative budget',
      href: '#reason',
    });
  }
  const pence = amount.ok ? amount.pence : 0;
  return done(errors, { agreedWeeklyPence: pence, reason: reason || null });
}

export interface PanelDecision {
  panelDate: string;
  members: string;
  agreed: boolean;
  /** The weekly amount the panel agreed (when it agreed). */
  agreedWeeklyPence: number | null;
  reason: string | null;
  notes: string;
}

/** The panel's decision: when it sat, who sat, and what it decided (an amount, with a reason if it differs). */
export function parsePanel(body: Body, indicativeWeeklyPence: number, today: string): Parsed<PanelDecision> {
  const errors: FieldError[] = [];
  const panelDate = dateFromParts(body['panelDate-day'], body['panelDate-month'], body['panelDate-year']);
  const dateProblem = panelDate
    ? plainDateProblem('The date the panel sat', panelDate)
    : 'Enter the date the panel sat';
  if (dateProblem) errors.push({ text: dateProblem, href: '#panelDate-day' });
  else if (panelDate > today)
    errors.push({ text: 'The date the panel sat must be today or in the past', href: '#panelDate-day' });
  const members = text(body, 'members');
  if (!members) errors.push({ text: 'Enter who sat on the panel', href: '#members' });
  const notes = text(body, 'notes');
  for (const [field, value] of [
    ['members', members],
    ['notes', notes],
  ] as const) {
    if (value.length > MAX_TEXT)
      errors.push({ text: `This must be ${MAX_TEXT} characters or fewer`, href: `#${field}` });
  }
  const decision = text(body, 'decision');
  if (decision !== 'agreed' && decision !== 'not_agreed')
    errors.push({ text: 'Select what the panel decided', href: '#decision' });
  let agreedWeeklyPence: number | null = null;
  let reason: string | null = null;
  if (decision === 'agreed') {
    const proposal = parseProposal(body, indicativeWeeklyPence);
    if (!proposal.ok) errors.push(...proposal.errors);
    else ({ agreedWeeklyPence, reason } = proposal.value);
  }
  return done(errors, { panelDate, members, agreed: decision === 'agreed', agreedWeeklyPence, reason, notes });
}
