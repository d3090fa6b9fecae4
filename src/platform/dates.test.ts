import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { ageOn, dateFromParts, parsePlainDate, partsFromDate, plainDateSchema } from './dates.js';
import { Temporal } from 'temporal-polyfill';

describe('plain dates', () => {
  it('accepts real dates and rejects impossible ones', () => {
    expect(parsePlainDate('2024-02-29')?.toString()).toBe('2024-02-29');
    expect(parsePlainDate('2023-02-29')).toBeNull();
    expect(parsePlainDate('2023-06-31')).toBeNull();
    expect(parsePlainDate('1944-9-2')).toBeNull();
  });

  it('joins the three GOV.UK date boxes, keeping bad input for validation to explain', () => {
    expect(dateFromParts('2', '9', '1944')).toBe('1944-09-02');
    expect(dateFromParts('', '', '')).toBe('');
    expect(dateFromParts('x', '9', '1944')).toMatch(/^invalid:/);
  });

  it('round-trips any real date through the date boxes', () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date('1900-01-01T00:00:00Z'), max: new Date('2100-12-31T00:00:00Z'), noInvalidDate: true }),
        (d) => {
          const iso = d.toISOString().slice(0, 10);
          const p = partsFromDate(iso);
          expect(dateFromParts(p.day, p.month, p.year)).toBe(iso);
        },
      ),
    );
  });

  it('gives GOV.UK messages', () => {
    const schema = plainDateSchema('Date of birth', { notFuture: true });
    expect(schema.safeParse('').error?.issues[0]?.message).toBe('Enter date of birth');
    expect(schema.safeParse('2023-02-30').error?.issues[0]?.message).toBe('Date of birth must be a real date');
    expect(schema.safeParse('2999-01-01').error?.issues[0]?.message).toBe('Date of birth must be today or in the past');
    expect(schema.safeParse('1944-09-02').success).toBe(true);
  });

  it('refuses years the database cannot hold or no living person was born in, with a useful message', () => {
    const schema = plainDateSchema('Date of birth', { notFuture: true });
    expect(schema.safeParse('0000-01-01').error?.issues.map((i) => i.message)).toEqual([
      'Date of birth must be in 1850 or later',
    ]);
    expect(schema.safeParse('1849-12-31').error?.issues[0]?.message).toBe('Date of birth must be in 1850 or later');
    expect(schema.safeParse('1850-01-01').success).toBe(true);
    expect(parsePlainDate('0000-01-01')).toBeNull();
    expect(parsePlainDate('0001-01-01')).toBeNull();
  });

  it('counts age as a birthday does, including 29 February', () => {
    expect(ageOn('1944-09-02', Temporal.PlainDate.from('2026-09-01'))).toBe(81);
    expect(ageOn('1944-09-02', Temporal.PlainDate.from('2026-09-02'))).toBe(82);
    expect(ageOn('2000-02-29', Temporal.PlainDate.from('2025-02-28'))).toBe(24);
  });
});
