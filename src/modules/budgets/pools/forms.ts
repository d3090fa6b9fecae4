import type { FieldError } from '../../../platform/http/errors.js';
import { ValidationError } from '../../../platform/http/errors.js';
import { parsePoundsToPence } from '../../../platform/money.js';
import { dateFromParts, plainDateProblem } from '../../../platform/dates.js';
import { formatDate } from '../../../platform/views/format.js';
import { canonicalId } from '../../../platform/http/ids.js';

/**
 * The pools' forms, checked field by field with GOV.UK messages. Pure: what may be chosen (members,
 * signatories) is passed in, and anything not among the choices is refused as not chosen.
 */
export type Body = Record<string, unknown>;

const text = (body: Body, name: string) => (typeof body[name] === 'string' ? (body[name] as string).trim() : '');

/** Values of a field that may be posted once or many times (checkboxes). */
export function many(body: Body, name: string): string[] {
  const value = body[name];
  const values = Array.isArray(value) ? value : value === undefined ? [] : [value];
  return values.filter((v): v is string => typeof v === 'string');
}

function finish<T>(errors: FieldError[], value: T): T {
  if (errors.length) throw new ValidationError(errors);
  return value;
}

function requiredText(errors: FieldError[], body: Body, name: string, label: string, max: number): string {
  const value = text(body, name);
  if (!value) errors.push({ text: `Enter ${label}`, href: `#${name}` });
  else if (value.length > max)
    errors.push({ text: `${capitalise(label)} must be ${max} characters or fewer`, href: `#${name}` });
  return value;
}

const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** A date from the GOV.UK date input `<name>-day/-month/-year`, not after today. */
function pastDate(errors: FieldError[], body: Body, name: string, label: string, today: string): string {
  const value = dateFromParts(body[`${name}-day`], body[`${name}-month`], body[`${name}-year`]);
  const problem = value ? plainDateProblem(capitalise(label), value) : `Enter ${label}`;
  if (problem) errors.push({ text: problem, href: `#${name}-day` });
  else if (value > today)
    errors.push({ text: `${capitalise(label)} must be today or in the past`, href: `#${name}-day` });
  return value;
}

function amount(errors: FieldError[], body: Body, name: string, label: string): number {
  const parsed = parsePoundsToPence(text(body, name), label);
  if (!parsed.ok) errors.push({ text: parsed.error, href: `#${name}` });
  else if (parsed.pence === 0) errors.push({ text: `${label} must be more than £0`, href: `#${name}` });
  return parsed.ok ? parsed.pence : 0;
}

/** One of the offered ids, or a field error. */
function chosen(errors: FieldError[], body: Body, name: string, offered: ReadonlySet<string>, message: string) {
  const id = canonicalId(text(body, name));
  if (!id || !offered.has(id)) errors.push({ text: message, href: `#${name}` });
  return id ?? '';
}

export interface NewPool {
  name: string;
  purpose: string;
  signatories: [string, string, string];
}

/** A pool: its name, purpose and exactly three named signatories, three different people. */
export function parseNewPool(body: Body): NewPool {
  const errors: FieldError[] = [];
  const name = requiredText(errors, body, 'name', 'the pool’s name', 200);
  const purpose = requiredText(errors, body, 'purpose', 'what the pool is for', 2000);
  const labels = ['first', 'second', 'third'];
  const signatories = [1, 2, 3].map((n) =>
    requiredText(errors, body, `signatory${n}`, `the ${labels[n - 1]} signatory’s name`, 200),
  ) as [string, string, string];
  signatories.forEach((s, i) => {
    if (s && signatories.slice(0, i).some((other) => other.toLowerCase() === s.toLowerCase()))
      errors.push({ text: 'The three signatories must be three different people', href: `#signatory${i + 1}` });
  });
  return finish(errors, { name, purpose, signatories });
}

/**
 * A new signatory in place of one standing down, from a date: a name not already among the pool's
 * signatories (the one leaving included), and a day not in the future and after the last approval the
 * one leaving gave (their approvals must stay theirs).
 */
