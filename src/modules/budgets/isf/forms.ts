import { ValidationError, type FieldError } from '../../../platform/http/errors.js';
import { parsePoundsToPence } from '../../../platform/money.js';
import { dateFromParts, plainDateProblem } from '../../../platform/dates.js';
import { canonicalId } from '../../../platform/http/ids.js';

export type Body = Record<string, unknown>;

const text = (body: Body, name: string) => (typeof body[name] === 'string' ? (body[name] as string).trim() : '');

export interface Delivery {
  /** The form's own reference, made when it was opened: sent twice, it is spent once (the journal's idempotency key). */
  submission: string;
  deliveredOn: string;
  what: string;
  /** Optional: some support is bought by the session, not the hour. */
  hours: number | null;
  costPence: number;
}

/** What was delivered: the day (not in the future), what, hours (optional, to the quarter or so) and cost. */
export function parseDelivery(body: Body, today: string): Delivery {
  const errors: FieldError[] = [];
  const submission = canonicalId(text(body, 'submission'));
  if (!submission) errors.push({ text: 'Open the form again: it was missing its reference', href: '#form' });
  const deliveredOn = dateFromParts(body['deliveredOn-day'], body['deliveredOn-month'], body['deliveredOn-year']);
  const problem = deliveredOn
    ? plainDateProblem('The date it was delivered', deliveredOn)
    : 'Enter the date it was delivered';
  if (problem) errors.push({ text: problem, href: '#deliveredOn-day' });
  else if (deliveredOn > today)
    errors.push({ text: 'The date it was delivered must be today or in the past', href: '#deliveredOn-day' });
  const what = text(body, 'what');
  if (!what) errors.push({ text: 'Enter what was delivered', href: '#what' });
  else if (what.length > 480)
    errors.push({ text: 'What was delivered must be 480 characters or fewer', href: '#what' });
  const hoursText = text(body, 'hours');
  let hours: number | null = null;
  if (hoursText) {
    if (!/^\d{1,4}(\.\d{1,2})?$/.test(hoursText) || Number(hoursText) === 0)
      errors.push({ text: 'Hours must be a number more than 0, like 2 or 1.5', href: '#hours' });
    else hours = Number(hoursText);
  }
  const cost = parsePoundsToPence(text(body, 'cost'), 'The cost');
  if (!cost.ok) errors.push({ text: cost.error, href: '#cost' });
  else if (cost.pence === 0) errors.push({ text: 'The cost must be more than £0', href: '#cost' });
  if (errors.length) throw new ValidationError(errors);
  return { submission: submission!, deliveredOn, what, hours, costPence: cost.ok ? cost.pence : 0 };
}
