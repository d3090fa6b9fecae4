import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { ageOn, dateFromParts, parsePlainDate, partsFromDate, plainDateSchema, todayInLondon } from './dates.js';
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

describe('ageOn and todayInLondon, by sums', () => {
  const day = fc.integer({ min: 0, max: 60_000 }).map((n) => Temporal.PlainDate.from('1900-01-01').add({ days: n }));

  it('counts the years exactly as Temporal does, 29 February birthdays included', () => {
    fc.assert(
      fc.property(day, day, (dob, on) => {
        expect(ageOn(dob.toString(), on)).toBe(dob.until(on, { largestUnit: 'years' }).years);
      }),
      { numRuns: 2000 },
    );
    const leapling = '2000-02-29';
    expect(ageOn(leapling, Temporal.PlainDate.from('2001-02-28'))).toBe(0);
    expect(ageOn(leapling, Temporal.PlainDate.from('2001-03-01'))).toBe(1);
  });

  it("gives London's date, through both clock changes", () => {
    const instant = fc.integer({ min: Date.UTC(2020, 0, 1), max: Date.UTC(2030, 0, 1) }).map((ms) => new Date(ms));
    fc.assert(
      fc.property(instant, (at) => {
        const expected = Temporal.Instant.fromEpochMilliseconds(at.getTime())
          .toZonedDateTimeISO('Europe/London')
          .toPlainDate();
        expect(todayInLondon(at).toString()).toBe(expected.toString());
      }),
      { numRuns: 2000 },
    );
    expect(todayInLondon(new Date('2026-06-30T23:30:00Z')).toString()).toBe('2026-07-01');
    expect(todayInLondon(new Date('2026-12-31T23:30:00Z')).toString()).toBe('2026-12-31');
  });
});
