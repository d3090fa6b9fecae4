import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { formatPounds, optionalPoundsSchema, parsePoundsToPence, penceToPounds } from './money.js';

describe('parsePoundsToPence', () => {
  it.each([
    ['12.50', 1250],
    ['12.5', 1250],
    ['12', 1200],
    ['0', 0],
    ['0.01', 1],
    ['0.1', 10],
    ['£7.99', 799],
    [' 1,234.56 ', 123456],
    ['1,000,000', 100_000_000],
    ['12.', 1200],
    ['0.29', 29],
    ['1.15', 115],
    ['4.35', 435],
  ])('%s is %i pence', (input, pence) => {
    expect(parsePoundsToPence(input)).toEqual({ ok: true, pence });
  });

  it('refuses more than 2 decimal places', () => {
    expect(parsePoundsToPence('12.505', 'Cost')).toEqual({
      ok: false,
      error: 'Cost must not have more than 2 decimal places, like 12.50',
    });
  });

  it('refuses negatives', () => {
    expect(parsePoundsToPence('-3.00', 'Cost')).toEqual({ ok: false, error: 'Cost must be £0 or more' });
  });

  it.each(['abc', '12,5', '1e3', '0x10', '12.5.0', '.5', '£', 'NaN', 'Infinity', '12 50'])(
    'refuses %s as not a number',
    (input) => {
      const result = parsePoundsToPence(input, 'Cost');
      expect(result.ok).toBe(false);
    },
  );

  it('refuses an empty amount and absurdly large ones', () => {
    expect(parsePoundsToPence('  ', 'Cost')).toEqual({ ok: false, error: 'Enter cost' });
    expect(parsePoundsToPence('10000000.01', 'Cost').ok).toBe(false);
    expect(parsePoundsToPence('99999999999999999999', 'Cost').ok).toBe(false);
    expect(parsePoundsToPence('10000000', 'Cost')).toEqual({ ok: true, pence: 1_000_000_000 });
  });

  it('round-trips every amount exactly (no floating point)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1_000_000_000 }), (pence) => {
        expect(parsePoundsToPence(penceToPounds(pence))).toEqual({ ok: true, pence });
      }),
    );
  });
});

describe('optionalPoundsSchema', () => {
  const schema = optionalPoundsSchema('Cost');
  it('turns blank into null and pounds into pence', () => {
    expect(schema.parse('')).toBeNull();
    expect(schema.parse(undefined)).toBeNull();
    expect(schema.parse('19.99')).toBe(1999);
  });
  it('reports the parse error as the issue message', () => {
    const result = schema.safeParse('1.999');
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toBe('Cost must not have more than 2 decimal places, like 12.50');
  });
});

describe('formatPounds', () => {
  it.each([
    [0, '£0.00'],
    [5, '£0.05'],
    [8400, '£84.00'],
    [64168, '£641.68'],
    [123456, '£1,234.56'],
    [100_000_000, '£1,000,000.00'],
    [-8400, '-£84.00'],
  ])('%i pence is %s', (pence, text) => {
    expect(formatPounds(pence)).toBe(text);
  });

  it('refuses fractions of a penny rather than hide them', () => {
    expect(() => formatPounds(12.5)).toThrow(RangeError);
  });

  it('round-trips through the pounds parser', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1_000_000_000 }), (pence) => {
        expect(parsePoundsToPence(formatPounds(pence))).toEqual({ ok: true, pence });
      }),
    );
  });
});