export function parseReplacement(
  body: Body,
  rules: { today: string; currentNames: readonly string[]; leaving: string; lastApprovedOn: string | null },
) {
  const errors: FieldError[] = [];
  const name = requiredText(errors, body, 'name', 'the new signatory’s name', 200);
  if (name && rules.currentNames.some((n) => n.toLowerCase() === name.toLowerCase()))
    errors.push({ text: `${name} is already a signatory of this pool: enter someone else`, href: '#name' });
  const from = pastDate(errors, body, 'from', 'the date the new signatory takes over', rules.today);
  if (from && rules.lastApprovedOn && from <= rules.lastApprovedOn)
    errors.push({
      text: `${rules.leaving} approved an expense on ${formatDate(rules.lastApprovedOn)}: the new signatory must take over after that`,
      href: '#from-day',
    });
  return finish(errors, { name, from });
}

export function parseMember(body: Body, offeredPartIds: ReadonlySet<string>, today: string) {
  const errors: FieldError[] = [];
  const partId = chosen(errors, body, 'partId', offeredPartIds, 'Select whose pool budget joins the pool');
  const joinedOn = pastDate(errors, body, 'joinedOn', 'the date they joined', today);
  return finish(errors, { partId, joinedOn });
}

/**
 * The form's own reference, made when it was opened (a hidden field): the same form sent twice (a
 * double click, a retry) moves the money once, because it is the journal's idempotency key.
 */
export function submissionOf(errors: FieldError[], body: Body): string {
  const id = canonicalId(text(body, 'submission'));
  if (!id) errors.push({ text: 'Open the form again: it was missing its reference', href: '#form' });
  return id ?? '';
}

export function parseContribution(body: Body, memberIds: ReadonlySet<string>, today: string) {
  const errors: FieldError[] = [];
  const submission = submissionOf(errors, body);
  const memberId = chosen(errors, body, 'memberId', memberIds, 'Select the member who is paying in');
  const amountPence = amount(errors, body, 'amount', 'The contribution');
  const contributedOn = pastDate(errors, body, 'contributedOn', 'the date it was paid in', today);
  return finish(errors, { submission, memberId, amountPence, contributedOn });
}

/** The field value for "someone who is not a signatory asked for it". */
export const SOMEONE_ELSE = 'someone-else';

export interface ExpenseRequest {
  amountPence: number;
  description: string;
  spentOn: string;
  memberIds: string[];
  /** The signatory who asked for it, or null with the name of whoever did. */
  requestedBySignatoryId: string | null;
  requesterName: string;
}

export function parseExpense(
  body: Body,
  memberIds: ReadonlySet<string>,
  signatories: ReadonlyMap<string, string>,
  today: string,
): ExpenseRequest {
  const errors: FieldError[] = [];
  const amountPence = amount(errors, body, 'amount', 'The amount');
  const description = requiredText(errors, body, 'description', 'what it was for', 500);
  const spentOn = pastDate(errors, body, 'spentOn', 'the date of the activity', today);
  const picked = [...new Set(many(body, 'members').map((m) => canonicalId(m)))];
  if (picked.length === 0 || picked.some((id) => !id || !memberIds.has(id)))
    errors.push({ text: 'Select the members who took part', href: '#members' });
  const requestedBy = text(body, 'requestedBy');
  const signatoryId = canonicalId(requestedBy);
  let requesterName = '';
  if (requestedBy === SOMEONE_ELSE)
    requesterName = requiredText(errors, body, 'requesterName', 'the name of who asked for it', 200);
  else if (signatoryId && signatories.has(signatoryId)) requesterName = signatories.get(signatoryId)!;
  else errors.push({ text: 'Select who asked for it', href: '#requestedBy' });
  return finish(errors, {
    amountPence,
    description,
    spentOn,
    memberIds: picked as string[],
    requestedBySignatoryId: requestedBy === SOMEONE_ELSE ? null : signatoryId,
    requesterName,
  });
}

export function parseApproval(body: Body, signatoryIds: ReadonlySet<string>, today: string) {
  const errors: FieldError[] = [];
  const signatoryId = chosen(errors, body, 'signatoryId', signatoryIds, 'Select the signatory who approved it');
  const approvedOn = pastDate(errors, body, 'approvedOn', 'the date they approved it', today);
  return finish(errors, { signatoryId, approvedOn });
}
