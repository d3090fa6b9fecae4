/**
 * NHS number handling: normalising what people type, the NHS Data Dictionary modulus 11 check, display
 * format, and a zod schema with GOV.UK / NHS service manual error messages.
 *
 * Why the check matters here: the NHS number is the main person identifier in the CLD return (traced
 * centrally against PDS), so a mistyped number silently splits one person into two in SALT/ASCOF counts.
 */
import { z } from 'zod';

export const NHS_NUMBER_REQUIRED_ERROR = 'Enter an NHS number';
export const NHS_NUMBER_FORMAT_ERROR = 'Enter an NHS number in the correct format, like 485 777 3456';
export const NHS_NUMBER_CHECK_ERROR = 'Enter a valid NHS number – check the digits';

// Whitespace of any kind (people paste from letters and PDFs with non-breaking spaces) and the hyphen
// family (‐ ‑ ‒ – — as well as -), which word processors substitute for a typed hyphen.
const SEPARATORS = /[\s\-\u2010-\u2015]/gu;
const TEN_DIGITS = /^\d{10}$/;
// 0000000000 … 9999999999 all pass modulus 11 (for d repeated, the check digit works out as d), but none
// is ever issued; they are typical placeholder values in source systems.
const ALL_SAME_DIGIT = /^(\d)\1{9}$/;

/** Removes spaces and hyphens: '943 476-5919' → '9434765919'. Other characters are left for validation to reject. */
export function normaliseNhsNumber(input: string): string {
  return input.replace(SEPARATORS, '');
}

/**
 * The modulus 11 check digit for the first nine digits (NHS Data Dictionary): weight the digits 10 down
 * to 2, sum, take the remainder mod 11, subtract from 11; 11 becomes 0; 10 means no valid number can be
 * made from these nine digits, returned as null.
 */
export function nhsNumberCheckDigit(firstNine: string): number | null {
  if (!/^\d{9}$/.test(firstNine)) throw new Error('nhsNumberCheckDigit needs exactly nine digits');
  let sum = 0;
  for (let i = 0; i < 9; i++) sum += Number(firstNine.charAt(i)) * (10 - i);
  const check = 11 - (sum % 11);
  if (check === 11) return 0;
  return check === 10 ? null : check;
}

/** True when the input (after normalising) is ten digits with a correct check digit and not one digit repeated. */
export function isValidNhsNumber(input: string): boolean {
  const nhs = normaliseNhsNumber(input);
  if (!TEN_DIGITS.test(nhs) || ALL_SAME_DIGIT.test(nhs)) return false;
  const check = nhsNumberCheckDigit(nhs.slice(0, 9));
  return check !== null && check === Number(nhs.charAt(9));
}

/** Display format 3-3-4 with spaces ('943 476 5919'), as NHS services show it; anything else is returned trimmed, unchanged. */
export function formatNhsNumber(nhs: string): string {
  const digits = normaliseNhsNumber(nhs);
  if (!TEN_DIGITS.test(digits)) return nhs.trim();
  return `${digits.slice(0, 3)} ${digits.slice(3, 6)} ${digits.slice(6)}`;
}

/**
 * A required NHS number. Output is the normalised ten digits (store that; format only for display).
 * Errors: empty → 'Enter an NHS number'; not ten digits → format message; fails the check → check message.
 * Normalising removes all whitespace, so it also trims.
 */
export const nhsNumberSchema = z
  .string({ error: NHS_NUMBER_REQUIRED_ERROR })
  .transform(normaliseNhsNumber)
  .pipe(
    z
      .string()
      .min(1, { error: NHS_NUMBER_REQUIRED_ERROR, abort: true })
      .regex(TEN_DIGITS, { error: NHS_NUMBER_FORMAT_ERROR, abort: true })
      .refine(isValidNhsNumber, { error: NHS_NUMBER_CHECK_ERROR }),
  );
