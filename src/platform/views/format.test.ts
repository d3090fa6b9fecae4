import { readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatDate, formatDateTime, formatTime } from './format.js';

describe('formatDate', () => {
  it('writes a plain date the GOV.UK way, without shifting the day', () => {
    expect(formatDate('2026-09-09')).toBe('9 September 2026');
    expect(formatDate('1944-03-07T00:00:00Z')).toBe('7 March 1944');
    expect(formatDate('')).toBe('');
    expect(formatDate('not a date')).toBe('not a date');
  });
});

describe('formatDateTime', () => {
  it('writes UK local time on the 12-hour clock, GOV.UK style', () => {
    // 9 September is British Summer Time: 17:15 UTC is 6:15pm in London.
    expect(formatDateTime(new Date('2026-09-09T17:15:00Z'))).toBe('9 September 2026 at 6:15pm');
    expect(formatDateTime('2026-01-05T09:05:00Z')).toBe('5 January 2026 at 9:05am');
    expect(formatDateTime('2026-01-05T09:00:00Z')).toBe('5 January 2026 at 9am');
  });

  it('calls the hour after noon 12, not 0 (it read "0:46pm"), and noon midday', () => {
    expect(formatDateTime(new Date('2026-09-09T11:46:00Z'))).toBe('9 September 2026 at 12:46pm');
    expect(formatDateTime(new Date('2026-01-05T12:00:00Z'))).toBe('5 January 2026 at midday');
    expect(formatDateTime(new Date('2026-01-05T11:59:00Z'))).toBe('5 January 2026 at 11:59am');
  });

  it('calls the hour after midnight 12am, on the new day', () => {
    expect(formatDateTime(new Date('2026-09-09T23:05:00Z'))).toBe('10 September 2026 at 12:05am');
    expect(formatDateTime(new Date('2026-01-05T00:00:00Z'))).toBe('5 January 2026 at midnight');
    expect(formatDateTime(new Date('2026-01-04T23:59:00Z'))).toBe('4 January 2026 at 11:59pm');
  });

  it('follows the clocks changing, to the minute', () => {
    expect(formatDateTime(new Date('2026-03-29T00:59:00Z'))).toBe('29 March 2026 at 12:59am');
    expect(formatDateTime(new Date('2026-03-29T01:00:00Z'))).toBe('29 March 2026 at 2am');
    expect(formatDateTime(new Date('2026-10-25T00:59:00Z'))).toBe('25 October 2026 at 1:59am');
    expect(formatDateTime(new Date('2026-10-25T01:00:00Z'))).toBe('25 October 2026 at 1am');
    expect(formatDateTime(new Date('1999-12-31T23:59:59Z'))).toBe('31 December 1999 at 11:59pm');
  });

  it('leaves nothing and nonsense as they were', () => {
    expect(formatDateTime(null)).toBe('');
    expect(formatDateTime('soon')).toBe('soon');
  });
});

describe('formatTime, the one time formatter', () => {
  it('writes a timestamp in UK local time round noon and midnight', () => {
    expect(formatTime(new Date('2026-09-09T11:46:00Z'))).toBe('12:46pm');
    expect(formatTime(new Date('2026-09-09T11:00:00Z'))).toBe('midday');
    expect(formatTime(new Date('2026-09-09T23:00:00Z'))).toBe('midnight');
    expect(formatTime(new Date('2026-09-09T23:01:00Z'))).toBe('12:01am');
    expect(formatTime(new Date('2026-01-05T12:59:00Z'))).toBe('12:59pm');
    expect(formatTime(new Date('2026-01-05T13:00:00Z'))).toBe('1pm');
  });

  it('writes a plain time of day as written, with no zone to shift it', () => {
    expect(formatTime('00:00:00')).toBe('midnight');
    expect(formatTime('00:30')).toBe('12:30am');
    expect(formatTime('09:30:00')).toBe('9:30am');
    expect(formatTime('12:00:00')).toBe('midday');
    expect(formatTime('12:46')).toBe('12:46pm');
    expect(formatTime('17:00')).toBe('5pm');
    expect(formatTime('23:59')).toBe('11:59pm');
  });

  it('leaves nothing and nonsense as they were', () => {
    expect(formatTime(undefined)).toBe('');
    expect(formatTime('teatime')).toBe('teatime');
  });
});

describe('one time formatter', () => {
  /**
   * Code that still writes times of day its own way, waiting to call formatTime. This list may only
   * shrink: information/schedules.ts's timeInWords is to become `formatTime(time)`.
   */
  const NOT_YET_MOVED: string[] = [];
  const SHOWS_NO_TIME = [join('platform', 'views', 'format.ts'), join('platform', 'london-clock.ts')];

  it('is the only code that writes a time of day', () => {
    const srcRoot = join(import.meta.dirname, '..', '..');
    const files = (dir: string): string[] =>
      readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
        e.isDirectory() ? files(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : [],
      );
    const own = files(srcRoot)
      .map((path) => relative(srcRoot, path))
      // london-clock.ts reads London's clock (hourCycle) to learn the offset; it writes no time of day.
      .filter((path) => !path.endsWith('.test.ts') && !SHOWS_NO_TIME.includes(path))
      .filter((path) =>
        /hourCycle|hour12|toLocaleTimeString|['"`]pm['"`]|\}pm\b/.test(readFileSync(join(srcRoot, path), 'utf8')),
      );
    expect(own.filter((path) => !NOT_YET_MOVED.includes(path))).toEqual([]);
  });
});
