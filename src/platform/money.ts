import { z } from 'zod';

/**
 * Money is held as integer pence. Amounts typed in pounds are parsed as text, digit by digit, never
 * through a float: 0.1 + 0.2 is not 0.3, and "12.50" must become exactly 1250.
 */
export type PenceResult = { ok: true; pence: number } | { ok: false; error: string };

/** Largest amount accepted: £10 million, far above any care cost and well inside safe integers. */
const MAX_PENCE = 1_000_000_000;

/**
 * '12.50' → 1250, '£1,234.5' → 123450, '7' → 700. Refuses negatives, more than 2 decimal places and
 * anything that is not a number, with a GOV.UK-style message naming the field.
 */
export function parsePoundsToPence(input: string, label = 'Amount'): PenceResult {
  const text = input
    .trim()
    .replace(/^£/, '')
    .replace(/,(?=\d{3}(\D|$))/g, '')
    .trim();
  if (text === '') return { ok: false, error: `Enter ${label.toLowerCase()}` };
  if (/^-/.test(text)) return { ok: false, error: `${label} must be £0 or more` };
  const match = /^(\d+)(?:\.(\d*))?$/.exec(text);
  if (!match) return { ok: false, error: `${label} must be an amount in pounds, like 12.50` };
  const whole = match[1]!;
  const fraction = match[2] ?? '';
  if (fraction.length > 2) return { ok: false, error: `${label} must not have more than 2 decimal places, like 12.50` };
  if (whole.replace(/^0+/, '').length > 8) return { ok: false, error: `${label} must be £10,000,000 or less` };
  const pence = Number(whole) * 100 + Number(fraction.padEnd(2, '0'));
  if (pence > MAX_PENCE) return { ok: false, error: `${label} must be £10,000,000 or less` };
  return { ok: true, pence };
}

/** 1250 → '12.50', for putting a stored amount back into a form. */
export function penceToPounds(pence: number): string {
  const sign = pence < 0 ? '-' : '';
  const abs = Math.abs(pence);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

/** An optional amount in pounds from a form: '' → null, otherwise integer pence or a field error. */
export function optionalPoundsSchema(label: string) {
  return z.preprocess(
    (v) => (v === undefined || v === null ? '' : String(v)),
    z.string().transform((v, ctx) => {
      if (v.trim() === '') return null;
      const result = parsePoundsToPence(v, label);
      if (!result.ok) {
        ctx.addIssue({ code: 'custom', message: result.error });
        return z.NEVER;
      }
      return result.pence;
    }),
  );
}

/**
 * 123456 → '£1,234.56', the way pages show an amount (GOV.UK style: pence always shown, thousands
 * separated). Negative amounts get a leading minus, '-£84.00'. Digits come from integer arithmetic.
 */
export function formatPounds(pence: number): string {
  if (!Number.isSafeInteger(pence)) throw new RangeError(`Not a whole number of pence: ${pence}`);
  const sign = pence < 0 ? '-' : '';
  const abs = Math.abs(pence);
  const pounds = String(Math.floor(abs / 100)).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${sign}£${pounds}.${String(abs % 100).padStart(2, '0')}`;
}
