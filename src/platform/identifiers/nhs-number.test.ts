import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import {
  NHS_NUMBER_CHECK_ERROR,
  NHS_NUMBER_FORMAT_ERROR,
  NHS_NUMBER_REQUIRED_ERROR,
  formatNhsNumber,
  isValidNhsNumber,
  nhsNumberCheckDigit,
  nhsNumberSchema,
  normaliseNhsNumber,
} from './nhs-number.js';

describe('isValidNhsNumber', () => {
  // 9434765919 and 9000000009 are example/test numbers published in NHS England API documentation;
  // the others were worked out with the same arithmetic (9434765919 is also worked by hand below).
  it.each(['9434765919', '9000000009', '4010232137', '9449305552', '9990000018'])('accepts %s', (nhs) => {
    expect(isValidNhsNumber(nhs)).toBe(true);
  });

  it('works the 9434765919 example by hand', () => {
    // 9×10 + 4×9 + 3×8 + 4×7 + 7×6 + 6×5 + 5×4 + 9×3 + 1×2 = 299; 299 mod 11 = 2; 11 − 2 = 9.
    expect(nhsNumberCheckDigit('943476591')).toBe(9);
  });

  it('accepts spaces and hyphens', () => {
    expect(isValidNhsNumber('943 476 5919')).toBe(true);
    expect(isValidNhsNumber('943-476-5919')).toBe(true);
    expect(isValidNhsNumber(' 943\u00a0476\u20135919 ')).toBe(true);
  });

  it('rejects a wrong check digit', () => {
    expect(isValidNhsNumber('9434765918')).toBe(false);
    // The GOV.UK/NHS format hint "485 777 3456" is only a format example: its check digit would be 7.
    expect(isValidNhsNumber('4857773456')).toBe(false);
    expect(nhsNumberCheckDigit('485777345')).toBe(7);
  });

  it('rejects nine digits whose check digit would be 10', () => {
    // 1×10 + 1×2 = 12; 12 mod 11 = 1; 11 − 1 = 10: no valid number starts 100000001.
    expect(nhsNumberCheckDigit('100000001')).toBeNull();
    for (let d = 0; d <= 9; d++) expect(isValidNhsNumber(`100000001${d}`)).toBe(false);
  });

  it('maps a check value of 11 to 0', () => {
    // 9×10 + 8×9 + 7×8 + 6×7 + 5×6 + 4×5 + 3×4 + 2×3 + 1×2 = 330 = 30 × 11.
    expect(nhsNumberCheckDigit('987654321')).toBe(0);
    expect(isValidNhsNumber('9876543210')).toBe(true);
  });

  it('rejects one digit repeated even though each passes modulus 11', () => {
    for (let d = 0; d <= 9; d++) {
      const nhs = String(d).repeat(10);
      expect(nhsNumberCheckDigit(nhs.slice(0, 9))).toBe(d);
      expect(isValidNhsNumber(nhs)).toBe(false);
    }
  });

  it('rejects the wrong length and non-digits', () => {
    for (const bad of ['', '943476591', '94347659190', '943476591X', 'abcdefghij', '９４３４７６５９１９']) {
      expect(isValidNhsNumber(bad)).toBe(false);
    }
  });

  it('property: of the ten possible last digits, exactly the computed check digit is valid', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 9 }), { minLength: 9, maxLength: 9 }), (digits) => {
        const firstNine = digits.join('');
        const check = nhsNumberCheckDigit(firstNine);
        const allSame = digits.every((d) => d === digits[0]);
        const valid = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9].filter((d) => isValidNhsNumber(`${firstNine}${d}`));
        expect(valid).toEqual(check === null || allSame ? [] : [check]);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('normaliseNhsNumber and formatNhsNumber', () => {
  it('normalises', () => {
    expect(normaliseNhsNumber(' 943 476-5919 ')).toBe('9434765919');
    expect(normaliseNhsNumber('943.476.5919')).toBe('943.476.5919');
  });

  it('formats as 3-3-4', () => {
    expect(formatNhsNumber('9434765919')).toBe('943 476 5919');
    expect(formatNhsNumber('943-476-5919')).toBe('943 476 5919');
    expect(formatNhsNumber(' 12345 ')).toBe('12345');
  });
});

describe('nhsNumberSchema', () => {
  const messageFor = (input: unknown) => nhsNumberSchema.safeParse(input).error?.issues.map((i) => i.message);

  it('returns the normalised number', () => {
    expect(nhsNumberSchema.parse('  943 476 5919 ')).toBe('9434765919');
  });

  it('asks for a number when empty', () => {
    expect(messageFor('')).toEqual([NHS_NUMBER_REQUIRED_ERROR]);
    expect(messageFor('   ')).toEqual([NHS_NUMBER_REQUIRED_ERROR]);
    expect(messageFor(undefined)).toEqual([NHS_NUMBER_REQUIRED_ERROR]);
  });

  it('gives the format error when it is not ten digits', () => {
    expect(messageFor('943 476 591')).toEqual(['Enter an NHS number in the correct format, like 485 777 3456']);
    expect(messageFor('943476591X')).toEqual([NHS_NUMBER_FORMAT_ERROR]);
  });

  it('gives the check-digit error when the digits do not add up', () => {
    expect(messageFor('943 476 5918')).toEqual(['Enter a valid NHS number – check the digits']);
    expect(messageFor('1111111111')).toEqual([NHS_NUMBER_CHECK_ERROR]);
  });
});
